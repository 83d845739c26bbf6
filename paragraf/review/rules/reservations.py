"""Reservations: only by members who took part in the decision at that § (not absent members,
substitutes who did not serve, or members with jäv)."""
from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from paragraf.review.findings import Finding, Rule, Severity, at
from paragraf.review.facts import MeetingFacts

RULE = Rule("reservations", "Reservation", "Kommunallagen (2017:725) 4 kap. 27 §")
_finding = partial(at, RULE)  # at a § of the meeting, with its source lines


def check(facts: MeetingFacts) -> Iterator[Finding]:
    for paragraph in facts.paragraphs:
        for text, people in paragraph.dissents:
            if not people:
                yield _finding(facts, paragraph, Severity.INFO,
                               f"Reservationen vid § {paragraph.number} kan inte prövas: det framgår inte vilka som reserverade sig.")
                continue
            if not facts.has_attendance:
                continue
            serving = {s.person_id for s in facts.serving_at(paragraph)}
            outside = sorted(name for person, name in people if person not in serving)
            if outside:
                yield _finding(facts, paragraph, Severity.ERROR,
                               f"Vid § {paragraph.number} reserverar sig {', '.join(outside)}, som inte deltog i beslutet.")


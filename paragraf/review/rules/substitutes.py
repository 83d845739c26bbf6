"""Substitutes: a substitute serves only for an ordinary member who is absent at that §, never two for one
member, and of the member's party when one of that party was there to serve."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import partial

from paragraf.records.serving import SUBSTITUTE
from paragraf.review.findings import Finding, Rule, Severity, at
from paragraf.review.facts import MeetingFacts

RULE = Rule("substitutes", "Ersättares tjänstgöring", "Kommunallagen (2017:725) 5 kap. 17-21 §§ (fullmäktige), 6 kap. 16-17 §§ (nämnd); arbetsordning och reglemente")
_finding = partial(at, RULE)  # at a § of the meeting, with its source lines


def check(facts: MeetingFacts) -> Iterator[Finding]:
    if not facts.has_attendance:
        return
    for paragraph in facts.paragraphs:
        serving = facts.serving_at(paragraph)
        substitutes = [s for s in serving if s.status == SUBSTITUTE]
        here = {s.person_id for s in serving if s.status != SUBSTITUTE and s.person_id is not None}
        for s in substitutes:
            if s.serves_for_id is not None and s.serves_for_id in here:
                yield _finding(facts, paragraph, Severity.ERROR,
                               f"Vid § {paragraph.number} tjänstgör {s.name} för {s.serves_for}, som själv tjänstgör.")
        twice = [name for name, count in Counter(s.serves_for for s in substitutes if s.serves_for).items() if count > 1]
        for name in twice:
            yield _finding(facts, paragraph, Severity.ERROR, f"Vid § {paragraph.number} tjänstgör två ersättare för {name}.")
    yield from _party(facts)


def _party(facts: MeetingFacts) -> Iterator[Finding]:
    """Once a meeting: a substitute of another party while one of the member's party sat there unused."""
    seats = facts.service.seats
    idle = {s.party for s in seats if s.status == "present" and s.party}
    parties = {s.person_id: s.party for s in seats if s.person_id is not None}
    for s in seats:
        if s.status != SUBSTITUTE or not s.serves_for_id:
            continue
        party = parties.get(s.serves_for_id, "")
        if party and s.party and s.party != party and party in idle:
            yield Finding(RULE, Severity.WARNING, facts.meeting_id, facts.name, None,
                          f"{s.name} ({s.party}) tjänstgör för {s.serves_for} ({party}) fast en ersättare för {party} var närvarande.")


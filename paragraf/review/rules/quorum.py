"""Beslutförhet: at every §, more than half of the body's ordinary members serve."""
from __future__ import annotations

from collections.abc import Iterator

from paragraf.review.findings import Finding, Rule, Severity, at
from paragraf.review.facts import MeetingFacts

RULE = Rule("quorum", "Beslutförhet", "Kommunallagen (2017:725) 6 kap. 27 § (nämnd), 5 kap. 45 § (fullmäktige)")


def check(facts: MeetingFacts) -> Iterator[Finding]:
    if not facts.has_attendance:
        if facts.paragraphs:
            yield Finding(RULE, Severity.INFO, facts.meeting_id, facts.name, None,
                          "Protokollet anger inte vilka som tjänstgjorde, så beslutförheten kan inte prövas.")
        return
    members = facts.members()
    for paragraph in facts.paragraphs:
        serving = len(facts.serving_at(paragraph))
        if serving * 2 <= members:
            yield at(RULE, facts, paragraph, Severity.ERROR,
                     f"Vid § {paragraph.number} tjänstgjorde {serving} av organets {members} ledamöter, inte fler än hälften.")

"""Jäv: a member who declared jäv at a § neither serves nor votes there."""
from __future__ import annotations

from collections.abc import Iterator

from paragraf.review.findings import Finding, Rule, Severity, at
from paragraf.review.facts import MeetingFacts

RULE = Rule("jav", "Jäv", "Kommunallagen (2017:725) 6 kap. 28-32 §§ (nämnd), 5 kap. 47 § (fullmäktige)")


def check(facts: MeetingFacts) -> Iterator[Finding]:
    for paragraph in facts.paragraphs:
        if not paragraph.disqualified:
            continue
        voted = sorted({name for vote in paragraph.votes for person, name, _choice in vote.ballots if person in paragraph.disqualified})
        if voted:
            yield at(RULE, facts, paragraph, Severity.ERROR, f"Vid § {paragraph.number} röstar {', '.join(voted)} trots jäv.")

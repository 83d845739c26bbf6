"""Jäv: a member who declared jäv at a § neither serves nor votes there."""
from __future__ import annotations

from collections.abc import Iterator

from paragraf.review.findings import Finding, Rule, Severity
from paragraf.review.facts import MeetingFacts

RULE = Rule("jav", "Jäv", "Kommunallagen (2017:725) 6 kap. 28-32 §§ (nämnd), 5 kap. 47 § (fullmäktige)")


def check(facts: MeetingFacts) -> Iterator[Finding]:
    for paragraph in facts.paragraphs:
        if not paragraph.disqualified:
            continue
        voted = sorted({name for vote in paragraph.votes for person, name, _choice in vote.ballots if person in paragraph.disqualified})
        if voted:
            yield Finding(RULE, Severity.ERROR, facts.meeting_id, facts.name, paragraph.number,
                          f"Vid § {paragraph.number} röstar {', '.join(voted)} trots jäv.",
                          paragraph.source_file_id, paragraph.first_line, paragraph.last_line)

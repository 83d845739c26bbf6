"""Justering: the minutes signed by the chair and the adjusters appointed at the meeting, within 14 days
of the meeting; an unknown justering date is said, not guessed."""
from __future__ import annotations

from collections.abc import Iterator

from paragraf.review.dates import justering_deadline
from paragraf.review.findings import Finding, Rule, Severity
from paragraf.review.facts import MeetingFacts

RULE = Rule("justering", "Justering", "Kommunallagen (2017:725) 5 kap. 69 § (fullmäktige), 6 kap. 35 § (nämnd); lag (1930:173) 2 §")


def check(facts: MeetingFacts) -> Iterator[Finding]:
    if not facts.has_attendance:
        return  # no minutes read of this meeting (a notice or extracts only)
    if not facts.adjusters:
        yield Finding(RULE, Severity.INFO, facts.meeting_id, facts.name, None, "Protokollet anger inga justerare.")
    if facts.justered_on is None:
        yield Finding(RULE, Severity.INFO, facts.meeting_id, facts.name, None,
                      "Källan anger inte när protokollet justerades, så fristen på 14 dagar kan inte prövas.")
        return
    deadline = justering_deadline(facts.date)
    if facts.justered_on > deadline:
        yield Finding(RULE, Severity.ERROR, facts.meeting_id, facts.name, None,
                      f"Protokollet justerades {facts.justered_on.isoformat()}, efter fristen {deadline.isoformat()} (14 dagar efter sammanträdet).")

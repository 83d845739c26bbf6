"""Posting: the justering announced on the notice board no later than the second day after it."""
from __future__ import annotations

from collections.abc import Iterator

from paragraf.review.dates import posting_deadline
from paragraf.review.findings import Finding, Rule, Severity
from paragraf.review.facts import MeetingFacts

RULE = Rule("posting", "Anslag", "Kommunallagen (2017:725) 8 kap. 12 §, 13 kap. 5 §; lag (1930:173) 2 §")


def check(facts: MeetingFacts) -> Iterator[Finding]:
    if facts.justered_on is None:
        return  # the justering rule says the date is unknown
    if facts.posted_on is None:
        yield Finding(RULE, Severity.INFO, facts.meeting_id, facts.name, None,
                      "Källan anger inte när justeringen anslogs, så fristen kan inte prövas.")
        return
    deadline = posting_deadline(facts.justered_on)
    if facts.posted_on > deadline:
        yield Finding(RULE, Severity.ERROR, facts.meeting_id, facts.name, None,
                      f"Justeringen anslogs {facts.posted_on.isoformat()}, efter fristen {deadline.isoformat()} (andra dagen efter justeringen).")

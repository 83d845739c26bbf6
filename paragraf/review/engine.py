"""The review of many meetings: loaded and checked a batch at a time (constant memory), every rule on
every meeting, the findings in meeting and § order."""
from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from paragraf.records.models import Meeting
from paragraf.review import facts as meeting_facts
from paragraf.review.findings import Finding
from paragraf.review.rules import RULES

BATCH = 200


def review(meetings: QuerySet[Meeting] | None = None) -> Iterator[Finding]:
    meetings = (meetings if meetings is not None else Meeting.objects.all()).select_related("body").order_by("pk")
    batch: list[Meeting] = []
    for meeting in meetings.iterator(chunk_size=BATCH):
        batch.append(meeting)
        if len(batch) == BATCH:
            yield from _review(batch)
            batch = []
    if batch:
        yield from _review(batch)


def _review(meetings: list[Meeting]) -> Iterator[Finding]:
    for facts in meeting_facts.load(meetings):
        yield from check(facts)


def check(facts: meeting_facts.MeetingFacts, skip: tuple[str, ...] = ()) -> list[Finding]:
    """Every rule (but those in `skip`) on one meeting's facts, in § order."""
    findings = [finding for rule in RULES if rule.RULE.code not in skip for finding in rule.check(facts)]
    return sorted(findings, key=lambda f: (f.paragraph or 0, f.rule.code))

"""`paragraf bench review --database URL`: the review of every meeting of a database made by
`paragraf bench generate`, beside a baseline in the same run.

- review: `paragraf.review.engine.review` over all meetings (every rule, the facts loaded a batch of
  meetings at a time), every finding consumed as `paragraf review` consumes it;
- baseline: reading every § row once in primary-key order (`values_list(...).iterator()`), the least
  any review of every § must do.
Reported: time of each, § per second, findings by severity, the process's peak RSS before and after the
review (run first, so its peak is its own) (constant memory: the review adds little over the baseline at any size; on SQLite the
file is not memory-mapped during the run, so RSS counts the process's own memory).
Limit: the review of 1 000 000 § in ≤ 300 s (issue 15).
"""
from __future__ import annotations

import os
import resource
import time
from collections import Counter

LIMIT_S_PER_MILLION = 300.0


def _n(value: float) -> str:
    """A whole number with spaces between thousands, as Swedish writes it."""
    return f"{value:,.0f}".replace(",", " ")


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(database: str, echo=print) -> bool:
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paragraf.site.settings")
    import django

    django.setup()
    from django.db import connection

    from paragraf.records.models import Meeting, Paragraph
    from paragraf.review.engine import review

    if connection.vendor == "sqlite":
        # The settings map the database file into memory (mmap_size); mapped pages of the file would count
        # in the process's RSS as they are read, whatever the review holds. Off here: RSS is then the
        # process's own memory and SQLite's page cache (64 MiB).
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA mmap_size=0")
    paragraphs = Paragraph.objects.count()
    echo(f"paragraf bench review: {_n(paragraphs)} § in {_n(Meeting.objects.count())} meetings ({connection.vendor})")
    rss_start = _rss_mib()
    start = time.perf_counter()
    severities = Counter(finding.severity.value for finding in review())
    elapsed = time.perf_counter() - start
    rss_review = _rss_mib()  # the review first: its peak is its own
    start = time.perf_counter()
    rows = sum(1 for _ in Paragraph.objects.order_by("pk").values_list("pk", "number", "title", "decision").iterator(chunk_size=2000))
    baseline = time.perf_counter() - start
    echo(f"baseline: read every § once      {baseline:8.1f} s  ({_n(rows / baseline)} § a second)")
    echo(f"review: every rule, every meeting {elapsed:8.1f} s  ({_n(paragraphs / elapsed)} § a second, {elapsed / baseline:.1f}x the baseline)")
    echo(f"findings: {severities['fel']} fel, {severities['varning']} varning, {severities['info']} info")
    echo(f"peak RSS: {rss_start:.0f} MiB before the review, {rss_review:.0f} MiB after it (the baseline runs after)")
    limit = LIMIT_S_PER_MILLION * max(paragraphs, 1) / 1_000_000
    ok = elapsed <= limit
    echo(f"review {'within' if ok else 'OVER'} limit (<= {limit:.0f} s for {_n(paragraphs)} §)")
    return ok

"""Searches with filters and sorted by date on a generated database: each of a fixed set
run twice, the second timed, with its count. A profile beside `paragraf bench portal`
(whose 200 queries are unfiltered, by relevance), not a benchmark with limits.

Run: `.venv/bin/python -m benchmarks.profile_filters URL`.
"""
from __future__ import annotations

import datetime as dt
import sys
import time

from benchmarks.generate import setup_database


def cases(organization: str, body: str) -> list[dict]:
    return [
        dict(text="budget"),
        dict(text="budget", organization=organization),
        dict(text="budget", body=body),
        dict(text="budget", kind="paragraph"),
        dict(text="budget", party="SD"),
        dict(text="budget", date_from=dt.date(2019, 1, 1), date_to=dt.date(2019, 12, 31)),
        dict(text="sjukresor", organization=organization),
        dict(text="nämnd", kind="document"),
        dict(text="budget", sort="date"),
        dict(text="årshjul uppföljning", sort="date"),
        dict(text="nämnd", organization=organization, sort="date"),
        dict(text="budget", page=30),
    ]


def main(database: str) -> None:
    setup_database(database)
    from paragraf.records.models import Body, Organization
    from paragraf.search import SearchQuery, search

    organization = Organization.objects.order_by("pk")[3].slug
    body = Body.objects.filter(organization__slug=organization).order_by("pk")[2].slug
    for options in cases(organization, body):
        search(SearchQuery(**options))
        start = time.perf_counter()
        page = search(SearchQuery(**options))
        ms = (time.perf_counter() - start) * 1000
        print(f"{ms:8.1f} ms  {page.total}{'+' if page.total_is_estimate else ''} hits  "
              + ", ".join(f"{k}={v}" for k, v in options.items()))


if __name__ == "__main__":
    main(sys.argv[1])

"""Where the time of each search goes, on a generated database (PostgreSQL): the 200 queries of
`paragraf bench portal` (same seed), each timed whole and by phase (lexemes, compound tails,
the newest matches ranked, hits with snippets), the 25 slowest listed.

Run: `.venv/bin/python -m benchmarks.profile_search URL [N] [relevance|date]` (the phases
are PostgreSQL's; on SQLite only the totals and the hits).
A profile, not a benchmark: `paragraf bench portal` gives the figures with their limits.
"""
from __future__ import annotations

import collections
import random
import statistics
import sys
import time

from benchmarks.generate import setup_database

PHASES = {"_lexemes": "lexemes", "compound_words": "tails", "ranked": "ranked"}


def main(database: str, n: int = 200, sort: str = "relevance") -> None:
    setup_database(database)
    from benchmarks.bench_portal import SEED, draw_queries, percentile
    from paragraf.search import SearchQuery, backends, postgres, search

    spent: dict[str, float] = collections.defaultdict(float)

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - start
        return wrapper

    for attribute, name in PHASES.items():
        setattr(postgres, attribute, timed(name, getattr(postgres, attribute)))
    postgres.dated = timed("dated", postgres.dated)
    backends._hits = timed("hits", backends._hits)

    queries = draw_queries(200, random.Random(SEED))[:n]
    for q in queries[:5]:
        search(SearchQuery(text=q, sort=sort))
    rows = []
    for q in queries:
        spent.clear()
        start = time.perf_counter()
        page = search(SearchQuery(text=q, sort=sort))
        rows.append((time.perf_counter() - start, q, page.total, dict(spent)))
    times = [r[0] for r in rows]
    print(f"{len(rows)} queries: p50 {statistics.median(times) * 1000:.1f} ms, p95 {percentile(times, 95) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms")
    for total, q, hits, phases in sorted(rows, reverse=True)[:25]:
        print(f"{total * 1000:6.1f} ms {hits:5d} hits {q[:60]!r:62} " + " ".join(f"{k} {v * 1000:.1f}" for k, v in phases.items()))


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:3]), *sys.argv[3:4])

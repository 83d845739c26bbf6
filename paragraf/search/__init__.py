"""Full-text search over §, agenda items and documents: `search(SearchQuery) -> SearchPage`.

One results contract (`contract.py`), two backends picked by the database:
SQLite FTS5 (`sqlite.py`) and PostgreSQL full text with pg_trgm (`postgres.py`).
"""
from __future__ import annotations

from paragraf.search.contract import SearchHit, SearchPage, SearchQuery


def search(query: SearchQuery) -> SearchPage:
    from paragraf.search.backends import run

    return run(query)


__all__ = ["SearchHit", "SearchPage", "SearchQuery", "search"]

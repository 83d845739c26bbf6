"""Running a search: the backend of the database matches, narrows, ranks, sorts and counts;
this module reads the query's filters for the index (`narrowing`), cuts the page and makes hits.

A backend gives a `Match` for the query's words: the SQL that selects and scores the matching
entries. `narrow` adds the filters (as terms of its index, `Narrowing`), `ranked` gives the
newest matches best first, `dated` a page by date, `count` a count that stops at a cap.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection

from paragraf.search import words
from paragraf.search.bound import bounded
from paragraf.search.contract import FACET_CAP, MAX_PER_PAGE, Facets, SearchHit, SearchPage, SearchQuery
from paragraf.search.models import SearchEntry
from paragraf.search.snippets import snippet

COUNT_CAP = 1000  # beyond this many matches the total is an estimate ("more than")
# Relevance is computed for at most this many matches, the newest indexed (highest ids): scoring
# every match of a common word in a large index takes far longer than a search may. More than
# COUNT_CAP + MAX_PER_PAGE: every page the count allows is ranked the same way.
RANK_CAP = COUNT_CAP + MAX_PER_PAGE


@dataclass
class Match:
    terms: list[str]  # the stems (lexemes) looked for, to mark in snippets
    source: str  # FROM: the entries as `e`, and what the score needs
    condition: str  # WHERE: true for the entries that match every term
    params: list = field(default_factory=list)
    score: str = "0"  # higher is better
    score_params: list = field(default_factory=list)
    words: list = field(default_factory=list)  # by term: the indexed words it matches (a set), or None when open-ended
    bare_source: str | None = None  # FROM without the entries, when `condition` reads none of their columns


def backend():
    if connection.vendor == "sqlite":
        from paragraf.search import sqlite

        return sqlite
    if connection.vendor == "postgresql":
        from paragraf.search import postgres

        return postgres
    raise NotImplementedError(f"no search backend for {connection.vendor}")


def run(query: SearchQuery) -> SearchPage:
    with bounded():
        return _run(query)


def _run(query: SearchQuery) -> SearchPage:
    engine = backend()
    match = engine.match(query.text)
    if match is None:
        return SearchPage(hits=[], total=0, page=query.page, pages=0, query=query)
    match, where, params = engine.narrow(match, query)
    condition, params = f"{match.condition}{where}", [*match.params, *params]
    if query.sort == "relevance":
        # The ranked matches (at most RANK_CAP, best first) give the page, and the count
        # too when they are all the matches or more than the count's cap.
        ranked = engine.ranked(match, condition, params, RANK_CAP)
        rows = [(r.id, r.score) for r in ranked[query.offset:query.offset + query.per_page]]
        found = ranked[:FACET_CAP + 1]
        cap = query.offset + COUNT_CAP
        if len(ranked) > cap:
            total, estimate = cap, True
        elif len(ranked) < RANK_CAP:
            total, estimate = len(ranked), False
        else:
            total, estimate = engine.count(match, condition, params, cap)
    else:
        rows = engine.dated(match, condition, params, query.per_page, query.offset)
        # Facets read the newest matches the way relevance does (each backend's planned path), not by date.
        found = engine.ranked(match, condition, params, FACET_CAP + 1) if query.facets else []
        if 0 < len(rows) < query.per_page or (not rows and query.page == 1):
            total, estimate = query.offset + len(rows), False
        else:
            total, estimate = engine.count(match, condition, params, query.offset + COUNT_CAP)
    return SearchPage(
        hits=_hits(rows, match.terms),
        total=total,
        total_is_estimate=estimate,
        page=query.page,
        pages=math.ceil(total / query.per_page),
        query=query,
        terms=match.terms,
        facets=facets(found) if query.facets else None,
    )


def facets(found: list[Ranked]) -> Facets:
    """The matches counted by kind, body, year and party: `found` are those the backend's `ranked` read
    (at most FACET_CAP + 1, with their columns; more than FACET_CAP: counted from FACET_CAP)."""
    kinds, bodies, years, parties = Counter(), Counter(), Counter(), Counter()
    for match in found[:FACET_CAP]:
        kinds[match.kind] += 1
        if match.body is not None:
            bodies[match.body] += 1
        if match.date is not None:
            years[int(str(match.date)[:4])] += 1
        parties.update(set(match.parties.split()) - {"-"})
    return Facets(kinds=dict(kinds), bodies=dict(bodies), years=dict(years), parties=dict(parties),
                  complete=len(found) <= FACET_CAP)


def filters_sql(query: SearchQuery) -> tuple[str, list]:
    """The query's filters as SQL on the entries (`e`): " AND …" and its parameters (for a match
    that reads the entries anyway; `narrow` of each backend makes them terms of its index)."""
    found = narrowing(query)
    if found is None:
        return "", []
    sql, params = [], []
    for column, value in (("kind", found.kind), ("organization_id", found.organization), ("body_id", found.body)):
        if value is not None:
            sql.append(f"e.{column} = %s")
            params.append(value)
    if found.party is not None:
        sql.append("e.parties LIKE %s")
        params.append(f"% {like_escape(found.party)} %")
    days, day_params = found.days("e")
    return "".join(f" AND {s}" for s in sql) + days, params + day_params


@dataclass
class Narrowing:
    """A query's filters as the index holds them (migrations 0006, 0007): ids for the slugs
    (0 when there is no such: ids start at 1), the party in capitals, the years of the period."""

    kind: str | None = None
    organization: int | None = None
    body: int | None = None
    party: str | None = None
    years: list[int] | None = None
    date_from: object = None
    date_to: object = None

    def days(self, alias: str) -> tuple[str, list]:
        """The period's days as SQL on `{alias}.date`: " AND …" and its parameters."""
        sql, params = "", []
        if self.date_from:
            sql, params = f"{sql} AND {alias}.date >= %s", [*params, self.date_from]
        if self.date_to:
            sql, params = f"{sql} AND {alias}.date <= %s", [*params, self.date_to]
        return sql, params


def narrowing(query: SearchQuery) -> Narrowing | None:
    """The query's filters for the index; None without filters."""
    if not (query.kind or query.organization or query.body or query.party or query.date_from or query.date_to):
        return None
    found = Narrowing(kind=query.kind or None, date_from=query.date_from, date_to=query.date_to)
    with connection.cursor() as cursor:
        for name, table in (("organization", "records_organization"), ("body", "records_body")):
            if getattr(query, name):
                cursor.execute(f"SELECT id FROM {table} WHERE slug = %s", [getattr(query, name)])
                row = cursor.fetchone()
                setattr(found, name, row[0] if row else 0)
        if query.date_from or query.date_to:
            # Two subqueries: SQLite reads a lone min() or max() from the index, both together by a scan.
            cursor.execute("SELECT (SELECT min(date) FROM search_searchentry), (SELECT max(date) FROM search_searchentry)")
            first, last = (int(str(d)[:4]) if d else None for d in cursor.fetchone())
            # The years the index holds, of those the period spans (not 9 999 for 0001-9999).
            start = max(query.date_from.year, first) if query.date_from and first else first
            end = min(query.date_to.year, last) if query.date_to and last else last
            found.years = list(range(start, end + 1)) if start and end else []
    if query.party:
        found.party = query.party.strip().upper()  # as `parties` holds it ("-" for no party)
    return found


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def source_for(match: Match, condition: str) -> str:
    """What to read for a condition: the match's own table only (`bare_source`), when no filter was added."""
    return match.bare_source if match.bare_source and condition == match.condition else match.source


class Ranked(NamedTuple):
    """A match as `ranked` gives it: its score, and what facets count."""

    id: int
    score: float
    date: object  # a date, or its ISO text (SQLite); None when undated
    kind: str
    body: int | None
    parties: str  # " M S SD "


def best_first(rows: list[tuple]) -> list[Ranked]:
    """Rows of (id, score, date, kind, body, parties): best score, then newest date (undated last), then highest id."""
    return sorted(map(Ranked._make, rows), key=lambda r: (r.score, str(r.date or ""), r.id), reverse=True)  # ISO sorts as text


def compound_words(stem: str) -> list[str] | None:
    """The indexed stems (lexemes) that end with this one, itself too when indexed: a range of the primary
    key of `search_term`, which holds them reversed (binary order on both databases); None when there
    are more than `words.MAX_TAILS`."""
    start = stem[::-1]
    found = [row[0][::-1] for row in fetch("SELECT reversed FROM search_term WHERE reversed >= %s AND reversed < %s LIMIT %s",
                                           [start, start + "\U0010ffff", words.MAX_TAILS + 1])]
    return None if len(found) > words.MAX_TAILS else found


def fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def count_capped(source: str, condition: str, params: list, cap: int) -> tuple[int, bool]:
    """How many match, counted up to `cap`: (cap, True) when more."""
    (n,), = fetch(f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE {condition} LIMIT %s) AS capped", [*params, cap + 1])
    return (cap, True) if n > cap else (n, False)


HIT_FIELDS = ("kind", "paragraph_id", "agenda_item_id", "document_id", "title", "text", "date", "url_key")


def _hits(rows: list[tuple[int, float]], terms: list[str]) -> list[SearchHit]:
    entries = (SearchEntry.objects.select_related("organization", "body")
               .only(*HIT_FIELDS, "organization__name", "body__name").in_bulk([pk for pk, _ in rows]))
    return [_hit(entries[pk], score, terms) for pk, score in rows if pk in entries]


def _hit(entry: SearchEntry, score: float, terms: list[str]) -> SearchHit:
    return SearchHit(
        kind=entry.kind,
        record_id=entry.record_id,
        title=entry.title,
        snippet_html=snippet([entry.text, entry.title], terms),
        date=entry.date,
        body_name=entry.body.name if entry.body else "",
        organization_name=entry.organization.name,
        url_key=entry.url_key,
        score=float(score),
    )

"""PostgreSQL: full text with the 'swedish' configuration; compound tails by name, pg_trgm beyond.

The database stems (columns `vector` and `lexemes`, set by a trigger: migration 0002). Statement
triggers copy each entry to `search_vector` (range-partitioned by id, migration 0009: the vector
stripped of positions with its filter lexemes, the title's lexemes, the date; GIN and date indexes)
and its lexemes of 4+ characters, reversed, to `search_term`. The query's lexemes come from the same
configuration. A lexeme that can be a compound's tail (`words.matches_tail`) matches any lexeme
ending with it: those are looked up in `search_term` (a range of its primary key, collation "C")
and matched by name, so the whole query is one `v.vector @@ tsquery`, e.g. `'budget' & ('nämnd' |
'krisledningsnämnd')`, and a filter one more operand (`narrow`). A lexeme with more than
`MAX_TAILS` such lexemes matches `e.lexemes LIKE '%lexeme %'` instead (pg_trgm GIN index), and the
filters are SQL on the entries. Every statement is planned by PostgreSQL; `ranked` reads the
partitions of `search_vector` newest first.

Relevance, as on SQLite: TITLE_WEIGHT for each query word in the title, plus TEXT_WEIGHT;
newest first among equals, for the newest RANK_CAP matches.
"""
from __future__ import annotations

import dataclasses

from django.db import connection

from paragraf.search.backends import (Match, Ranked, best_first, compound_words, count_capped, fetch, filters_sql, like_escape,
                                      narrowing, source_for)
from paragraf.search.schema import POSTGRES_INDEXES
from paragraf.search.words import MAX_TERMS, matches_tail

TITLE_WEIGHT, TEXT_WEIGHT = 4, 1


def prepare(entries) -> None:
    """Nothing to write: PostgreSQL computes `vector` and `lexemes` itself."""


def match(text: str) -> Match | None:
    lexemes = _lexemes(text[:1000])
    if not lexemes:
        return None
    operands, likes = [], []
    for lexeme in lexemes:
        ending = compound_words(lexeme) if matches_tail(lexeme) else []
        if ending is None:
            likes.append(lexeme)
        else:
            operands.append(list(dict.fromkeys([lexeme, *ending])))
    # Tested left to right, and an AND stops at the first operand missing: the single words
    # first, the large groups of compounds (a test per word) last.
    operands.sort(key=len)
    groups = [_tsquery([operand]) for operand in operands]
    conditions, params = [], []
    if groups:
        conditions.append("v.vector @@ %s::tsquery")
        params.append(_tsquery(operands))
    for lexeme in likes:
        conditions.append("e.lexemes LIKE %s")
        params.append(f"%{like_escape(lexeme)} %")
    # The title: a group by its tsquery; a LIKE lexeme by the title's own lexemes.
    in_title = ["(v.title @@ %s::tsquery)::int" for _ in groups]
    in_title += ["(position(%s in ' ' || array_to_string(tsvector_to_array(v.title), ' ') || ' ') > 0)::int" for _ in likes]
    return Match(
        terms=lexemes,
        source="search_vector v JOIN search_searchentry e ON e.id = v.id",
        bare_source=None if likes else "search_vector v",
        condition=" AND ".join(conditions),
        params=params,
        score=f"{TITLE_WEIGHT} * ({' + '.join(in_title)}) + {TEXT_WEIGHT}",
        score_params=[*groups, *(f"{lexeme} " for lexeme in likes)],
    )


def narrow(match: Match, query) -> tuple[Match, str, list]:
    """The filters as more operands of the tsquery (migration 0006: `'#o12'`, `'#b3'`,
    `'#kparagraph'`, `'#pSD'`, a period's years `('#y2019' | '#y2020')`) and the period's days
    tested on `v.date`: the match stays on `search_vector` alone. With a LIKE lexeme (the entries
    are read anyway), as SQL on the entries."""
    if match.bare_source is None:
        return match, *filters_sql(query)
    found = narrowing(query)
    if found is None:
        return match, "", []
    extra = [[f"#{letter}{value}"] for letter, value in
             (("k", found.kind), ("o", found.organization), ("b", found.body), ("p", found.party)) if value is not None]
    if found.years is not None:
        extra.append([f"#y{year}" for year in found.years] or ["#y0"])
    days, day_params = found.days("v")
    tsquery = f"{match.params[0]} & {_tsquery(extra)}" if extra else match.params[0]
    return dataclasses.replace(match, condition=f"v.vector @@ %s::tsquery{days}", params=[tsquery, *day_params]), "", []


def ranked(match: Match, condition: str, params: list, cap: int) -> list[Ranked]:
    """The `cap` matches with the highest ids, best first (`best_first`): the partitions of
    `search_vector` (migration 0009) newest first, each planned by PostgreSQL for that partition, in one
    UNION ALL whose Append runs its arms in order and stops at the outer LIMIT. Over the whole table the
    planner estimates words that go together as independent (125 rows for 158 033 matches), reads every
    match and sorts: p95 252 ms at a million §, 37 ms this way (docs/benchmarks.md, "Search read model")."""
    source = source_for(match, condition)
    select = f"SELECT v.id, {match.score}, v.date, v.kind, v.body_id, v.parties FROM {{}} WHERE {condition} ORDER BY v.id DESC LIMIT %s"
    parts = partitions()
    if not parts:  # no entry written yet
        return []
    sql = " UNION ALL ".join(f"({select.format(source.replace('search_vector v', f'{part} v', 1))})" for part in parts)
    return best_first(fetch(f"SELECT * FROM ({sql}) AS newest LIMIT %s", [*match.score_params, *params, cap] * len(parts) + [cap]))


def partitions() -> list[str]:
    """The partitions of `search_vector`, newest first."""
    return [row[0] for row in fetch("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                                    "WHERE i.inhparent = 'search_vector'::regclass "
                                    "ORDER BY substring(c.relname FROM '[0-9]+$')::bigint DESC", [])]


def count(match: Match, condition: str, params: list, cap: int) -> tuple[int, bool]:
    return count_capped(source_for(match, condition), condition, params, cap)


def dated(match: Match, condition: str, params: list, limit: int, offset: int) -> list[tuple[int, float]]:
    """(id, score) of a page of the matches, newest date first (undated last): the planner walks
    each partition's date index (migration 0005) or sorts the matches, as its statistics say."""
    return fetch(
        f"SELECT v.id, {match.score} FROM {source_for(match, condition)} WHERE {condition} "
        "ORDER BY v.date DESC NULLS LAST, v.id DESC LIMIT %s OFFSET %s",
        [*match.score_params, *params, limit, offset],
    )


def _lexemes(text: str) -> list[str]:
    """The query's lexemes as the 'swedish' configuration reads them (stopwords gone), in order."""
    return [row[0] for row in fetch(
        "SELECT lexeme FROM unnest(to_tsvector('swedish'::regconfig, %s)) ORDER BY positions[1] LIMIT %s", [text, MAX_TERMS])]


def _tsquery(operands: list[list[str]]) -> str:
    """The AND of the operands, each the OR of its lexemes: `'budget' & ('nämnd' | 'krisledningsnämnd')`."""
    return " & ".join(
        "(" + " | ".join(map(_tsquery_literal, alternatives)) + ")" if len(alternatives) > 1 else _tsquery_literal(alternatives[0])
        for alternatives in operands
    )


def _tsquery_literal(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def before_bulk() -> None:
    """Entries written in bulk: the GIN indexes are built once at the end (`after_bulk`)."""
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS search_entry_vector")
        cursor.execute("DROP INDEX IF EXISTS search_entry_lexemes")
        cursor.execute("DROP INDEX IF EXISTS search_vector_vector")
        cursor.execute("TRUNCATE search_term, search_vector")


def after_bulk() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem TO '1GB'")
        for sql in POSTGRES_INDEXES:
            cursor.execute(sql)

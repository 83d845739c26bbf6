"""PostgreSQL: full text with the 'swedish' configuration, pg_trgm for compound tails.

The database stems (columns `vector` and `lexemes`, set by a trigger: migration 0002). The
query's lexemes come from the same configuration; a lexeme that can be a compound's
tail (`words.matches_tail`) matches `lexemes LIKE '%lexeme %'` (any lexeme ending
with it, through the trigram index), any other one `vector @@ 'lexeme'`. The score
is ts_rank of the exact lexemes, titles weighted A.
"""
from __future__ import annotations

from django.db import connection

from paragraf.search.backends import Match, like_escape
from paragraf.search.words import MAX_TERMS, matches_tail

DATE_ORDER = "e.date DESC NULLS LAST, e.id DESC"


def prepare(entries) -> None:
    """Nothing to write: PostgreSQL computes `vector` and `lexemes` itself."""


def match(text: str) -> Match | None:
    lexemes = _lexemes(text[:1000])
    if not lexemes:
        return None
    exact = [x for x in lexemes if not matches_tail(x)]
    tails = [x for x in lexemes if matches_tail(x)]
    conditions, params = [], []
    if exact:
        conditions.append("e.vector @@ %s::tsquery")
        params.append(" & ".join(map(_tsquery_literal, exact)))
    for lexeme in tails:
        conditions.append("e.lexemes LIKE %s")
        params.append(f"%{like_escape(lexeme)} %")
    return Match(
        terms=lexemes,
        source="search_searchentry e",
        condition=" AND ".join(conditions),
        params=params,
        score="ts_rank(e.vector, %s::tsquery)",
        score_params=[" | ".join(map(_tsquery_literal, lexemes))],
    )


def ranked(match: Match, condition: str, params: list, cap: int) -> list[tuple[int, float]]:
    """(id, score) of the `cap` matches with the highest ids, best first: ts_rank reads
    each entry's vector, so it is computed for those only."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.id, {match.score} AS score FROM search_searchentry e WHERE e.id IN "
            f"(SELECT e.id FROM {match.source} WHERE {condition} ORDER BY e.id DESC LIMIT %s) "
            f"ORDER BY score DESC, {DATE_ORDER}",
            [*match.score_params, *params, cap],
        )
        return cursor.fetchall()


def _lexemes(text: str) -> list[str]:
    """The query's lexemes as the 'swedish' configuration reads them (stopwords gone), in order."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeme FROM unnest(to_tsvector('swedish'::regconfig, %s)) ORDER BY positions[1] LIMIT %s",
            [text, MAX_TERMS],
        )
        return [row[0] for row in cursor.fetchall()]


def _tsquery_literal(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def before_bulk() -> None:
    """Entries written in bulk: the GIN indexes are built once at the end (`after_bulk`)."""
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS search_entry_vector")
        cursor.execute("DROP INDEX IF EXISTS search_entry_lexemes")


def after_bulk() -> None:
    from paragraf.search.fulltext import POSTGRES_INDEXES

    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem TO '1GB'")
        for sql in POSTGRES_INDEXES:
            cursor.execute(sql)

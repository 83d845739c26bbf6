"""PostgreSQL: full text with the 'swedish' configuration; compound tails by name, pg_trgm beyond.

The database stems (columns `vector` and `lexemes`, set by a trigger: migration 0002).
Migration 0003 adds `search_vector` (each entry's vector beside its id only, with the GIN
index: cheap to read row by row) and `search_term` (lexemes, reversed), both written by
statement triggers. The query's lexemes come from the same configuration. A lexeme that
can be a compound's tail (`words.matches_tail`) matches any lexeme ending with it: those
are looked up in `search_term` (a range of its primary key, collation "C") and matched by
name, so the whole query is one `v.vector @@ tsquery`, e.g. `'budget' & ('nämnd' |
'krisledningsnämnd')`, whose row estimate the planner makes from the statistics of
`vector` (a `LIKE '%…%'` gets a fixed guess, far too low for common words): GIN for rare
words, a backward walk of the primary key of `search_vector` for common ones. A lexeme
with more than `MAX_TAILS` such lexemes matches `e.lexemes LIKE '%lexeme %'` instead
(pg_trgm GIN index). The score is ts_rank of the exact lexemes, titles weighted A.
"""
from __future__ import annotations

from django.db import connection

from paragraf.search.backends import Match, like_escape, source_for
from paragraf.search.words import MAX_TAILS, MAX_TERMS, matches_tail

DATE_ORDER = "e.date DESC NULLS LAST, e.id DESC"


def prepare(entries) -> None:
    """Nothing to write: PostgreSQL computes `vector` and `lexemes` itself."""


def match(text: str) -> Match | None:
    lexemes = _lexemes(text[:1000])
    if not lexemes:
        return None
    tsquery, likes = [], []
    for lexeme in lexemes:
        ending = compound_words(lexeme) if matches_tail(lexeme) else []
        if ending is None:
            likes.append(lexeme)
            continue
        alternatives = list(dict.fromkeys([lexeme, *ending]))
        group = " | ".join(map(_tsquery_literal, alternatives))
        tsquery.append(f"({group})" if len(alternatives) > 1 else group)
    conditions, params = [], []
    if tsquery:
        conditions.append("v.vector @@ %s::tsquery")
        params.append(" & ".join(tsquery))
    for lexeme in likes:
        conditions.append("e.lexemes LIKE %s")
        params.append(f"%{like_escape(lexeme)} %")
    return Match(
        terms=lexemes,
        source="search_vector v JOIN search_searchentry e ON e.id = v.id",
        bare_source=None if likes else "search_vector v",
        condition=" AND ".join(conditions),
        params=params,
        score="ts_rank(v.vector, %s::tsquery)",
        score_params=[" | ".join(map(_tsquery_literal, lexemes))],
    )


# Without filters: how many × cap newest ids are walked first (see `_newest`), and how many
# rows a backward walk tests in the time GIN takes per match it reads (measured at 1M entries:
# ~0.4 µs a walked row, ~4.5 µs a match read from a table larger than shared_buffers).
PROBE = 16
GIN_PER_WALK = 12


def ranked(match: Match, condition: str, params: list, cap: int) -> list[tuple[int, float]]:
    """(id, score) of the `cap` matches with the highest ids, best first: ts_rank reads
    each entry's vector, so it is computed for those only."""
    source = source_for(match, condition)
    if source == match.source:  # filters: the entries are read too; the planner chooses
        ids = _ids(f"SELECT e.id FROM {source} WHERE {condition} ORDER BY e.id DESC LIMIT %s", [*params, cap])
    else:
        ids = _newest(condition, params, cap)
    if not ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT v.id, {match.score} AS score FROM search_vector v JOIN search_searchentry e ON e.id = v.id "
            f"WHERE v.id = ANY(%s) ORDER BY score DESC, {DATE_ORDER}",
            [*match.score_params, ids],
        )
        return cursor.fetchall()


def _newest(condition: str, params: list, cap: int) -> list[int]:
    """The ids of the `cap` newest matches in `search_vector`, by the cheaper of two ways.

    Left to itself the planner picks one of two plans, and its estimates cannot tell which:
    walk the primary key backwards testing each vector until `cap` match (good for words in
    many entries), or GIN, every match read from the table and the newest kept (good for
    rare words). The row estimate of an AND of words that go together (a title's words)
    is far too low, and testing a vector is costed as one cheap operator: a word in 2 % of a
    million entries cost 150-200 ms either way, and 'Småland Blekinge Halland South' (158 000
    matches, estimated 117) 700 ms by GIN. So the plan is chosen here: the newest PROBE ×
    cap ids are walked (a subquery with LIMIT: the planner cannot but walk); if that did not
    find `cap` matches, what it found gives their density, and so what a longer walk
    (rows until `cap` matches) and GIN (all matches) would cost; the cheaper is taken (GIN
    with `enable_indexscan` off for that query, or the planner walks after all)."""
    walk = (f"SELECT v.id FROM (SELECT id, vector FROM search_vector ORDER BY id DESC LIMIT %s) AS v "
            f"WHERE {condition} ORDER BY v.id DESC LIMIT %s")
    probe = PROBE * cap
    ids = _ids(walk, [probe, *params, cap])
    if len(ids) == cap:
        return ids
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM search_vector")
        entries = cursor.fetchone()[0] or 0
    if entries <= probe:  # the walk saw them all
        return ids
    found = len(ids)
    if found:
        # Rows to walk until cap matches, with a margin (matches are not spread evenly), and
        # how many matches GIN would read: the walk only when clearly cheaper.
        rows = int(1.5 * probe * cap / found)
        matches = found / probe * entries
        if rows <= GIN_PER_WALK * matches:
            ids = _ids(walk, [rows, *params, cap])
            if len(ids) == cap:
                return ids
    return _ids(f"SELECT v.id FROM search_vector v WHERE {condition} ORDER BY v.id DESC LIMIT %s", [*params, cap], bitmap=True)


def _ids(query: str, params: list, bitmap: bool = False) -> list[int]:
    with connection.cursor() as cursor:
        if bitmap:
            cursor.execute("SET enable_indexscan TO off")
        try:
            cursor.execute(query, params)
            return [row[0] for row in cursor.fetchall()]
        finally:
            if bitmap:
                cursor.execute("RESET enable_indexscan")


def compound_words(lexeme: str) -> list[str] | None:
    """The indexed lexemes that end with this one (itself too when indexed), from `search_term`;
    None when there are more than MAX_TAILS."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reversed FROM search_term WHERE reversed LIKE %s LIMIT %s", [like_escape(lexeme[::-1]) + "%", MAX_TAILS + 1]
        )
        found = [row[0][::-1] for row in cursor.fetchall()]
    return None if len(found) > MAX_TAILS else found


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
        cursor.execute("DROP INDEX IF EXISTS search_vector_vector")
        cursor.execute("TRUNCATE search_term, search_vector")


def after_bulk() -> None:
    from paragraf.search.fulltext import POSTGRES_INDEXES

    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem TO '1GB'")
        for sql in POSTGRES_INDEXES:
            cursor.execute(sql)

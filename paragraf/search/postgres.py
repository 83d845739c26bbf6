"""PostgreSQL: full text with the 'swedish' configuration; compound tails by name, pg_trgm beyond.

The database stems (columns `vector` and `lexemes`, set by a trigger: migration 0002).
Statement triggers copy each entry's lexemes to `search_vector` (id, the vector stripped of
positions with its window lexeme, the title's lexemes: migrations 0003 and 0004, GIN index)
and its lexemes of 4+ characters, reversed, to `search_term`. The query's lexemes come from
the same configuration. A lexeme that can be a compound's tail (`words.matches_tail`) matches
any lexeme ending with it: those are looked up in `search_term` (a range of its primary key,
collation "C") and matched by name, so the whole query is one `v.vector @@ tsquery`, e.g.
`'budget' & ('nämnd' | 'krisledningsnämnd')`. A lexeme with more than `MAX_TAILS` such
lexemes matches `e.lexemes LIKE '%lexeme %'` instead (pg_trgm GIN index).

Relevance, as on SQLite: TITLE_WEIGHT for each query word in the title, plus TEXT_WEIGHT;
newest first among equals. It is worked out for the newest RANK_CAP matches, found by
`_newest`.
"""
from __future__ import annotations

import importlib
import math

from django.db import connection

from paragraf.search.backends import Match, like_escape, source_for
from paragraf.search.words import MAX_TAILS, MAX_TERMS, matches_tail

_windows = importlib.import_module("paragraf.search.migrations.0004_windows")
WINDOW_LEVELS, window_lexeme = _windows.WINDOW_LEVELS, _windows.window_lexeme
TITLE_WEIGHT, TEXT_WEIGHT = 4, 1
DATE_ORDER = "e.date DESC NULLS LAST, e.id DESC"


def prepare(entries) -> None:
    """Nothing to write: PostgreSQL computes `vector` and `lexemes` itself."""


def match(text: str) -> Match | None:
    lexemes = _lexemes(text[:1000])
    if not lexemes:
        return None
    groups, likes = [], []
    for lexeme in lexemes:
        ending = compound_words(lexeme) if matches_tail(lexeme) else []
        if ending is None:
            likes.append(lexeme)
            continue
        alternatives = list(dict.fromkeys([lexeme, *ending]))
        group = " | ".join(map(_tsquery_literal, alternatives))
        groups.append((len(alternatives), f"({group})" if len(alternatives) > 1 else group))
    # Tested left to right, and an AND stops at the first operand missing: the single words
    # first, the large groups of compounds (a test per word) last.
    groups = [group for _, group in sorted(groups, key=lambda g: g[0])]
    conditions, params = [], []
    if groups:
        conditions.append("v.vector @@ %s::tsquery")
        params.append(" & ".join(groups))
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


def ranked(match: Match, condition: str, params: list, cap: int) -> list[tuple[int, float]]:
    """(id, score) of the `cap` matches with the highest ids, best first."""
    source = source_for(match, condition)
    if source == match.source:  # filters: the entries are read too; the planner chooses
        ids = _ids(f"SELECT e.id FROM {source} WHERE {condition} ORDER BY e.id DESC LIMIT %s", [*params, cap])
    else:
        ids = _newest(params[0], cap)
    if not ids:
        return []
    with connection.cursor() as cursor:  # the score reads `search_vector` alone
        cursor.execute(
            f"SELECT v.id, {match.score} AS score FROM search_vector v WHERE v.id = ANY(%s) "
            f"ORDER BY score DESC, v.date DESC NULLS LAST, v.id DESC",
            [*match.score_params, ids],
        )
        return cursor.fetchall()


# How to find the newest matches (see `_newest`): the newest PROBE rows are walked first; a
# density of matches of at least WALK_DENSITY there walks on, a lower one reads windows.
PROBE = 2048
WALK_DENSITY = 0.1


def _newest(tsquery: str, cap: int) -> list[int]:
    """The ids of the `cap` newest entries matching `tsquery`, highest first.

    The planner, left to itself, walks the primary key backwards testing each vector, or
    reads every match from GIN and keeps the newest; its row estimates (an AND of words that
    go together, as a title's words do, is estimated far too low) cannot tell which is
    cheaper, and for a word in a few % of a million entries both take 100+ ms. So: the
    newest PROBE rows are walked (cheap, and enough for a common word); from the matches
    found there, the density; a dense query walks on to `cap` matches, the rest read GIN
    restricted to the newest windows of ids expected to hold `cap` matches (migration 0004),
    more windows, older, until `cap` are found; the last read takes every older window by
    the query alone."""
    top = _top()
    walk = ("SELECT v.id FROM (SELECT id, vector FROM search_vector ORDER BY id DESC LIMIT %s) AS v "
            "WHERE v.vector @@ %s::tsquery ORDER BY v.id DESC LIMIT %s")
    ids = _ids(walk, [PROBE, tsquery, cap])
    if len(ids) == cap or top <= PROBE:
        return ids
    density = len(ids) / max(PROBE, 1)
    if density and density >= WALK_DENSITY:
        ids = _ids(walk, [math.ceil(1.5 * cap / density), tsquery, cap])
        if len(ids) == cap:
            return ids
    return _by_windows(tsquery, cap, top, max(density, 1 / max(PROBE, 1)))


# Measured at 2 million entries (docs/benchmarks.md): reading windows costs about this much a
# window id (ms), GIN over the whole query this much to start and a match (each read from the table).
WINDOW_PER_ID = 0.0002
GIN_START, GIN_PER_MATCH = 10.0, 0.005


def _by_windows(tsquery: str, cap: int, top: int, density: float) -> list[int]:
    """Window after window (migration 0004), newest first, until `cap` matches: each the
    largest window that ends where the last began (or holds the newest id) and is not much
    larger than the ids the matches still wanted take at the density seen so far. When the
    query alone would read every id left for less (few matches left there), it does."""
    found: list[int] = []
    below = top + 1  # the ids below this are not read yet
    while below > 0 and len(found) < cap:
        need = cap - len(found)
        wanted = 1.5 * need / density  # ids to read for `need` matches
        if wanted >= below or GIN_START + GIN_PER_MATCH * density * below <= WINDOW_PER_ID * wanted:
            return found + _ids("SELECT id FROM search_vector WHERE vector @@ %s::tsquery AND id < %s ORDER BY id DESC LIMIT %s",
                                [tsquery, below, need], bitmap=True)
        bits = _window_bits(below - 1, top, wanted)
        window = (below - 1) >> bits
        found += _ids("SELECT id FROM search_vector WHERE vector @@ %s::tsquery ORDER BY id DESC LIMIT %s",
                      [f"({tsquery}) & {_tsquery_literal(window_lexeme(bits, window))}", need], bitmap=True)
        below = window << bits
        density = max(len(found), 1) / (top + 1 - below)
    return found


def _window_bits(last: int, top: int, wanted: float) -> int:
    """The size of the window to read next, which holds `last`, as bits: it must hold no id
    above `last` that was read already, and the smallest size does even when too large."""
    chosen = WINDOW_LEVELS[0]
    for bits in WINDOW_LEVELS[1:]:
        start, end = (last >> bits) << bits, ((last >> bits) + 1) << bits
        if (last != top and end != last + 1) or last + 1 - start > wanted:
            break
        chosen = bits
    return chosen


def _top() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM search_vector")
        return cursor.fetchone()[0] or 0


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

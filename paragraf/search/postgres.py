"""PostgreSQL: full text with the 'swedish' configuration; compound tails by name, pg_trgm beyond.

The database stems (columns `vector` and `lexemes`, set by a trigger: migration 0002).
Statement triggers copy each entry to `search_vector` (migrations 0003-0006: id, the vector
stripped of positions with its window lexemes and filter lexemes, the title's lexemes, the
date; GIN index, and an index in date order) and its lexemes of 4+ characters, reversed, to
`search_term`. The query's lexemes come from the same configuration. A lexeme that can be a
compound's tail (`words.matches_tail`) matches any lexeme ending with it: those are looked up
in `search_term` (a range of its primary key, collation "C") and matched by name, so the whole
query is one `v.vector @@ tsquery`, e.g. `'budget' & ('nämnd' | 'krisledningsnämnd')`, and a
filter one more operand (`narrow`). A lexeme with more than `MAX_TAILS` such lexemes matches
`e.lexemes LIKE '%lexeme %'` instead (pg_trgm GIN index), and the filters are SQL on the entries.

Relevance, as on SQLite: TITLE_WEIGHT for each query word in the title, plus TEXT_WEIGHT;
newest first among equals. It is worked out for the newest RANK_CAP matches, found by
`_newest`; sorted by date, `dated` finds the page.
"""
from __future__ import annotations

import dataclasses
import math
import time

from django.db import connection

from paragraf.search.backends import Match, count_capped, filters_sql, like_escape, narrowing, source_for
from paragraf.search.schema import POSTGRES_INDEXES, WINDOW_LEVELS, window_lexeme
from paragraf.search.words import MAX_TAILS, MAX_TERMS, matches_tail

TITLE_WEIGHT, TEXT_WEIGHT = 4, 1


def prepare(entries) -> None:
    """Nothing to write: PostgreSQL computes `vector` and `lexemes` itself."""


@dataclasses.dataclass
class Terms:
    """What `search_vector` is asked for: operands AND-ed, each the OR of its lexemes, and a
    condition on its dates (" AND v.date >= %s …", with its parameters)."""

    operands: list[list[str]]
    days: str = ""
    day_params: list = dataclasses.field(default_factory=list)

    @property
    def tsquery(self) -> str:
        return _tsquery(self.operands)


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
        plan=Terms(operands),
    )


def narrow(match: Match, query) -> tuple[Match, str, list]:
    """The filters as more operands (migration 0006: `'#o12'`, `'#b3'`, `'#kparagraph'`,
    `'#pSD'`, a period's years `('#y2019' | '#y2020')`) and the period's days tested on
    `v.date`: the match stays on `search_vector` alone. With a LIKE lexeme (the entries are
    read anyway), as SQL on the entries."""
    if match.bare_source is None:
        return match, *filters_sql(query)
    found = narrowing(query)
    if found is None:
        return match, "", []
    extra = []
    if found.kind:
        extra.append([f"#k{found.kind}"])
    if found.organization is not None:
        extra.append([f"#o{found.organization}"])
    if found.body is not None:
        extra.append([f"#b{found.body}"])
    if found.party is not None:
        extra.append([f"#p{found.party}"])
    if found.years is not None:
        extra.append([f"#y{year}" for year in found.years] or ["#y0"])
    days, day_params = found.days("v")
    terms = Terms(match.plan.operands + extra, days, day_params)
    narrowed = dataclasses.replace(match, condition=f"v.vector @@ %s::tsquery{days}", params=[terms.tsquery, *day_params], plan=terms)
    return narrowed, "", []


def ranked(match: Match, condition: str, params: list, cap: int) -> list[tuple[int, float]]:
    """(id, score) of the `cap` matches with the highest ids, best first."""
    source = source_for(match, condition)
    if source == match.source:  # a LIKE word: the entries are read too; the planner chooses
        ids = _ids(f"SELECT e.id FROM {source} WHERE {condition} ORDER BY e.id DESC LIMIT %s", [*params, cap])
    else:
        ids = _newest(match.plan, cap)
    if not ids:
        return []
    with connection.cursor() as cursor:  # the score reads `search_vector` alone
        cursor.execute(
            f"SELECT v.id, {match.score} AS score FROM search_vector v WHERE v.id = ANY(%s) "
            f"ORDER BY score DESC, v.date DESC NULLS LAST, v.id DESC",
            [*match.score_params, ids],
        )
        return cursor.fetchall()


def count(match: Match, condition: str, params: list, cap: int) -> tuple[int, bool]:
    """Counted up to `cap`: by `_newest` (the planner's own plan for a capped count has the
    same blind spots as for the newest matches); with a LIKE word, by the planner."""
    if source_for(match, condition) == match.source:
        return count_capped(match.source, condition, params, cap)
    found = len(_newest(match.plan, cap + 1))
    return (cap, True) if found > cap else (found, False)


def dated(match: Match, condition: str, params: list, limit: int, offset: int) -> list[tuple[int, float]]:
    """(id, score) of a page of the matches, newest date first (undated last). `search_vector`
    has the date and an index in that order (migration 0005). With a LIKE word the planner
    chooses; else, as for the newest matches: the first DATE_PROBE rows of that index are
    walked; if they do not hold the page, the density found there tells whether walking on
    or GIN and a sort of every match costs less."""
    score = f"SELECT v.id, {match.score} AS score"
    order = "ORDER BY v.date DESC NULLS LAST, v.id DESC"
    if source_for(match, condition) == match.source:
        return _rows(f"{score} FROM {match.source} WHERE {condition} {order} LIMIT %s OFFSET %s",
                     [*match.score_params, *params, limit, offset])
    wanted = offset + limit
    walk = (f"{score} FROM (SELECT id, vector, title, date FROM search_vector {order.replace('v.', '')} LIMIT %s) AS v "
            f"WHERE {condition} {order} LIMIT %s OFFSET %s")
    probe = _rows(walk, [*match.score_params, DATE_PROBE, *params, wanted, 0])  # the page and what precedes it
    top = _top()
    if len(probe) == wanted or top <= DATE_PROBE:
        return probe[offset:]
    density = max(len(probe), 1) / DATE_PROBE
    rows_to_walk = 1.5 * wanted / density
    if WALK_PER_ROW * rows_to_walk < GIN_START + GIN_PER_MATCH * density * top:
        rows = _rows(walk, [*match.score_params, math.ceil(rows_to_walk), *params, limit, offset])
        if len(rows) == limit:
            return rows
    return _rows(f"{score} FROM search_vector v WHERE {condition} {order} LIMIT %s OFFSET %s",
                 [*match.score_params, *params, limit, offset], bitmap=True)


DATE_PROBE = 2048
WALK_PER_ROW = 0.0005  # ms, a row of an index walk with its vector tested


# How to find the newest matches (see `_newest`): the newest PROBE rows are walked first; a
# density of matches of at least WALK_DENSITY there walks on, a lower one reads windows.
PROBE = 2048
WALK_DENSITY = 0.1
# Costs (ms) measured at 2 million entries (docs/benchmarks.md, third session). A window read
# with the whole query in GIN: a test per id of the window and GIN entry of the query (the
# window's lexeme, rarer than the words, leads). A window read with only the rarest operand in
# GIN (the rest tested on each row it gives, `ts_match_vq`, which no index serves): per row that
# operand has there. The whole query in GIN over all ids left: to start, and per match (each
# read from the table).
WINDOW_PER_ID_ENTRY = 0.000045
DRIVEN_PER_ROW = 0.004
GIN_START, GIN_PER_MATCH = 10.0, 0.005


def _newest(terms: Terms, cap: int) -> list[int]:
    """The ids of the `cap` newest entries matching the terms, highest first.

    The planner, left to itself, walks the primary key backwards testing each vector, or
    reads every match from GIN and keeps the newest; its row estimates (an AND of words that
    go together, as a title's words do, is estimated far too low) cannot tell which is
    cheaper, and for a word in a few % of a million entries both take 100+ ms. So: the
    newest PROBE rows are walked (cheap, and enough for a common word); from the matches
    found there, the density; a dense query walks on to `cap` matches, the rest read GIN
    window by window (`_by_windows`)."""
    tsquery, days = terms.tsquery, terms.day_params
    top = _top()
    walk = ("SELECT v.id FROM (SELECT id, vector, date FROM search_vector ORDER BY id DESC LIMIT %s) AS v "
            f"WHERE v.vector @@ %s::tsquery{terms.days} ORDER BY v.id DESC LIMIT %s")
    ids = _ids(walk, [PROBE, tsquery, *days, cap])
    if len(ids) == cap or top <= PROBE:
        return ids
    density = len(ids) / max(PROBE, 1)
    if density and density >= WALK_DENSITY:
        ids = _ids(walk, [math.ceil(1.5 * cap / density), tsquery, *days, cap])
        if len(ids) == cap:
            return ids
    return _by_windows(terms, cap, top, density or None)


def _by_windows(terms: Terms, cap: int, top: int, density: float | None) -> list[int]:
    """Window after window (migration 0004), newest first, until `cap` matches: each the
    largest window that ends where the last began (or holds the newest id) and is not much
    larger than the ids the matches still wanted take at the density seen so far. A window
    is read with the whole query in GIN, or with its rarest operand alone there and the
    query tested on the rows that gives, whichever the statistics make cheaper; when the
    whole query in GIN over every id left costs less (few matches left), that is read. With
    no density known yet (the probe found none: its rows may be of another kind), the
    rarest operand's share stands for it: an upper bound, so the first window is small."""
    operands, tsquery, days = terms.operands, terms.tsquery, terms.day_params
    entries = sum(map(len, operands))
    driver, share = _rarest(operands)  # share: of all entries, how many have the driver (None: unknown)
    per_id = WINDOW_PER_ID_ENTRY * entries
    driven = share is not None and len(operands) > 1 and DRIVEN_PER_ROW * share < per_id
    if driven:
        per_id = DRIVEN_PER_ROW * share
    measured = density is not None
    if not measured:
        density = share if share else 1 / max(PROBE, 1)
    found: list[int] = []
    below = top + 1  # the ids below this are not read yet
    while below > 0 and len(found) < cap:
        need = cap - len(found)
        wanted = 1.5 * need / density  # ids to read for `need` matches
        # The matches left, which GIN reads each from the table: at the density seen once a
        # window has been read; before, at most as many as the rarest operand has (the probe's
        # density can be far too low).
        sure = top + 1 - below >= 1 << WINDOW_LEVELS[0]
        left = (density if sure or share is None else share) * below
        if (measured and wanted >= below) or GIN_START + GIN_PER_MATCH * left <= per_id * min(wanted, below):
            return found + _ids(f"SELECT v.id FROM search_vector v WHERE v.vector @@ %s::tsquery AND v.id < %s{terms.days} "
                                "ORDER BY v.id DESC LIMIT %s", [tsquery, below, *days, need], bitmap=True)
        bits = _window_bits(below - 1, top, wanted)
        window = (below - 1) >> bits
        in_window = _tsquery_literal(window_lexeme(bits, window))
        if driven:
            found += _ids("SELECT v.id FROM search_vector v WHERE v.vector @@ %s::tsquery "
                          f"AND ts_match_vq(v.vector, %s::tsquery){terms.days} ORDER BY v.id DESC LIMIT %s",
                          [f"{_tsquery([driver])} & {in_window}", tsquery, *days, need], bitmap=True)
        else:
            found += _ids(f"SELECT v.id FROM search_vector v WHERE v.vector @@ %s::tsquery{terms.days} ORDER BY v.id DESC LIMIT %s",
                          [f"({tsquery}) & {in_window}", *days, need], bitmap=True)
        below = window << bits
        seen = top + 1 - below
        if seen >= 1 << WINDOW_LEVELS[0]:  # enough ids read to go by what they held
            density, measured = max(len(found), 1) / seen, True
        else:
            density = max(density, len(found) / seen)
    return found


def _rarest(operands: list[list[str]]) -> tuple[list[str], float | None]:
    """The operand in the fewest entries, by the planner's statistics of `search_vector`
    (the most common lexemes and their shares; any other is rarer than the least of
    those), and its share of the entries; None when there are no statistics yet."""
    shares, least = _lexeme_shares()
    if not shares:
        return operands[0], None
    share = [sum(shares.get(lexeme, least) for lexeme in operand) for operand in operands]
    best = min(range(len(operands)), key=share.__getitem__)
    return operands[best], share[best]


_SHARES: dict[str, tuple[float, dict[str, float], float]] = {}  # by database: (read at, shares, least)
SHARES_SECONDS = 600


def _lexeme_shares() -> tuple[dict[str, float], float]:
    name = connection.settings_dict["NAME"]
    cached = _SHARES.get(name)
    if cached and time.monotonic() - cached[0] < SHARES_SECONDS:
        return cached[1], cached[2]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE tablename = 'search_vector' AND attname = 'vector' AND schemaname = current_schema()"
        )
        row = cursor.fetchone()
    shares, least = {}, 0.0
    if row and row[0]:
        lexemes, frequencies = row
        shares = dict(zip(lexemes, frequencies))
        least = frequencies[len(lexemes)]  # after the lexemes' own: the least and the greatest share
    _SHARES[name] = (time.monotonic(), shares, least)
    return shares, least


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
    return [row[0] for row in _rows(query, params, bitmap)]


def _rows(query: str, params: list, bitmap: bool = False) -> list[tuple]:
    """The rows of a query; with `bitmap`, the planner may not walk an index in order (GIN then)."""
    with connection.cursor() as cursor:
        if bitmap:
            cursor.execute("SET enable_indexscan TO off")
        try:
            cursor.execute(query, params)
            return cursor.fetchall()
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

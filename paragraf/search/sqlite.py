"""SQLite: FTS5 over stems written by Python (Snowball Swedish).

Each word of an entry is indexed as its stem and, when it can be a compound's tail
(`words.matches_tail`), also as `_` + the stem reversed; such stems are also kept, reversed,
in the table `search_term` (migration 0003). A query stem matches the same word, or any
word whose stem ends with it: those words are looked up in `search_term` (a range of its
primary key) and matched by name, `("stem" OR "krisledningsstem" OR …)`, which FTS5 reads
lazily, newest rowid first, stopping at the cap. A stem with more than `MAX_TAILS` such
words matches `"stem" OR "_metsdesrever"*` instead: a prefix query, which FTS5 answers by
merging the full posting lists of all those terms (slow for common words in a large index).
"""
from __future__ import annotations

import dataclasses

from django.db import connection

from paragraf.search.backends import Match, Ranked, best_first, compound_words, count_capped, fetch, narrowing, source_for
from paragraf.search.schema import SQLITE_TRIGGERS, filter_tokens, party_token
from paragraf.search.words import STOPWORDS, matches_tail, query_stems, stem, stem_all, words

TITLE_WEIGHT, TEXT_WEIGHT = 4.0, 1.0
DATE_ORDER = "e.date DESC, e.id DESC"  # SQLite puts NULL last when descending


def prepare(entries) -> None:
    """Write the terms FTS5 indexes (the triggers copy them into search_fts), and add the
    tail-capable stems among them to `search_term`."""
    seen: set[str] = set()
    for entry in entries:
        entry.title_terms = terms(entry.title, seen)
        entry.text_terms = f"{terms(entry.text, seen)} {filter_tokens(entry)}"
    tails = {s for s in map(stem, seen - STOPWORDS) if matches_tail(s)}
    if tails:
        with connection.cursor() as cursor:
            cursor.executemany("INSERT OR IGNORE INTO search_term (reversed) VALUES (%s)", [(s[::-1],) for s in tails])


# word -> its indexed form ("" for a stopword); shared by all entries, bounded.
_INDEXED: dict[str, str] = dict.fromkeys(STOPWORDS, "")
_INDEXED_MAX = 500_000


def terms(text: str, seen: set[str] | None = None) -> str:
    """The words of a text as FTS5 indexes them; each distinct word is stemmed once per process.
    `seen` gets the distinct words (stopwords too)."""
    found = words(text)
    distinct = set(found)
    if seen is not None:
        seen |= distinct
    new = [w for w in distinct if w not in _INDEXED]
    if len(_INDEXED) + len(new) > _INDEXED_MAX:
        _INDEXED.clear()
        _INDEXED.update(dict.fromkeys(STOPWORDS, ""))
    _INDEXED.update(zip(new, (_indexed(s) for s in stem_all(new))))
    indexed = _INDEXED
    return " ".join(filter(None, map(indexed.__getitem__, found)))


def _indexed(s: str) -> str:
    return f"{s} _{s[::-1]}" if matches_tail(s) else s


def match(text: str) -> Match | None:
    wanted = query_stems(text)
    if not wanted:
        return None
    matched = [_words(s) for s in wanted]
    return Match(
        terms=wanted,
        # FTS5 first (CROSS JOIN): it holds the filters too, and reads newest first, stopping at a LIMIT.
        source="search_fts CROSS JOIN search_searchentry e ON e.id = search_fts.rowid",
        condition="search_fts MATCH %s",
        params=[" AND ".join(_term(s, w) for s, w in zip(wanted, matched))],
        # Scores come from `ranked`; sorted by date, hits have none (bm25() there, once for each
        # row the date walk tests, took 25 ms a row at two million entries).
        score="0",
        words=matched,
        bare_source="search_fts",
    )


def narrow(match: Match, query) -> tuple[Match, str, list]:
    """The filters as tokens ANDed to the match (`filter_tokens`), which FTS5 intersects with
    the words; a period as its years' tokens, and its days as SQL on the entries."""
    found = narrowing(query)
    if found is None:
        return match, "", []
    tokens = []
    if found.kind:
        tokens.append(f'"_k_{found.kind}"')
    if found.organization is not None:
        tokens.append(f'"_o_{found.organization}"')
    if found.body is not None:
        tokens.append(f'"_b_{found.body}"')
    if found.party is not None:
        tokens.append(f'"{party_token(found.party)}"')
    if found.years is not None:
        tokens.append("(" + " OR ".join(f'"_y_{year}"' for year in found.years) + ")" if found.years else '"_y_0"')
    expression = f"({match.params[0]}) AND " + " AND ".join(tokens)
    return dataclasses.replace(match, params=[expression]), *found.days("e")


def ranked(match: Match, condition: str, params: list, cap: int) -> list[Ranked]:
    """The `cap` matches with the highest rowids, best first (`Ranked`). FTS5 reads its
    rowids in descending order and stops there. The score is worked out here from the
    title terms of those entries: TITLE_WEIGHT for each query word in the title, plus
    TEXT_WEIGHT (every entry matches all words somewhere); newest first among equals.
    bm25() would read the whole posting list of every word for its weights, which for
    common words in a large index takes longer than a search may."""
    source = source_for(match, condition)  # without a period's days the entries are not needed to choose them
    ids = [row[0] for row in fetch(f"SELECT search_fts.rowid FROM {source} WHERE {condition} ORDER BY search_fts.rowid DESC LIMIT %s",
                                   [*params, cap])]
    if not ids:
        return []
    rows = fetch(f"SELECT id, title_terms, date, kind, body_id, parties FROM search_searchentry "
                 f"WHERE id IN ({', '.join(['%s'] * len(ids))})", ids)
    # By term: the set of words it matches, or (more than MAX_TAILS) its reversed prefix.
    wanted = [(w, None) if w is not None else ({s}, f"_{s[::-1]}") for s, w in zip(match.terms, match.words)]
    scored = []
    for pk, title_terms, *facets in rows:
        title = set(title_terms.split())
        in_title = sum(1 for w, tail in wanted if not w.isdisjoint(title) or (tail and any(t.startswith(tail) for t in title)))
        scored.append((pk, TITLE_WEIGHT * in_title + TEXT_WEIGHT, *facets))
    return best_first(scored)


def count(match: Match, condition: str, params: list, cap: int) -> tuple[int, bool]:
    """FTS5 reads its rowids fast: counted to the cap."""
    return count_capped(source_for(match, condition), condition, params, cap)


def dated(match: Match, condition: str, params: list, limit: int, offset: int) -> list[tuple[int, float]]:
    """(id, score) of a page of the matches, newest date first (undated last).

    With a period's days (SQL on the entries) SQLite's planner chooses, FTS5 first. Else one
    of two ways, by the number of
    matches (FTS5 counts fast, up to DATE_COUNT): walk the entries by date testing each against
    FTS5 until the page is full (a common query: few rows), or read every match and its date and
    keep the newest (a rare one). The order of the CROSS JOIN leads SQLite's planner to the index
    each way needs (`search_entry_date`; `search_entry_id_date`, covering, migration 0005)."""
    select = f"SELECT e.id, {match.score} AS score"
    order = f"ORDER BY {DATE_ORDER} LIMIT %s OFFSET %s"
    if source_for(match, condition) == match.source:
        return fetch(f"{select} FROM {match.source} WHERE {condition} {order}", [*match.score_params, *params, limit, offset])
    (matches, entries), = fetch(f"SELECT (SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE {condition} LIMIT %s)), "
                                "(SELECT max(id) FROM search_searchentry)", [*params, DATE_COUNT])
    entries = entries or 1
    if not matches:
        return []
    density = matches / entries
    terms = sum(len(words) if words is not None else 1 for words in match.words)  # FTS5 seeks each for a row
    if WALK_PER_TERM * terms * (offset + limit) / density < FULL_PER_MATCH * matches:
        source = "search_searchentry e CROSS JOIN search_fts ON search_fts.rowid = e.id"
    else:
        source = "search_fts CROSS JOIN search_searchentry e ON e.id = search_fts.rowid"
    return fetch(f"{select} FROM {source} WHERE {condition} {order}", [*match.score_params, *params, limit, offset])


# Measured at 2 million entries (docs/benchmarks.md): an entry walked by date and tested by
# FTS5, for each term the query has there (ms); a match read by FTS5 with its date from the
# covering index; and how far matches are counted.
WALK_PER_TERM = 0.005
FULL_PER_MATCH = 0.0015
DATE_COUNT = 100_000


def _words(s: str) -> set[str] | None:
    """The indexed words a query stem matches: itself, and those ending with it (see the
    module's docstring); None when there are more than MAX_TAILS of those."""
    if not matches_tail(s):
        return {s}
    ending = compound_words(s)
    return None if ending is None else {s, *ending}


def _term(s: str, matched: set[str] | None) -> str:
    """One stem as an FTS5 expression. Stems are letters and digits only; quoting keeps them literal."""
    if matched is None:
        return f'({_quoted(s)} OR "_{s[::-1]}"*)'
    alternatives = [s, *sorted(matched - {s})]
    return _quoted(s) if len(alternatives) == 1 else "(" + " OR ".join(map(_quoted, alternatives)) + ")"


def _quoted(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def before_bulk() -> None:
    """Entries written in bulk are indexed by FTS5 in one pass at the end (`after_bulk`):
    the index is emptied and the insert and delete triggers are off until then."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS search_fts_insert")
        cursor.execute("DROP TRIGGER IF EXISTS search_fts_delete")
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
        cursor.execute("DELETE FROM search_term")


def after_bulk() -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        cursor.execute("DROP TRIGGER IF EXISTS search_fts_insert")
        cursor.execute("DROP TRIGGER IF EXISTS search_fts_delete")
        cursor.execute(SQLITE_TRIGGERS[0])
        cursor.execute(SQLITE_TRIGGERS[1])

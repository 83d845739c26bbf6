"""SQLite: FTS5 over stems written by Python (Snowball Swedish).

Each word of an entry is indexed as its stem and, when it can be a compound's tail
(`words.matches_tail`), also as `_` + the stem reversed. A query stem then matches
`"stem" OR "_metsdesrever"*`: the same word, or any word whose stem ends with it.
The `prefix` option of the FTS5 table keeps short reversed prefixes fast.
"""
from __future__ import annotations

from paragraf.search.backends import Match
from paragraf.search.words import STOPWORDS, matches_tail, query_stems, stem_all, words

TITLE_WEIGHT, TEXT_WEIGHT = 4.0, 1.0
DATE_ORDER = "e.date DESC, e.id DESC"  # SQLite puts NULL last when descending


def prepare(entries) -> None:
    """Write the terms FTS5 indexes (the triggers copy them into search_fts)."""
    for entry in entries:
        entry.title_terms = terms(entry.title)
        entry.text_terms = terms(entry.text)


# word -> its indexed form ("" for a stopword); shared by all entries, bounded.
_INDEXED: dict[str, str] = dict.fromkeys(STOPWORDS, "")
_INDEXED_MAX = 500_000


def terms(text: str) -> str:
    """The words of a text as FTS5 indexes them; each distinct word is stemmed once per process."""
    found = words(text)
    new = [w for w in set(found) if w not in _INDEXED]
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
    return Match(
        terms=wanted,
        source="search_fts JOIN search_searchentry e ON e.id = search_fts.rowid",
        condition="search_fts MATCH %s",
        params=[" AND ".join(_term(s) for s in wanted)],
        score=f"-bm25(search_fts, {TITLE_WEIGHT}, {TEXT_WEIGHT})",
    )


def ranked(match: Match, condition: str, params: list, cap: int) -> list[tuple[int, float]]:
    """(id, score) of the `cap` matches with the highest rowids, best first. FTS5 reads its
    rowids in descending order and stops there. The score is worked out here from the
    title terms of those entries: TITLE_WEIGHT for each query word in the title, plus
    TEXT_WEIGHT (every entry matches all words somewhere); newest first among equals.
    bm25() would read the whole posting list of every word for its weights, which for
    common words in a large index takes longer than a search may."""
    from django.db import connection

    # Without filters the entries table is not needed to choose them.
    source = "search_fts" if condition == match.condition else match.source
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT search_fts.rowid FROM {source} WHERE {condition} ORDER BY search_fts.rowid DESC LIMIT %s",
            [*params, cap],
        )
        ids = [row[0] for row in cursor.fetchall()]
        if not ids:
            return []
        cursor.execute(
            f"SELECT id, title_terms, date FROM search_searchentry WHERE id IN ({', '.join(['%s'] * len(ids))})", ids
        )
        rows = cursor.fetchall()
    wanted = [(s, f"_{s[::-1]}" if matches_tail(s) else None) for s in match.terms]
    scored = []
    for pk, title_terms, date in rows:
        title = title_terms.split()
        in_title = sum(1 for s, tail in wanted if s in title or (tail and any(t.startswith(tail) for t in title)))
        scored.append((pk, TITLE_WEIGHT * in_title + TEXT_WEIGHT, date))
    # best score, then newest date (undated last), then highest id
    scored.sort(key=lambda r: -r[0])
    scored.sort(key=lambda r: str(r[2] or ""), reverse=True)  # stable: ISO dates sort as text
    scored.sort(key=lambda r: -r[1])
    return [(pk, score) for pk, score, _ in scored]


def _term(s: str) -> str:
    """One stem as an FTS5 expression; stems are letters and digits only, quoting keeps it literal."""
    exact = '"' + s.replace('"', '""') + '"'
    return f'({exact} OR "_{s[::-1]}"*)' if matches_tail(s) else exact


def before_bulk() -> None:
    """Entries written in bulk are indexed by FTS5 in one pass at the end (`after_bulk`):
    the index is emptied and the insert and delete triggers are off until then."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS search_fts_insert")
        cursor.execute("DROP TRIGGER IF EXISTS search_fts_delete")
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")


def after_bulk() -> None:
    from django.db import connection

    from paragraf.search.fulltext import SQLITE_TRIGGERS

    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        cursor.execute("DROP TRIGGER IF EXISTS search_fts_insert")
        cursor.execute("DROP TRIGGER IF EXISTS search_fts_delete")
        cursor.execute(SQLITE_TRIGGERS[0])
        cursor.execute(SQLITE_TRIGGERS[1])

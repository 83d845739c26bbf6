"""The full-text schema of search as SQL: the one place the migrations and the runtime code (bulk
loads take the indexes down and build them again) read it from. A migration names the statements of
its time; a later change of one adds a new name here for its migration, never edits an old one.

SQLite: the FTS5 table `search_fts` over the entries' stems, kept in step by triggers (migration 0002).
PostgreSQL: the trigram GIN index of the entries' `lexemes` (0002), the GIN index of `search_vector`
(0003), and the window lexemes of `search_vector` (0004: `postgres._by_windows`).
SQLite's filter tokens (`filter_tokens`, `party_token`; migration 0007 wrote them once in SQL, the
format of its day, and 0008 the party tokens as here).
"""
from __future__ import annotations

SQLITE_TRIGGERS = [
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title_terms, text_terms) VALUES (new.id, new.title_terms, new.text_terms);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, text_terms)
        VALUES ('delete', old.id, old.title_terms, old.text_terms);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, text_terms)
        VALUES ('delete', old.id, old.title_terms, old.text_terms);
        INSERT INTO search_fts(rowid, title_terms, text_terms) VALUES (new.id, new.title_terms, new.text_terms);
    END""",
]

POSTGRES_LEXEMES_INDEX = "CREATE INDEX search_entry_lexemes ON search_searchentry USING gin (lexemes gin_trgm_ops)"
# Matching reads `search_vector` (migration 0003): the vector shares a row of ~2 kB with title, text and
# lexemes in the entries, is often compressed (TOAST), and reading it there costs several times more.
POSTGRES_VECTOR_INDEX = "CREATE INDEX search_vector_vector ON search_vector USING gin (vector)"
# What a bulk load builds again at its end (`postgres.after_bulk`).
POSTGRES_INDEXES = [POSTGRES_LEXEMES_INDEX, POSTGRES_VECTOR_INDEX]

# SQLite: the filters of a search are tokens FTS5 indexes with the words (migrations 0007, 0008).
def filter_tokens(entry) -> str:
    """The entry's filters as tokens FTS5 indexes with its words (migration 0007): `_o_12`
    (organisation), `_b_3` (body), `_k_paragraph` (kind), `_y_2023` (year), `_p_sd` (each
    party, `party_token`). A `_` after the first letter keeps them apart from the reversed
    stems (`_` and letters only)."""
    tokens = [f"_o_{entry.organization_id}", f"_k_{entry.kind}"]
    if entry.body_id:
        tokens.append(f"_b_{entry.body_id}")
    if entry.date:
        tokens.append(f"_y_{str(entry.date)[:4]}")
    tokens += [party_token(party) for party in entry.parties.split()]
    return " ".join(tokens)


def party_token(party: str) -> str:
    """`_p_` and the party's letters and digits, any other character as `_` and its code in hex
    (`-`, no party: `_p__2d`): FTS5 would split the token there (migration 0008)."""
    return "_p_" + "".join(c.lower() if c.isalnum() else f"_{ord(c):x}" for c in party)


WINDOW_LEVELS = (15, 18, 21, 24, 27)  # windows of 32 768, 262 144 … ids (migration 0004)


def window_lexeme(bits: int, window: int) -> str:
    """The lexeme of the window of 2^bits ids that `window` numbers (`#w15.61`)."""
    return f"#w{bits}.{window}"

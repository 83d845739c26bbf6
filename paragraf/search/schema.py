"""The full-text schema of search as SQL: the one place the migrations and the runtime code (bulk
loads take the indexes down and build them again) read it from. A migration names the statements of
its time; a later change of one adds a new name here for its migration, never edits an old one.

SQLite: the FTS5 table `search_fts` over the entries' stems, kept in step by triggers (migration 0002).
PostgreSQL: the trigram GIN index of the entries' `lexemes` (0002), `search_term` (0003), the GIN
index of `search_vector` (0003), and `search_vector` partitioned by id with its triggers (0009).
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


WINDOW_LEVELS = (15, 18, 21, 24, 27)  # windows of 32 768, 262 144 … ids (migration 0004, gone in 0009)

# PostgreSQL, migration 0009: `search_vector` range-partitioned by id, 2^PARTITION_BITS ids a partition
# (`search_vector_<n>` holds ids n·2^PARTITION_BITS …). `postgres.ranked` reads the partitions newest first,
# each as the planner plans it for that partition, and stops when it has enough. The statement triggers
# make a partition when the first entry of its range is written.
PARTITION_BITS = 18
POSTGRES_PARTITIONED = """CREATE TABLE search_vector (
    id bigint NOT NULL PRIMARY KEY, vector tsvector NOT NULL, title tsvector NOT NULL, date date,
    kind varchar(12) NOT NULL, body_id bigint, parties varchar(400) NOT NULL
) PARTITION BY RANGE (id)"""
POSTGRES_PARTITION = f"""CREATE OR REPLACE FUNCTION search_vector_partition(n bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF to_regclass('search_vector_' || n) IS NULL THEN
        -- Two writers of a new range take turns (the lock conflicts with itself only, and taking it
        -- refreshes the catalog: the second then finds the first's partition); reads and writes go on.
        LOCK TABLE search_vector IN SHARE UPDATE EXCLUSIVE MODE;
        IF to_regclass('search_vector_' || n) IS NULL THEN
            -- Made, then attached: CREATE TABLE … PARTITION OF would lock out every search until the commit.
            EXECUTE 'CREATE TABLE search_vector_' || n || ' (LIKE search_vector)';
            EXECUTE 'ALTER TABLE search_vector ATTACH PARTITION search_vector_' || n || ' FOR VALUES FROM ('
                    || (n << {PARTITION_BITS}) || ') TO (' || ((n + 1) << {PARTITION_BITS}) || ')';
        END IF;
    END IF;
END $$"""
# The lexemes of 4+ characters of the rows in {rows}, reversed, into `search_term` (migration 0003).
POSTGRES_TERMS = """
    INSERT INTO search_term (reversed)
    SELECT DISTINCT reverse(lexeme) FROM {rows}, unnest(tsvector_to_array(vector)) AS lexeme
    WHERE length(lexeme) >= 4
    ON CONFLICT DO NOTHING
"""
# An entries row `r` as `search_vector` holds it (0009): the vector stripped of positions with the
# filter lexemes of migration 0006 (`#o12`, `#b3`, `#kparagraph`, `#pSD`, `#y2023`; array_remove drops
# those of NULL columns), the title's lexemes (weight A), the date, and what facets count (kind, body, parties).
POSTGRES_FILTERS = (
    "array_remove(ARRAY['#o' || r.organization_id, '#b' || r.body_id, '#k' || r.kind, "
    "'#y' || extract(year FROM r.date)::int], NULL) "
    "|| ARRAY(SELECT '#p' || party FROM unnest(string_to_array(trim(r.parties), ' ')) AS party WHERE party <> '')"
)
POSTGRES_ROW = (f"r.id, strip(r.vector) || array_to_tsvector({POSTGRES_FILTERS}), strip(ts_filter(r.vector, '{{a}}')), "
                "r.date, r.kind, r.body_id, r.parties")
_COLUMNS = "(id, vector, title, date, kind, body_id, parties)"
_PARTITIONS_OF = "search_vector_partition(n) FROM (SELECT DISTINCT r.id >> " + str(PARTITION_BITS) + " AS n FROM {rows} r) AS parts"
POSTGRES_TRIGGERS = [
    f"""CREATE OR REPLACE FUNCTION search_entry_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM {_PARTITIONS_OF.format(rows="new_rows")};
        INSERT INTO search_vector {_COLUMNS} SELECT {POSTGRES_ROW} FROM new_rows r;
        {POSTGRES_TERMS.format(rows="new_rows")};
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION search_entry_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM {_PARTITIONS_OF.format(rows="new_rows")};
        INSERT INTO search_vector {_COLUMNS} SELECT {POSTGRES_ROW} FROM new_rows r
            ON CONFLICT (id) DO UPDATE SET vector = EXCLUDED.vector, title = EXCLUDED.title, date = EXCLUDED.date,
            kind = EXCLUDED.kind, body_id = EXCLUDED.body_id, parties = EXCLUDED.parties;
        {POSTGRES_TERMS.format(rows="new_rows")};
        RETURN NULL;
    END $$""",
]
POSTGRES_DATE_INDEX = "CREATE INDEX search_vector_date ON search_vector (date DESC NULLS LAST, id DESC)"
# `search_vector` made anew from the entries there are (0009).
POSTGRES_PARTITIONS = [
    "DROP TABLE search_vector",
    POSTGRES_PARTITIONED,
    POSTGRES_PARTITION,
    *POSTGRES_TRIGGERS,
    "SET LOCAL maintenance_work_mem TO '512MB'",
    f"SELECT {_PARTITIONS_OF.format(rows='search_searchentry')}",
    f"INSERT INTO search_vector {_COLUMNS} SELECT {POSTGRES_ROW} FROM search_searchentry r ORDER BY r.id",
    POSTGRES_VECTOR_INDEX,
    POSTGRES_DATE_INDEX,
    "ANALYZE search_vector",
]

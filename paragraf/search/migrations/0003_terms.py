"""The compound tails of the index: `search_term`, every indexed stem that can be a
compound's tail end (`words.matches_tail`), stored reversed; PostgreSQL: the vectors
in a narrow table of their own, `search_vector`.

A query stem of 4+ letters also matches every indexed word whose stem ends with it. Looked up
here first (`reversed` starts with the query stem reversed: an index range), those words are
then matched by name, as exact terms: FTS5 and GIN read exact terms lazily and stop early,
where a prefix or LIKE over the whole index reads every posting list in full.

SQLite: one row per tail-capable stem, written by `sqlite.prepare` beside the FTS5 terms; filled
here from the `_`-prefixed (reversed) terms FTS5 already holds. PostgreSQL: the lexemes of
`vector` of 4+ characters, written by statement-level triggers on each INSERT or UPDATE
(transition tables, set-based), which also copy the vectors to `search_vector`; both filled
here from the entries there are. Terms are never taken
out when entries go (a stale term matches nothing); a full reindex empties the table.
"""
from django.db import migrations

from paragraf.search.schema import POSTGRES_TERMS, POSTGRES_VECTOR_INDEX

SQLITE = [
    "CREATE TABLE search_term (reversed TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID",
    "CREATE VIRTUAL TABLE temp.search_fts_vocab USING fts5vocab(main, search_fts, 'row')",
    # FTS5 indexes each tail-capable stem also as '_' + the stem reversed ('_' sorts before letters and after digits).
    "INSERT OR IGNORE INTO search_term (reversed) SELECT substr(term, 2) FROM temp.search_fts_vocab "
    "WHERE term >= '_' AND term < '`'",
    "DROP TABLE temp.search_fts_vocab",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_term"]

POSTGRES = [
    'CREATE TABLE search_term (reversed text COLLATE "C" NOT NULL PRIMARY KEY)',
    "CREATE TABLE search_vector (id integer NOT NULL PRIMARY KEY, vector tsvector NOT NULL)",
    f"""CREATE FUNCTION search_entry_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_vector (id, vector) SELECT id, vector FROM new_rows;
        {POSTGRES_TERMS.format(rows="new_rows")};
        RETURN NULL;
    END $$""",
    f"""CREATE FUNCTION search_entry_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_vector (id, vector) SELECT id, vector FROM new_rows
            ON CONFLICT (id) DO UPDATE SET vector = EXCLUDED.vector;
        {POSTGRES_TERMS.format(rows="new_rows")};
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION search_entry_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM search_vector WHERE id IN (SELECT id FROM old_rows);
        RETURN NULL;
    END $$""",
    # Statement triggers with transition tables (one event each): set-based, once per INSERT of a batch.
    """CREATE TRIGGER search_entry_inserted AFTER INSERT ON search_searchentry
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_entry_inserted()""",
    """CREATE TRIGGER search_entry_updated AFTER UPDATE ON search_searchentry
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_entry_updated()""",
    """CREATE TRIGGER search_entry_deleted AFTER DELETE ON search_searchentry
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_entry_deleted()""",
    # The entries there are (a database indexed before this migration).
    "SET LOCAL maintenance_work_mem TO '512MB'",
    "INSERT INTO search_vector (id, vector) SELECT id, vector FROM search_searchentry ORDER BY id",
    POSTGRES_TERMS.format(rows="search_searchentry"),
    POSTGRES_VECTOR_INDEX,
    # Matching reads search_vector now; the GIN index of the entries' own vector goes.
    "DROP INDEX IF EXISTS search_entry_vector",
    "ANALYZE search_term",
    "ANALYZE search_vector",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_inserted ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_entry_updated ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_entry_deleted ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_entry_inserted()",
    "DROP FUNCTION IF EXISTS search_entry_updated()",
    "DROP FUNCTION IF EXISTS search_entry_deleted()",
    "DROP TABLE IF EXISTS search_term",
    "DROP TABLE IF EXISTS search_vector",
    "CREATE INDEX IF NOT EXISTS search_entry_vector ON search_searchentry USING gin (vector)",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]

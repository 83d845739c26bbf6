"""The compound tails of the index: `search_term`, every indexed stem that can be a
compound's tail end (`words.matches_tail`), stored reversed.

A query stem of 4+ letters also matches every indexed word whose stem ends with it. Looked up
here first (`reversed` starts with the query stem reversed: an index range), those words are
then matched by name, as exact terms: FTS5 and GIN read exact terms lazily and stop early,
where a prefix or LIKE over the whole index reads every posting list in full.

SQLite: one row per tail-capable stem, written by `sqlite.prepare` beside the FTS5 terms; filled
here from the `_`-prefixed (reversed) terms FTS5 already holds. PostgreSQL: the lexemes of
`vector` of 4+ characters, written by a statement-level trigger from each INSERT or UPDATE
(transition table, set-based); filled here from the entries there are. Terms are never taken
out when entries go (a stale term matches nothing); a full reindex empties the table.
"""
from django.db import migrations

SQLITE = [
    "CREATE TABLE search_term (reversed TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID",
    "CREATE VIRTUAL TABLE temp.search_fts_vocab USING fts5vocab(main, search_fts, 'row')",
    # FTS5 indexes each tail-capable stem also as '_' + the stem reversed ('_' sorts before letters and after digits).
    "INSERT OR IGNORE INTO search_term (reversed) SELECT substr(term, 2) FROM temp.search_fts_vocab "
    "WHERE term >= '_' AND term < '`'",
    "DROP TABLE temp.search_fts_vocab",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_term"]

POSTGRES_TERMS = """
    INSERT INTO search_term (reversed)
    SELECT DISTINCT reverse(lexeme) FROM {rows}, unnest(tsvector_to_array(vector)) AS lexeme
    WHERE length(lexeme) >= 4
    ON CONFLICT DO NOTHING
"""
POSTGRES = [
    'CREATE TABLE search_term (reversed text COLLATE "C" NOT NULL PRIMARY KEY)',
    f"""CREATE FUNCTION search_entry_terms() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {POSTGRES_TERMS.format(rows="new_rows")};
        RETURN NULL;
    END $$""",
    # A trigger with a transition table has one event.
    """CREATE TRIGGER search_entry_terms_insert AFTER INSERT ON search_searchentry
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_entry_terms()""",
    """CREATE TRIGGER search_entry_terms_update AFTER UPDATE ON search_searchentry
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_entry_terms()""",
    POSTGRES_TERMS.format(rows="search_searchentry"),
    "ANALYZE search_term",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_terms_insert ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_entry_terms_update ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_entry_terms()",
    "DROP TABLE IF EXISTS search_term",
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

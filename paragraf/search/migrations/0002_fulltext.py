"""The full-text part of the index, by database.

SQLite: an FTS5 table with external content (the stems in search_searchentry),
kept in step by triggers. Note: a later migration that makes Django rebuild the
search_searchentry table on SQLite drops these triggers; run SQLITE_TRIGGERS again there.

PostgreSQL: columns `vector` (tsvector, 'swedish' configuration, title weighted A)
and `lexemes` (its lexemes as ' a b c ', for suffix matching with pg_trgm), set
by a trigger, each with a GIN index.
"""
from django.db import migrations

from paragraf.search.schema import POSTGRES_LEXEMES_INDEX, SQLITE_TRIGGERS

SQLITE_FTS = """
CREATE VIRTUAL TABLE search_fts USING fts5(
    title_terms, text_terms,
    content='search_searchentry', content_rowid='id',
    tokenize="unicode61 remove_diacritics 0 tokenchars '_'",
    prefix='5 6'
)
"""
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRES_TEXT = 400_000  # characters of text in the tsvector, which holds at most 1 MB
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE search_searchentry ADD COLUMN vector tsvector, ADD COLUMN lexemes text",
    # One trigger stems each entry once: `lexemes` are the lexemes of `vector`, as ' a b c '.
    f"""CREATE FUNCTION search_entry_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.vector := setweight(to_tsvector('swedish'::regconfig, NEW.title), 'A')
            || setweight(to_tsvector('swedish'::regconfig, left(NEW.text, {POSTGRES_TEXT})), 'D');
        NEW.lexemes := ' ' || array_to_string(tsvector_to_array(NEW.vector), ' ') || ' ';
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER search_entry_vector BEFORE INSERT OR UPDATE OF title, text ON search_searchentry
        FOR EACH ROW EXECUTE FUNCTION search_entry_vector()""",
    "CREATE INDEX search_entry_vector ON search_searchentry USING gin (vector)",
    POSTGRES_LEXEMES_INDEX,
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_vector ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_entry_vector()",
    "DROP INDEX IF EXISTS search_entry_lexemes",
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS lexemes, DROP COLUMN IF EXISTS vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": [SQLITE_FTS, *SQLITE_TRIGGERS], "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]

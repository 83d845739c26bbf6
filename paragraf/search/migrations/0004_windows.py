"""PostgreSQL: `search_vector` for finding the newest matches fast, and the title's lexemes for scoring.

GIN answers `vector @@ query` with a bitmap of every match, which PostgreSQL then reads from
the table to learn the ids and keep the newest: for a word in 1 % of two million entries that
is 20 000 rows read to keep 1 100. So each vector here also holds *window lexemes*: for each
size in WINDOW_LEVELS (2^15, 2^18 … consecutive ids), `#w<bits>.<n>` for the window of that
size its entry falls in (`n = id >> bits`); the Swedish parser splits words at `#`, so no
word of a text or a query can be one. A query ANDed with one window, `(query) & '#w15.61'`,
makes GIN skip through its posting lists to that window alone (its AND is a merge that
jumps ahead past what the rarest entry lacks): the cost is that of the matches in the
window. `postgres._by_windows` reads window after window, newest first, each as large as the
matches still wanted need. (An OR of windows would not do: GIN then has no rare entry to
jump by, and costs as much per window as the whole query.)

The vectors here are also `strip()`ped (no positions or weights: matching needs the lexemes
only), `title` holds the lexemes of the title alone, stripped, and `date` the entry's date:
relevance is the number of query words in the title, then the date, as on SQLite
(`postgres.ranked`), scored from this table alone.
"""
from django.db import migrations

from paragraf.search.migrations._vendor_sql import on
from paragraf.search.schema import WINDOW_LEVELS

# The vector and title as `search_vector` holds them, from an entries row `r` (migration 0002's
# `vector`, title weighted A).
_WINDOWS = ", ".join(f"'#w{bits}.' || (r.id >> {bits})" for bits in WINDOW_LEVELS)
VECTOR = f"strip(r.vector) || array_to_tsvector(ARRAY[{_WINDOWS}])"

_TITLE = "strip(ts_filter(r.vector, '{a}'))"


def _terms_sql(rows: str) -> str:
    """Migration 0003's statement that adds the lexemes of `rows` to `search_term`."""
    import importlib

    return importlib.import_module("paragraf.search.migrations.0003_terms").POSTGRES_TERMS.format(rows=rows)


def triggers(vector: str) -> list[str]:
    """The statement triggers' functions, writing `search_vector` with this vector expression."""
    return [
        f"""CREATE OR REPLACE FUNCTION search_entry_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO search_vector (id, vector, title, date) SELECT r.id, {vector}, {_TITLE}, r.date FROM new_rows r;
            {_terms_sql("new_rows")};
            RETURN NULL;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION search_entry_updated() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO search_vector (id, vector, title, date) SELECT r.id, {vector}, {_TITLE}, r.date FROM new_rows r
                ON CONFLICT (id) DO UPDATE SET vector = EXCLUDED.vector, title = EXCLUDED.title, date = EXCLUDED.date;
            {_terms_sql("new_rows")};
            RETURN NULL;
        END $$""",
    ]


def rewrite(vector: str) -> list[str]:
    """`search_vector` written again from the entries there are (the GIN index built after)."""
    return [
        "SET LOCAL maintenance_work_mem TO '512MB'",
        "DROP INDEX IF EXISTS search_vector_vector",
        "TRUNCATE search_vector",
        f"INSERT INTO search_vector (id, vector, title, date) SELECT r.id, {vector}, {_TITLE}, r.date FROM search_searchentry r ORDER BY r.id",
        "CREATE INDEX search_vector_vector ON search_vector USING gin (vector)",
        "ANALYZE search_vector",
    ]


POSTGRES = [
    "ALTER TABLE search_vector ADD COLUMN title tsvector NOT NULL DEFAULT ''::tsvector, ADD COLUMN date date",
    "ALTER TABLE search_vector ALTER COLUMN title DROP DEFAULT",
    *triggers(VECTOR),
    *rewrite(VECTOR),
]
# Back to 0003: vectors with positions, no window lexemes, no title column.
POSTGRES_DROP = [
    """CREATE OR REPLACE FUNCTION search_entry_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_vector (id, vector) SELECT id, vector FROM new_rows;
        """ + _terms_sql("new_rows") + """;
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION search_entry_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_vector (id, vector) SELECT id, vector FROM new_rows
            ON CONFLICT (id) DO UPDATE SET vector = EXCLUDED.vector;
        """ + _terms_sql("new_rows") + """;
        RETURN NULL;
    END $$""",
    "ALTER TABLE search_vector DROP COLUMN title, DROP COLUMN date",
    "DROP INDEX IF EXISTS search_vector_vector",
    "TRUNCATE search_vector",
    "INSERT INTO search_vector (id, vector) SELECT id, vector FROM search_searchentry ORDER BY id",
    "CREATE INDEX search_vector_vector ON search_vector USING gin (vector)",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0003_terms")]

    operations = [migrations.RunPython(on("postgresql", POSTGRES), on("postgresql", POSTGRES_DROP))]

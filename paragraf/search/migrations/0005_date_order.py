"""Indexes for a search sorted by date (newest first, undated last).

PostgreSQL: `search_vector` in that order, for `postgres.dated`: the planner walks it and
stops at the page. SQLite: the entries' ids with their dates, a covering index, for
`sqlite.dated` to read the date of every match of a rare query without reading the rows
(made here in SQL, unknown to Django: a later migration that makes Django rebuild the
search_searchentry table on SQLite drops it, as it drops 0002's triggers; make it again there)."""
from django.db import migrations

SQL = {
    "postgresql": ("CREATE INDEX search_vector_date ON search_vector (date DESC NULLS LAST, id DESC)",
                   "DROP INDEX IF EXISTS search_vector_date"),
    "sqlite": ("CREATE INDEX search_entry_id_date ON search_searchentry (id, date)",
               "DROP INDEX IF EXISTS search_entry_id_date"),
}


def _run(which):
    def run(apps, schema_editor):
        statements = SQL.get(schema_editor.connection.vendor)
        if statements:
            schema_editor.execute(statements[which])

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_windows")]

    operations = [migrations.RunPython(_run(0), _run(1))]

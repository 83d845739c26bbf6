"""PostgreSQL: an index of `search_vector` in the order of a search sorted by date (newest
first, undated last), for `postgres.dated`: the planner walks it and stops at the page."""
from django.db import migrations

POSTGRES = "CREATE INDEX search_vector_date ON search_vector (date DESC NULLS LAST, id DESC)"
POSTGRES_DROP = "DROP INDEX IF EXISTS search_vector_date"


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_windows")]

    operations = [migrations.RunPython(_run(POSTGRES), _run(POSTGRES_DROP))]

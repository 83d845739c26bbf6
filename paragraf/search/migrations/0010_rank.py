"""SQLite: `search_rank`, what ranking and facets read of each match, narrow (`schema.SQLITE_RANK`).

A search ranks its newest 1 100 matches by their title terms, date, and counts facets by kind, body
and parties: read from the entries, each match is a row of ~2 kB (its text), and at a million § those
reads, from disk after a cold start, were most of a search's time. PostgreSQL reads the same from
`search_vector` (migration 0009).
"""
from django.db import migrations

from paragraf.search.migrations._vendor_sql import on
from paragraf.search.schema import SQLITE_RANK, SQLITE_RANK_DROP


class Migration(migrations.Migration):
    dependencies = [("search", "0009_partitions")]

    operations = [migrations.RunPython(on("sqlite", SQLITE_RANK), on("sqlite", SQLITE_RANK_DROP))]

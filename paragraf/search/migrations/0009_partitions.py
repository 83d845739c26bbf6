"""PostgreSQL: `search_vector` range-partitioned by id, without window lexemes (`schema.PARTITION_BITS`).

Migration 0004 put window lexemes (`#w15.61`) into every vector so that hand-written code
(`postgres._by_windows`) could read GIN window by window, newest first, guided by constants
measured on one machine and by `pg_stats`. Partitions by id give the planner the same windows:
`ORDER BY id DESC LIMIT n` appends them newest first and stops when it has n, each read the way
its own statistics say. The vectors keep the filter lexemes of 0006. Reverse: 0006's table again.
"""
import importlib

from django.db import migrations

from paragraf.search.migrations._vendor_sql import on
from paragraf.search.schema import POSTGRES_PARTITIONS

_filters = importlib.import_module("paragraf.search.migrations.0006_filter_lexemes")
_date_order = importlib.import_module("paragraf.search.migrations.0005_date_order")

POSTGRES_DROP = [
    "DROP TABLE search_vector",
    "DROP FUNCTION search_vector_partition(bigint)",
    "CREATE TABLE search_vector (id integer NOT NULL PRIMARY KEY, vector tsvector NOT NULL, title tsvector NOT NULL, date date)",
    *_filters.POSTGRES,
    _date_order.SQL["postgresql"][0],
]


class Migration(migrations.Migration):
    dependencies = [("search", "0008_party_tokens")]

    operations = [migrations.RunPython(on("postgresql", POSTGRES_PARTITIONS), on("postgresql", POSTGRES_DROP))]

"""PostgreSQL: `search_vector` range-partitioned by id, without window lexemes (`schema.PARTITION_BITS`).

Migration 0004 put window lexemes (`#w15.61`) into every vector so that hand-written code
(`postgres._by_windows`) could read GIN window by window, newest first, guided by constants
measured on one machine and by `pg_stats`. Partitions by id are the same windows, made by the
database: `postgres.ranked` reads them newest first, each as the planner plans it, and stops when it
has enough. The vectors keep the filter lexemes of 0006; the rows also carry kind, body and parties
(what facets count). Reverse: 0006's table again.
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

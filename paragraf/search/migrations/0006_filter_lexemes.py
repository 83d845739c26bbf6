"""PostgreSQL: the filters of a search as lexemes in `search_vector`.

Each vector also holds `#o<id>` for its organisation, `#b<id>` for its body, `#k<kind>`,
`#p<party>` for each party in `parties`, and `#y<year>` for its date's year (as window
lexemes, migration 0004, the parser's `#` keeps them apart from words). A filter is then
one more operand of the query, `'budget' & '#o12'`, which GIN answers with everything else
(and a rare one leads the windows of `postgres._by_windows`), instead of a join to the
entries for the planner to guess about. A period is its years as an operand, and the exact
days tested on `search_vector.date`.
"""
import importlib

from django.db import migrations

from paragraf.search.migrations._vendor_sql import on

_windows = importlib.import_module("paragraf.search.migrations.0004_windows")

# The filter lexemes of an entries row `r`; array_remove drops those of NULL columns.
_FILTERS = (
    "array_remove(ARRAY['#o' || r.organization_id, '#b' || r.body_id, '#k' || r.kind, "
    "'#y' || extract(year FROM r.date)::int], NULL) "
    "|| ARRAY(SELECT '#p' || party FROM unnest(string_to_array(trim(r.parties), ' ')) AS party WHERE party <> '')"
)
VECTOR = f"{_windows.VECTOR} || array_to_tsvector({_FILTERS})"

POSTGRES = [*_windows.triggers(VECTOR), *_windows.rewrite(VECTOR)]
POSTGRES_DROP = [*_windows.triggers(_windows.VECTOR), *_windows.rewrite(_windows.VECTOR)]


class Migration(migrations.Migration):
    dependencies = [("search", "0005_date_order")]

    operations = [migrations.RunPython(on("postgresql", POSTGRES), on("postgresql", POSTGRES_DROP))]

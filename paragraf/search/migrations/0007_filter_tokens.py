"""SQLite: the filters of a search as tokens FTS5 indexes with the words (`schema.filter_tokens`).

Each entry's `text_terms` also holds `_o_<id>` (organisation), `_k_<kind>`, `_b_<id>` (body),
`_y_<year>` and `_p_<party>` for each party: a filter is then one more term FTS5 intersects
with the query's words, instead of a join that reads every match's row. Entries written
from now on get them from `sqlite.prepare`; here the entries there are (the update trigger
of migration 0002 indexes them again).
"""
from django.db import migrations

from paragraf.search.migrations._vendor_sql import on

# The same tokens as `schema.filter_tokens`, from the row's own columns.
TOKENS = (
    "'_o_' || organization_id || ' _k_' || kind || coalesce(' _b_' || body_id, '') "
    "|| coalesce(' _y_' || substr(date, 1, 4), '') "
    "|| CASE WHEN trim(parties) <> '' THEN ' _p_' || replace(lower(trim(parties)), ' ', ' _p_') ELSE '' END"
)
SQLITE = [
    f"UPDATE search_searchentry SET text_terms = text_terms || ' ' || {TOKENS}",
    # Every row indexed again leaves FTS5 with many small segments: merged into one, as after a bulk load.
    "INSERT INTO search_fts(search_fts) VALUES ('optimize')",
]
# Back: the tokens taken off again (they start at ' _o_', which no word's token holds).
SQLITE_DROP = [
    "UPDATE search_searchentry SET text_terms = substr(text_terms, 1, instr(text_terms, ' _o_') - 1) "
    "WHERE instr(text_terms, ' _o_') > 0"
]


class Migration(migrations.Migration):
    dependencies = [("search", "0006_filter_lexemes")]

    operations = [migrations.RunPython(on("sqlite", SQLITE), on("sqlite", SQLITE_DROP))]

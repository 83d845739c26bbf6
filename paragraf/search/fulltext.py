"""The full-text SQL of migrations 0002 and 0003, for code that takes the indexes down and up again (bulk loads)."""
from __future__ import annotations

import importlib

_migration = importlib.import_module("paragraf.search.migrations.0002_fulltext")
_terms = importlib.import_module("paragraf.search.migrations.0003_terms")

SQLITE_TRIGGERS = _migration.SQLITE_TRIGGERS
# The GIN indexes: of `lexemes` (pg_trgm, 0002) and of `search_vector` (0003, which dropped
# the one of the entries' own `vector`).
POSTGRES_INDEXES = [
    *(sql for sql in _migration.POSTGRES if sql.startswith("CREATE INDEX") and "(vector)" not in sql),
    _terms.POSTGRES_VECTOR_INDEX,
]

"""The full-text SQL of migration 0002, for code that takes the indexes down and up again (bulk loads)."""
from __future__ import annotations

import importlib

_migration = importlib.import_module("paragraf.search.migrations.0002_fulltext")

SQLITE_TRIGGERS = _migration.SQLITE_TRIGGERS
# The two GIN indexes (the last statements of the PostgreSQL part).
POSTGRES_INDEXES = [sql for sql in _migration.POSTGRES if sql.startswith("CREATE INDEX")]

"""A JSON Lines dump back into an empty database (`paragraf import-export DUMP`).

All in one transaction: a malformed line (named by its number) or a row the database
refuses leaves the database as empty as it was. Primary keys and timestamps are kept as
the dump has them, so exporting the restored database gives the same bytes again.
"""
from __future__ import annotations

import itertools

import json
from collections import Counter
from collections.abc import Callable, Iterable

from django.apps import apps
from django.core.management.color import no_style
from django.db import DatabaseError, IntegrityError, connection, transaction

from paragraf.exchange.export import FORMAT
from paragraf.exchange.tables import TABLES, TABLES_BY_NAME, Table
from paragraf.exchange.values import stored_value
from paragraf.records.models import PersonAlias
from paragraf.records.names import first_token, folded_name

BATCH = 1000


class DumpError(Exception):
    """A dump that cannot be restored; the message names the line when one is at fault."""


def import_dump(lines: Iterable[bytes], progress: Callable[[int], None] | None = None) -> Counter:
    """Store every row of a dump (lines as bytes, as read from the file); returns the rows per table.
    The header is read first, so that a file that is no whole dump is named as such."""
    rows = _rows(lines, progress)
    first = next(rows, None)
    _ensure_empty()
    counts: Counter = Counter()
    try:
        with transaction.atomic():
            batch = Batch()
            for number, table, obj in itertools.chain([first] if first else [], rows):
                if batch.rows and (table is not batch.table or len(batch.rows) >= BATCH):
                    counts[batch.table.name] += batch.store()
                batch.add(number, table, obj)
            if batch.rows:
                counts[batch.table.name] += batch.store()
            _reset_sequences()
            _rebuild_search_index()
    except IntegrityError as exc:
        # Foreign keys are checked when the transaction commits.
        raise DumpError(f"the dump is not consistent: {exc}") from None
    return counts


class Batch:
    """Rows of one table waiting to be inserted, with the line numbers they came from."""

    def __init__(self) -> None:
        self.table: Table | None = None
        self.rows: list = []
        self.first_line = 0

    def add(self, number: int, table: Table, obj) -> None:
        if not self.rows:
            self.table, self.first_line = table, number
        self.rows.append(obj)
        self.last_line = number

    def store(self) -> int:
        """Insert as they are: `raw` keeps the dump's created/modified (auto_now would
        overwrite them in bulk_create), as `loaddata` does."""
        model = self.table.model
        fields = model._meta.concrete_fields
        size = max(1, connection.ops.bulk_batch_size(fields, self.rows))  # SQLite: at most 999 parameters
        try:
            with transaction.atomic():
                for start in range(0, len(self.rows), size):
                    model._base_manager._insert(self.rows[start:start + size], fields=fields, raw=True)
        except DatabaseError as exc:
            raise DumpError(f"lines {self.first_line}-{self.last_line} ({self.table.name}): {exc}") from None
        stored = len(self.rows)
        self.rows = []
        return stored


def _ensure_empty() -> None:
    holding = [model._meta.model_name for model in apps.get_app_config("records").get_models() if model._base_manager.exists()]
    if holding:
        raise DumpError(f"the database is not empty (it holds {', '.join(holding)}): a dump is restored into an empty database only")


def _rows(lines: Iterable[bytes], progress):
    """(line number, table, unsaved model object) for each row line, after the header."""
    number = 0
    for number, line in enumerate(lines, start=1):
        if progress:
            progress(len(line))
        record = _parse(number, line)
        if number == 1:
            _check_header(record)
            continue
        table, obj = _object(number, record)
        yield number, table, obj
    if number == 0:
        raise DumpError("the dump is empty: not even its header line")


def _parse(number: int, line: bytes) -> dict:
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        raise DumpError(f"line {number}: not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise DumpError(f"line {number}: not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise DumpError(f"line {number}: a JSON object expected")
    return record


def _check_header(record: dict) -> None:
    if record.get("format") != FORMAT:
        raise DumpError(f"line 1: not a Paragraf dump (the first line must be {{\"format\": \"{FORMAT}\", …}})")
    if record.get("since"):
        raise DumpError(f"line 1: a dump of the changes since {record['since']} is no whole database: restore a whole dump")


def _object(number: int, record: dict):
    if set(record) != {"model", "id", "fields"}:
        raise DumpError(f"line {number}: expected the keys model, id and fields, found {', '.join(sorted(record))}")
    table = TABLES_BY_NAME.get(record["model"])
    if table is None:
        known = ", ".join(t.name for t in TABLES)
        raise DumpError(f"line {number}: unknown model {record['model']!r} (known: {known})")
    pk, values = record["id"], record["fields"]
    if isinstance(pk, bool) or not isinstance(pk, int) or pk < 1:
        raise DumpError(f"line {number}: id must be a positive whole number, not {pk!r}")
    fields = table.fields[1:]
    if not isinstance(values, dict) or set(values) != {f.name for f in fields}:
        expected = ", ".join(f.name for f in fields)
        raise DumpError(f"line {number}: fields of {table.name} must be exactly {expected}")
    try:
        attributes = {field.attname: stored_value(field, values[field.name]) for field in fields}
    except ValueError as exc:
        raise DumpError(f"line {number}: {exc}") from None
    obj = table.model(pk=pk, **attributes)
    if isinstance(obj, PersonAlias):
        obj.first_token, obj.folded_name = first_token(obj.name), folded_name(obj.name)  # not in the dump: the name indexed
    return table, obj


def _reset_sequences() -> None:
    """PostgreSQL: the next new row gets an id above the restored ones (SQLite does this itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), [table.model for table in TABLES])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _rebuild_search_index() -> None:
    if apps.is_installed("paragraf.search"):
        from paragraf.search.index import rebuild_index

        rebuild_index()

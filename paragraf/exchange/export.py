"""The public dump: every record of the records app, or one organisation's, streamed in a
fixed order (tables in dependency order, rows by primary key, fields in model order).

JSON Lines: a header line, then one line per row,
`{"model":"meeting","id":12,"fields":{"body":3,"date":"2023-01-31",…}}`; foreign keys as ids.
CSV: one file per table with a header row. Personal data in free text is masked.
"""
from __future__ import annotations

import contextlib
import hashlib
import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Q

from paragraf.exchange.tables import TABLES, Table, scoped_querysets
from paragraf.exchange.values import public_converter
from paragraf.privacy.rules import current_masker
from paragraf.records.models import Organization, SourceFile

FORMAT = "paragraf.export/1"
CHUNK = 2000


@dataclass
class Row:
    table: Table
    id: int
    fields: dict


def find_organization(key: str) -> Organization:
    """An organisation by slug or name; LookupError names the known ones."""
    found = Organization.objects.filter(Q(slug=key) | Q(name__iexact=key)).first()
    if found is None:
        known = ", ".join(Organization.objects.order_by("slug").values_list("slug", flat=True)) or "none"
        raise LookupError(f"no organisation {key!r} (known: {known})")
    return found


def header(organization: Organization | None) -> dict:
    return {"format": FORMAT, "organization": organization.slug if organization else None}


def export_rows(organization: Organization | None = None) -> Iterator[Row]:
    """Every row of the dump, table by table, by primary key; constant memory."""
    querysets = scoped_querysets(organization)
    masker = current_masker()
    for table in TABLES:
        fields = table.fields
        names = [field.name for field in fields[1:]]
        converters = [public_converter(field, masker if table.masked(field) else None) for field in fields[1:]]
        rows = querysets[table.name].order_by("pk").values_list(*(f.attname for f in fields))
        for pk, *values in rows.iterator(chunk_size=CHUNK):
            row = {n: convert(v) for n, convert, v in zip(names, converters, values)}
            if table.model is SourceFile:
                # No hash of what is masked: the dump's sha256 is that of the text it carries.
                row["sha256"] = hashlib.sha256(row["text"].encode()).hexdigest()
            yield Row(table, pk, row)


def count_rows(organization: Organization | None = None) -> int:
    """How many rows the dump will hold (for a progress bar)."""
    return sum(queryset.count() for queryset in scoped_querysets(organization).values())


def jsonl_lines(organization: Organization | None = None) -> Iterator[str]:
    """The dump as JSON Lines, each line ending in a newline."""
    yield _json(header(organization))
    for row in export_rows(organization):
        yield _json({"model": row.table.name, "id": row.id, "fields": row.fields})


def _json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_csv(target: Path, organization: Organization | None = None, progress: Callable[[int], None] | None = None) -> None:
    """One CSV file per table (`meeting.csv` …) with a header row: into a .zip, or a directory."""
    if target.suffix == ".zip":
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            _write_tables(lambda name: _zip_member(archive, name), organization, progress)
    else:
        target.mkdir(parents=True, exist_ok=True)
        _write_tables(lambda name: open(target / name, "w", encoding="utf-8", newline=""), organization, progress)


def _write_tables(open_file, organization, progress) -> None:
    rows = export_rows(organization)
    row = next(rows, None)
    for table in TABLES:
        with open_file(f"{table.name}.csv") as file:
            writer = csv.writer(file)
            writer.writerow(["id", *(field.name for field in table.fields[1:])])
            while row is not None and row.table is table:
                writer.writerow([row.id, *(_csv_value(v) for v in row.fields.values())])
                if progress:
                    progress(1)
                row = next(rows, None)


@contextlib.contextmanager
def _zip_member(archive: zipfile.ZipFile, name: str):
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # the same archive for the same records
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
        yield text


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


@contextlib.contextmanager
def consistent_snapshot():
    """On PostgreSQL, read every table of the dump in one snapshot (a read-only REPEATABLE READ
    transaction), so an import running meanwhile shows up wholly or not at all. SQLite reads
    without a transaction: one would take the write lock (transaction_mode IMMEDIATE)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield

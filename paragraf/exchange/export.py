"""The public dump: every record of the records app, or one organisation's, streamed in a
fixed order (tables in dependency order, rows by primary key, fields in model order).

JSON Lines: a header line, then one line per row,
`{"model":"meeting","id":12,"fields":{"body":3,"date":"2023-01-31",…}}`; foreign keys as ids.
CSV: one file per table with a header row. Personal data in free text is masked. A source file's
text (tens of megabytes a packet) is read, masked and written in pieces, never held whole.
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
from datetime import datetime
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Q

from paragraf.exchange.tables import TABLES, Table, scoped_querysets
from paragraf.exchange.values import public_converter
from paragraf.privacy.masking import Masker
from paragraf.privacy.pieces import masked_texts
from paragraf.privacy.rules import current_masker
from paragraf.records.models import Organization, SourceFile
from paragraf.records.texts import text_chunks

FORMAT = "paragraf.export/1"
CHUNK = 2000


@dataclass(frozen=True)
class StreamedText:
    """A source file's text in a row of the dump: read from the database, masked and written in
    pieces (`records/texts.py`, `privacy/pieces.py`)."""

    source_id: int
    updated_at: datetime  # the version of the row's other fields: read twice, the text is of that one
    masker: Masker

    def pieces(self) -> Iterator[str]:
        return masked_texts(text_chunks(self.source_id, self.updated_at), self.masker.mask)

    def sha256(self) -> str:
        digest = hashlib.sha256()
        for piece in self.pieces():
            digest.update(piece.encode())
        return digest.hexdigest()


@dataclass
class Row:
    table: Table
    id: int
    fields: dict

    @property
    def streamed(self) -> bool:
        """Whether a field is a StreamedText (written in pieces)."""
        return any(isinstance(value, StreamedText) for value in self.fields.values())


def find_organization(key: str) -> Organization:
    """An organisation by slug or name; LookupError names the known ones."""
    found = Organization.objects.filter(Q(slug=key) | Q(name__iexact=key)).first()
    if found is None:
        known = ", ".join(Organization.objects.order_by("slug").values_list("slug", flat=True)) or "none"
        raise LookupError(f"no organisation {key!r} (known: {known})")
    return found


def header(organization: Organization | None, since=None) -> dict:
    data = {"format": FORMAT, "organization": organization.slug if organization else None}
    if since is not None:
        data["since"] = since.isoformat()
    return data


def export_rows(organization: Organization | None = None, since=None) -> Iterator[Row]:
    """Every row of the dump (with `since`: changed since then), table by table, by primary key; constant memory."""
    querysets = scoped_querysets(organization, since)
    masker = current_masker()
    for table in TABLES:
        streamed = table.model is SourceFile  # its text is read when it is written
        order = [field.name for field in table.fields[1:]]
        fields = [f for f in table.fields[1:] if not (streamed and f.name == "text")]
        converters = [public_converter(field, masker if table.masked(field) else None) for field in fields]
        version = [field.name for field in fields].index("updated_at") if streamed else None
        rows = querysets[table.name].order_by("pk").values_list("pk", *(f.attname for f in fields))
        for pk, *values in rows.iterator(chunk_size=CHUNK):
            row = {field.name: convert(v) for field, convert, v in zip(fields, converters, values)}
            if streamed:
                text = StreamedText(pk, values[version], masker)
                # No hash of what is masked: the dump's sha256 is that of the text it carries.
                row.update(text=text, sha256=text.sha256())
                row = {name: row[name] for name in order}
            yield Row(table, pk, row)


def count_rows(organization: Organization | None = None, since=None) -> int:
    """How many rows the dump will hold (for a progress bar)."""
    return sum(queryset.count() for queryset in scoped_querysets(organization, since).values())


def jsonl_lines(organization: Organization | None = None, since=None) -> Iterator[str]:
    """The dump as JSON Lines: the lines in order, each ending in a newline; the line of a source
    file comes in several pieces (its text streamed)."""
    yield _json(header(organization, since))
    for row in export_rows(organization, since):
        if row.streamed:
            yield from _streamed_json(row)
        else:
            yield _json({"model": row.table.name, "id": row.id, "fields": row.fields})


def _json(data: dict) -> str:
    return _dumps(data) + "\n"


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _streamed_json(row: Row) -> Iterator[str]:
    """What `_json` writes for the row, its streamed text in pieces (JSON escapes character by
    character, so the escaped pieces joined are the whole text escaped)."""
    yield f'{{"model":{_dumps(row.table.name)},"id":{row.id},"fields":{{'
    for n, (name, value) in enumerate(row.fields.items()):
        yield ("," if n else "") + _dumps(name) + ":"
        if isinstance(value, StreamedText):
            yield '"'
            for piece in value.pieces():
                yield _dumps(piece)[1:-1]
            yield '"'
        else:
            yield _dumps(value)
    yield "}}\n"


def write_csv(target: Path, organization: Organization | None = None, progress: Callable[[int], None] | None = None,
              since=None) -> None:
    """One CSV file per table (`meeting.csv` …) with a header row: into a .zip, or a directory."""
    if target.suffix == ".zip":
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            _write_tables(lambda name: _zip_member(archive, name), organization, progress, since)
    else:
        target.mkdir(parents=True, exist_ok=True)
        _write_tables(lambda name: open(target / name, "w", encoding="utf-8", newline=""), organization, progress, since)


def _write_tables(open_file, organization, progress, since=None) -> None:
    rows = export_rows(organization, since)
    row = next(rows, None)
    for table in TABLES:
        with open_file(f"{table.name}.csv") as file:
            writer = csv.writer(file)
            writer.writerow(["id", *(field.name for field in table.fields[1:])])
            while row is not None and row.table is table:
                if row.streamed:
                    _write_streamed_csv_row(file, [row.id, *row.fields.values()])
                else:
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


def _write_streamed_csv_row(file, values: list) -> None:
    """A CSV row as `csv.writer` writes it, with a streamed text as one quoted cell written in pieces."""
    for n, value in enumerate(values):
        if n:
            file.write(",")
        if isinstance(value, StreamedText):
            file.write('"')
            for piece in value.pieces():
                file.write(piece.replace('"', '""'))
            file.write('"')
        else:
            cell = io.StringIO()
            csv.writer(cell, lineterminator="").writerow([_csv_value(value)])
            file.write(cell.getvalue())
    file.write("\r\n")


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


@contextlib.contextmanager
def consistent_snapshot():
    """Read every table of the dump in one snapshot, so an import running meanwhile shows up wholly
    or not at all (and a source file's text is of the version of its row). PostgreSQL: a read-only
    REPEATABLE READ transaction. SQLite: a deferred transaction begun by hand (Django's would take
    the write lock: transaction_mode IMMEDIATE); in WAL mode it reads one snapshot and blocks no
    writer. Inside a transaction already (tests), that one is the snapshot."""
    if connection.in_atomic_block:
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    else:
        connection.ensure_connection()
        raw = connection.connection
        raw.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            raw.execute("ROLLBACK")  # nothing was written

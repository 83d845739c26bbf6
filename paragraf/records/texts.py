"""A source file's text read from the database in pieces, never whole.

A packet's text can be tens of megabytes; read whole into a request it costs several times that
in memory (the database's copy, the string, the lines split from it), and a few such requests at
once take a server past any limit. Pages of lines, a § or a document's span and the streamed
downloads read it here instead: on SQLite through incremental blob I/O (only the pages read are
loaded, through a small page cache), on PostgreSQL by `substr` in pieces (the server detoasts,
this process holds one piece).
"""
from __future__ import annotations

import codecs
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime

from django.db import connection
from django.db.models.functions import Substr

from paragraf.records.models import SourceFile

CHUNK = 1 << 20  # bytes read from SQLite at a time
PG_CHUNK = 1 << 20  # characters a PostgreSQL query returns (each query detoasts the value up to its end)
READ_ATTEMPTS = 3  # of a range of lines, when imports change the file under it
READ_CACHE_KIB = 2048  # SQLite's page cache while a text is read


class TextChanged(RuntimeError):
    """The source file was imported anew (or removed) while its text was being read."""

    def __init__(self, source_id: int):
        super().__init__(f"source file {source_id} was imported anew or removed while its text was read")


def text_chunks(source_id: int, updated_at: datetime | None = None) -> Iterator[str]:
    """The text of the source file in pieces that joined are the whole text: at least one (empty for
    an empty text), none if there is no such file. The pieces are of one version of the file: on
    SQLite the blob is read in one snapshot; on PostgreSQL each piece is asked of the version of the
    first, and TextChanged ends the read if the file was imported anew meanwhile. With `updated_at`
    (the version the caller read the file's other fields at), TextChanged also when the text is of
    another version than that one."""
    if connection.vendor == "sqlite":
        yield from _sqlite_chunks(source_id, updated_at)
    else:
        yield from _substr_chunks(source_id, updated_at)


def text_lines(source_id: int, first: int, last: int) -> list[str]:
    """Lines `first`..`last` (from 1) of the source file's text, read only up to the last of them
    (read again, of the new version, when the file is imported anew meanwhile)."""
    for attempt in range(1, READ_ATTEMPTS + 1):
        try:
            return lines_in_chunks(text_chunks(source_id), first, last)
        except TextChanged:
            if attempt == READ_ATTEMPTS:
                raise


def lines_in_chunks(chunks: Iterable[str], first: int, last: int) -> list[str]:
    """Lines `first`..`last` (from 1) of the text the chunks make, as `text.split("\\n")` numbers
    them (no chunks: no text, no lines); chunks after the last line wanted are not read."""
    if first < 1 or last < first:
        return []
    line = 1  # the line the next chunk begins in
    parts: list[str] = []
    breaks = None  # line breaks collected since the start of line `first`
    for chunk in chunks:
        if breaks is None:
            newlines = chunk.count("\n")
            if line + newlines < first:
                line += newlines
                continue
            start = 0
            for _ in range(first - line):
                start = chunk.index("\n", start) + 1
            chunk, breaks = chunk[start:], 0
        parts.append(chunk)
        breaks += chunk.count("\n")
        if breaks > last - first:
            break
    if breaks is None:  # every chunk ended before line `first` (or none came: no such file)
        return []
    return "".join(parts).split("\n")[: last - first + 1]


def _sqlite_chunks(source_id: int, updated_at: datetime | None) -> Iterator[str]:
    connection.ensure_connection()
    raw = connection.connection
    with _small_reads(raw):
        try:
            blob = raw.blobopen(SourceFile._meta.db_table, "text", source_id, readonly=True)
        except sqlite3.OperationalError:  # no such row
            return
        decoder = codecs.getincrementaldecoder("utf-8")()
        with blob:
            # While the blob is open the connection reads one snapshot: the check holds for the whole text.
            _check_version(source_id, updated_at)
            while piece := blob.read(CHUNK):
                yield decoder.decode(piece)
        yield decoder.decode(b"", final=True)


@contextmanager
def _small_reads(raw: sqlite3.Connection) -> Iterator[None]:
    """The connection without its memory map and with a page cache of READ_CACHE_KIB while a text is
    read: each connection maps the database file by itself, and the pages of a text read through the
    map stay resident in it (or in a large page cache), the size of the text in every connection
    that read one. The settings are put back afterwards (settings.py sets them for search)."""
    mapped = raw.execute("PRAGMA mmap_size").fetchone()  # no row: an in-memory database
    cache_size = raw.execute("PRAGMA cache_size").fetchone()[0]
    if mapped:
        raw.execute("PRAGMA mmap_size=0")
    raw.execute(f"PRAGMA cache_size=-{READ_CACHE_KIB}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA cache_size={int(cache_size)}")
        if mapped:
            raw.execute(f"PRAGMA mmap_size={int(mapped[0])}")


def _substr_chunks(source_id: int, updated_at: datetime | None) -> Iterator[str]:
    # Each piece is its own query (and snapshot): the first one says which version is read, and each
    # later piece is asked of that version.
    rows = SourceFile.without_content.filter(pk=source_id)
    if updated_at is not None:
        rows = rows.filter(updated_at=updated_at)
    start = 1
    while True:
        found = rows.values_list("updated_at", Substr("text", start, PG_CHUNK)).first()
        if found is None:
            if start == 1 and updated_at is None:
                return  # no such file
            raise TextChanged(source_id)
        version, piece = found
        if updated_at is None:
            updated_at, rows = version, rows.filter(updated_at=version)
        if start == 1 or piece:
            yield piece
        if len(piece) < PG_CHUNK:
            return
        start += PG_CHUNK


def _check_version(source_id: int, updated_at: datetime | None) -> None:
    if updated_at is not None and not SourceFile.without_content.filter(pk=source_id, updated_at=updated_at).exists():
        raise TextChanged(source_id)

"""A source file's text read from the database in pieces (`records/texts.py`): the pieces joined are
the text, and any range of lines is the range of `text.split("\\n")`, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from hypothesis import given
from django.db import connection
from hypothesis import strategies as st

from paragraf.records import texts
from paragraf.records.models import Document, Organization, SourceFile
from paragraf.records.texts import lines_in_chunks, text_chunks, text_lines
from tests.conftest import CORPUS

pytestmark = pytest.mark.django_db


def _store(text: str) -> SourceFile:
    return SourceFile.objects.create(name="t.txt", sha256=str(len(text)).rjust(64, "0"), kind="text", data=b"",
                                     text=text, line_count=text.count("\n") + 1, parser_version="test")


@pytest.fixture
def small_chunks(monkeypatch):
    """Pieces of a few bytes, so that every cut (inside a line, inside a character) is read."""
    monkeypatch.setattr(texts, "CHUNK", 5)
    monkeypatch.setattr(texts, "PG_CHUNK", 5)


def test_the_pieces_joined_are_the_text(small_chunks):
    text = "Åtta ärenden\n\nSkövde – Jönköping €\n" * 7 + "sista raden utan radbrytning"
    source = _store(text)
    pieces = list(text_chunks(source.pk))
    assert len(pieces) > 10 and "".join(pieces) == text


def test_a_corpus_packet_read_in_pieces_is_its_text():
    packet = sorted(CORPUS.glob("*.txt"))[0].read_text(encoding="utf-8")
    source = _store(packet)
    assert "".join(text_chunks(source.pk)) == packet
    lines = packet.split("\n")
    assert text_lines(source.pk, 1, 3) == lines[:3]
    assert text_lines(source.pk, len(lines) - 2, len(lines) + 5) == lines[-3:]


def test_lines_of_the_database_are_the_lines_of_the_text(small_chunks):
    text = "rad ett\nrad två\n\nrad fyra – lång nog att delas\nrad fem\n"
    source = _store(text)
    lines = text.split("\n")
    for first in range(0, len(lines) + 2):
        for last in range(first - 1, len(lines) + 3):
            expected = lines[first - 1 : last] if first >= 1 else []
            assert text_lines(source.pk, first, last) == expected, (first, last)


def test_no_such_file_has_no_text():
    assert list(text_chunks(987654)) == [] and text_lines(987654, 1, 10) == []


@given(text=st.text(alphabet="ab\nå", max_size=60), size=st.integers(1, 9), first=st.integers(0, 20), more=st.integers(-1, 20))
def test_lines_in_chunks_are_the_lines_of_the_text(text, size, first, more):
    chunks = [text[i : i + size] for i in range(0, len(text), size)] or [""]
    last = first + more
    expected = text.split("\n")[first - 1 : last] if first >= 1 else []
    assert lines_in_chunks(chunks, first, last) == expected


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_the_connection_gets_its_page_cache_back_after_a_read():
    source = _store("en rad\n" * 100)
    connection.ensure_connection()
    before = connection.connection.execute("PRAGMA cache_size").fetchone()[0]
    assert text_lines(source.pk, 1, 2) == ["en rad", "en rad"]
    assert "".join(text_chunks(source.pk)) == source.text
    assert connection.connection.execute("PRAGMA cache_size").fetchone()[0] == before != -texts.READ_CACHE_KIB


def test_a_record_s_source_file_comes_without_its_text_and_bytes():
    source = _store("rad\n")
    organization = Organization.objects.create(name="Region Test", slug="region-test")
    document = Document.objects.create(organization=organization, source_file=source, position=1, kind="protokoll", title="t", first_line=1, last_line=1)
    linked = Document.objects.get(pk=document.pk).source_file
    assert linked.get_deferred_fields() == {"text", "data"}
    linked.parser_version = "ändrad"
    assert linked.text == "rad\n"  # still there when asked for, and only it is read:
    assert linked.parser_version == "ändrad" and linked.get_deferred_fields() == {"data"}


def test_a_text_of_another_version_is_refused():
    source = _store("rad ett\nrad två\n")
    assert "".join(text_chunks(source.pk, source.updated_at)) == source.text
    stale = source.updated_at
    source.save()  # imported anew: a new updated_at
    with pytest.raises(texts.TextChanged):
        list(text_chunks(source.pk, stale))


@pytest.mark.django_db(transaction=True)
def test_moving_the_text_to_the_end_of_its_row_keeps_it_both_ways():
    """Migration 0006, undone and done again on a database holding a packet."""
    from django.db.migrations.executor import MigrationExecutor

    source = _store("rad ett\nrad två – Jönköping\n")
    table = connection.ops.quote_name(SourceFile._meta.db_table)
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("records")
    try:
        MigrationExecutor(connection).migrate([("records", "0005_seats")])
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT text FROM {table} WHERE id = %s", [source.pk])
            assert cursor.fetchone()[0] == source.text
    finally:
        MigrationExecutor(connection).migrate(latest)
    assert SourceFile.objects.get(pk=source.pk).text == source.text
    assert "".join(text_chunks(source.pk)) == source.text

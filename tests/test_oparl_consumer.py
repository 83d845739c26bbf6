"""An independent OParl consumer (tests/oparl_consumer.py, written from the specification) against a
live `paragraf serve`: a full import of the corpus, then changes on the server — a packet imported
(adds a body, a meeting, people), a staff correction of a § title (changes), two meetings removed by
staff (deletes meetings with their §, and the only meeting held at a place: its Location) — and an incremental update. The consumer's copy must then equal
a fresh full import (the API's state), hold no object the API has deleted, and every File its text.

On the database of the suite's run: SQLite, or a database of its own on the PostgreSQL server of
DATABASE_URL (created and dropped here)."""
from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.live_portal import serve_corpus
from tests.oparl_consumer import Consumer, get

INVENTED = Path(__file__).parent / "minutes" / "invented-service.txt"
REMOVED = "Styrgrupp för SBHSS"  # its meeting of 2022-12-01 has a date and no time
CHANGES = f"""
from paragraf.records.models import Meeting, Paragraph
from paragraf.records.overrides import record_override
paragraph = Paragraph.objects.get(meeting__body__name="Regionstyrelsen", meeting__date="2023-01-31", number=14)
imported = paragraph.title
paragraph.title = "Motion om bättre vård för patienter med lipödem"
paragraph.save()
record_override(paragraph, "title", imported, user="sekreterare")
Meeting.all_objects.get(body__name="{REMOVED}").delete()
Meeting.all_objects.get(place="Mullsjö Hotell och Konferens").delete()  # the only meeting held there
"""


@contextlib.contextmanager
def database_url(tmp_path: Path):
    """SQLite in the test's folder, or a fresh database on the suite's PostgreSQL server."""
    suite = os.environ.get("DATABASE_URL", "")
    if not suite.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'db.sqlite3'}"
        return
    import psycopg
    name = f"consumer_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(suite, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield suite.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(suite, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def paragraf(url: str, data: Path, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "PARAGRAF_DATA": str(data), "PARAGRAF_PROFILE": "development",
           "DJANGO_SETTINGS_MODULE": "paragraf.site.settings"}
    subprocess.run([sys.executable, "-m", "paragraf", *args], env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def synced(tmp_path_factory):
    data = tmp_path_factory.mktemp("consumer")
    with database_url(data) as url, serve_corpus(data, DATABASE_URL=url) as base:
        consumer = Consumer(base + "oparl/v1.1/")
        consumer.full_import()
        before = dict(consumer.objects)
        paragraf(url, data, "import", "--publish", "--organization", "Region Jönköpings län", str(INVENTED))
        paragraf(url, data, "manage", "shell", "-c", CHANGES)
        consumer.update()
        fresh = Consumer(base + "oparl/v1.1/")
        fresh.full_import()
        removed = [key for key in before if key not in fresh.objects]
        yield before, consumer, fresh, {key: get(key) for key in removed}


def test_the_updated_copy_equals_a_fresh_import(synced):
    _, consumer, fresh, _ = synced
    assert set(consumer.objects) == set(fresh.objects)
    differing = {key: _difference(consumer.objects[key], fresh.objects[key]) for key in fresh.objects
                 if consumer.objects[key] != fresh.objects[key]}
    assert differing == {}, "\n".join(f"{key}: {names}" for key, names in sorted(differing.items()))


def _difference(kept: dict, now: dict) -> list[str]:
    return sorted(name for name in set(kept) | set(now) if kept.get(name) != now.get(name))


def test_the_update_brought_the_additions_the_change_and_the_removal(synced):
    before, consumer, _, removed = synced
    added = set(consumer.objects) - set(before)
    assert any(item["type"].endswith("/Meeting") and item["name"].startswith("Tekniska nämnden") for item in
               (consumer.objects[key] for key in added))
    titles = [item.get("name") for item in consumer.of_type("AgendaItem")]
    assert "Motion om bättre vård för patienter med lipödem" in titles
    assert not any(item["name"].startswith(REMOVED) for item in consumer.of_type("Meeting"))
    kinds = {stub["type"].rsplit("/", 1)[-1] for stub in removed.values()}
    assert {"Meeting", "AgendaItem", "Location"} <= kinds


def test_a_removed_object_answers_as_deleted_with_id_type_and_times(synced):
    _, consumer, _, removed = synced
    assert removed
    for key, stub in removed.items():
        assert set(stub) == {"id", "type", "created", "modified", "deleted"} and stub["deleted"] is True
        assert stub["id"] == key and key not in consumer.objects


def test_every_file_reached_the_consumer_with_its_text_and_checksum(synced):
    _, consumer, _, _ = synced
    files = consumer.of_type("File")
    assert len(files) > 70
    for item in files:
        if "/file/document/" in item["id"]:  # a packet's File is read at its accessUrl: tens of megabytes
            assert item["text"].strip(), item["id"]
            assert item["sha1Checksum"] == hashlib.sha1(item["text"].encode()).hexdigest()
            assert item["size"] == len(item["text"].encode())


def test_every_file_of_the_copy_belongs_to_a_meeting_or_a_paper(synced):
    _, consumer, _, _ = synced
    orphans = [item["id"] for item in consumer.of_type("File")
               if "/file/document/" in item["id"] and not item.get("meeting") and not item.get("paper")]
    assert orphans == []


def test_every_meeting_of_the_copy_has_a_start(synced):
    before, _, _, _ = synced
    meetings = [item for item in before.values() if item["type"].endswith("/Meeting")]
    assert meetings and all(item.get("start") for item in meetings)
    timeless = [item for item in meetings if item["paragraf:startTimeKnown"] is False]
    assert timeless and all(item["start"].endswith("T00:00:00+01:00") for item in timeless)

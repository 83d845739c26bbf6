"""Bulk export and its restore: the corpus exported, restored into an empty database and
exported again gives the same bytes; CSV, one organisation, masking, bad dumps, the download.

The round trip runs the real `paragraf` command in subprocesses against fresh databases of
the kind the suite runs on: new SQLite files, or new databases on the PostgreSQL server of
DATABASE_URL (created here and dropped afterwards).
"""
from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from paragraf.exchange.export import jsonl_lines, write_csv
from paragraf.exchange.tables import TABLES
from paragraf.records.models import AgendaItem, Attendance, Body, DelegatedDecision, Invitation, Meeting, Organization, Person, SourceFile
from tests.conftest import CORPUS, ROOT

# ---------------------------------------------------------------- fresh databases, the real command


@contextlib.contextmanager
def fresh_database(tmp_path):
    """The environment of a `paragraf` process on a new, empty database of the suite's kind."""
    url = os.environ.get("DATABASE_URL", "")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PARAGRAF_DATA": str(tmp_path)}
    if not url.startswith(("postgres://", "postgresql://")):
        yield {**env, "DATABASE_URL": f"sqlite:///{tmp_path / f'{uuid.uuid4().hex}.sqlite3'}"}
        return
    import psycopg

    name = f"paragraf_exchange_{uuid.uuid4().hex[:12]}"
    server = urlsplit(url)
    admin = urlunsplit(server._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "DATABASE_URL": urlunsplit(server._replace(path=f"/{name}"))}
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def paragraf(env, *args, ok=True) -> subprocess.CompletedProcess:
    run = subprocess.run([sys.executable, "-m", "paragraf", *map(str, args)], env=env, capture_output=True, cwd=env["PARAGRAF_DATA"])
    if ok:
        assert run.returncode == 0, run.stderr.decode()
    return run


def numbers_in(env, *expressions: str) -> list[int]:
    """Whole numbers computed in a `paragraf manage shell` on that database, one per expression, in order."""
    prints = "; ".join(f"print({e})" for e in expressions)
    code = f"from paragraf.records.models import *; from paragraf.search.models import SearchEntry; {prints}"
    return [int(n) for n in paragraf(env, "manage", "shell", "-v", "0", "-c", code).stdout.split()]


ADD_ROWS_THE_CORPUS_LACKS = """
from paragraf.records.models import Dissent, Person, RecordedStatement
dissent = Dissent.objects.order_by("pk").first()
dissent.people.add(*Person.objects.order_by("pk")[:2])
RecordedStatement.objects.create(paragraph=dissent.paragraph, position=1, by="Anna Testsson",
    text="Nås på anna.testsson@rjl.se\\neller 070-123 45 67.")
"""


@pytest.fixture(scope="module")
def corpus_database(tmp_path_factory):
    """A fresh database holding both corpus packets, and its dump."""
    tmp_path = tmp_path_factory.mktemp("corpus")
    with fresh_database(tmp_path) as env:
        paragraf(env, "migrate", "-v0")
        paragraf(env, "import", "--publish", *sorted(CORPUS.glob("*.txt")))
        # Rows of the tables the corpus leaves empty (a recorded statement) or nearly so (people of a dissent).
        paragraf(env, "manage", "shell", "-v", "0", "-c", ADD_ROWS_THE_CORPUS_LACKS)
        paragraf(env, "export", "--output", tmp_path / "corpus.jsonl")
        yield env, tmp_path / "corpus.jsonl"


# ---------------------------------------------------------------- the round trip


def test_restored_database_exports_the_same_bytes(corpus_database, tmp_path):
    source_env, dump = corpus_database
    with fresh_database(tmp_path) as env:
        paragraf(env, "migrate", "-v0")
        restored = paragraf(env, "import-export", dump)
        assert b"96 paragraph" in restored.stdout
        paragraf(env, "export", "--output", tmp_path / "again.jsonl")
        assert (tmp_path / "again.jsonl").read_bytes() == dump.read_bytes()
        entries, unindexed, highest, created = numbers_in(
            env,
            "SearchEntry.objects.count()",
            "PersonAlias.objects.filter(first_token='').count()",
            "Person.objects.order_by('-pk').first().pk",
            "Person.objects.create(name='Ny Person', slug='ny-person-exchange').pk",
        )
        # The search index was rebuilt, as large as the one of the imported corpus.
        assert entries > 0 and [entries] == numbers_in(source_env, "SearchEntry.objects.count()")
        # The people index, not in the dump, was derived again from the names.
        assert unindexed == 0
        # New rows get ids above the restored ones (PostgreSQL sequences reset).
        assert created > highest


def test_dump_lines_are_ordered_by_table_then_id(corpus_database):
    env, dump = corpus_database
    lines = dump.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {"format": "paragraf.export/1", "organization": None}
    order = {table.name: n for n, table in enumerate(TABLES)}
    keys = [(order[r["model"]], r["id"]) for r in map(json.loads, lines[1:])]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    meeting = next(r for r in map(json.loads, lines[1:]) if r["model"] == "meeting" and r["fields"]["date"] == "2023-01-31")
    assert list(meeting["fields"])[:4] == ["created", "modified", "body", "date"]
    assert meeting["fields"]["start_time"] == "13:00:00" and isinstance(meeting["fields"]["body"], int)
    assert "Jönköping" in dump.read_text(encoding="utf-8")  # UTF-8, not \u escapes
    rows = [json.loads(line)["model"] for line in lines[1:]]
    in_database = numbers_in(env, "Dissent.people.through.objects.count()", "Proposal.proposers.through.objects.count()",
                             "Paragraph.documents.through.objects.count()", "CitedStep.objects.count()")
    in_dump = [rows.count(name) for name in ("dissent_people", "proposal_proposers", "paragraph_documents", "citedstep")]
    assert in_dump == in_database and min(in_dump) > 0
    statement = next(r for r in map(json.loads, lines[1:]) if r["model"] == "recordedstatement")
    assert statement["fields"]["text"] == "Nås på [e-post dold]\neller [telefonnummer dolt]."


def test_restore_refuses_a_database_that_is_not_empty(corpus_database):
    env, dump = corpus_database
    run = paragraf(env, "import-export", dump, ok=False)
    assert run.returncode == 1
    assert b"not empty" in run.stderr and b"Traceback" not in run.stderr


def test_a_malformed_line_is_named_and_nothing_is_stored(corpus_database, tmp_path):
    _, dump = corpus_database
    lines = dump.read_bytes().splitlines(keepends=True)
    indicator_at = max(n for n, line in enumerate(lines) if line.startswith(b'{"model":"indicator"'))
    bad_date = json.loads(lines[indicator_at])
    at = next(n for n, line in enumerate(lines) if line.startswith(b'{"model":"meeting"'))
    meeting = json.loads(lines[at])
    dangling = json.dumps({**meeting, "fields": {**meeting["fields"], "body": 999999}}).encode() + b"\n"
    broken = {
        "dangling.jsonl": [*lines[:at], dangling, *lines[at + 1:]],
        "not_json.jsonl": [*lines[:500], b'{"model": "meeting", "id": \n', *lines[500:]],
        "bad_field.jsonl": [*lines[:indicator_at], json.dumps({**bad_date, "fields": {**bad_date["fields"], "target": 7}}).encode() + b"\n",
                            *lines[indicator_at + 1:]],
        "no_header.jsonl": lines[1:],
    }
    with fresh_database(tmp_path) as env:
        paragraf(env, "migrate", "-v0")
        for name, content in broken.items():
            (tmp_path / name).write_bytes(b"".join(content))
            run = paragraf(env, "import-export", tmp_path / name, ok=False)
            assert run.returncode == 1, name
            assert b"Traceback" not in run.stderr
            expected = {"dangling.jsonl": b"not consistent", "not_json.jsonl": b"line 501: not JSON", "bad_field.jsonl": f"line {indicator_at + 1}: target".encode(),
                        "no_header.jsonl": b"line 1: not a Paragraf dump"}[name]
            assert expected in run.stderr, run.stderr
        # None of them stored anything: the database is still empty enough to take the good dump.
        paragraf(env, "import-export", dump)


EXPORT_WHILE_A_MEETING_CHANGES = """
import subprocess, sys
from paragraf.exchange.export import consistent_snapshot, jsonl_lines
change = "from paragraf.records.models import Meeting; Meeting.objects.update(place='Ändrad plats')"
with consistent_snapshot():
    lines = jsonl_lines()
    first = next(lines) + next(lines)
    subprocess.run([sys.executable, "-m", "paragraf", "manage", "shell", "-v", "0", "-c", change], check=True)
    dump = first + "".join(lines)
print("Ändrad plats" in dump, "Ändrad plats" in "".join(jsonl_lines()))
"""


def test_an_export_reads_one_snapshot_while_another_process_writes(tmp_path):
    with fresh_database(tmp_path) as env:
        paragraf(env, "migrate", "-v0")
        paragraf(env, "import", "--publish", sorted(CORPUS.glob("*.txt"))[-1])
        run = paragraf(env, "manage", "shell", "-v", "0", "-c", EXPORT_WHILE_A_MEETING_CHANGES)
        # the export begun before the change has none of it; one begun after has it
        assert run.stdout.decode().split() == ["False", "True"]


# ---------------------------------------------------------------- the export in the test database

in_test_database = pytest.mark.django_db


@in_test_database
def test_csv_has_one_file_per_table_with_a_header_row(tmp_path):
    write_csv(tmp_path / "csv")
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(f"{t.name}.csv" for t in TABLES)
    with open(tmp_path / "csv" / "meeting.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0][:5] == ["id", "created", "modified", "body", "date"]
    assert len(rows) - 1 == Meeting.objects.count() and "2023-01-31" in {row[4] for row in rows[1:]}
    write_csv(tmp_path / "dump.zip")
    import zipfile

    with zipfile.ZipFile(tmp_path / "dump.zip") as archive:
        assert len(archive.namelist()) == len(TABLES)
        assert archive.read("meeting.csv").decode().replace("\r\n", "\n") == (tmp_path / "csv" / "meeting.csv").read_text().replace("\r\n", "\n")


def dump_records(organization=None) -> list[dict]:
    return [json.loads(line) for line in "".join(jsonl_lines(organization)).split("\n")[1:-1]]


@in_test_database
def test_one_organisation_holds_its_meetings_and_the_people_they_name():
    region = Organization.objects.get()
    other = Organization.objects.create(name="Testkommun", slug="testkommun")
    body = Body.objects.create(organization=other, name="Kommunstyrelsen", slug="testkommun-ks", kind=Body.Kind.EXECUTIVE)
    meeting = Meeting.objects.create(body=body, date="2024-05-02")
    person = Person.objects.create(name="Testa Testsson", slug="testa-testsson")
    Attendance.objects.create(meeting=meeting, position=1, person=person, name="Testa Testsson", group="beslutande")

    records = dump_records(other)
    meetings = {r["id"] for r in records if r["model"] == "meeting"}
    assert meetings == {meeting.pk}
    assert {r["id"] for r in records if r["model"] == "person"} == {person.pk}
    assert {r["id"] for r in records if r["model"] == "organization"} == {other.pk}
    assert not any(r["model"] == "sourcefile" for r in records)

    region_records = dump_records(region)
    region_meetings = {r["id"] for r in region_records if r["model"] == "meeting"}
    assert region_meetings == set(Meeting.objects.filter(body__organization=region).values_list("pk", flat=True))
    assert meeting.pk not in region_meetings and len(region_meetings) == 12
    assert person.pk not in {r["id"] for r in region_records if r["model"] == "person"}
    assert sum(r["model"] == "sourcefile" for r in region_records) == 2


@in_test_database
def test_a_meeting_in_preparation_and_an_unreported_decision_stay_out_of_the_dump_until_published():
    region = Organization.objects.get()
    body = Body.objects.filter(organization=region).first()
    draft = Meeting.all_objects.create(body=body, date="2031-03-04", published=False)
    item = AgendaItem.all_objects.create(meeting=draft, position=1, number=1, title="Hemligt förslag om nedläggning")
    person = Person.objects.create(name="Utkast Kallad", slug="utkast-kallad")
    Invitation.all_objects.create(meeting=draft, position=1, person=person, name="Utkast Kallad")
    decision = DelegatedDecision.objects.create(organization=region, body=body, position=1, title="Beslut ännu inte anmält",
                                                decided_on="2031-03-01", reported_at=None)

    def ids(model: str) -> set[int]:
        return {r["id"] for r in dump_records(region) if r["model"] == model}

    assert draft.pk not in ids("meeting") and item.pk not in ids("agendaitem") and not ids("invitation") & set(
        Invitation.all_objects.filter(meeting=draft).values_list("pk", flat=True))
    assert person.pk not in ids("person")  # called to nothing public
    assert decision.pk not in ids("delegateddecision")
    decision.reported_at = draft
    decision.save()
    assert decision.pk not in ids("delegateddecision")  # reported at a meeting not yet published

    Meeting.all_objects.filter(pk=draft.pk).update(published=True)
    assert draft.pk in ids("meeting") and item.pk in ids("agendaitem") and person.pk in ids("person")
    assert decision.pk in ids("delegateddecision")


@in_test_database
def test_personal_data_is_masked_in_the_dump():
    assert "@rjl.se" in "".join(SourceFile.objects.values_list("text", flat=True))  # the corpus holds some
    dump = "".join(jsonl_lines())
    assert "@rjl.se" not in dump and "[e-post dold]" in dump


@in_test_database
def test_a_source_text_streamed_in_small_pieces_is_the_text_masked_whole(monkeypatch, tmp_path):
    from paragraf.privacy.rules import current_masker
    from paragraf.records import texts

    monkeypatch.setattr(texts, "CHUNK", 7)  # cuts inside lines, values and characters
    monkeypatch.setattr(texts, "PG_CHUNK", 997)  # a query each: PostgreSQL reads the text up to it each time
    expected = {pk: current_masker().mask(text) for pk, text in SourceFile.objects.values_list("pk", "text")}
    dumped = {r["id"]: r["fields"] for r in dump_records() if r["model"] == "sourcefile"}
    assert {pk: fields["text"] for pk, fields in dumped.items()} == expected
    for pk, fields in dumped.items():
        assert fields["sha256"] == hashlib.sha256(expected[pk].encode()).hexdigest()
    write_csv(tmp_path / "csv")
    limit = csv.field_size_limit(1 << 30)  # a packet's text is one field
    try:
        with open(tmp_path / "csv" / "sourcefile.csv", encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
    finally:
        csv.field_size_limit(limit)
    assert {int(row["id"]): row["text"] for row in rows} == expected
    assert all(row["sha256"] == dumped[int(row["id"])]["sha256"] for row in rows)


# ---------------------------------------------------------------- the download


@in_test_database
def test_organisation_dump_download(client):
    region = Organization.objects.get()
    page = client.get(f"/organisationer/{region.slug}/")
    assert f'href="/export/{region.slug}.jsonl"' in page.content.decode()
    response = client.get(f"/export/{region.slug}.jsonl")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("application/jsonl")
    assert f'filename="{region.slug}.jsonl"' in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode()
    assert body == "".join(jsonl_lines(region))
    assert json.loads(body.split("\n", 1)[0])["organization"] == region.slug
    missing = client.get("/export/ingen-sadan.jsonl")
    assert missing.status_code == 404 and json.loads(missing.content)["error"]["parameter"] == "org"
    assert client.post(f"/export/{region.slug}.jsonl").status_code == 405


def test_the_export_document_lists_every_table_in_order():
    text = (Path(__file__).resolve().parent.parent / "docs" / "export.md").read_text(encoding="utf-8")
    listed = text.split("table by primary key:\n\n", 1)[1].split("\n\n", 1)[0].split()
    assert listed == [table.name for table in TABLES]

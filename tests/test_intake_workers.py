"""Workers as separate processes (`paragraf worker`) against one database, as production runs them (issue 19):
two workers on the packets of one organisation import each once and lose none; a worker killed (SIGKILL)
in the middle of a run loses nothing and duplicates nothing once another worker starts. On a scratch
database of its own: PostgreSQL when the suite runs on it (DATABASE_URL), else a SQLite file."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

TEMPLATE = Path(__file__).resolve().parent / "templates" / "01_ks-ciceron-layout.txt"  # Norrviks kommun 2023-03-14
PARAGRAF = [sys.executable, "-m", "paragraf"]
SUBMIT = """
import datetime as dt, pathlib
from paragraf.intake.jobs import Upload, submit
from paragraf.records.models import Organization
text = pathlib.Path({template!r}).read_text(encoding="utf-8")
norrvik = Organization.objects.create(name="Norrviks kommun", slug="norrviks-kommun")
dates = [(dt.date(2024, 1, 9) + dt.timedelta(weeks=i)).isoformat() for i in range({n})]
submit([Upload(f"ks-{{d}}.txt", text.replace("2023-03-14", d).encode("utf-8")) for d in dates], norrvik)
"""
STATE = """
import json
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
from paragraf.intake.models import ImportFile
from paragraf.records.models import Meeting, Paragraph, Person, SourceFile
people = Person.objects.values("name").annotate(n=Count("id"))
print(json.dumps({
    "statuses": sorted(ImportFile.objects.values_list("status", flat=True)),
    "meetings": Meeting.all_objects.filter(body__organization__name="Norrviks kommun").count(),
    "paragraphs": Paragraph.objects.count(),
    "source_files": SourceFile.without_content.count(),
    "people_twice": [p["name"] for p in people if p["n"] > 1],
    "workers": sorted({w for ids in DBTaskResult.objects.filter(status="SUCCESSFUL").values_list("worker_ids", flat=True) for w in ids}),
}))
"""


@pytest.fixture
def database(tmp_path):
    """The environment of `paragraf` processes on a new, migrated database."""
    env = {**os.environ, "PARAGRAF_DATA": str(tmp_path), "DJANGO_SETTINGS_MODULE": "paragraf.site.settings",
           "PARAGRAF_PROFILE": "development", "PARAGRAF_WORKER_THREAD": "0", "PARAGRAF_REVIEW_IMPORTS": "0"}
    server = os.environ.get("DATABASE_URL", "")
    if server.startswith(("postgres://", "postgresql://")):
        name = f"paragraf_workers_{uuid.uuid4().hex[:8]}"
        admin(server, f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    else:
        name, env["DATABASE_URL"] = None, f"sqlite:///{tmp_path / 'db.sqlite3'}"
    subprocess.run([*PARAGRAF, "migrate", "-v0"], env=env, check=True)
    yield env
    if name:
        admin(server, f'DROP DATABASE "{name}" WITH (FORCE)')


def admin(server: str, statement: str) -> None:
    with psycopg.connect(server.replace("postgres://", "postgresql://", 1), autocommit=True) as db:
        db.execute(statement)


def shell(env: dict, code: str) -> str:
    done = subprocess.run([*PARAGRAF, "manage", "shell", "--no-imports", "-c", code], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def state(env: dict) -> dict:
    return json.loads(shell(env, STATE).strip().splitlines()[-1])


def running_and_imported(env: dict) -> tuple[int, int]:
    """Straight from the database, in one statement (one snapshot), between two of the worker's statements."""
    sql = ("SELECT count(CASE WHEN status = 'running' THEN 1 END), count(CASE WHEN status = 'imported' THEN 1 END) "
           "FROM intake_importfile")
    url = env["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30) as db:
            return db.execute(sql).fetchone()
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as db:
        return db.execute(sql).fetchone()


def worker(env: dict, log: Path, *options: str) -> subprocess.Popen:
    return subprocess.Popen([*PARAGRAF, "worker", "--interval", "0.05", *options], env=env, stdout=log.open("wb"),
                            stderr=subprocess.STDOUT)


def test_two_workers_on_one_organisation_import_every_packet_once(database, tmp_path):
    shell(database, SUBMIT.format(template=str(TEMPLATE), n=8))
    # Four files each at most: both import (at once on PostgreSQL; SQLite takes one write at a time).
    workers = [worker(database, tmp_path / f"worker-{n}.log", "--batch", "--max-tasks", "4") for n in range(2)]
    for process in workers:
        assert process.wait(timeout=300) == 0, (tmp_path / "worker-0.log").read_text() + (tmp_path / "worker-1.log").read_text()
    found = state(database)
    assert found["statuses"] == ["imported"] * 8, found
    assert found["meetings"] == 8 and found["paragraphs"] == 8 * 8 and found["source_files"] == 8
    assert found["people_twice"] == []  # the members of the board, each once across its eight meetings
    assert len(found["workers"]) == 2  # both workers imported, four files each


def test_a_worker_killed_mid_run_loses_nothing_and_the_next_duplicates_nothing(database, tmp_path):
    shell(database, SUBMIT.format(template=str(TEMPLATE), n=10))
    log = tmp_path / "killed.log"
    first = worker(database, log)
    deadline = time.monotonic() + 120
    while (found := running_and_imported(database))[0] < 1 or found[1] < 3:  # into its fourth import, or later
        assert first.poll() is None and time.monotonic() < deadline, log.read_text()
        time.sleep(0.002)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    middle = state(database)
    assert middle["statuses"].count("running") == 1 and middle["statuses"].count("imported") >= 3, middle

    second = worker(database, tmp_path / "after.log", "--batch")
    assert second.wait(timeout=300) == 0, (tmp_path / "after.log").read_text()
    found = state(database)
    assert found["statuses"] == ["imported"] * 10, found  # none lost
    assert found["meetings"] == 10 and found["source_files"] == 10 and found["paragraphs"] == 10 * 8  # none twice
    assert "queued again 1 file(s)" in (tmp_path / "after.log").read_text()

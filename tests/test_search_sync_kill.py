"""A process killed between its write and the end of its transaction loses nothing and leaves search
equal to the records (issue 18): the § and its entry are written in one transaction, so either both
are there or neither. Real processes on a SQLite file: `paragraf manage shell` saves a corrected
decision and is killed (SIGKILL) before it commits; then the same save runs to its end."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from tests.conftest import CORPUS

WORD = "zebrafinkar"
SAVE = f"""
import time
from django.db import transaction
from paragraf.records.models import Paragraph
with transaction.atomic():
    paragraph = Paragraph.objects.get(number=14, meeting__date="2023-01-31")
    paragraph.decision += " {WORD}"
    paragraph.save()
    print("saved", flush=True)
    if {{hang}}:
        time.sleep(60)
"""
CHECK = f"""
from paragraf.records.models import Paragraph
from paragraf.search import SearchQuery, search
from paragraf.search.models import SearchEntry
paragraph = Paragraph.objects.get(number=14, meeting__date="2023-01-31")
hits = {{(h.kind, h.record_id) for h in search(SearchQuery(text="{WORD}")).hits}}
print(("{WORD}" in paragraph.decision), ("{WORD}" in SearchEntry.objects.get(paragraph=paragraph).text),
      hits == {{("paragraph", paragraph.pk)}})
"""


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    data = tmp_path_factory.mktemp("kill")
    environ = {**os.environ, "DATABASE_URL": f"sqlite:///{data / 'db.sqlite3'}", "PARAGRAF_DATA": str(data),
               "DJANGO_SETTINGS_MODULE": "paragraf.site.settings", "PARAGRAF_PROFILE": "development"}
    subprocess.run([sys.executable, "-m", "paragraf", "migrate", "-v0"], env=environ, check=True)
    subprocess.run([sys.executable, "-m", "paragraf", "import", "--publish", *map(str, sorted(CORPUS.glob("*.txt")))],
                   env=environ, check=True, capture_output=True)
    return environ


def shell(env, code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "paragraf", "manage", "shell", "--no-imports", "-c", code], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def state(env) -> str:
    out, err = shell(env, CHECK).communicate(timeout=60)
    return out.strip().splitlines()[-1]


def test_killed_before_commit_nothing_is_half_written_then_the_save_is_found(env):
    writer = shell(env, SAVE.replace("{hang}", "True"))
    assert writer.stdout.readline().strip() == "saved"  # written, not committed
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    assert state(env) == "False False False"  # neither the decision nor its entry
    out, err = shell(env, SAVE.replace("{hang}", "False")).communicate(timeout=60)
    assert "saved" in out, err
    assert state(env) == "True True True"  # both, and search finds it at once

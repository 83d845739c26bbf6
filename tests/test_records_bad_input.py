"""Bad input never leaves the database half-written: real malformed files, one transaction per file."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from paragraf.records.importer import import_path
from tests.conftest import ROOT
from tests.pdfs import render_pdf

pytestmark = pytest.mark.django_db
TEMPLATES = ROOT / "tests" / "templates"
EXTRACT = TEMPLATES / "07_kfn-protokollsutdrag.txt"


def snapshot() -> str:
    out = io.StringIO()
    call_command("dumpdata", "records", "contenttypes", stdout=out)
    return out.getvalue()


def bad_date_packet(tmp_path: Path) -> Path:
    """Minutes whose meeting date is not a calendar date (a typo: 30 February): parsed, but refused when stored."""
    text = EXTRACT.read_text(encoding="utf-8")
    path = tmp_path / "felaktigt-datum.txt"
    path.write_text(text.replace("2023-06-13", "2023-02-30"), encoding="utf-8")
    return path


def test_a_packet_that_fails_while_stored_leaves_the_database_as_before(tmp_path):
    before = snapshot()
    result = import_path(bad_date_packet(tmp_path))
    assert result.status == "failed"
    assert "felaktigt-datum.txt" in result.message and "line " in result.message
    assert "'2023-02-30' is not a valid date" in result.message
    assert snapshot() == before


@pytest.mark.parametrize(
    "name, data, problem",
    [
        ("skräp.txt", bytes(range(128, 256)) * 4, "not UTF-8"),
        ("tom.txt", b"  \n\n", "empty"),
        ("nollbyte.txt", b"PROTOKOLL\n\x00\x01binary", "NUL"),
    ],
)
def test_unreadable_files_fail_with_the_problem_and_nothing_stored(tmp_path, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    before = snapshot()
    result = import_path(path)
    assert result.status == "failed" and name in result.message and problem in result.message
    assert snapshot() == before


def test_a_truncated_pdf_fails_and_nothing_is_stored(tmp_path):
    pdf = render_pdf([EXTRACT.read_text(encoding="utf-8").split("\n")[:40]], tmp_path / "whole.pdf")
    broken = tmp_path / "avbruten.pdf"
    broken.write_bytes(pdf.read_bytes()[: len(pdf.read_bytes()) // 2])
    before = snapshot()
    result = import_path(broken)
    assert result.status == "failed" and "avbruten.pdf" in result.message
    assert snapshot() == before


def test_the_command_imports_the_good_files_of_a_run_and_names_the_bad_one(tmp_path):
    """`paragraf import good bad good` in a real process on a fresh SQLite file."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}", "PARAGRAF_DATA": str(tmp_path)}
    paragraf = [sys.executable, "-m", "paragraf"]
    subprocess.run([*paragraf, "migrate", "-v0"], env=env, check=True, cwd=tmp_path)
    good = [TEMPLATES / "01_ks-ciceron-layout.txt", TEMPLATES / "04_rs-region-lopande-rubrik.txt"]
    run = subprocess.run(
        [*paragraf, "import", "--publish", str(good[0]), str(bad_date_packet(tmp_path)), str(good[1])],
        env=env, cwd=tmp_path, capture_output=True, text=True,
    )
    assert run.returncode == 1
    assert "felaktigt-datum.txt: line" in run.stderr and "not a valid date" in run.stderr
    assert run.stdout.count("imported: ") == 2
    stats = subprocess.run([*paragraf, "stats"], env=env, cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert "Norrviks kommun" in stats and "Region Västfjäll" in stats and "Kultur- och fritidsnämnden" not in stats


HEADLESS = """\
§ 12 Dnr 2024-000123
Taxa för tillsyn
Beslut
Taxan antas.

§ 13 Dnr 2024-000124
Motion om belysning
Beslut
Motionen avslås.
"""


def test_a_meeting_the_text_does_not_name_is_refused_naming_the_option(tmp_path):
    path = tmp_path / "utan-forsattsblad.txt"
    path.write_text(HEADLESS, encoding="utf-8")
    before = snapshot()
    result = import_path(path)
    assert result.status == "failed"
    assert "utan-forsattsblad.txt" in result.message and "line 1" in result.message
    assert "--body" in result.message and "§ 12-13" in result.message
    assert snapshot() == before


def test_the_command_imports_a_text_without_cover_page_with_body_and_date_given(tmp_path):
    """`paragraf import --organization --body --date` in a real process; without them it is refused."""
    path = tmp_path / "utan-forsattsblad.txt"
    path.write_text(HEADLESS, encoding="utf-8")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}", "PARAGRAF_DATA": str(tmp_path)}
    paragraf = [sys.executable, "-m", "paragraf"]
    subprocess.run([*paragraf, "migrate", "-v0"], env=env, check=True, cwd=tmp_path)
    refused = subprocess.run([*paragraf, "import", "--publish", str(path)], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert refused.returncode == 1 and "give it with --body" in refused.stderr
    bad = subprocess.run([*paragraf, "import", "--publish", str(path), "--date", "2024-02-30"], env=env, cwd=tmp_path,
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "--date '2024-02-30' is not a date" in bad.stderr
    run = subprocess.run([*paragraf, "import", "--publish", str(path), "--organization", "Ekby kommun", "--body", "Miljönämnden",
                          "--date", "2024-02-06"], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    stats = subprocess.run([*paragraf, "stats"], env=env, cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert "Ekby kommun" in stats and "Miljönämnden" in stats and "2024-02-06" in stats

"""`paragraf bench portal` end to end on a small generated database, with the search of another
checkout (here: this one) compared in the same run (`--compare-code`, `benchmarks/search_worker.py`)."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_portal_compares_the_search_of_another_checkout(tmp_path):
    database = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    env = {**os.environ, "PARAGRAF_PROFILE": "development"}
    env.pop("DATABASE_URL", None)
    paragraf = [sys.executable, "-m", "paragraf"]
    subprocess.run([*paragraf, "bench", "generate", "-n", "300", "--database", database], env=env, check=True,
                   capture_output=True, cwd=tmp_path)
    result = subprocess.run([*paragraf, "bench", "portal", "--database", database, "--queries", "12", "--duration", "0",
                             "--compare-code", str(ROOT)], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    for label in (f"{ROOT}: search", f"{ROOT}: with facets"):
        row = [line for line in result.stdout.splitlines() if line.startswith(label + " ")]
        assert len(row) == 1, result.stdout
        assert row[0][len(label):].split()[0] == "12"  # every query, also through the other checkout
    # The generated people are each of one organisation, as an import makes them.
    import sqlite3

    with contextlib.closing(sqlite3.connect(tmp_path / "bench.sqlite3")) as db:
        unplaced, placed = db.execute("SELECT SUM(organization_id IS NULL), COUNT(*) FROM records_person").fetchone()
    assert unplaced == 0 and placed > 0

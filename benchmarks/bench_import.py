"""`paragraf bench import`: storing packets in the records database, side by side with parsing them.

For both corpus packets (samples/corpus/*.txt), in one run and interleaved:
- parse: `paragraf.ingest.parse_path` on each packet (what any import must do);
- import: `paragraf.records.importer.import_path` on each packet into an empty
  database (the tables emptied before each round, outside the timing), which
  parses the packet and stores every record in one transaction per file.
Reported: best wall time of N rounds of each and import/parse (limit: ≤ 3×).
Also, for information: re-importing the same files (skipped: unchanged) and a
forced re-import that updates every record in place.

The database is a new SQLite file in a temporary directory unless `--database URL`
(e.g. a PostgreSQL server) is given; its tables are emptied, so never point it at real data.

Run: `paragraf bench import` (or `make bench`).
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from benchmarks.bench_parse import CORPUS, _table, best_of

IMPORT_LIMIT = 3.0


def main(repeat: int = 5, database: str | None = None, echo=print) -> bool:
    with tempfile.TemporaryDirectory(prefix="paragraf-bench-") as tmp:
        os.environ["DATABASE_URL"] = database or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paragraf.site.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from paragraf.ingest import parse_path
        from paragraf.records.importer import import_path

        call_command("migrate", interactive=False, verbosity=0)
        packets = sorted(CORPUS.glob("*.txt"))
        echo(f"paragraf bench import: {len(packets)} packet(s), {connection.vendor} database, best of {repeat} rounds")

        def parse_all():
            for path in packets:
                parse_path(path)

        def empty():
            call_command("flush", interactive=False, verbosity=0)

        def import_all():
            for path in packets:
                result = import_path(path)
                assert result.status == "imported", result.message

        parse_time, import_time = float("inf"), float("inf")
        for _ in range(repeat):
            empty()
            parse_best, import_best = best_of(1, parse_all, import_all)
            parse_time, import_time = min(parse_time, parse_best), min(import_time, import_best)

        start = time.perf_counter()
        for path in packets:
            assert import_path(path).status == "unchanged"
        unchanged = time.perf_counter() - start
        start = time.perf_counter()
        for path in packets:
            assert import_path(path, force=True).status == "updated"
        forced = time.perf_counter() - start

        ratio = import_time / parse_time
        ok = ratio <= IMPORT_LIMIT
        echo(
            _table(
                [
                    ("measure", "time", "× parse", "limit"),
                    ("parse both packets", f"{parse_time * 1000:.0f} ms", "1.00×", ""),
                    ("import both into an empty database", f"{import_time * 1000:.0f} ms", f"{ratio:.2f}×", f"≤ {IMPORT_LIMIT:.0f}×"),
                    ("import again (unchanged, skipped)", f"{unchanged * 1000:.0f} ms", f"{unchanged / parse_time:.2f}×", ""),
                    ("import again, forced (update in place)", f"{forced * 1000:.0f} ms", f"{forced / parse_time:.2f}×", ""),
                ]
            )
        )
        echo("import within limit" if ok else "IMPORT OVER LIMIT")
        connection.close()
        return ok

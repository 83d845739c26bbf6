"""`paragraf serve` in a real process on a temporary SQLite database holding both corpus packets and one
staff login (STAFF_USER, STAFF_PASSWORD).

Used by tests/test_serve.py (HTTP) and tests/test_browser.py (Chromium)."""
from __future__ import annotations

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import CORPUS, GENEROUS_RATE

STAFF_USER = "sekreterare"
STAFF_PASSWORD = "korrekt-hast-batteri-häftklammer"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_corpus(data: Path, corpus: bool = True, prepare: str = "", workers: int = 0, **environ: str) -> Iterator[str]:
    """Migrate a SQLite database under `data`, import the corpus (unless not `corpus`), run the Python
    code `prepare` against it (`paragraf manage shell -c`), serve it, with `workers` processes of
    `paragraf worker` beside it (logs: worker-N.log); yields the base URL.
    `environ`: more variables for the `paragraf` processes (another profile …)."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{data / 'db.sqlite3'}",
        "PARAGRAF_DATA": str(data),
        "DEBUG": "0",  # the public site as served: Swedish 404 page, no debug pages
        "PARAGRAF_RATE_SEARCH": GENEROUS_RATE,
        "PARAGRAF_RATE_HEAVY": GENEROUS_RATE,
        "PARAGRAF_RATE_PAGES": GENEROUS_RATE,
        "PARAGRAF_RATE_SUBSCRIBE": GENEROUS_RATE,
        # The command's own settings module (not the suite's), its profile from the environment:
        "DJANGO_SETTINGS_MODULE": "paragraf.site.settings",
        "PARAGRAF_PROFILE": "development",  # plain http on 127.0.0.1
        **environ,
    }
    paragraf = [sys.executable, "-m", "paragraf"]
    subprocess.run([*paragraf, "migrate", "-v0"], env=env, check=True)
    if corpus:
        subprocess.run([*paragraf, "import", "--publish", *map(str, sorted(CORPUS.glob("*.txt")))], env=env, check=True, capture_output=True)
    subprocess.run([*paragraf, "manage", "createsuperuser", "--noinput", "--username", STAFF_USER, "--email", ""],
                   env={**env, "DJANGO_SUPERUSER_PASSWORD": STAFF_PASSWORD}, check=True, capture_output=True)
    if prepare:
        subprocess.run([*paragraf, "manage", "shell", "-c", prepare], env=env, check=True)
    port = free_port()
    log = (data / "serve.log").open("wb")
    process = subprocess.Popen([*paragraf, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    worker_logs = [(data / f"worker-{n}.log").open("wb") for n in range(workers)]
    worker_processes = [subprocess.Popen([*paragraf, "worker", "--interval", "0.2"], env=env, stdout=out, stderr=subprocess.STDOUT)
                        for out in worker_logs]
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(200):
            if process.poll() is not None:
                raise RuntimeError(f"paragraf serve exited with {process.returncode}: {(data / 'serve.log').read_text()}")
            try:  # any answer will do (production redirects to https)
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                connection.request("GET", "/")
                connection.getresponse()
                connection.close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"paragraf serve did not answer on {url}")
        yield url
    finally:
        for running in [process, *worker_processes]:
            running.terminate()
        for running in [process, *worker_processes]:
            running.wait(timeout=30)
        for out in [log, *worker_logs]:
            out.close()

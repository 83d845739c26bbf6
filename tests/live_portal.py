"""`paragraf serve` in a real process on a temporary SQLite database holding both corpus packets.

Used by tests/test_serve.py (HTTP) and tests/test_browser.py (Chromium)."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import CORPUS, GENEROUS_RATE


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_corpus(data: Path, settings: dict[str, str] | None = None, corpus: bool = True) -> Iterator[str]:
    """Migrate a SQLite database under `data`, import the corpus (unless not `corpus`), serve it; yields
    the base URL. `settings`: more environment variables of the server."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{data / 'db.sqlite3'}",
        "PARAGRAF_DATA": str(data),
        "DEBUG": "0",  # the public site as served: Swedish 404 page, no debug pages
        "PARAGRAF_RATE_SEARCH": GENEROUS_RATE,
        "PARAGRAF_RATE_HEAVY": GENEROUS_RATE,
        **(settings or {}),
    }
    paragraf = [sys.executable, "-m", "paragraf"]
    subprocess.run([*paragraf, "migrate", "-v0"], env=env, check=True)
    if corpus:
        subprocess.run([*paragraf, "import", "--publish", *map(str, sorted(CORPUS.glob("*.txt")))], env=env, check=True, capture_output=True)
    port = free_port()
    log = (data / "serve.log").open("wb")
    process = subprocess.Popen([*paragraf, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(200):
            if process.poll() is not None:
                raise RuntimeError(f"paragraf serve exited with {process.returncode}: {(data / 'serve.log').read_text()}")
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"paragraf serve did not answer on {url}")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()

"""`PARAGRAF_CACHE_URL`: with memcached, every `paragraf serve` process counts a client's requests in one
place, so two processes behind one address give a client the rate once, not twice. Real processes: Debian's
memcached (installed by .ci/run; skipped elsewhere without it, failed in CI) and two `paragraf serve`."""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from paragraf.site.caching import MEMORY, cache_from_url
from tests.browsing import in_ci
from tests.live_portal import free_port

MEMCACHED = "memcached"


def test_the_cache_url_names_memory_or_memcached_servers():
    assert cache_from_url("") == cache_from_url("  ") == MEMORY
    one = cache_from_url("memcached://127.0.0.1:11211")
    assert one["BACKEND"] == "django.core.cache.backends.memcached.PyMemcacheCache"
    assert one["LOCATION"] == ["127.0.0.1:11211"]
    assert cache_from_url("memcached://cache-a:11211,cache-b:11212/")["LOCATION"] == ["cache-a:11211", "cache-b:11212"]
    for wrong in ("redis://127.0.0.1:6379", "memcached://", "memcached://host", "memcached://host:port",
                  "127.0.0.1:11211", "memcached://host:11211/0"):
        with pytest.raises(ImproperlyConfigured, match="PARAGRAF_CACHE_URL"):
            cache_from_url(wrong)


@contextlib.contextmanager
def memcached():
    binary = shutil.which(MEMCACHED)
    if binary is None:
        reason = "the shared-cache test needs Debian's memcached (apt-get install memcached)"
        if in_ci():
            pytest.fail(f"{reason}; CI is set, so it may not be skipped", pytrace=False)
        pytest.skip(reason)
    port = free_port()
    process = subprocess.Popen([binary, "-l", "127.0.0.1", "-p", str(port), "-U", "0", "-m", "16", "-u", "nobody"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield f"memcached://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextlib.contextmanager
def servers(data: Path, count: int, **environ: str):
    """`count` processes of `paragraf serve` on one migrated SQLite database; yields their base URLs."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{data / 'db.sqlite3'}", "PARAGRAF_DATA": str(data), "DEBUG": "0",
           "DJANGO_SETTINGS_MODULE": "paragraf.site.settings", "PARAGRAF_PROFILE": "development",
           "PARAGRAF_WORKER_THREAD": "0", **environ}
    paragraf = [sys.executable, "-m", "paragraf"]
    subprocess.run([*paragraf, "migrate", "-v0"], env=env, check=True)
    ports = [free_port() for _ in range(count)]
    processes = [subprocess.Popen([*paragraf, "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for port in ports]
    urls = [f"http://127.0.0.1:{port}/" for port in ports]
    try:
        for url, process in zip(urls, processes):
            _wait_for(url, process)
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=20)


def _wait_for(url: str, process: subprocess.Popen) -> None:
    for _ in range(300):
        assert process.poll() is None, f"paragraf serve exited with {process.returncode}"
        try:
            urllib.request.urlopen(url + "healthz", timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"paragraf serve did not answer on {url}")


def search_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url + "sok/?q=budget", timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


# A day's window: django-ratelimit counts in fixed windows, and a minute's could turn between two requests of a
# busy machine and start the count again.
RATE = "3/d"


def test_two_processes_count_a_clients_searches_once_with_memcached(tmp_path):
    from pymemcache.client.base import Client

    with memcached() as cache_url, servers(tmp_path / "shared", 2, PARAGRAF_RATE_SEARCH=RATE,
                                           PARAGRAF_CACHE_URL=cache_url) as (first, second):
        statuses = [search_status(first), search_status(second), search_status(first), search_status(second)]
        host, port = cache_url.removeprefix("memcached://").split(":")
        stats = Client((host, int(port))).stats()
    assert stats[b"incr_hits"] == 3  # the count was kept in memcached: one add, then three increments
    assert statuses == [200, 200, 200, 429]


def test_without_it_each_process_counts_on_its_own(tmp_path):
    with servers(tmp_path / "apart", 2, PARAGRAF_RATE_SEARCH=RATE) as (first, second):
        statuses = [search_status(first), search_status(second), search_status(first), search_status(second)]
    assert statuses == [200, 200, 200, 200]

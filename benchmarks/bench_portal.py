"""`paragraf bench portal`: search and public pages on a large generated database, each beside a baseline.

On a database made by `paragraf bench generate`, in one run:

(a) search: `--queries` queries drawn (deterministically) from agenda item titles in the
    database, half full titles and half runs of 1-4 of their words, each run once through
    `paragraf.search.search(SearchQuery(text=q))` in this process, and again with `facets=True`
    (as the search page asks); baseline, interleaved: as many primary-key lookups of §
    (`Paragraph.objects.get(pk=…)`). Limit: search p95 ≤ 50 ms, with and without facets.
(b) pages: `paragraf serve` (waitress) started in a subprocess on a free port with the same
    DATABASE_URL; `--queries` random meeting pages `/<body>/<date>/` and as many § pages
    `/<body>/<date>/<n>/`, one after the other on one keep-alive connection; baseline,
    interleaved: GET of the static file /static/portal/paragraf.css from the same server.
    Limit: meeting page and § page p95 ≤ 100 ms.
(c) load: `--clients` threads (http.client, one keep-alive connection each) for `--duration`
    seconds over a mix of the start page, search pages `/sok/?q=…`, meeting and § pages.
    Reported: requests, errors (limit: 0), requests/s, p50/p95/max. The clients run in
    this process, on the same machine as the server, so they take CPU from it.

Run: `paragraf bench generate -n 1000000 --database URL` once, then `paragraf bench portal --database URL`.
"""
from __future__ import annotations

import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

from benchmarks.bench_parse import _table
from benchmarks.generate import setup_database

SEARCH_LIMIT_MS = 50.0
PAGE_LIMIT_MS = 100.0
STATIC = "/static/portal/paragraf.css"
SEED = 4


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


def _row(name: str, seconds: list[float], limit_ms: float | None = None) -> tuple[str, ...]:
    p95 = percentile(seconds, 95) * 1000
    verdict = "" if limit_ms is None else (f"{'ok' if p95 <= limit_ms else 'OVER'} (≤ {limit_ms:.0f} ms)")
    return (name, str(len(seconds)), f"{statistics.median(seconds) * 1000:.1f} ms", f"{p95:.1f} ms",
            f"{max(seconds) * 1000:.1f} ms", verdict)


HEAD = ("measure", "n", "p50", "p95", "max", "p95 limit")


# ---------------------------------------------------------------- drawing the work


def draw_queries(n: int, rng: random.Random) -> list[str]:
    """Agenda item titles (every other one whole, the others 1-4 consecutive words of them)."""
    from paragraf.records.models import AgendaItem

    titles = _sample(AgendaItem, "title", n, rng)
    queries = []
    for i, title in enumerate(titles):
        words = title.split()
        if i % 2 == 0 or len(words) <= 1:
            queries.append(title)
        else:
            k = min(len(words), rng.randint(1, 4))
            start = rng.randrange(len(words) - k + 1)
            queries.append(" ".join(words[start:start + k]))
    return queries


def _sample(model, field: str, n: int, rng: random.Random) -> list:
    """n rows picked by random id (ids of a generated database have no gaps)."""
    from django.db.models import Max

    top = model.objects.aggregate(m=Max("pk"))["m"] or 0
    ids = [rng.randint(1, top) for _ in range(n)]
    found = model.objects.in_bulk(ids) if field == "*" else dict(model.objects.filter(pk__in=ids).values_list("pk", field))
    return [found[i] for i in ids if i in found]


def draw_pages(n: int, rng: random.Random) -> tuple[list[str], list[str]]:
    from paragraf.records.models import Meeting, Paragraph

    meeting_ids = [m.pk for m in _sample(Meeting, "*", n, rng)]
    meetings = Meeting.objects.select_related("body").in_bulk(meeting_ids)
    meeting_urls = [f"/{meetings[i].body.slug}/{meetings[i].date.isoformat()}/" for i in meeting_ids]
    paragraph_ids = [p.pk for p in _sample(Paragraph, "*", n, rng)]
    paragraphs = Paragraph.objects.select_related("meeting__body").in_bulk(paragraph_ids)
    paragraph_urls = [
        f"/{paragraphs[i].meeting.body.slug}/{paragraphs[i].meeting.date.isoformat()}/{paragraphs[i].number}/" for i in paragraph_ids
    ]
    return meeting_urls, paragraph_urls


# ---------------------------------------------------------------- (a) search


class OtherSearch:
    """The search of another checkout on its own database, in a process of its own
    (`benchmarks/search_worker.py`): `paragraf bench portal --compare-code DIR --compare-database URL`."""

    def __init__(self, code: str, database: str):
        env = {**os.environ, "PYTHONPATH": str(Path(code).resolve()), "DATABASE_URL": database}
        worker = Path(__file__).with_name("search_worker.py")
        self.process = subprocess.Popen([sys.executable, str(worker)], env=env, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        assert json.loads(self.process.stdout.readline())["ready"]

    def search(self, text: str, facets: bool) -> float:
        self.process.stdin.write(json.dumps({"text": text, "facets": facets}) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())["seconds"]

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def bench_search(queries: list[str], rng: random.Random, other: OtherSearch | None = None) -> dict[str, list]:
    """Each query twice, interleaved with the baseline: as the API asks (no facets) and as the search
    page asks (`facets=True`: the matches also counted by kind, body, year and party); with `other`,
    each also through that checkout's search right after this one's."""
    from paragraf.records.models import Paragraph
    from paragraf.search import SearchQuery, search

    top = Paragraph.objects.order_by("-pk").values_list("pk", flat=True).first()
    keys = [rng.randint(1, top) for _ in queries]
    for q in queries[:5]:  # warm up: first use of the backend, the connection, caches
        search(SearchQuery(text=q))
        if other:
            other.search(q, False)
    found = {name: [] for name in ("search", "faceted", "baseline", "totals", "other search", "other faceted")}
    for q, pk in zip(queries, keys):
        start = time.perf_counter()
        Paragraph.objects.filter(pk=pk).first()
        found["baseline"].append(time.perf_counter() - start)
        # Each goes first every other query: the second of the two finds the query's pages cached.
        for facets in ((False, True) if len(found["search"]) % 2 == 0 else (True, False)):
            # This checkout's and the other's take turns going first (the second finds pages the first read).
            if other and len(found["totals"]) % 2:
                found["other faceted" if facets else "other search"].append(other.search(q, facets))
            start = time.perf_counter()
            page = search(SearchQuery(text=q, facets=facets))
            found["faceted" if facets else "search"].append(time.perf_counter() - start)
            if other and not len(found["totals"]) % 2:
                found["other faceted" if facets else "other search"].append(other.search(q, facets))
        found["totals"].append(page.total)
    return found


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


UNLIMITED_RATE = "1000000/s"


class Server:
    """`paragraf serve` in a subprocess, with this process's DATABASE_URL; rate limits off unless
    PARAGRAF_RATE_SEARCH/HEAVY are set."""

    def __init__(self, threads: int):
        self.port = free_port()
        root = Path(__file__).resolve().parent.parent
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
        # The benchmarks measure the server, not the per-client rate limit: all their clients are 127.0.0.1.
        for name in ("PARAGRAF_RATE_SEARCH", "PARAGRAF_RATE_HEAVY"):
            env.setdefault(name, UNLIMITED_RATE)
        # The server's log goes to a file, not a pipe: nobody reads a pipe during the run, and a
        # server whose pipe is full (waitress logs "Task queue depth" under load) stops answering.
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "paragraf", "serve", "--port", str(self.port), "--threads", str(threads)],
            env=env, stdout=subprocess.DEVNULL, stderr=self.log, text=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"paragraf serve ended: {self.server_log()}")
            try:
                status, _ = get(http.client.HTTPConnection("127.0.0.1", self.port, timeout=5), STATIC)
                if status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("paragraf serve did not answer within 60 s")

    def server_log(self) -> str:
        self.log.seek(0)
        return self.log.read()

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def get(conn: http.client.HTTPConnection, url: str) -> tuple[int, float]:
    start = time.perf_counter()
    conn.request("GET", url)
    response = conn.getresponse()
    response.read()
    return response.status, time.perf_counter() - start


# ---------------------------------------------------------------- (b) pages


def bench_pages(server: Server, meeting_urls: list[str], paragraph_urls: list[str]) -> dict[str, list[float]]:
    conn = server.connection()
    times: dict[str, list[float]] = {"static": [], "meeting": [], "paragraph": []}
    for url in meeting_urls[:5] + paragraph_urls[:5]:  # warm up the server's threads and connections
        get(conn, url)
    for meeting, paragraph in zip(meeting_urls, paragraph_urls):
        for kind, url in (("static", STATIC), ("meeting", meeting), ("static", STATIC), ("paragraph", paragraph)):
            status, seconds = get(conn, url)
            if status != 200:
                raise RuntimeError(f"GET {url}: HTTP {status}")
            times[kind].append(seconds)
    conn.close()
    return times


# ---------------------------------------------------------------- (c) load


def bench_load(server: Server, clients: int, duration: float, urls: dict[str, list[str]]) -> dict:
    kinds = [("start", 1), ("search", 3), ("meeting", 3), ("paragraph", 3)]
    results: list[tuple[str, float]] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def client(n: int):
        rng = random.Random(SEED * 1000 + n)
        conn = server.connection()
        mine, my_errors = [], []
        while time.monotonic() < deadline:
            kind = rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
            url = rng.choice(urls[kind])
            try:
                status, seconds = get(conn, url)
                if status != 200:
                    my_errors.append(f"HTTP {status} {url}")
                mine.append((kind, seconds))
            except (OSError, http.client.HTTPException) as exc:
                my_errors.append(f"{type(exc).__name__} {url}: {exc}")
                conn.close()
                conn = server.connection()
        conn.close()
        with lock:
            results.extend(mine)
            errors.extend(my_errors)

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    by_kind = {k: [s for kind, s in results if kind == k] for k, _ in kinds}
    return {"requests": len(results), "errors": errors, "elapsed": elapsed, "all": [s for _, s in results], "by_kind": by_kind}


# ---------------------------------------------------------------- main


def main(database: str | None = None, queries: int = 200, clients: int = 20, duration: float = 60.0, threads: int = 8,
         echo=print, compare_code: str | None = None, compare_database: str | None = None) -> bool:
    setup_database(database)
    from django.db import connection

    from paragraf.records.models import AgendaItem, Meeting, Paragraph
    from paragraf.search.models import SearchEntry

    n_paragraphs = Paragraph.objects.count()
    if not n_paragraphs:
        raise SystemExit(f"no § in {os.environ['DATABASE_URL']}: run `paragraf bench generate` first")
    echo(f"paragraf bench portal: {connection.vendor} ({os.environ['DATABASE_URL']})")
    echo(f"{n_paragraphs:,} §, {Meeting.objects.count():,} meetings, {AgendaItem.objects.count():,} agenda items, "
         f"{SearchEntry.objects.count():,} search entries; python {sys.version.split()[0]}, {os.cpu_count()} CPU(s)".replace(",", " "))
    rng = random.Random(SEED)
    query_texts = draw_queries(queries, rng)
    meeting_urls, paragraph_urls = draw_pages(queries, rng)
    ok = True

    other = OtherSearch(compare_code, compare_database or os.environ["DATABASE_URL"]) if compare_code else None
    try:
        found = bench_search(query_texts, rng, other)
    finally:
        if other:
            other.stop()
    times, faceted, baseline, totals = found["search"], found["faceted"], found["baseline"], found["totals"]
    ok &= percentile(times, 95) * 1000 <= SEARCH_LIMIT_MS
    ok &= percentile(faceted, 95) * 1000 <= SEARCH_LIMIT_MS
    echo("")
    echo(f"(a) search: {len(times)} queries from agenda titles (hits per query: median {statistics.median(totals):.0f}, "
         f"{sum(t >= 1000 for t in totals)} with 1000 or more)")
    echo(_table([HEAD, _row("baseline: § by primary key", baseline), _row("search(SearchQuery(text=q))", times, SEARCH_LIMIT_MS),
                 _row("search(SearchQuery(text=q, facets=True))", faceted, SEARCH_LIMIT_MS)]
                + ([_row(f"{compare_code}: search", found["other search"]), _row(f"{compare_code}: with facets", found["other faceted"])]
                   if other else [])))
    slowest = sorted(zip(times, query_texts), reverse=True)[:3]
    echo("slowest: " + "; ".join(f"{q!r} {t * 1000:.0f} ms" for t, q in slowest))
    connection.close()

    server = Server(threads)
    try:
        pages = bench_pages(server, meeting_urls, paragraph_urls)
        for kind in ("meeting", "paragraph"):
            ok &= percentile(pages[kind], 95) * 1000 <= PAGE_LIMIT_MS
        echo("")
        echo(f"(b) pages through `paragraf serve` (waitress, {threads} threads), one client, keep-alive")
        echo(_table([HEAD, _row(f"baseline: GET {STATIC}", pages["static"]),
                     _row("meeting page /<body>/<date>/", pages["meeting"], PAGE_LIMIT_MS),
                     _row("§ page /<body>/<date>/<n>/", pages["paragraph"], PAGE_LIMIT_MS)]))
        if duration > 0:
            search_urls = ["/sok/?" + urlencode({"q": q}, quote_via=quote) for q in query_texts]
            urls = {"start": ["/"], "search": search_urls, "meeting": meeting_urls, "paragraph": paragraph_urls}
            load = bench_load(server, clients, duration, urls)
            ok &= not load["errors"]
            echo("")
            echo(f"(c) load: {clients} clients for {duration:.0f} s (start page 10%, search 30%, meeting 30%, § 30%)")
            rows = [HEAD] + [_row(kind, s) for kind, s in load["by_kind"].items() if s] + [_row("all", load["all"])]
            echo(_table(rows))
            echo(f"requests {load['requests']}, errors {len(load['errors'])} (limit 0), "
                 f"{load['requests'] / load['elapsed']:.1f} requests/s")
            for error in load["errors"][:5]:
                echo(f"  {error}")
    finally:
        server.stop()
    echo("")
    echo("all within limits" if ok else "OVER LIMIT")
    return ok

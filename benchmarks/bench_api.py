"""`paragraf bench api`: the OParl and native APIs through `paragraf serve`, each beside a baseline.

(a) without `--database`: a new SQLite database in a temporary directory with both corpus packets
    imported (`paragraf.records.importer.import_path`), `paragraf serve` (waitress) in a subprocess,
    then a walk of the WHOLE API as a harvester does it: from the OParl System `/oparl/v1.1/` and the
    native index `/api/v1/`, every URL of the server under /oparl/ or /api/v1/ found anywhere in a
    response is fetched once (object ids, references, external lists and every one of their pages,
    file contents, native `next` pages, object `url`s, source spans). No schema validation (that is
    `tests/test_oparl.py`). Reported: objects reached, requests, time, p50/p95/max per request by
    kind; baseline, interleaved: GET of the static CSS file from the same server.
    Limits: 0 errors, p95 of every kind ≤ 100 ms.
(b) with `--database URL` (made by `paragraf bench generate`): p95 of the list endpoints. OParl lists
    of the OParl Bodies (our organisations) at their first page, a middle page (the `links.next` of a
    page in the middle, a keyset cursor) and the last page (`links.last`, a page number); native lists
    `/api/v1/…` at random `after` cursors deep into the list, bare and with filters. `--requests` in
    all, drawn with a fixed seed, one client on one keep-alive connection; baseline, interleaved: the
    static file. Limit (our own target): p95 ≤ 100 ms for every family.

Run: `paragraf bench api` (corpus walk), `paragraf bench api --database URL` (lists at scale).
"""
from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from benchmarks.bench_parse import CORPUS, _table
from benchmarks.bench_portal import STATIC, Server, get, percentile

LIMIT_MS = 100.0
SEED = 5
OPARL = "/oparl/v1.1/"
NATIVE = "/api/v1/"
MAX_WALK = 200_000  # a walk that does not end fails instead of hanging
HEAD = ("measure", "n", "p50", "p95", "max", "p95 limit")


def _row(name: str, seconds: list[float], limit_ms: float | None = None) -> tuple[str, ...]:
    p95 = percentile(seconds, 95) * 1000
    verdict = "" if limit_ms is None else (f"{'ok' if p95 <= limit_ms else 'OVER'} (≤ {limit_ms:.0f} ms)")
    return (name, str(len(seconds)), f"{statistics.median(seconds) * 1000:.1f} ms", f"{p95:.1f} ms",
            f"{max(seconds) * 1000:.1f} ms", verdict)


def fetch(conn, url: str) -> tuple[int, float, bytes, str]:
    """GET a path; the status, seconds until the whole body was read, the body and its content type."""
    start = time.perf_counter()
    conn.request("GET", url)
    response = conn.getresponse()
    body = response.read()
    return response.status, time.perf_counter() - start, body, response.getheader("Content-Type", "")


class Timer:
    """One keep-alive connection; every API request is followed by a GET of the static file (the baseline)."""

    def __init__(self, server: Server):
        self.server = server
        self.conn = server.connection()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []

    def get(self, kind: str, url: str) -> tuple[int, bytes, str]:
        status, seconds, body, content_type = fetch(self.conn, url)
        self.times[kind].append(seconds)
        if status != 200:
            self.errors.append(f"HTTP {status} {url}: {body[:200]!r}")
        status_static, static_seconds = get(self.conn, STATIC)
        if status_static != 200:
            raise RuntimeError(f"GET {STATIC}: HTTP {status_static}")
        self.times["baseline"].append(static_seconds)
        return status, body, content_type

    def close(self) -> None:
        self.conn.close()


# ---------------------------------------------------------------- (a) the walk


def kind_of(path: str, data) -> str:
    if path.startswith(OPARL):
        if not isinstance(data, dict):
            return "OParl file content"
        return "OParl list page" if "pagination" in data or "links" in data and "data" in data else "OParl object"
    if not isinstance(data, dict):
        return "native other"
    if "results" in data and "next" in data:
        return "native list page"
    if "lines" in data or "/source-files/" in path:
        return "native source span"
    return "native object"


def walk(timer: Timer, base: str) -> dict:
    """Every URL of the server under /oparl/ or /api/v1/ reachable from the two entry points, each fetched once."""
    queue = [OPARL, NATIVE]
    seen = set(queue)
    objects: dict[str, set] = defaultdict(set)
    kinds: Counter = Counter()
    slowest: list[tuple[float, str]] = []
    start = time.perf_counter()
    while queue:
        path = queue.pop()
        if len(seen) > MAX_WALK:
            raise RuntimeError(f"the walk passed {MAX_WALK} addresses")
        status, body, content_type = timer.get("?", path)
        data = json.loads(body) if status == 200 and content_type.startswith("application/json") else None
        kind = kind_of(path, data)
        seconds = timer.times.pop("?")[-1]
        timer.times[kind].append(seconds)
        slowest.append((seconds, path))
        kinds[kind] += 1
        if data is None:
            continue
        _collect(data, path.startswith(OPARL), objects)
        for url in _urls(data):
            parts = urlsplit(url)
            if f"{parts.scheme}://{parts.netloc}" != base or not parts.path.startswith((OPARL, NATIVE)):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return {"objects": objects, "kinds": kinds, "elapsed": time.perf_counter() - start, "slowest": sorted(slowest)[-5:][::-1]}


def _urls(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from _urls(value)
    elif isinstance(data, list):
        for value in data:
            yield from _urls(value)
    elif isinstance(data, str) and data.startswith("http"):
        yield data


def _collect(data, oparl: bool, objects: dict[str, set]) -> None:
    """Objects seen, by type: OParl objects (embedded ones too) by `id`; native records by `url`."""
    if isinstance(data, dict):
        if oparl and isinstance(data.get("type"), str) and "id" in data:
            objects["OParl " + data["type"].rsplit("/", 1)[-1]].add(data["id"])
        elif not oparl and "id" in data and isinstance(data.get("url"), str) and "/source-files/" not in data["url"]:
            objects["native " + urlsplit(data["url"]).path.split("/")[3]].add(data["url"])
        for value in data.values():
            _collect(value, oparl, objects)
    elif isinstance(data, list):
        for value in data:
            _collect(value, oparl, objects)


def corpus_database(url: str, empty: bool = False) -> list[Path]:
    """Django set up on the database at `url`, migrated (and emptied, if `empty`), both corpus packets
    imported; returns the packets."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paragraf.site.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from paragraf.records.importer import import_path

    call_command("migrate", interactive=False, verbosity=0)
    if empty:
        call_command("flush", interactive=False, verbosity=0)
    packets = sorted(CORPUS.glob("*.txt"))
    for path in packets:
        result = import_path(path)
        if not result.ok:
            raise SystemExit(f"import of {path.name} failed: {result.message}")
    connection.close()
    return packets


def corpus_walk(threads: int, echo) -> bool:
    with tempfile.TemporaryDirectory(prefix="paragraf-bench-api-") as tmp:
        packets = corpus_database(f"sqlite:///{Path(tmp) / 'api.sqlite3'}")
        echo(f"paragraf bench api: walk of the whole API over the corpus ({', '.join(p.name for p in packets)}), "
             f"SQLite in a temporary directory; python {sys.version.split()[0]}, {os.cpu_count()} CPU(s), "
             f"load average {os.getloadavg()[0]:.1f}")
        server = Server(threads)
        try:
            timer = Timer(server)
            timer.get("warm-up", OPARL)
            timer.times.pop("warm-up")
            timer.times["baseline"].clear()
            found = walk(timer, f"http://127.0.0.1:{server.port}")
            timer.close()
        finally:
            server.stop()
    kinds = [k for k, _ in found["kinds"].most_common()]
    api = [s for k in kinds for s in timer.times[k]]
    ok = not timer.errors
    rows = [HEAD, _row(f"baseline: GET {STATIC}", timer.times["baseline"])]
    for kind in kinds:
        ok &= percentile(timer.times[kind], 95) * 1000 <= LIMIT_MS
        rows.append(_row(kind, timer.times[kind], LIMIT_MS))
    rows.append(_row("all API requests", api))
    echo("")
    echo(f"(a) walk through `paragraf serve` (waitress, {threads} threads), one client, keep-alive: from {OPARL} and {NATIVE},")
    echo("every address of the API found in a response, once; a static GET after each request")
    echo(_table(rows))
    total = sum(len(ids) for ids in found["objects"].values())
    echo(f"objects reached: {total} ({', '.join(f'{name} {len(ids)}' for name, ids in sorted(found['objects'].items()))})")
    echo(f"requests: {len(api)} to the API in {sum(api):.1f} s ({found['elapsed']:.1f} s with the baseline and the client), "
         f"errors {len(timer.errors)} (limit 0)")
    echo("slowest: " + "; ".join(f"{path} {seconds * 1000:.0f} ms" for seconds, path in found["slowest"]))
    for error in timer.errors[:10]:
        echo(f"  {error}")
    return ok


# ---------------------------------------------------------------- (b) lists at scale

OPARL_LISTS = ("organization", "person", "meeting", "paper", "agenda-item", "consultation", "file", "membership",
               "location", "legislative-term")
POSITIONS = ("first", "middle", "last")


def draw_native(n: int, rng: random.Random) -> list[tuple[str, str]]:
    """(family, url) of native list requests: random `after` cursors over the id range, bare or with a filter."""
    from django.db.models import Max

    from paragraf.records.models import Body, Case, Indicator, Meeting, Organization, Paragraph, Person

    orgs = list(Organization.objects.values_list("slug", flat=True))
    bodies = list(Body.objects.values_list("slug", flat=True))
    top = {model: model.objects.aggregate(m=Max("pk"))["m"] or 0 for model in (Meeting, Paragraph, Person, Case, Indicator)}
    reports = list(Indicator.objects.values_list("report", flat=True).distinct()[:50])
    meeting_ids = list(Meeting.objects.order_by("?").values_list("pk", flat=True)[:50]) if top[Meeting] < 50_000 else \
        [rng.randint(1, top[Meeting]) for _ in range(50)]
    case_ids = [rng.randint(1, max(top[Case], 1)) for _ in range(50)]

    def filters(family: str) -> dict:
        year = rng.randint(2016, 2025)
        choices = {
            "meetings": [{}, {"organization": rng.choice(orgs)}, {"body": rng.choice(bodies)},
                         {"date_from": f"{year}-01-01", "date_to": f"{year}-12-31"}],
            "paragraphs": [{}, {"organization": rng.choice(orgs)}, {"body": rng.choice(bodies)},
                           {"meeting": rng.choice(meeting_ids)}, {"case": rng.choice(case_ids)}],
            "people": [{}, {"party": rng.choice(["S", "M", "SD", "C", "V", "KD", "L", "MP"])}],
            "cases": [{}, {"organization": rng.choice(orgs)}, {"year": year}],
            "indicators": [{}, {"organization": rng.choice(orgs)}] + ([{"report": rng.choice(reports)}] if reports else []),
        }
        return rng.choice(choices[family])

    models = {"meetings": Meeting, "paragraphs": Paragraph, "people": Person, "cases": Case, "indicators": Indicator}
    work = []
    for i in range(n):
        family = list(models)[i % len(models)]
        params = filters(family)
        if not params.keys() & {"meeting", "case"} and rng.random() < 0.75:
            params["after"] = rng.randint(0, max(top[models[family]], 1))  # anywhere in the list, deep on average
        work.append((f"native /api/v1/{family}/", f"{NATIVE}{family}/?{urlencode(params)}"))
    return work


def oparl_pages(conn, n: int, rng: random.Random) -> list[tuple[str, str]]:
    """(family, url) of OParl list requests: per list of a random Body, its first, a middle or its last page,
    found from the first page's links (not timed) as a client finds them."""
    from paragraf.records.models import Organization

    bodies = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
    ends: dict[tuple[int, str], dict] = {}
    work = []
    for i in range(n):
        name, position = OPARL_LISTS[i % len(OPARL_LISTS)], POSITIONS[(i // len(OPARL_LISTS)) % len(POSITIONS)]
        body = rng.choice(bodies)
        url = f"{OPARL}body/{body}/{name}/"
        if (body, name) not in ends:
            status, _, data, _ = fetch(conn, url)
            if status != 200:
                raise RuntimeError(f"GET {url}: HTTP {status}")
            ends[body, name] = json.loads(data)
        first = ends[body, name]
        if position == "first":
            target = url
        elif position == "last":
            target = first["links"].get("last") or url
        else:
            target = middle_page(conn, url, first, rng)
        parts = urlsplit(target)
        work.append((f"OParl {name} ({position})", parts.path + (f"?{parts.query}" if parts.query else "")))
    return work


def middle_page(conn, url: str, first: dict, rng: random.Random) -> str:
    """A page from the middle of the list as a client paging through it reaches it: the `links.next` of a page
    between a quarter and three quarters of the list (fetched by its number, not timed)."""
    pages = first.get("pagination", {}).get("totalPages") or 1
    if pages <= 2:
        return first["links"].get("next", url)
    status, _, body, _ = fetch(conn, f"{url}?page={rng.randint(pages // 4, 3 * pages // 4)}")
    if status != 200:
        raise RuntimeError(f"GET {url}: HTTP {status}")
    return json.loads(body)["links"]["next"]


def lists_at_scale(database: str, requests: int, threads: int, echo) -> bool:
    from benchmarks.generate import setup_database

    setup_database(database)
    from django.db import connection

    from paragraf.records.models import AgendaItem, Meeting, Organization, Paragraph, Person

    n_paragraphs = Paragraph.objects.count()
    if not n_paragraphs:
        raise SystemExit(f"no § in {os.environ['DATABASE_URL']}: run `paragraf bench generate` first")
    echo(f"paragraf bench api: lists on {connection.vendor} ({os.environ['DATABASE_URL']})")
    echo(f"{n_paragraphs:,} §, {Meeting.objects.count():,} meetings, {AgendaItem.objects.count():,} agenda items, "
         f"{Person.objects.count():,} people, {Organization.objects.count():,} organisations; python {sys.version.split()[0]}, "
         f"{os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.1f}".replace(",", " "))
    rng = random.Random(SEED)
    native = draw_native(requests - requests // 2, rng)
    server = Server(threads)
    try:
        conn = server.connection()
        oparl = oparl_pages(conn, requests // 2, rng)
        conn.close()
        connection.close()
        work = oparl + native
        rng.shuffle(work)
        timer = Timer(server)
        for family, url in work[:10]:  # warm up the server's threads and connections
            fetch(timer.conn, url)
        urls = defaultdict(list)
        for family, url in work:
            timer.get(family, url)
            urls[family].append(url)
        timer.close()
    finally:
        server.stop()
    ok = not timer.errors
    rows = [HEAD, _row(f"baseline: GET {STATIC}", timer.times["baseline"])]
    for family in sorted(f for f in timer.times if f != "baseline"):
        ok &= percentile(timer.times[family], 95) * 1000 <= LIMIT_MS
        rows.append(_row(family, timer.times[family], LIMIT_MS))
    for prefix in ("OParl", "native"):
        rows.append(_row(f"all {prefix} lists", [s for f, t in timer.times.items() if f.startswith(prefix) for s in t]))
    echo("")
    echo(f"(b) {len(work)} list requests through `paragraf serve` (waitress, {threads} threads), one client, keep-alive;")
    echo("a static GET after each request")
    echo(_table(rows))
    slowest = sorted(((t, u) for f, ts in timer.times.items() if f != "baseline" for t, u in zip(ts, urls[f])), reverse=True)[:5]
    echo("slowest: " + "; ".join(f"{u} {t * 1000:.0f} ms" for t, u in slowest))
    echo(f"errors {len(timer.errors)} (limit 0)")
    for error in timer.errors[:10]:
        echo(f"  {error}")
    return ok


# ---------------------------------------------------------------- main


def main(database: str | None = None, requests: int = 200, threads: int = 8, echo=print) -> bool:
    ok = lists_at_scale(database, requests, threads, echo) if database else corpus_walk(threads, echo)
    echo("")
    echo("all within limits" if ok else "OVER LIMIT")
    return ok

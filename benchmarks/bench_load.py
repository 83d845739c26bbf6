"""`paragraf bench load`: concurrent clients over every page type while an import runs, and the memory of
the server while concurrent clients fetch the largest source file.

A new SQLite database in a temporary directory (or `--database URL`, whose tables are emptied) with both
corpus packets imported; `paragraf serve` (waitress) in a subprocess, its resident memory read every 50 ms
from /proc/<pid>/status (VmRSS of the server and of any child it has).

(0) discovery: addresses of the running site, by following links from `/` (HTML hrefs), `/oparl/v1.1/`
    and `/api/v1/` (every address of the server in a JSON response), and searches built from the search
    form (a few words, alone and with one value of each filter the form offers). Each address is named by
    the route it resolves to (`portal:meeting`, `oparl:body_files`, `native:source_file` …); at most
    `--per-kind` addresses of each are kept. Every named public route must be found.
(1) load: `--clients` threads (http.client, one keep-alive connection each) for `--duration` seconds, each
    request a page type drawn uniformly, then one of its addresses. Twice in the same run, each on a new
    server after one warm-up request of every page type: the baseline, then the same while
    `paragraf import --force --publish` re-imports the corpus packets one after the other in a subprocess for the
    whole duration. Errors: a status >= 500 or a broken connection (limit 0). Reported per page type:
    requests, p50/p95/p99; per run: requests/s, errors, peak server RSS (limit 500 MB).
(2) memory: a packet of `--big-packet-mb` MB (packet 000 as another organisation, its notice once and the
    rest repeated: one valid meeting packet) is imported; the largest source file is then requested as
    the site links it: its portal page at the address a portal page links (and the bare first page if
    that differs), the full-text download that page links, the OParl File list of its organisation (first
    and last page) and its OParl File's access and download addresses. Each address by `--concurrent`
    clients at once, on a new server (warmed up with `/`): peak RSS against 500 MB, beside the RSS of the
    idle server. A server above `--abort-mb` is killed and its round reported as stopped, so that a run
    never takes the machine's memory.

Run: `paragraf bench load [--duration 60] [--big-packet-mb 50] [--check]`.
"""
from __future__ import annotations

import contextlib
import html
import http.client
import json
import math
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

from benchmarks.bench_api import _urls, corpus_database
from benchmarks.bench_parse import CORPUS, ROOT, _table
from benchmarks.bench_portal import Server, percentile

MB = 1_000_000
RSS_LIMIT = 500 * MB
SAMPLE_EVERY = 0.05  # seconds between two readings of the server's RSS
SEED = 12
ENTRY_POINTS = ("/", "/oparl/v1.1/", "/api/v1/")
SEARCH_WORDS = ("budget", "motion", "uppföljning", "regionstyrelsen")
FILTERED = "portal:search (filtered)"
NOT_PUBLIC = {"native:meeting_findings",  # the review of minutes: public only where an organisation turns it on
              "oparl:not_found",  # the answer to an address that is no OParl object: no page
              # E-mail alerts: the form posts to `subscribe`; the others are the links of a mail, with its token.
              "alerts:subscribe", "alerts:confirm", "alerts:unsubscribe", "alerts:unsubscribe_all"}
# Pages of PDF packets only (their original pages): the load's databases hold text packets.
PDF_ONLY = {"portal:source_pages", "portal:page_image", "portal:document_pdf"}
KEEP = 20 * MB  # the bytes of a response kept to read links from; the rest is counted
HREF = re.compile(r'href="([^"]*)"')
SELECT = re.compile(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([^"]+)"')
BROKEN = (OSError, http.client.HTTPException)


@dataclass
class Site:
    """What discovery found: addresses by page type."""

    urls: dict[str, list[str]]
    fetched: int
    seconds: float
    missing: list[str]  # named public routes no address was found for
    failures: list[str]


@dataclass
class Phase:
    """One load run."""

    label: str
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)  # status >= 500 or a broken connection, with the address
    other_statuses: Counter = field(default_factory=Counter)  # 3xx, 4xx: listed, not errors
    elapsed: float = 0.0
    idle_rss: int = 0
    peak_rss: int = 0
    imports: int = 0
    import_failures: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(map(len, self.times.values()))


@dataclass
class Round:
    """`--concurrent` requests of one address at once, on a new server."""

    kind: str
    url: str
    statuses: Counter  # status → requests; 0: a broken connection
    size: int  # bytes of the largest response
    slowest: float
    idle_rss: int
    peak_rss: int
    stopped: bool  # the server went over --abort-mb and was killed


@dataclass
class Memory:
    packet: str
    import_seconds: float
    source_url: str
    source_chars: int
    rounds: list[Round]
    notes: list[str]

    @property
    def peak_rss(self) -> int:
        return max((r.peak_rss for r in self.rounds), default=0)

    @property
    def errors(self) -> int:
        return sum(n for r in self.rounds for status, n in r.statuses.items() if not 0 < status < 500)


# ---------------------------------------------------------------- the server's memory


def rss(pid: int) -> int:
    """Resident bytes of a process and its descendants (VmRSS); 0 once it has ended."""
    total = 0
    for p in [pid, *_descendants(pid)]:
        try:
            with open(f"/proc/{p}/status") as status:
                total += next((int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:")), 0)
        except OSError:
            pass
    return total


def _descendants(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children += [int(c) for c in task.read_text().split()]
        except OSError:
            pass
    return children + [d for c in children for d in _descendants(c)]


class RssMonitor(threading.Thread):
    """The server's RSS every 50 ms and its peak; kills the server (ours, by its pid) above `abort` bytes."""

    def __init__(self, server: Server, abort: int):
        super().__init__(daemon=True)
        self.pid, self.abort = server.process.pid, abort
        self.idle = self.peak = rss(self.pid)
        self.killed = False
        self._stopping = threading.Event()
        self.start()

    def run(self) -> None:
        while not self._stopping.wait(SAMPLE_EVERY):
            current = rss(self.pid)
            self.peak = max(self.peak, current)
            if current > self.abort and not self.killed:
                self.killed = True
                os.kill(self.pid, signal.SIGKILL)

    def stop(self) -> None:
        self._stopping.set()
        self.join()


@contextlib.contextmanager
def serving(threads: int, abort: int, warm_up: Iterable[str] = ()) -> Iterator[tuple[Server, RssMonitor]]:
    """A new `paragraf serve`; once it has answered the warm-up addresses, its RSS is read until the end."""
    server = Server(threads)
    try:
        conn = server.connection()
        for url in warm_up:
            request(conn, url)
        conn.close()
        monitor = RssMonitor(server, abort)
        try:
            yield server, monitor
        finally:
            monitor.stop()
    finally:
        server.stop()


def in_threads(function, n: int) -> None:
    """function(0) … function(n - 1), each in a thread of its own; returns when all have."""
    threads = [threading.Thread(target=function, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


# ---------------------------------------------------------------- HTTP and addresses


@dataclass
class Reply:
    status: int
    seconds: float  # to the last byte
    size: int
    body: bytes  # its first `keep` bytes (see `request`)
    content_type: str

    @property
    def whole(self) -> bool:
        return len(self.body) == self.size


def request(conn: http.client.HTTPConnection, url: str, keep: int = 0) -> Reply:
    """GET, the body read in chunks and only its first `keep` bytes kept: a response of hundreds of MB is
    counted, not held."""
    start = time.perf_counter()
    conn.request("GET", url)
    response = conn.getresponse()
    size, chunks = 0, []
    while chunk := response.read(1 << 16):
        if size < keep:
            chunks.append(chunk[:keep - size])
        size += len(chunk)
    return Reply(response.status, time.perf_counter() - start, size, b"".join(chunks),
                 response.getheader("Content-Type", "").split(";")[0])


def page_types() -> set[str]:
    """Every named public route of the URL configuration: portal, OParl, native API, export. The
    secretariat's are left out: its pages are for logged-in staff, and its public PDFs exist only for
    meetings prepared and published in it, which a database of imported packets has none of. So is the
    review (its pages and `native:meeting_findings`): staff and auditors only, public only where an
    organisation turns it on, which none has by default. So are the alerts' addresses (`NOT_PUBLIC`): where
    the subscribe form posts, and the links of the mails, each with its subscription's token. And the upload
    pages (`intake`): staff only. And the original pages of PDF packets (PDF_ONLY): the load's databases hold text packets."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found = {FILTERED}

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver) and p.namespace not in ("admin", "secretariat", "review", "intake"):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name and f"{namespace}:{p.name}" not in NOT_PUBLIC | PDF_ONLY:
                found.add(f"{namespace}:{p.name}" if namespace else p.name)

    walk(get_resolver().url_patterns, None)
    return found


def kind_of(url: str) -> str | None:
    """The named route an address resolves to (`portal:paragraph`, `organization_dump` …), None for others."""
    from django.urls import Resolver404, resolve

    parts = urlsplit(url)
    if parts.path.startswith(("/static/", "/admin/")):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if not match.url_name:
        return None
    kind = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    return FILTERED if kind == "portal:search" and set(parse_qs(parts.query)) - {"q", "sida"} else kind


def links(reply: Reply, url: str, port: int) -> list[str]:
    """Addresses of this server (path and query) in an HTML page's hrefs (of its first `KEEP` bytes) or
    anywhere in a JSON response."""
    if reply.status != 200:
        return []
    if reply.content_type == "text/html":
        found = [urljoin(url, html.unescape(h)) for h in HREF.findall(reply.body.decode("utf-8", "replace"))]
    elif reply.content_type == "application/json" and reply.whole:
        found = list(_urls(json.loads(reply.body)))
    else:
        return []
    local = []
    for link in found:
        parts = urlsplit(link)
        if parts.path.startswith("/") and parts.netloc in ("", f"127.0.0.1:{port}", f"localhost:{port}"):
            local.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return local


# ---------------------------------------------------------------- (0) discovery


def search_urls(form: bytes, rng: random.Random) -> list[str]:
    """A few words alone, and each filter of the search form with one of its values beside a word."""
    filters = [(name, values) for name, options in SELECT.findall(form.decode("utf-8", "replace"))
               if (values := OPTION.findall(options))]
    urls = ["/sok/?" + urlencode({"q": word}) for word in SEARCH_WORDS]
    for n, (name, values) in enumerate(filters):
        urls.append("/sok/?" + urlencode({"q": SEARCH_WORDS[n % len(SEARCH_WORDS)], name: rng.choice(values)}))
    return urls


def discover(port: int, per_kind: int = 12) -> Site:
    """Breadth first from the entry points and the searches; at most `per_kind` addresses of each page type."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    start = time.perf_counter()
    queue = list(ENTRY_POINTS) + search_urls(request(conn, "/sok/", KEEP).body, random.Random(SEED))
    urls: dict[str, list[str]] = defaultdict(list)
    for url in queue:
        urls[kind_of(url)].append(url)
    seen, failures, fetched = set(queue), [], 0
    while queue:
        url = queue.pop(0)
        try:
            reply = request(conn, url, KEEP)
        except BROKEN as exc:
            failures.append(f"{url}: {type(exc).__name__}: {exc}")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            continue
        fetched += 1
        if reply.status >= 400:
            failures.append(f"{url}: HTTP {reply.status}")
        for link in links(reply, url, port):
            kind = kind_of(link)
            if kind and link not in seen and len(urls[kind]) < per_kind:
                seen.add(link)
                urls[kind].append(link)
                queue.append(link)
    conn.close()
    urls.pop(None, None)
    return Site(dict(urls), fetched, time.perf_counter() - start, sorted(page_types() - set(urls)), failures)


# ---------------------------------------------------------------- (1) load


class ImportLoop(threading.Thread):
    """`paragraf import --force --publish` of the packets in turn, each in a subprocess, until the deadline."""

    def __init__(self, packets: list[Path], deadline: float, database_url: str):
        super().__init__(daemon=True)
        self.packets, self.deadline = packets, deadline
        self.env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
        self.done, self.failures = 0, []
        self.start()

    def run(self) -> None:
        n = 0
        while time.monotonic() < self.deadline:
            packet = self.packets[n % len(self.packets)]
            n += 1
            run = subprocess.run([sys.executable, "-m", "paragraf", "import", "--force", "--publish", str(packet)],
                                 env=self.env, capture_output=True, text=True)
            if run.returncode:
                self.failures.append(f"{packet.name}: exit {run.returncode}: {run.stderr.strip()[-300:]}")
            else:
                self.done += 1


def run_load(port: int, urls: dict[str, list[str]], clients: int, duration: float, label: str,
             import_packets: list[Path] = (), database_url: str = "") -> Phase:
    """`clients` threads for `duration` seconds, each request a page type drawn uniformly, then one of its
    addresses; with `import_packets`, an `ImportLoop` into `database_url` meanwhile."""
    phase = Phase(label)
    kinds = sorted(urls)
    lock = threading.Lock()
    deadline = time.monotonic() + duration
    importer = ImportLoop(list(import_packets), deadline, database_url) if import_packets else None

    def client(n: int) -> None:
        rng = random.Random(SEED * 1000 + n)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        times, errors, others = [], [], Counter()
        while time.monotonic() < deadline:
            kind = rng.choice(kinds)
            url = rng.choice(urls[kind])
            try:
                reply = request(conn, url)
            except BROKEN as exc:
                errors.append(f"{url}: {type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                continue
            times.append((kind, reply.seconds))
            if reply.status >= 500:
                errors.append(f"{url}: HTTP {reply.status}")
            elif reply.status != 200:
                others[f"HTTP {reply.status} {url}"] += 1
        conn.close()
        with lock:
            for kind, seconds in times:
                phase.times[kind].append(seconds)
            phase.errors += errors
            phase.other_statuses += others

    start = time.perf_counter()
    in_threads(client, clients)
    phase.elapsed = time.perf_counter() - start
    if importer:
        importer.join()
        phase.imports, phase.import_failures = importer.done, importer.failures
    return phase


def load_phase(urls: dict[str, list[str]], clients: int, duration: float, threads: int, abort: int, label: str,
               import_packets: list[Path] = ()) -> Phase:
    """`run_load` on a new server, warmed up with one address of each page type, its RSS read meanwhile."""
    with serving(threads, abort, [addresses[0] for addresses in urls.values()]) as (server, monitor):
        phase = run_load(server.port, urls, clients, duration, label, import_packets, os.environ["DATABASE_URL"])
    phase.idle_rss, phase.peak_rss = monitor.idle, monitor.peak
    if monitor.killed:
        phase.errors.insert(0, f"server killed above {abort // MB} MB")
    return phase


# ---------------------------------------------------------------- (2) memory: the largest source file


def write_big_packet(target: Path, megabytes: float) -> int:
    """Packet 000 as Region Storpacket, its notice once, then the rest of it (minutes, extracts, reports)
    again and again until the file has `megabytes` MB; returns its size in bytes."""
    from paragraf.ingest import parse_path

    source = sorted(CORPUS.glob("*.txt"))[0]
    text = source.read_text(encoding="utf-8").replace("Region Jönköpings län", "Region Storpacket")
    text = text.replace("Jönköpings län", "Storpacket")
    notice = next((d for d in parse_path(source)["documents"] if d["kind"] == "kallelse"), None)
    rest = "\n" + "\n".join(text.split("\n")[notice["last_line"] if notice else 0:])
    copies = max(0, math.ceil((megabytes * MB - len(text.encode())) / len(rest.encode())))
    with target.open("w", encoding="utf-8") as out:
        out.write(text)
        for _ in range(copies):
            out.write(rest)
    return target.stat().st_size


def portal_targets(port: int, page: str, notes: list[str]) -> list[tuple[str, str]]:
    """(kind, address) of a source page as the portal links it, its first page, and the download it links."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
    linked = _portal_link(conn, port, page)
    if not linked:
        notes.append(f"no portal page links {page}: requested as {page}")
    linked = linked or page
    targets = [("portal:source (as linked)", linked)] + ([("portal:source (first page)", page)] if linked != page else [])
    try:
        reply = request(conn, linked, KEEP)
    except BROKEN as exc:
        notes.append(f"{linked} could not be read for its links ({type(exc).__name__}: {exc})")
        return targets
    finally:
        conn.close()
    if not reply.whole:
        notes.append(f"{linked} ({reply.size / MB:.0f} MB of HTML): links read from its first {KEEP // MB} MB")
    return targets + [("portal:source_download", link) for link in dict.fromkeys(links(reply, linked, port))
                      if kind_of(link) == "portal:source_download" and link.startswith(page)]


def _portal_link(conn, port: int, page: str, limit: int = 400) -> str | None:
    """The first link to `page` (with any query, without the fragment) on the portal's pages, breadth first
    from `/`, without fetching a source page, search, feed or download on the way."""
    queue, seen = ["/"], {"/"}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        for link in links(request(conn, url, KEEP), url, port):
            if link.startswith(page):
                return link
            kind = kind_of(link) or ""
            if link not in seen and kind.startswith("portal:") and kind not in (
                    "portal:source", "portal:source_download", "portal:search", FILTERED, "portal:search_feed",
                    "portal:calendar", "portal:body_calendar", "portal:body_feed"):
                seen.add(link)
                queue.append(link)
    return None


def oparl_targets(port: int, page: str, notes: list[str]) -> list[tuple[str, str]]:
    """The File list of the OParl Body that holds the source file (first and last page), and that File's
    access and download addresses."""
    with contextlib.closing(http.client.HTTPConnection("127.0.0.1", port, timeout=900)) as conn:
        try:
            for oparl_body in _json(request(conn, "/oparl/v1.1/body/", KEEP)).get("data", []):
                first = _local(oparl_body["file"])
                data = _json(request(conn, first, KEEP))
                last = _local(data.get("links", {}).get("last", first))
                if last != first:
                    data = _json(request(conn, last, KEEP))
                for item in data.get("data", []):
                    if urlsplit(item.get("web", "")).path == page:
                        return [("oparl:body_files (first page)", first), ("oparl:body_files (last page)", last),
                                ("oparl:file_source_access", _local(item["accessUrl"])),
                                ("oparl:file_source_download", _local(item["downloadUrl"]))]
        except BROKEN as exc:
            notes.append(f"the OParl File lists could not be read ({type(exc).__name__}: {exc})")
            return []
    notes.append(f"no OParl File list was found holding {page}")
    return []


def _json(reply: Reply) -> dict:
    return json.loads(reply.body) if reply.status == 200 and reply.whole else {}


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def concurrent_round(server: Server, monitor: RssMonitor, kind: str, url: str, concurrent: int) -> Round:
    """`concurrent` clients GET the same address, started together, while the server's RSS is read."""
    barrier = threading.Barrier(concurrent)
    statuses: Counter = Counter()
    sizes, seconds = [0], [0.0]
    lock = threading.Lock()

    def client() -> None:
        conn = server.connection()
        conn.timeout = 900
        barrier.wait()
        start = time.perf_counter()
        try:
            reply = request(conn, url)
        except BROKEN:  # the seconds until the connection broke
            reply = Reply(0, time.perf_counter() - start, 0, b"", "")
        conn.close()
        with lock:
            statuses[reply.status] += 1
            sizes.append(reply.size)
            seconds.append(reply.seconds)

    in_threads(lambda n: client(), concurrent)
    time.sleep(2 * SAMPLE_EVERY)
    return Round(kind, url, statuses, max(sizes), max(seconds), monitor.idle, monitor.peak, monitor.killed)


def memory_part(tmp: Path, megabytes: float, concurrent: int, threads: int, abort: int, echo) -> Memory:
    from django.db import connection
    from django.db.models.functions import Length

    from paragraf.records.models import Document, SourceFile

    packet, took = "none (the largest corpus packet)", 0.0
    if megabytes > 0:
        path = tmp / f"storpacket-{megabytes:g}mb.txt"
        size = write_big_packet(path, megabytes)
        echo(f"importing {path.name} ({size / MB:.1f} MB) …")
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "paragraf", "import", "--publish", str(path)], capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
        took = time.perf_counter() - start
        if run.returncode:
            raise SystemExit(f"import of {path.name} failed: {run.stderr.strip()[-500:]}")
        packet = f"{path.name} ({size / MB:.1f} MB): {run.stdout.strip().split(' (', 1)[-1].rstrip(')')}"
    source_pk, chars = SourceFile.objects.annotate(n=Length("text")).order_by("-n").values_list("pk", "n")[0]
    organization = Document.objects.filter(source_file=source_pk).values_list("organization__slug", flat=True).first()
    connection.close()
    page, notes, targets = f"/kallor/{source_pk}/", [], []
    for label, find in (("portal", portal_targets), ("OParl", oparl_targets)):  # each on its own server
        with serving(threads, abort) as (server, monitor):
            targets += find(server.port, page, notes)
        notes.append(f"finding the {label} addresses (one request at a time) took the server to {monitor.peak // MB} MB"
                     + (" and it was killed" if monitor.killed else ""))
    if organization:  # the dump of the organisation the packet belongs to (linked from its page)
        targets.append(("organization_dump", f"/export/{organization}.jsonl"))
    rounds = []
    for kind, url in targets:
        with serving(threads, abort, ["/"]) as (server, monitor):
            rounds.append(concurrent_round(server, monitor, kind, url, concurrent))
    return Memory(packet, took, page, chars, rounds, notes)


# ---------------------------------------------------------------- report


def _ms(seconds: list[float], p: float) -> str:
    return f"{percentile(seconds, p) * 1000:.0f}" if seconds else "-"


def report_load(site: Site, phases: list[Phase], clients: int, duration: float, threads: int, echo) -> bool:
    echo("")
    echo(f"(1) load: {clients} clients for {duration:g} s through `paragraf serve` (waitress, {threads} threads), each request "
         "a page type drawn uniformly, then one of its addresses")
    echo(f"latency in ms; left: {phases[0].label}, right: {phases[1].label}")
    rows = [("page type", "n", "p50", "p95", "p99", "|", "n", "p50", "p95", "p99")]
    for kind in sorted(site.urls) + ["all"]:
        cells = []
        for p in phases:
            times = [s for t in p.times.values() for s in t] if kind == "all" else p.times.get(kind, [])
            cells += [str(len(times)), _ms(times, 50), _ms(times, 95), _ms(times, 99)]
        rows.append((kind, *cells[:4], "|", *cells[4:]))
    echo(_table(rows))
    ok = True
    for p in phases:
        over = p.peak_rss > RSS_LIMIT
        ok &= not (p.errors or over or p.import_failures)
        imports = f"; imports beside it: {p.imports} done, {len(p.import_failures)} failed" if p is not phases[0] else ""
        echo(f"{p.label}: {p.requests} requests in {p.elapsed:.1f} s ({p.requests / p.elapsed:.1f}/s), errors {len(p.errors)} "
             f"(limit 0); server RSS idle {p.idle_rss // MB} MB, peak {p.peak_rss // MB} MB "
             f"({'OVER' if over else 'ok'}, limit {RSS_LIMIT // MB} MB){imports}")
        for error in p.errors[:5]:
            echo(f"  error: {error}")
        for failure in p.import_failures[:3]:
            echo(f"  import failed: {failure}")
        for status, n in p.other_statuses.most_common(3):
            echo(f"  not an error: {status} ({n}×)")
    return ok


def report_memory(memory: Memory, concurrent: int, abort: int, echo) -> bool:
    echo("")
    echo(f"(2) memory: the largest source file, {concurrent} concurrent request{'s' if concurrent > 1 else ''} of each "
         "address, each address on a new server")
    echo(f"imported: {memory.packet}" + (f", in {memory.import_seconds:.0f} s" if memory.import_seconds else ""))
    echo(f"largest source file: {memory.source_url} ({memory.source_chars / MB:.1f} million characters)")
    rows = [("address", "kind", "statuses", "bytes each", "slowest", "idle RSS", "peak RSS", f"limit {RSS_LIMIT // MB} MB")]
    for r in memory.rounds:
        statuses = " ".join(f"{n}×{s or 'broken'}" for s, n in sorted(r.statuses.items()))
        verdict = f"STOPPED (> {abort // MB} MB)" if r.stopped else "OVER" if r.peak_rss > RSS_LIMIT else "ok"
        rows.append((r.url, r.kind, statuses, f"{r.size / MB:.1f} MB", f"{r.slowest:.1f} s", f"{r.idle_rss // MB} MB",
                     f"{r.peak_rss // MB} MB", verdict))
    echo(_table(rows))
    for note in memory.notes:
        echo(f"note: {note}")
    over = memory.peak_rss > RSS_LIMIT
    echo(f"peak server RSS {memory.peak_rss // MB} MB ({'OVER' if over else 'ok'}, limit {RSS_LIMIT // MB} MB), "
         f"errors {memory.errors} (limit 0)")
    return bool(memory.rounds) and not over and not memory.errors


# ---------------------------------------------------------------- main


def main(database: str | None = None, clients: int = 20, duration: float = 60.0, threads: int = 8,
         big_packet_mb: float = 50.0, concurrent: int = 8, per_kind: int = 12, abort_mb: float = 2000.0,
         echo=print) -> bool:
    abort = int(abort_mb * MB)
    with tempfile.TemporaryDirectory(prefix="paragraf-bench-load-") as tmp:
        packets = corpus_database(database or f"sqlite:///{Path(tmp) / 'load.sqlite3'}", empty=bool(database))
        from django.db import connection

        echo(f"paragraf bench load: {connection.vendor} ({database or 'a new file in a temporary directory'}), both corpus "
             f"packets; python {sys.version.split()[0]}, {os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.1f}")
        with serving(threads, abort) as (server, _):
            site = discover(server.port, per_kind)
        echo("")
        echo(f"(0) discovery from {', '.join(ENTRY_POINTS)} and the search form: {len(site.urls)} page types, "
             f"{sum(map(len, site.urls.values()))} addresses ({site.fetched} responses in {site.seconds:.0f} s); "
             f"page types not found: {', '.join(site.missing) or 'none'}")
        for failure in site.failures[:5]:
            echo(f"  failed: {failure}")
        phases = [load_phase(site.urls, clients, duration, threads, abort, "baseline"),
                  load_phase(site.urls, clients, duration, threads, abort, "while importing", packets)]
        ok = report_load(site, phases, clients, duration, threads, echo) and not site.missing
        echo("")
        ok &= report_memory(memory_part(Path(tmp), big_packet_mb, concurrent, threads, abort, echo), concurrent, abort, echo)
    echo("")
    echo("all within limits" if ok else "OVER LIMIT")
    return ok

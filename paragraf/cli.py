"""The `paragraf` command: the one entry point of the project."""
from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import click

from paragraf import __version__
from paragraf.ingest.errors import InputError


def _reports_input_errors(command):
    """Print an InputError as `paragraf: error: …` on stderr and exit 2, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            click.echo(f"paragraf: error: {exc}", err=True)
            sys.exit(2)

    return wrapper


def _echo_all(text: str) -> None:
    """Write to stdout; a closed pipe (`paragraf parse … | head`) ends quietly."""
    try:
        click.echo(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Stop Python from complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)


def _meeting_hints(command):
    """`--organization`, `--body`, `--date`: what the text of a packet does not say (a per-§ export,
    an extract, minutes without their first page). They fill in, never override, what the text says."""
    options = [
        click.option("--organization", metavar="NAME", help="Organisation the packet belongs to, where the text does not say."),
        click.option("--body", metavar="NAME", help="Body that held the meeting (e.g. Kommunstyrelsen), where the text does not say."),
        click.option("--date", "meeting_date", metavar="YYYY-MM-DD", help="Date of the meeting, where the text does not say."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _hints(organization: str | None, body: str | None, meeting_date: str | None):
    from paragraf.ingest.identity import MeetingHints

    return MeetingHints(organization=organization or None, body=body or None, date=meeting_date or None)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="paragraf")
def main() -> None:
    """Paragraf: political decision records of Swedish municipalities and regions."""


@main.command(short_help="Parse one meeting packet (text or PDF) to JSON, or show its cleaned text.")
@click.argument("packet", type=click.Path(dir_okay=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text"]),
    default="json",
    show_default=True,
    help="json: the paragraf.packet/1 record; text: the cleaned text the parser read, with source line numbers.",
)
@_meeting_hints
@_reports_input_errors
def parse(packet: Path, fmt: str, organization: str | None, body: str | None, meeting_date: str | None) -> None:
    """Read one meeting packet (a text file or a PDF) and print what it records."""
    hints = _hints(organization, body, meeting_date)
    if fmt == "json":
        from paragraf.ingest import parse_path

        _echo_all(json.dumps(parse_path(packet, hints), ensure_ascii=False, indent=1))
    else:
        from paragraf.ingest.cleanup import clean_lines
        from paragraf.ingest.source import read_path

        source = read_path(packet)
        _echo_all("\n".join(f"{lineno:6d}  {text}" for lineno, text in clean_lines(source.lines)))


@main.group(short_help="Benchmarks (from a source checkout).")
def bench() -> None:
    """Benchmarks (need a source checkout: they read samples/ and benchmarks/). They run the development
    profile (plain http on 127.0.0.1) unless PARAGRAF_PROFILE says otherwise."""
    os.environ.setdefault("PARAGRAF_PROFILE", "development")


@bench.command("parse", short_help="Parsing vs a one-regex baseline; PDF extraction vs pdftotext.")
@click.option("--repeat", "-n", default=5, show_default=True, type=click.IntRange(1), help="Runs per measurement; the best is reported.")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Folder of text packets (default: samples/corpus of the checkout).")
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="Also time PDF text extraction against pdftotext.")
@click.option("--check", is_flag=True, help="Exit 1 when a result is over its limit.")
@_reports_input_errors
def bench_parse(repeat: int, corpus: Path | None, pdf: bool, check: bool) -> None:
    """Parse the corpus packets side by side with a one-regex baseline; PDF extraction against pdftotext."""
    bench_parse_module = _benchmarks_module("bench_parse")
    ok = bench_parse_module.main(repeat=repeat, corpus=corpus, pdf=pdf, echo=click.echo, progressbar=click.progressbar)
    if check and not ok:
        sys.exit(1)


@bench.command("import", short_help="Importing into the database vs parsing, in one run.")
@click.option("--repeat", "-n", default=5, show_default=True, type=click.IntRange(1), help="Rounds; the best is reported.")
@click.option("--database", metavar="URL", help="Database to measure (its tables are emptied!); default: a new SQLite file.")
@click.option("--check", is_flag=True, help="Exit 1 when the result is over its limit.")
def bench_import(repeat: int, database: str | None, check: bool) -> None:
    """Import both corpus packets into an empty database, side by side with parsing them."""
    ok = _benchmarks_module("bench_import").main(repeat=repeat, database=database, echo=click.echo)
    if check and not ok:
        sys.exit(1)


@bench.command("generate", short_help="A large database recombined from the corpus, for `bench portal`.")
@click.option("--paragraphs", "-n", default=20_000, show_default=True, type=click.IntRange(1), help="How many § to generate.")
@click.option("--database", metavar="URL", help="An empty database (migrated here); default: data-bench/bench.sqlite3.")
@click.option("--seed", default=1, show_default=True, type=int, help="Same seed, same database.")
@click.option("--index-only", is_flag=True, help="Only build the search index of a generated database anew.")
def bench_generate(paragraphs: int, database: str | None, seed: int, index_only: bool) -> None:
    """Build N § from the corpus packets across invented organisations, bodies, people and cases, then the search index."""
    _benchmarks_module("generate").main(paragraphs=paragraphs, database=database, seed=seed, echo=click.echo,
                                        progressbar=functools.partial(click.progressbar, file=sys.stderr), index_only=index_only)


@bench.command("generate-packets", short_help="N meeting packets (text) of the country's organisations, for an import benchmark.")
@click.argument("n", type=click.IntRange(1))
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder to write the packets into.")
@click.option("--seed", default=1, show_default=True, type=int, help="Same seed, same packets.")
def bench_generate_packets(n: int, out: Path, seed: int) -> None:
    """Write N packets (.txt) made from the corpus packets and the template fixtures of other municipalities, spread
    over Sweden's 290 municipalities and 21 regions, each with its organisation, dates, §, cases and people; and
    DIR/manifest.jsonl saying what each one holds."""
    _benchmarks_module("packets").main(n=n, out=out, seed=seed, echo=click.echo,
                                       progressbar=functools.partial(click.progressbar, file=sys.stderr))


@bench.command("ingest", short_help="Generated packets imported through 1, 2 … workers; a worker killed half way.")
@click.option("--database", metavar="URL", help="Server or file to make the run's databases beside (PostgreSQL: new databases "
              "<name>_ingest_*; default: SQLite files in a temporary folder).")
@click.option("--dir", "directory", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Packets to import (from `bench generate-packets`); default: PACKETS generated anew.")
@click.option("--packets", default=200, show_default=True, type=click.IntRange(1), help="Packets to generate without --dir.")
@click.option("--workers", default="1,2", show_default=True, help="Numbers of worker processes to measure, comma-separated.")
@click.option("--kill/--no-kill", default=True, show_default=True,
              help="One more run with the last number of workers, the first killed half way and started again.")
@click.option("--baseline/--no-baseline", default=True, show_default=True, help="`paragraf import` of the same packets in one process.")
@click.option("--plain/--no-plain", default=True, show_default=True,
              help="The runs without a kill (--no-plain: only the run with a kill, checked by its counts).")
@click.option("--check", is_flag=True, help="Exit 1 when a run lost or duplicated a packet.")
def bench_ingest(database: str | None, directory: Path | None, packets: int, workers: str, kill: bool, baseline: bool,
                 plain: bool, check: bool) -> None:
    """Import generated packets through the background workers (upload jobs, `paragraf worker`), for each number of
    workers: packets per hour, per worker, CPU seconds per 1 000 packets; and that a worker killed mid-run loses
    and duplicates nothing (counts, a digest of the export)."""
    counts = [int(n) for n in workers.split(",") if n.strip()]
    ok = _benchmarks_module("bench_ingest").main(database, directory, packets, counts, kill, baseline, echo=click.echo, plain=plain)
    if check and not ok:
        sys.exit(1)


@bench.command("portal", short_help="Search, meeting pages and concurrent clients on a generated database.")
@click.option("--database", metavar="URL", help="A database made by `paragraf bench generate` (default: data-bench/bench.sqlite3).")
@click.option("--queries", default=200, show_default=True, type=click.IntRange(1), help="Search queries and page requests.")
@click.option("--clients", default=20, show_default=True, type=click.IntRange(1), help="Concurrent clients of the load part.")
@click.option("--duration", default=60, show_default=True, type=click.FloatRange(0), help="Seconds of the load part (0: skip it).")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1), help="Worker threads of the server.")
@click.option("--compare-code", metavar="DIR", help="Also run each search through the search of this checkout (e.g. a git "
              "worktree of an earlier commit), interleaved, in a process of its own.")
@click.option("--compare-database", metavar="URL", help="The database of --compare-code (default: --database).")
@click.option("--check", is_flag=True, help="Exit 1 when a result is over its limit.")
def bench_portal(database: str | None, queries: int, clients: int, duration: float, threads: int, check: bool,
                 compare_code: str | None, compare_database: str | None) -> None:
    """Search p95, meeting and § page p95 through `paragraf serve`, and a load of concurrent clients, each beside a baseline."""
    ok = _benchmarks_module("bench_portal").main(database=database, queries=queries, clients=clients, duration=duration,
                                                 threads=threads, echo=click.echo, compare_code=compare_code,
                                                 compare_database=compare_database)
    if check and not ok:
        sys.exit(1)


@bench.command("review", short_help="The review of every meeting of a generated database, beside reading every § once.")
@click.option("--database", metavar="URL", required=True, help="A database made by `paragraf bench generate`.")
@click.option("--check", is_flag=True, help="Exit 1 when over the limit (300 s a million §).")
def bench_review(database: str, check: bool) -> None:
    """`paragraf review` over a whole generated database: time, § a second and peak memory, beside a baseline."""
    ok = _benchmarks_module("bench_review").main(database=database, echo=click.echo)
    if check and not ok:
        sys.exit(1)


@bench.command("api", short_help="Walk of the whole API over the corpus; list endpoints on a generated database.")
@click.option("--database", metavar="URL", help="A database made by `paragraf bench generate`: list p95 there "
              "(default: walk the whole API over the corpus in a new SQLite database).")
@click.option("--requests", default=200, show_default=True, type=click.IntRange(10), help="List requests with --database.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1), help="Worker threads of the server.")
@click.option("--check", is_flag=True, help="Exit 1 when a result is over its limit.")
def bench_api(database: str | None, requests: int, threads: int, check: bool) -> None:
    """OParl and native API through `paragraf serve`, beside GETs of a static file: the whole API walked over the
    corpus, or (--database) p95 of the list endpoints at first, middle and last pages and deep cursors."""
    ok = _benchmarks_module("bench_api").main(database=database, requests=requests, threads=threads, echo=click.echo)
    if check and not ok:
        sys.exit(1)


@bench.command("load", short_help="Clients over every page type while an import runs; server memory on the largest file.")
@click.option("--database", metavar="URL", help="Database to use (its tables are emptied!); default: a new SQLite file.")
@click.option("--clients", default=20, show_default=True, type=click.IntRange(1), help="Concurrent clients of the load part.")
@click.option("--duration", default=60, show_default=True, type=click.FloatRange(1), help="Seconds of each load run.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1), help="Worker threads of the server.")
@click.option("--big-packet-mb", default=50, show_default=True, type=click.FloatRange(0),
              help="Size of the synthetic packet imported before the memory part (0: none, the largest corpus packet).")
@click.option("--concurrent", default=8, show_default=True, type=click.IntRange(1),
              help="Concurrent requests of each address of the largest source file.")
@click.option("--per-kind", default=12, show_default=True, type=click.IntRange(1), help="Addresses kept per page type.")
@click.option("--abort-mb", default=2000, show_default=True, type=click.FloatRange(1),
              help="Kill the server above this RSS (MB) and report the round as stopped.")
@click.option("--check", is_flag=True, help="Exit 1 on any error or a server RSS over 500 MB.")
def bench_load(database: str | None, clients: int, duration: float, threads: int, big_packet_mb: float, concurrent: int,
               per_kind: int, abort_mb: float, check: bool) -> None:
    """Every page type, search and API under concurrent clients, beside the same without and with an import
    running; then the server's peak memory while concurrent clients fetch the largest source file."""
    ok = _benchmarks_module("bench_load").main(database=database, clients=clients, duration=duration, threads=threads,
                                               big_packet_mb=big_packet_mb, concurrent=concurrent, per_kind=per_kind,
                                               abort_mb=abort_mb, echo=click.echo)
    if check and not ok:
        sys.exit(1)


@bench.command("packet", short_help="Building a meeting packet PDF (notice, 300 pages) vs concatenating its PDFs.")
@click.option("--repeat", "-n", default=3, show_default=True, type=click.IntRange(1), help="Runs of each; the best is reported.")
@click.option("--check", is_flag=True, help="Exit 1 when the build is over its limit.")
def bench_packet(repeat: int, check: bool) -> None:
    """The notice typeset and the packet of 28 items and 300 pages assembled (outline, page stamps), beside
    concatenating the same PDFs with pikepdf: time, peak Python memory and peak RSS."""
    ok = _benchmarks_module("bench_packet").main(repeat=repeat, echo=click.echo)
    if check and not ok:
        sys.exit(1)


@bench.command("minutes", short_help="Typesetting the minutes PDF (47 §) vs Typst on the same text unlaid.")
@click.option("--repeat", "-n", default=3, show_default=True, type=click.IntRange(1), help="Runs of each; the best is reported.")
@click.option("--check", is_flag=True, help="Exit 1 when the minutes are over their limit.")
def bench_minutes(repeat: int, check: bool) -> None:
    """The minutes of the seed's meeting (47 §) typeset, beside the same text typeset plain and the notice of
    28 items; signature boxes, an extract and reading the PDF back for information: time, peak memory."""
    ok = _benchmarks_module("bench_minutes").main(repeat=repeat, echo=click.echo)
    if check and not ok:
        sys.exit(1)


@bench.command("sign", short_help="Signing a 50-page minutes PDF (PAdES) vs a pikepdf save and a bare signature.")
@click.option("--repeat", "-n", default=5, show_default=True, type=click.IntRange(1), help="Runs of each; the best is reported.")
@click.option("--check", is_flag=True, help="Exit 1 when one signature is over its limit.")
def bench_sign(repeat: int, check: bool) -> None:
    """One signature, and three in a row (chair, two adjusters), on a 50-page minutes PDF, beside saving the same
    PDF with pikepdf and an ECDSA signature of its SHA-256: time, peak Python memory and peak RSS."""
    ok = _benchmarks_module("bench_sign").main(repeat=repeat, echo=click.echo)
    if check and not ok:
        sys.exit(1)


def _benchmarks_module(name: str):
    root = Path(__file__).resolve().parent.parent
    if not (root / "benchmarks" / f"{name}.py").is_file():
        raise click.ClickException(f"benchmarks/{name}.py not found beside {root / 'paragraf'}: run from a source checkout")
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    import importlib

    return importlib.import_module(f"benchmarks.{name}")


# ---------------------------------------------------------------- signing (no Django)

@main.group(short_help="A development certificate authority for signing minutes (justering).")
def ca() -> None:
    """A certificate authority for development and tests, kept in a directory: `ca init DIR` makes its root
    (DIR/ca.pem is the certificate to trust), `ca issue DIR NAME` a person's certificate (also made on first
    use when PARAGRAF_SIGNING=local:DIR). Keys are stored unencrypted: it identifies nobody. docs/signing.md"""


@ca.command("init", short_help="Make a new root CA in DIR.")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default="Paragraf development CA", show_default=True, help="The root certificate's common name.")
def ca_init(directory: Path, name: str) -> None:
    from paragraf.secretariat.signing import SigningError, init_ca

    try:
        init_ca(directory, name)
    except SigningError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"CA made in {directory}: trust {directory / 'ca.pem'} to validate its signatures")


@ca.command("issue", short_help="Issue (or show) the certificate of a signer NAME.")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("name")
@click.option("--pkcs12", "pkcs12_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write key, certificate and root as a PKCS#12 file (for PARAGRAF_SIGNING=pkcs12:FILE).")
@click.option("--passphrase", help="Passphrase of the PKCS#12 file (asked when not given).")
def ca_issue(directory: Path, name: str, pkcs12_path: Path | None, passphrase: str | None) -> None:
    from paragraf.secretariat.signing import LocalCA, SigningError

    try:
        authority = LocalCA(directory)
        authority.identity(name)
    except SigningError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{name}: {authority.person_path(name)}")
    if pkcs12_path is not None:
        if passphrase is None:
            passphrase = click.prompt("Passphrase of the PKCS#12 file", hide_input=True, confirmation_prompt=True,
                                      default="", show_default=False)
        data = authority.pkcs12(name, passphrase)
        pkcs12_path.touch(mode=0o600)
        pkcs12_path.chmod(0o600)  # readable by the owner only before the key is in it
        pkcs12_path.write_bytes(data)
        click.echo(f"{name}: {pkcs12_path} (PKCS#12)")


# ---------------------------------------------------------------- the records database (Django)

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "corpus"


def _django() -> None:
    """Set Django up on first use, so `paragraf parse` never imports it. Settings that refuse to load
    (production without SECRET_KEY …) end the command with their message."""
    import django
    from django.core.exceptions import ImproperlyConfigured

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paragraf.site.settings")
    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise click.ClickException(str(exc)) from None


def _ensure_data_dir() -> None:
    from django.conf import settings

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)


@main.command(short_help="Create or update the database tables.")
@click.option("--verbosity", "-v", default=1, type=click.IntRange(0, 3), show_default=True)
def migrate(verbosity: int) -> None:
    """Apply the database migrations (SQLite file under data/ unless DATABASE_URL says otherwise)."""
    _django()
    _ensure_data_dir()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


@main.command("import", short_help="Parse meeting packets and store them as records.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_meeting_hints
@click.option("--force", is_flag=True, help="Store again even when the file was imported with this parser version.")
@click.option("--review/--publish", default=None,
              help="Hold the packets until staff have reviewed their personal data in the admin (default: "
                   "PARAGRAF_REVIEW_IMPORTS, on), or publish them at once.")
@_reports_input_errors
def import_(files: tuple[Path, ...], organization: str | None, body: str | None, meeting_date: str | None,
            force: bool, review: bool | None = None) -> None:
    """Import packets, one transaction per file: a file that fails leaves the database as it was,
    the others still import. Importing the same file again changes nothing (give --force to parse it
    again, e.g. with other --body/--date). A file with a meeting whose body or date neither the text
    nor --body/--date gives is refused, naming the meeting and the option. Unless --publish is given
    (or PARAGRAF_REVIEW_IMPORTS=0), a packet is held for review of its personal data and nothing of
    it is public until staff publish it in the admin (Personuppgifter › Paket att granska)."""
    hints = _hints(organization, body, meeting_date)
    _django()
    from django.conf import settings

    from paragraf.privacy.review import hold
    from paragraf.records.importer import import_path

    held = settings.PARAGRAF_REVIEW_IMPORTS if review is None else review
    results = []
    with click.progressbar(files, label="Importing", item_show_func=lambda p: p.name if p else "", file=sys.stderr) as bar:
        for path in bar:
            results.append(hold(path, hints) if held else import_path(path, force=force, hints=hints))
    for result in results:
        if result.ok:
            detail = ", ".join(f"{n} {k}" for k, n in result.counts.items() if n) or result.message
            click.echo(f"{result.status}: {result.path} ({detail})")
        else:
            click.echo(f"paragraf: error: {result.message}", err=True)
    if not all(r.ok for r in results):
        sys.exit(1)


@main.command(short_help="Counts per organisation, body and meeting.")
def stats() -> None:
    """Print what the database holds: organisations, bodies, meetings with their § and the packets they came from."""
    _django()
    from paragraf.records.stats import stats_lines

    for line in stats_lines():
        click.echo(line)


@main.command(short_help="Why records were merged: people and bodies.")
@click.argument("kind", type=click.Choice(["person", "body"]))
@click.argument("name")
def explain(kind: str, name: str) -> None:
    """Every person (or body) whose name or alias contains NAME, with the spellings merged into it and why."""
    _django()
    from paragraf.records.stats import explain_body_lines, explain_person_lines

    lines = explain_person_lines(name) if kind == "person" else explain_body_lines(name)
    if not lines:
        raise click.ClickException(f"no {kind} matches {name!r}")
    for line in lines:
        click.echo(line)


@main.command(short_help="Review minutes against Kommunallagen: findings per meeting and §.")
@click.option("--organization", help="Only this organisation (name or slug).")
@click.option("--body", help="Only this body (name or slug).")
@click.option("--meeting", "date", help="Only meetings on this date (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def review(organization: str | None, body: str | None, date: str | None, fmt: str) -> None:
    """Run every rule of paragraf/review/rules on the meetings asked for. Prints one finding a line (or
    a JSON object a line); the exit status is 1 when any finding is a `fel`."""
    _django()
    import json

    from django.db.models import Q

    from paragraf.records.models import Meeting
    from paragraf.review.engine import review as run
    from paragraf.review.findings import Severity

    meetings = Meeting.objects.all()
    if organization:
        meetings = meetings.filter(Q(body__organization__name=organization) | Q(body__organization__slug=organization))
    if body:
        meetings = meetings.filter(Q(body__name=body) | Q(body__slug=body))
    if date:
        meetings = meetings.filter(date=date)
    errors = 0
    for finding in run(meetings):
        errors += finding.severity is Severity.ERROR
        if fmt == "json":
            click.echo(json.dumps(finding.as_json(), ensure_ascii=False))
        else:
            where = f" § {finding.paragraph}" if finding.paragraph is not None else ""
            lines = f" (rad {finding.first_line}-{finding.last_line})" if finding.first_line else ""
            click.echo(f"{finding.severity.value}: {finding.meeting}{where}: {finding.explanation} [{finding.rule.title}; {finding.rule.source}]{lines}")
    if errors:
        sys.exit(1)


@main.command(short_help="Rebuild the search index from the records.")
def reindex() -> None:
    """Build the search entries of every §, agenda item and document anew, in one transaction."""
    _django()
    from django.db import connection

    from paragraf.search.index import count_records, rebuild_index

    with click.progressbar(length=count_records(), label="Indexing", file=sys.stderr) as bar:
        entries = rebuild_index(progress=bar.update)
    click.echo(f"{entries} entries in the search index ({connection.vendor})")


@main.command(short_help="Serve the portal and admin.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1), help="Worker threads of the WSGI server.")
def serve(host: str, port: int, threads: int) -> None:
    """Serve Paragraf with waitress, a production WSGI server (static files by WhiteNoise).
    Each worker thread keeps its database connection (CONN_MAX_AGE, default here 600 s).
    X-Forwarded-Proto and X-Forwarded-For are believed from the reverse proxy at PARAGRAF_TRUSTED_PROXY
    (default 127.0.0.1; empty: from none) and dropped from anyone else. The log goes to stdout (LOG_STREAM),
    JSON lines in production (LOG_FORMAT); /healthz and /readyz answer probes (paragraf/site/health.py)."""
    os.environ.setdefault("CONN_MAX_AGE", "600")
    os.environ.setdefault("LOG_STREAM", "stdout")  # a server's log is its output (other commands keep stdout for data)
    _django()
    import logging

    import waitress

    from paragraf.site.wsgi import application

    from django.conf import settings

    if settings.PARAGRAF_WORKER_THREAD:  # the embedded default imports uploads itself (no second process)
        from paragraf.intake.worker import start_thread

        start_thread()
    proxy = os.environ.get("PARAGRAF_TRUSTED_PROXY", "127.0.0.1").strip()
    trusted = {"trusted_proxy": proxy, "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for"}} if proxy else {}
    logging.getLogger("paragraf.serve").info("Paragraf on http://%s:%s/ (admin: /admin/), Ctrl-C stops", host, port)
    waitress.serve(application, host=host, port=port, threads=threads, ident="paragraf", **trusted)


@main.command(short_help="Import uploaded packets: a worker of the background jobs.")
@click.option("--batch", is_flag=True, help="Import what is queued, then stop.")
@click.option("--interval", default=1.0, show_default=True, type=click.FloatRange(min=0.05),
              help="Seconds between two looks at the queue when it is empty.")
@click.option("--max-tasks", type=click.IntRange(min=1), help="Stop after this many files.")
def worker(batch: bool, interval: float, max_tasks: int | None) -> None:
    """Import the packets staff uploaded, one file at a time, until stopped (SIGTERM ends the file at hand
    first). Run as many as wanted, on any machine that reaches the database (PostgreSQL); files a stopped
    worker left half-done are queued again when a worker starts."""
    import logging

    os.environ.setdefault("LOG_STREAM", "stdout")  # a worker's log is its output, as a server's
    os.environ.setdefault("CONN_MAX_AGE", "600")  # the worker's loop closes its connection after each task otherwise
    _django()
    from paragraf.intake.worker import run

    logging.getLogger("paragraf.intake").info("Paragraf worker: importing uploaded packets%s",
                                              " (what is queued)" if batch else ", Ctrl-C stops")
    run(batch=batch, interval=interval, max_tasks=max_tasks, signals=not batch)


@main.command(short_help="Forget old finished uploads and background task results.")
@click.option("--days", type=click.IntRange(min=0), help="Keep uploads finished within this many days "
              "[default: PARAGRAF_KEEP_UPLOADS_DAYS, 30].")
def prune(days: int | None) -> None:
    """Delete the uploads (job pages, file rows, a failed file's bytes) whose files all finished more than
    DAYS ago, and the background tasks' results as old. The records imported are not touched. Run it daily
    (docs/deployment.md); alerts never confirmed are forgotten by `paragraf manage send_alerts`."""
    _django()
    from django.conf import settings

    from paragraf.intake.prune import prune_uploads

    pruned = prune_uploads(settings.PARAGRAF_KEEP_UPLOADS_DAYS if days is None else days)
    click.echo(f"{pruned.jobs} uploads ({pruned.files} files) forgotten")


@main.command(short_help="Migrate, import the sample packets and serve: the whole demo.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--serve/--no-serve", "serve_after", default=True, show_default=True)
@click.pass_context
def demo(ctx: click.Context, host: str, port: int, serve_after: bool) -> None:
    """Set up the SQLite database with both corpus packets, then serve it: the development profile
    (plain http, a key of the data directory) unless PARAGRAF_PROFILE says otherwise."""
    os.environ.setdefault("PARAGRAF_PROFILE", "development")
    packets = sorted(SAMPLES.glob("*.txt"))
    if not packets:
        raise click.ClickException(f"no sample packets in {SAMPLES}: run from a source checkout")
    ctx.invoke(migrate, verbosity=0)
    try:
        # The corpus is public already: published at once, without review.
        ctx.invoke(import_, files=tuple(packets), organization=None, force=False, review=False)
    except SystemExit as exc:
        if exc.code:
            raise
    ctx.invoke(stats)
    if serve_after:
        ctx.invoke(serve, host=host, port=port, threads=8)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True}, add_help_option=False)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Any Django management command: `paragraf manage createsuperuser`, `paragraf manage shell` …"""
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["paragraf manage", *args])


@main.command(short_help="Give a staff member a TOTP device for the admin login.")
@click.argument("username")
@click.option("--name", default="authenticator", show_default=True, help="Name of the device, shown in the admin.")
@click.option("--replace", is_flag=True, help="Delete the user's other TOTP devices first (a lost phone).")
def totp(username: str, name: str, replace: bool) -> None:
    """Create a TOTP device for USERNAME and print it as a QR code and an otpauth:// address, to scan or
    type into an authenticator app. With PARAGRAF_ADMIN_TOTP=1 the admin login then asks for its code."""
    _django()
    import segno

    from paragraf.staff.totp import add_device

    try:
        device = add_device(username, name=name, replace=replace)
    except LookupError as exc:
        raise click.ClickException(str(exc)) from None
    segno.make(device.config_url).terminal(out=sys.stdout, compact=True)
    click.echo(device.config_url)
    click.echo(f"TOTP device {device.name!r} of {username}: scan the code or enter the address in the authenticator app.")


# ---------------------------------------------------------------- bulk export and its restore (paragraf/exchange/)


@main.command(short_help="Export every public record (JSON Lines or CSV).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True,
              help="jsonl: one JSON object per line; csv: one CSV file per table.")
@click.option("--organization", help="Only this organisation (slug or name) and the people, parties, terms and files it refers to.")
@click.option("--output", type=click.Path(path_type=Path),
              help="File to write (jsonl; default stdout), or for csv a directory or a .zip file.")
@click.option("--since", "since_text", metavar="TIME",
              help="Only what changed since this ISO 8601 time with its zone (2024-01-31T00:00:00+01:00), "
                   "and the records removed since then (table tombstone). Such a dump is not restored.")
def export(fmt: str, organization: str | None, output: Path | None, since_text: str | None) -> None:
    """Every public record in a fixed order; personal data in free text masked (docs/export.md)."""
    _django()
    from paragraf.exchange.export import consistent_snapshot, count_rows, find_organization, jsonl_lines, write_csv
    from paragraf.records.texts import TextChanged

    if fmt == "csv" and output is None:
        raise click.UsageError("--format csv needs --output DIR or --output FILE.zip")
    since = _aware_time(since_text, "--since") if since_text else None
    try:
        scope = find_organization(organization) if organization else None
    except LookupError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        with consistent_snapshot():
            with click.progressbar(length=count_rows(scope, since), label="Exporting", file=sys.stderr) as bar:
                if fmt == "csv":
                    write_csv(output, scope, progress=bar.update, since=since)
                else:
                    _write_jsonl(jsonl_lines(scope, since), output, bar.update)
    except TextChanged as exc:
        if output and output.is_file():
            output.unlink()  # half a dump is no dump
        raise click.ClickException(f"{exc}: the dump is incomplete; run the export again") from None


def _aware_time(text: str, option: str):
    import datetime as dt

    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"{text!r} is no ISO 8601 time such as 2024-01-31T00:00:00+01:00", param_hint=option) from None
    if value.tzinfo is None:
        raise click.BadParameter(f"{text!r} says no time zone: give one, such as +01:00 or Z", param_hint=option)
    return value


def _write_jsonl(lines, output: Path | None, progress) -> None:
    target = open(output, "wb") if output else click.get_binary_stream("stdout")
    try:
        count = 0
        for piece in lines:  # a line of a source file comes in pieces
            target.write(piece.encode("utf-8"))
            if piece.endswith("\n"):
                count += 1
                if count % 1000 == 0:
                    progress(1000)
        target.flush()
    except BrokenPipeError:
        # stdout closed early (`paragraf export | head`): end quietly, as `parse` does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    finally:
        if output:
            target.close()


@main.command("import-export", short_help="Restore a JSON Lines dump into an empty database.")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_export(dump: Path) -> None:
    """Store every record of DUMP (from `paragraf export`, .jsonl or .jsonl.gz) in an empty database,
    in one transaction, keeping ids; then rebuild the search index."""
    _django()
    import gzip

    from paragraf.exchange.importer import DumpError, import_dump

    opener = gzip.open if dump.suffix == ".gz" else open
    try:
        with opener(dump, "rb") as lines, click.progressbar(length=dump.stat().st_size, label="Restoring", file=sys.stderr) as bar:
            counts = import_dump(lines, progress=None if dump.suffix == ".gz" else bar.update)
    except DumpError as exc:
        click.echo(f"paragraf: error: {dump}: {exc}", err=True)
        sys.exit(1)
    click.echo(f"restored: {dump} ({sum(counts.values())} rows: " + ", ".join(f"{n} {t}" for t, n in counts.items()) + ")")

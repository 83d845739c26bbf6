"""The `paragraf` command: the one entry point of the project."""
from __future__ import annotations

import functools
import json
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
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)


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
@_reports_input_errors
def parse(packet: Path, fmt: str) -> None:
    """Read one meeting packet (a text file or a PDF) and print what it records."""
    if fmt == "json":
        from paragraf.ingest import parse_path

        _echo_all(json.dumps(parse_path(packet), ensure_ascii=False, indent=1))
    else:
        from paragraf.ingest.cleanup import clean_lines
        from paragraf.ingest.source import read_path

        source = read_path(packet)
        _echo_all("\n".join(f"{lineno:6d}  {text}" for lineno, text in clean_lines(source.lines)))


@main.group(short_help="Benchmarks (from a source checkout).")
def bench() -> None:
    """Benchmarks (need a source checkout: they read samples/ and benchmarks/)."""


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


def _benchmarks_module(name: str):
    root = Path(__file__).resolve().parent.parent
    if not (root / "benchmarks" / f"{name}.py").is_file():
        raise click.ClickException(f"benchmarks/{name}.py not found beside {root / 'paragraf'}: run from a source checkout")
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    import importlib

    return importlib.import_module(f"benchmarks.{name}")

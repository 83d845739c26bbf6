"""`paragraf bench parse`: the importer's speed and memory, measured side by side.

1. Parsing. For each text packet of the corpus (samples/corpus/*.txt), in one
   run and interleaved, so both see the same machine state:
   - baseline: read the file, decode it and run one compiled regular
     expression over it (the least any reader of the file must do);
   - `paragraf.ingest.parse_path` on the same file.
   Reported: best wall time of N runs of each and their ratio (limit: parse
   ≤ 50× baseline), and the peak of Python memory allocated during one parse
   (tracemalloc) against the file's size (limit: ≤ 20×).
2. PDF text extraction. One corpus packet rendered to a real PDF (reportlab,
   50 lines a page; cached in benchmarks/.cache/), read by
   `paragraf.ingest.pdf.extract_text` and by poppler's `pdftotext FILE -` in a
   subprocess, best of N runs each (limit: extract_text not slower). Needs
   reportlab (the `dev` extra) and pdftotext (`apt-get install poppler-utils`);
   a part whose tool is missing is skipped with a message.

Run: `paragraf bench parse` (or `make bench`, or `python -m benchmarks.bench_parse`).
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "samples" / "corpus"
CACHE = ROOT / "benchmarks" / ".cache"

BASELINE_PATTERN = re.compile(r"^§\s*\d+", re.M)
LINES_PER_PDF_PAGE = 50
#: Bump when the way the benchmark PDF is rendered changes (invalidates the cache).
PDF_RENDERING = "2"

TIME_LIMIT = 50.0  # parse time / baseline time
MEMORY_LIMIT = 20.0  # peak parse memory / input size
PDF_LIMIT = 1.0  # extract_text time / pdftotext time


def baseline(path: Path) -> int:
    """Read the file and run one compiled regular expression over it."""
    text = path.read_bytes().decode("utf-8")
    return len(BASELINE_PATTERN.findall(text))


@dataclass
class ParseResult:
    name: str
    size: int
    lines: int
    baseline_s: float
    parse_s: float
    peak: int

    @property
    def time_ratio(self) -> float:
        return self.parse_s / self.baseline_s

    @property
    def memory_ratio(self) -> float:
        return self.peak / self.size


def best_of(repeat: int, *functions: Callable[[], object]) -> list[float]:
    """Best wall time of each function over `repeat` interleaved rounds."""
    best = [float("inf")] * len(functions)
    for _ in range(repeat):
        for i, function in enumerate(functions):
            gc.collect()
            start = time.perf_counter()
            function()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def peak_memory(function: Callable[[], object]) -> int:
    """Peak bytes allocated by Python while `function` runs (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        result = function()
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    del result
    return peak


def bench_parsing(files: list[Path], repeat: int, progressbar=None) -> list[ParseResult]:
    from paragraf.ingest import parse_path

    results = []
    with _progress(progressbar, files, "parsing") as bar:
        for path in bar:
            doc = parse_path(path)  # warm up, and fail early on a bad file
            lines = doc["source"]["lines"]
            del doc
            baseline_s, parse_s = best_of(repeat, lambda: baseline(path), lambda: parse_path(path))
            peak = peak_memory(lambda: parse_path(path))
            results.append(ParseResult(path.name, path.stat().st_size, lines, baseline_s, parse_s, peak))
    return results


@dataclass
class PdfResult:
    pdf: Path
    pages: int
    source: str
    rows: list[tuple[str, float, int]]  # (extractor, best seconds, lines)
    skipped: list[str]

    def ratio(self) -> float | None:
        times = {label: seconds for label, seconds, _ in self.rows}
        ours = next((s for label, s in times.items() if label.startswith("paragraf")), None)
        theirs = next((s for label, s in times.items() if label.startswith("pdftotext")), None)
        return ours / theirs if ours and theirs else None


def benchmark_pdf(source: Path, echo=print, cache: Path = CACHE) -> Path | None:
    """The benchmark PDF of `source` (rendered once, then taken from benchmarks/.cache/)."""
    data = source.read_bytes()
    key = hashlib.sha256(data + f"/{LINES_PER_PDF_PAGE}/{PDF_RENDERING}".encode()).hexdigest()[:12]
    pdf = cache / f"{source.stem}-{key}.pdf"
    if pdf.is_file():
        return pdf
    try:
        from tests.pdfs import paginate, render_pdf
    except ImportError as exc:  # reportlab is a dev dependency
        echo(f"PDF benchmark skipped: cannot render a PDF ({exc}); install the dev extra: pip install -e '.[dev]'")
        return None
    cache.mkdir(parents=True, exist_ok=True)
    lines = data.decode("utf-8").split("\n")
    tmp = pdf.with_suffix(".tmp")
    render_pdf(paginate(lines, LINES_PER_PDF_PAGE), tmp)
    tmp.replace(pdf)
    return pdf


def bench_pdf(source: Path, repeat: int, echo=print, cache: Path = CACHE) -> PdfResult | None:
    from paragraf.ingest import pdf as pdf_module

    pdf = benchmark_pdf(source, echo, cache)
    if pdf is None:
        return None
    data = pdf.read_bytes()
    pages = pdf_module.extract_pages(data, pdf.name)
    workers = pdf_module._workers(len(pages))
    rows, skipped = [], []

    def ours() -> str:
        return pdf_module.extract_text(pdf.read_bytes(), pdf.name)

    def ours_one_process() -> str:
        with _environ(PARAGRAF_PDF_WORKERS="1"):
            return ours()

    pdftotext = shutil.which("pdftotext")

    def poppler() -> str:
        return subprocess.run([pdftotext, str(pdf), "-"], stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")

    functions = [ours, ours_one_process] + ([poppler] if pdftotext else [])
    times = best_of(repeat, *functions)
    label = f"paragraf extract_text (pypdfium2, {workers} process{'es' if workers > 1 else ''})"
    rows.append((label, times[0], ours().count("\n") + 1))
    if workers > 1:
        rows.append(("paragraf extract_text (pypdfium2, 1 process)", times[1], ours_one_process().count("\n") + 1))
    if pdftotext:
        rows.append((f"pdftotext {_poppler_version(pdftotext)} (subprocess, `pdftotext FILE -`)", times[2],
                     poppler().count("\n") + 1))
    else:
        skipped.append("pdftotext not found: install poppler-utils (apt-get install poppler-utils) to compare")
    return PdfResult(pdf, len(pages), source.name, rows, skipped)


def main(repeat: int = 5, corpus: Path | None = None, pdf: bool = True, echo=print, progressbar=None,
         cache: Path = CACHE) -> bool:
    """Run the benchmarks and print the tables; True when every result is within its limit."""
    corpus = Path(corpus) if corpus else CORPUS
    files = sorted(corpus.glob("*.txt"))
    if not files:
        echo(f"no *.txt packets in {corpus}")
        return False
    ok = True
    echo(f"paragraf bench parse: {len(files)} packet(s) from {_shown(corpus)}, best of {repeat} runs")
    echo(f"python {sys.version.split()[0]}, {os.cpu_count()} CPU(s)")
    echo("")
    if pdf:
        result = bench_pdf(files[0], repeat, echo, cache)
        if result is not None:
            echo(f"PDF text extraction ({result.source} rendered to {result.pages} pages, "
                 f"{_size(result.pdf.stat().st_size)}: {_shown(result.pdf)})")
            echo(_table([("extractor", "time", "lines")] + [(label, _ms(s), str(n)) for label, s, n in result.rows]))
            for message in result.skipped:
                echo(message)
            ratio = result.ratio()
            if ratio is not None:
                pdf_ok = ratio <= PDF_LIMIT
                ok &= pdf_ok
                echo(f"extract_text/pdftotext: {ratio:.2f}x {'ok' if pdf_ok else 'OVER'} (limit <= {PDF_LIMIT:g}x)")
        echo("")
    results = bench_parsing(files, repeat, progressbar)
    echo(f"Parsing (baseline: read the file, decode, one compiled regex `{BASELINE_PATTERN.pattern}` over it)")
    header = ("packet", "size", "lines", "baseline", "parse", "parse/baseline", "peak memory", "peak/size")
    table = [header]
    for r in results:
        time_ok = r.time_ratio <= TIME_LIMIT
        memory_ok = r.memory_ratio <= MEMORY_LIMIT
        ok &= time_ok and memory_ok
        table.append((
            r.name, _size(r.size), str(r.lines), _ms(r.baseline_s), _ms(r.parse_s),
            f"{r.time_ratio:.1f}x {'ok' if time_ok else 'OVER'}", _size(r.peak),
            f"{r.memory_ratio:.1f}x {'ok' if memory_ok else 'OVER'}",
        ))
    echo(_table(table))
    echo(f"limits: parse/baseline <= {TIME_LIMIT:g}x, peak/size <= {MEMORY_LIMIT:g}x")
    echo("")
    ok &= bench_scaling(files[0], echo)
    echo("")
    echo("all within limits" if ok else "SOME RESULTS OVER THEIR LIMITS")
    return ok


SCALES = (1, 10, 90)  # copies of one packet: about 0.6, 6 and 50 MB
LINEAR_LIMIT = 1.5  # time per MB at the largest size / time per MB at the smallest


def bench_scaling(path: Path, echo=print) -> bool:
    """Parse one packet repeated up to ~50 MB: time per MB stays flat (linear time)."""
    from paragraf.ingest import parse_text

    text = path.read_text(encoding="utf-8")
    rows = [("copies", "size", "parse", "per MB")]
    per_mb = []
    for copies in SCALES:
        big = "\n".join([text] * copies)
        size = len(big.encode("utf-8"))
        start = time.perf_counter()
        parse_text(big, path.name)
        seconds = time.perf_counter() - start
        per_mb.append(seconds / (size / 2**20))
        rows.append((str(copies), _size(size), _ms(seconds), _ms(per_mb[-1])))
    ratio = per_mb[-1] / per_mb[0]
    echo(f"Scaling ({path.name} repeated; linear time keeps the time per MB flat)")
    echo(_table(rows))
    linear = ratio <= LINEAR_LIMIT
    echo(f"per MB at {_size(len(text.encode()) * SCALES[-1])} / per MB at 1 copy: {ratio:.2f}x "
         f"{'ok' if linear else 'OVER'} (limit <= {LINEAR_LIMIT:g}x)")
    return linear


def _poppler_version(pdftotext: str) -> str:
    try:
        out = subprocess.run([pdftotext, "-v"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    match = re.search(r"version\s+(\S+)", out.stderr + out.stdout)
    return match.group(1) if match else ""


@contextlib.contextmanager
def _environ(**values: str):
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextlib.contextmanager
def _progress(progressbar, items, label):
    if progressbar is None:
        yield items
        return
    with progressbar(items, label=label, file=sys.stderr, item_show_func=lambda p: p.name if p else None) as bar:
        yield bar


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    sys.exit(0 if main() else 1)

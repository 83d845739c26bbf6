"""`paragraf bench minutes`: typesetting the minutes PDF, side by side with Typst on the same text unlaid.

The minutes of the seed's meeting (Regionstyrelsen 2023-01-31, 47 §, 34 present, votes with every
ballot, secret ballots, elections), built from the seed's parse as the tests build them
(`tests/secretariat_minutes.py`). In one run and interleaved, so all see the same machine:

- baseline: plain text: every string the minutes print (`minutes_data`), one paragraph each, typeset
  by Typst with the same font and page size and nothing else (no header, contents, page references,
  § pages or signature boxes): the least typesetting the same text costs;
- baseline: the notice of the seed's meeting of 2023-03-07 (28 items, 38 called), `notice_pdf`;
- minutes: `minutes_pdf` (limit: ≤ 5 s);
- for information: `signature_boxes` (Typst lays the minutes out again and is asked where the boxes
  are), an extract of one § (`extract_pdf`), and reading the minutes PDF back (`parse_path`).

Every run typesets a text of its own (the place, printed on every page, carries the run's number), so
no run can reuse what Typst kept of the one before. Reported: best wall time of N runs of each, pages
and size, the peak of Python allocations during one build (tracemalloc: Typst's native memory is not
in it) and the peak resident set size of a fresh process during one build of the minutes or of the
plain baseline (Linux's VmHWM, reset once the data is loaded, as `bench packet` measures it).

Run: `paragraf bench minutes` (or `make bench`, or `python -m benchmarks.bench_minutes`).
"""
from __future__ import annotations

import dataclasses
import datetime
import itertools
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_packet import _maxrss, _peak_rss
from benchmarks.bench_parse import ROOT, _ms, _size, _table, best_of, peak_memory

TIME_LIMIT = 5.0  # seconds to typeset the minutes of 47 §
PLAIN_TEMPLATE = r"""
#let d = json(bytes(sys.inputs.plain))
#set page(paper: "a4")
#set text(font: sys.inputs.font, size: 11pt, lang: "sv", hyphenate: false)
#for line in d { par(line) }
"""


class PlainError(ValueError):
    """Typst refused the plain baseline."""


def seed_minutes():
    """The minutes of the seed's meeting of 2023-01-31, and the notice of its meeting of 2023-03-07."""
    from tests.secretariat_minutes import minutes_from_meeting, seed_minutes_meeting
    from tests.secretariat_notice import notice_from_meeting, seed_meeting

    packet, meeting = seed_minutes_meeting()
    _, notice_meeting = seed_meeting()
    return minutes_from_meeting(meeting, packet["organization"]), notice_from_meeting(notice_meeting, packet["organization"])


def strings(value) -> list[str]:
    """Every string of the JSON the template reads, in order (chunks of a paragraph joined)."""
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        if value and all(isinstance(item, str) for item in value):
            return [" ".join(value)]
        return [s for item in value for s in strings(item)]
    return []


def plain_pdf(minutes) -> bytes:
    """The baseline: the minutes' strings typeset as plain paragraphs."""
    from paragraf.secretariat.typeset.layout import compile_pdf
    from paragraf.secretariat.typeset.minutes import minutes_data

    data = json.dumps(strings(minutes_data(minutes)), ensure_ascii=False)
    return compile_pdf(PLAIN_TEMPLATE, PlainError, "the plain text", {"plain": data})


def _variants(minutes):
    """The minutes with a place of their own on every call."""
    counter = itertools.count(1)
    return lambda: dataclasses.replace(minutes, place=f"{minutes.place} ({next(counter)})")


def max_rss(mode: str) -> tuple[int, int]:
    """Peak RSS (bytes) of a fresh process once it has loaded the minutes, and during one `mode` build
    (`python -m benchmarks.bench_minutes --rss MODE` prints the two as JSON)."""
    command = [sys.executable, "-m", "benchmarks.bench_minutes", "--rss", mode]
    reported = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return tuple(json.loads(reported.strip().splitlines()[-1]))


def _rss_child(mode: str) -> list[int]:
    from paragraf.secretariat.typeset.minutes import minutes_pdf

    minutes, _ = seed_minutes()
    loaded = _peak_rss(reset=True)
    minutes_pdf(minutes) if mode == "minutes" else plain_pdf(minutes)
    return [loaded, _peak_rss()]


def main(repeat: int = 3, echo=print) -> bool:
    """Run the benchmark and print its table; True when the minutes are typeset within the limit."""
    from paragraf.ingest import parse_path
    from paragraf.secretariat.typeset.minutes import extract_pdf, minutes_pdf, signature_boxes
    from paragraf.secretariat.typeset.notice import notice_pdf
    from paragraf.secretariat.typeset.packet import pdf_page_count

    minutes, notice = seed_minutes()
    fresh = _variants(minutes)
    present = len(minutes.deciding) + len(minutes.substitutes) + len(minutes.co_opted) + len(minutes.others)
    echo(f"paragraf bench minutes: minutes of {minutes.body} {minutes.date} ({len(minutes.paragraphs)} §, {present} present), "
         f"best of {repeat} runs")
    echo(f"python {sys.version.split()[0]}, {os.cpu_count()} CPU(s)")
    outputs = {"plain": plain_pdf(minutes), "notice": notice_pdf(notice), "minutes": minutes_pdf(minutes),
               "extract": extract_pdf(minutes, [14], minutes.secretary, datetime.date(2023, 2, 10))}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "protokoll.pdf"
        path.write_bytes(outputs["minutes"])
        read = parse_path(path)
        runs = {
            "plain": lambda: plain_pdf(fresh()),
            "notice": lambda: notice_pdf(dataclasses.replace(notice, place=fresh().place)),
            "minutes": lambda: minutes_pdf(fresh()),
            "boxes": lambda: signature_boxes(fresh()),
            "extract": lambda: extract_pdf(fresh(), [14], minutes.secretary, datetime.date(2023, 2, 10)),
            "read": lambda: parse_path(path),
        }
        times = dict(zip(runs, best_of(repeat, *runs.values())))
    peaks = {mode: peak_memory(runs[mode]) for mode in ("plain", "minutes")}
    rss = {mode: max_rss(mode) for mode in ("plain", "minutes")}
    paragraphs = len(read["meetings"][0]["paragraphs"]) if read["meetings"] else 0

    def row(label: str, mode: str, output: bytes | None = None) -> tuple[str, ...]:
        data = output if output is not None else outputs.get(mode)
        return (label, _ms(times[mode]), str(pdf_page_count(data)) if data else "", _size(len(data)) if data else "",
                _size(peaks[mode]) if mode in peaks else "", ", ".join(_size(n) for n in rss[mode]) if mode in rss else "")

    echo(_table([
        ("", "time", "pages", "output", "Python peak", "peak RSS: loaded, build"),
        row("baseline: the same text, plain (Typst)", "plain"),
        row("baseline: notice_pdf, 28 items", "notice"),
        row("minutes: minutes_pdf, 47 §", "minutes"),
        row("signature_boxes (the minutes laid out again)", "boxes", b""),
        row("extract_pdf, § 14", "extract"),
        row(f"read back: parse_path of the minutes ({paragraphs} §)", "read", b""),
    ]))
    ok = times["minutes"] <= TIME_LIMIT
    verdict = "ok" if ok else "OVER"
    echo(f"peak RSS of this benchmark process (resource.getrusage, the whole run): {_size(_maxrss())}\n"
         f"minutes/plain: {times['minutes'] / times['plain']:.1f}x; minutes typeset in {times['minutes']:.2f} s "
         f"{verdict} (limit <= {TIME_LIMIT:g} s)")
    return ok


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    if sys.argv[1:2] == ["--rss"]:
        print(json.dumps(_rss_child(sys.argv[2])))
    else:
        sys.exit(0 if main() else 1)

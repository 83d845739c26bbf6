"""`paragraf bench packet`: building a meeting packet PDF, side by side with concatenating its PDFs.

The packet of the seed's meeting (Regionstyrelsen 2023-03-07, 28 items): the notice
typeset from the seed's parse, then 300 pages of documents, several per item (A4
pages of the corpus's text, some landscape, some turned by /Rotate 90). The
documents are typeset once with Typst and cached in benchmarks/.cache/packet-*/.
In one run and interleaved, so both see the same machine:

- baseline: the notice's and every document's pages concatenated with pikepdf
  into one PDF, saved to bytes (no outline, no stamps): the least any assembly does;
- packet: `notice_pdf` (Typst) and `packet_pdf` (pikepdf: pages, outline, a Typst
  stamp document laid over every page), saved to bytes.

Reported: best wall time of N runs of each (limit: the packet ≤ 10 s), their ratio,
the peak of Python allocations during one build (tracemalloc: pikepdf's and Typst's
native memory is not in it), and the peak resident set size of a fresh process that
loads the documents (and parses the seed for the notice's data), then builds once: its
peak once loaded and its peak during the build alone (Linux's VmHWM, reset in between;
`resource.getrusage` elsewhere), and this process's own `ru_maxrss` over the whole run.

Run: `paragraf bench packet` (or `make bench`, or `python -m benchmarks.bench_packet`).
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import random
import resource
import subprocess
import sys
from pathlib import Path

from benchmarks.bench_parse import CACHE, ROOT, _ms, _shown, _size, _table, best_of, peak_memory

ITEMS_PAGES = 300  # pages of documents in the packet
LINES_PER_PAGE = 28
TIME_LIMIT = 10.0  # seconds to build the packet
#: Bump when the way the benchmark documents are made changes (invalidates the cache).
DOCUMENTS_VERSION = "1"


def documents(cache: Path = CACHE, echo=print) -> Path:
    """The folder of the benchmark's documents and their manifest (made once, then cached)."""
    from tests.secretariat_notice import SEED

    key = hashlib.sha256(SEED.read_bytes() + f"/{ITEMS_PAGES}/{LINES_PER_PAGE}/{DOCUMENTS_VERSION}".encode()).hexdigest()[:12]
    folder = cache / f"packet-{key}"
    if (folder / "manifest.json").is_file():
        return folder
    from tests.secretariat_notice import corpus_lines, document_pdf, seed_meeting

    echo(f"typesetting {ITEMS_PAGES} pages of documents once into {_shown(folder)} …")
    folder.mkdir(parents=True, exist_ok=True)
    _, meeting = seed_meeting()
    lines = corpus_lines()
    rng = random.Random(2023)
    plan = [(item, n) for item in meeting["agenda"] for n in range(rng.choice((1, 2, 2, 3, 3, 4)))]
    pages = [1] * len(plan)
    for index in rng.choices(range(len(plan)), weights=[rng.random() ** 3 for _ in plan], k=ITEMS_PAGES - len(plan)):
        pages[index] += 1
    manifest, start = [], 0
    for number, ((item, n), count) in enumerate(zip(plan, pages)):
        title = ("Tjänsteskrivelse", "Beslutsunderlag", "Bilaga", "Protokollsutdrag")[n] + f" {item['number']}.{n + 1}"
        text = [lines[(start + i * LINES_PER_PAGE) % len(lines):][:LINES_PER_PAGE] for i in range(count)]
        start += count * LINES_PER_PAGE
        size, rotate = ((297, 210), 0) if number % 10 == 9 else ((210, 297), 90 if number % 15 == 14 else 0)
        name = f"{number:03d}.pdf"
        (folder / name).write_bytes(document_pdf(title, text, size, rotate))
        manifest.append({"item": item["number"], "title": title, "file": name, "pages": count})
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return folder


def load(folder: Path):
    """The notice and the packet's items of the cached documents."""
    from paragraf.secretariat.typeset.model import PacketDocument, PacketItem
    from tests.secretariat_notice import notice_from_meeting, seed_meeting

    packet, meeting = seed_meeting()
    notice = notice_from_meeting(meeting, packet["organization"])
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    items = []
    for agenda in meeting["agenda"]:
        docs = tuple(PacketDocument(d["title"], (folder / d["file"]).read_bytes()) for d in manifest if d["item"] == agenda["number"])
        items.append(PacketItem(agenda["number"], agenda["title"], docs))
    return notice, items


def build(notice, items) -> bytes:
    """The packet, from the notice's data and the documents' bytes."""
    from paragraf.secretariat.typeset.notice import notice_pdf
    from paragraf.secretariat.typeset.packet import packet_pdf

    return packet_pdf(notice_pdf(notice), items, title=f"Handlingar {notice.body} {notice.date}")


def concatenate(notice_pdf: bytes, items) -> bytes:
    """The baseline: every PDF's pages in one PDF with pikepdf, nothing else."""
    import pikepdf

    sources = [pikepdf.open(io.BytesIO(data)) for data in [notice_pdf] + [d.data for i in items for d in i.documents]]
    with pikepdf.new() as out:
        for source in sources:
            out.pages.extend(source.pages)
        buffer = io.BytesIO()
        out.save(buffer)
    for source in sources:
        source.close()
    return buffer.getvalue()


def max_rss(mode: str, folder: Path) -> tuple[int, int]:
    """Peak RSS (bytes) of a fresh process once it has loaded the documents, and its peak during one
    `mode` build alone (the high-water mark reset after loading, where Linux allows it)."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from benchmarks.bench_packet import _rss_child; "
            f"_rss_child({mode!r}, {str(folder)!r})")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    loaded, built = json.loads(out.stdout.strip().splitlines()[-1])
    return loaded, built


def _rss_child(mode: str, folder: str) -> None:
    from paragraf.secretariat.typeset.notice import notice_pdf

    notice, items = load(Path(folder))
    notice_bytes = notice_pdf(notice)  # the baseline's input; Typst set up alike for both
    loaded = _peak_rss(reset=True)
    build(notice, items) if mode == "packet" else concatenate(notice_bytes, items)
    print(json.dumps([loaded, _peak_rss()]))


def _peak_rss(reset: bool = False) -> int:
    """The process's peak resident set size in bytes. `ru_maxrss` of `resource.getrusage` keeps the
    peak of the process that forked this one (Linux): the kernel's own high-water mark of this
    process (VmHWM) is read instead where there is one, and `reset` starts it anew from now."""
    try:
        status = Path("/proc/self/status").read_text()
        peak = int(status.split("VmHWM:")[1].split()[0]) * 1024
        if reset:
            Path("/proc/self/clear_refs").write_text("5")
        return peak
    except (OSError, IndexError, ValueError):
        return _maxrss()


def _maxrss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def main(repeat: int = 3, echo=print, cache: Path = CACHE) -> bool:
    """Run the benchmark and print its table; True when the packet is built within the limit."""
    from paragraf.secretariat.typeset.notice import notice_pdf
    from paragraf.secretariat.typeset.packet import pdf_page_count

    folder = documents(cache, echo)
    notice, items = load(folder)
    notice_bytes = notice_pdf(notice)
    count = sum(len(i.documents) for i in items)
    pages = sum(pdf_page_count(d.data) for i in items for d in i.documents)
    size = sum(len(d.data) for i in items for d in i.documents)
    echo(f"paragraf bench packet: notice of {len(items)} items + {pages} pages in {count} documents "
         f"({_size(size)}, {_shown(folder)}), best of {repeat} runs")
    echo(f"python {sys.version.split()[0]}, {os.cpu_count()} CPU(s)")
    packet = build(notice, items)
    baseline_bytes = concatenate(notice_bytes, items)
    baseline_s, packet_s = best_of(repeat, lambda: concatenate(notice_bytes, items), lambda: build(notice, items))
    baseline_peak = peak_memory(lambda: concatenate(notice_bytes, items))
    packet_peak = peak_memory(lambda: build(notice, items))
    rss = {mode: max_rss(mode, folder) for mode in ("baseline", "packet")}
    echo(_table([
        ("", "time", "pages", "output", "Python peak", "peak RSS: loaded, build"),
        ("baseline: concatenate with pikepdf", _ms(baseline_s), str(pdf_page_count(baseline_bytes)),
         _size(len(baseline_bytes)), _size(baseline_peak), ", ".join(_size(n) for n in rss["baseline"])),
        ("packet: notice_pdf + packet_pdf", _ms(packet_s), str(pdf_page_count(packet)), _size(len(packet)),
         _size(packet_peak), ", ".join(_size(n) for n in rss["packet"])),
    ]))
    echo(f"peak RSS of this benchmark process (resource.getrusage, the whole run): {_size(_maxrss())}")
    ok = packet_s <= TIME_LIMIT
    echo(f"packet/baseline: {packet_s / baseline_s:.1f}x; packet built in {packet_s:.2f} s "
         f"{'ok' if ok else 'OVER'} (limit <= {TIME_LIMIT:g} s)")
    return ok


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    sys.exit(0 if main() else 1)

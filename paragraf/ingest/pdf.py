"""PDF packets to text with pypdfium2, page by page.

The text of each page is taken as PDFium extracts it, one output line per text
line of the page; pages are joined with a single "\\n" and a form feed, so page
*i* begins on the line given by `page_starts`, and the parser knows where pages
begin (running headers and footers are found by repetition, `furniture.py`). Line numbers in the parse of a PDF are line
numbers of this text (what `paragraf parse --format text` shows).

What PDFium does to text, and what this module does about it:

- line ends come as "\\r\\n": normalised to "\\n";
- a word hyphenated at a line end comes as `sjukvårds\\ufffefrågor` (PDFium
  marks the hyphen as soft and drops the line break): written back as the
  hyphen and the line break the page shows (`sjukvårds-` / `frågor`), so the
  parser, not the extractor, decides whether the hyphen joins a word;
- runs of spaces are folded to one space and lines without text (vertical
  gaps) produce no empty line: that is PDFium's reading of the page, kept;
- PDFium finds line ends by comparing each text run with the one before; on
  a page with very little text it may not know the text direction, and then
  joins one-character lines to the next ("3" and "4" as "34"), and a text run
  of spaces alone between two lines can stand for the line break. Pages of
  real packets have enough text; `tests/pdfs.py` draws no blank runs.

Speed: PDFium's text analysis of a page is the cost (the Python around it is
a few calls per page). A long PDF is read by up to one process per CPU core,
each taking a contiguous run of pages: the calling process and forked
children that send their pages' text back through a pipe. This is done only
where it is safe (POSIX fork, no other thread running) and worth it (at least
`PARALLEL_MIN_PAGES` pages); `PARAGRAF_PDF_WORKERS=1` turns it off. The text
is the same either way.
"""
from __future__ import annotations

import os
import pickle
import signal
import sys
import threading

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from paragraf.ingest.errors import InputError

#: PDFium's marks for a hyphen at a line end that it joined to the next line.
_JOINED_HYPHENS = ("\ufffe",)

_LOAD_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: "encrypted PDF: a password is required to open it (decrypt it first, e.g. `qpdf --decrypt`)",
    pdfium_c.FPDF_ERR_SECURITY: "encrypted PDF with an unsupported security handler: cannot be opened",
    pdfium_c.FPDF_ERR_FORMAT: "broken PDF: PDFium cannot read its structure (damaged file, or a PDF without pages)",
    pdfium_c.FPDF_ERR_FILE: "broken PDF: PDFium cannot read the file",
    pdfium_c.FPDF_ERR_PAGE: "broken PDF: a page cannot be read",
}


#: PDFium is not thread-safe: every use of it in a process (reading text here, rendering pages for the
#: portal) holds this lock, objects closed before it is let go. Two threads of one web server rendering
#: at once corrupt the heap without it.
PDFIUM = threading.RLock()


def extract_text(data: bytes, name: str) -> str:
    """The text of a whole PDF: every page's lines, pages joined with "\\n", each page after
    the first opening with a form feed as pdftotext marks it (it changes no line number)."""
    return "\n\f".join(extract_pages(data, name))


def extract_pages(data: bytes, name: str) -> list[str]:
    """The text of each page (lines joined with "\\n", no trailing newline).

    Raises InputError for a file that is not a PDF, a broken or truncated PDF,
    an encrypted PDF and a PDF without any text layer (a scan).
    """
    if data[:1024].lstrip()[:5] != b"%PDF-":
        raise InputError("not a PDF (no %PDF- header)", source=name)
    if data.rfind(b"%%EOF") == -1:
        raise InputError("truncated PDF: the end-of-file marker %%EOF is missing (incomplete download or copy?)",
                         source=name)
    with PDFIUM:
        pdf = _open(data, name)
        try:
            count = len(pdf)
            workers = _workers(count)
            if workers > 1:
                pages = _extract_parallel(pdf, data, name, count, workers)
            else:
                pages = [_page_text(pdf, index, name) for index in range(count)]
        finally:
            pdf.close()
    if not any(page.strip() for page in pages):
        raise InputError(
            f"no text layer: the PDF's {len(pages)} page(s) hold only images or graphics "
            "(a scan?); OCR is not supported",
            source=name,
        )
    return pages


def page_starts(pages: list[str]) -> list[int]:
    """1-based line number of the first line of each page in `"\\n".join(pages)`."""
    starts, line = [], 1
    for page in pages:
        starts.append(line)
        line += page.count("\n") + 1
    return starts


#: Fewer pages than this are read in the calling process only.
PARALLEL_MIN_PAGES = 24


def _open(data: bytes, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        problem = _LOAD_ERRORS.get(exc.err_code, f"broken PDF: PDFium cannot open it ({exc})")
        raise InputError(problem, source=name) from exc


def _workers(pages: int) -> int:
    """How many processes read a PDF of `pages` pages (1: no parallel reading)."""
    setting = os.environ.get("PARAGRAF_PDF_WORKERS", "").strip()
    if setting.isdigit() and int(setting) >= 1:
        cores = int(setting)
    else:
        try:
            cores = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):
            cores = os.cpu_count() or 1
    if (
        cores < 2
        or pages < PARALLEL_MIN_PAGES
        or not hasattr(os, "fork")
        or sys.platform != "linux"
        or threading.active_count() > 1  # forking a threaded process is unsafe
    ):
        return 1
    return max(1, min(cores, pages // (PARALLEL_MIN_PAGES // 2)))


def _extract_parallel(pdf: pdfium.PdfDocument, data: bytes, name: str, count: int, workers: int) -> list[str]:
    """Pages [0, count) split into `workers` runs: the first read here, the others by forked children."""
    cuts = [count * k // workers for k in range(workers + 1)]
    children: list[tuple[int, int, int, int]] = []  # (pid, read fd, first page, end page)
    try:
        for k in range(1, workers):
            start, end = cuts[k], cuts[k + 1]
            child = _fork_reader(data, start, end)
            if child is None:  # fork failed: the pages are read here below
                continue
            children.append((*child, start, end))
        forked = {(start, end) for _, _, start, end in children}
        pages = [_page_text(pdf, index, name) for index in range(cuts[0], cuts[1])]
        for k in range(1, workers):
            start, end = cuts[k], cuts[k + 1]
            if (start, end) not in forked:
                pages += [_page_text(pdf, index, name) for index in range(start, end)]
                continue
            pid, fd, _, _ = children.pop(0)
            pages += _collect(pdf, name, pid, fd, start, end)
        return pages
    finally:
        for pid, fd, _, _ in children:  # only when reading here failed
            os.close(fd)
            _reap(pid, kill=True)


def _fork_reader(data: bytes, start: int, end: int) -> tuple[int, int] | None:
    """Fork a child that reads pages [start, end) of `data` and pickles the result to a pipe."""
    try:
        read_fd, write_fd = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # the child: never returns into the caller's code
        status = 1
        try:
            os.close(read_fd)
            result: tuple = ("ok", [])
            try:
                child_pdf = pdfium.PdfDocument(data)
                try:
                    result = ("ok", [_page_text(child_pdf, index, "") for index in range(start, end)])
                finally:
                    child_pdf.close()
            except InputError as exc:
                result = ("error", exc.problem, exc.page)
            except Exception as exc:  # noqa: BLE001 - reported to the parent, which reads the pages itself
                result = ("failed", repr(exc))
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    return pid, read_fd


def _collect(pdf: pdfium.PdfDocument, name: str, pid: int, fd: int, start: int, end: int) -> list[str]:
    """A child's pages; where the child failed without a verdict, the pages are read here."""
    try:
        with os.fdopen(fd, "rb") as pipe:
            blob = pipe.read()
    finally:
        _reap(pid)
    try:
        result = pickle.loads(blob) if blob else ("failed", "no answer")
    except Exception:  # noqa: BLE001 - a child killed mid-write
        result = ("failed", "truncated answer")
    if result[0] == "ok" and len(result[1]) == end - start:
        return result[1]
    if result[0] == "error":
        raise InputError(result[1], source=name, page=result[2])
    return [_page_text(pdf, index, name) for index in range(start, end)]


def _reap(pid: int, kill: bool = False) -> None:
    if kill:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _page_text(pdf: pdfium.PdfDocument, index: int, name: str) -> str:
    try:
        page = pdf[index]
    except pdfium.PdfiumError as exc:
        raise InputError(f"broken PDF: the page cannot be read ({exc})", source=name, page=index + 1) from exc
    try:
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
        finally:
            textpage.close()
    except pdfium.PdfiumError as exc:
        raise InputError(f"broken PDF: the page's text cannot be read ({exc})", source=name, page=index + 1) from exc
    finally:
        page.close()
    return _normalise(text)


def _normalise(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for mark in _JOINED_HYPHENS:
        if mark in text:
            text = text.replace(mark + "\n", "-\n").replace(mark, "-\n")
    return text

"""The text a document File serves: its cleaned lines, personal data masked (a packet's is streamed in pieces: `privacy.pieces`)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from paragraf.ingest.cleanup import clean_lines
from paragraf.privacy.rules import current_masker
from paragraf.records.models import Document
from paragraf.records.texts import text_chunks, text_lines

# A File embedded in a meeting or a paper carries its text when the document spans at most this many
# lines (a report of sixty pages is ~4 000); a longer one is read at its own address (`accessUrl`).
EMBEDDED_TEXT_LINES = 10_000


def document_text(document: Document) -> str:
    """The document's span of its packet, page furniture removed (as on its portal page), masked;
    the packet's text read only up to the document's last line."""
    if not _has_span(document):
        return ""
    return _served(text_lines(document.source_file_id, document.first_line, document.last_line))


def embedded_texts(documents: Iterable[Document]) -> dict[int, str]:
    """The texts of the documents short enough to embed, each packet read once up to the last line wanted."""
    by_source = defaultdict(list)
    for doc in documents:
        if _has_span(doc) and doc.last_line - doc.first_line < EMBEDDED_TEXT_LINES:
            by_source[doc.source_file_id].append(doc)
    texts = {}
    for source_id, docs in by_source.items():
        spans = {(doc.first_line, doc.last_line) for doc in docs}
        lines = _spans(_lines(text_chunks(source_id)), spans)
        for doc in docs:
            texts[doc.pk] = _served(lines[(doc.first_line, doc.last_line)])
    return texts


def _has_span(document: Document) -> bool:
    return bool(document.source_file_id and document.first_line and document.last_line)


def _served(lines: list[str]) -> str:
    return current_masker().mask("\n".join(text for _, text in clean_lines(lines) if text)) + "\n"


def _lines(chunks: Iterable[str]) -> Iterator[str]:
    rest = ""
    for chunk in chunks:
        *done, rest = (rest + chunk).split("\n")
        yield from done
    yield rest


def _spans(lines: Iterator[str], spans: set[tuple[int, int]]) -> dict[tuple[int, int], list[str]]:
    """The lines of each (first, last) span, numbered from 1; lines after the last span are not read."""
    found: dict[tuple[int, int], list[str]] = {span: [] for span in spans}
    waiting = sorted(spans, reverse=True)  # by first line, the next to open at the end
    open_spans: list[tuple[int, int]] = []
    for number, line in enumerate(lines, 1):
        while waiting and waiting[-1][0] == number:
            open_spans.append(waiting.pop())
        for span in open_spans:
            found[span].append(line)
        open_spans = [span for span in open_spans if span[1] > number]
        if not waiting and not open_spans:
            break
    return found

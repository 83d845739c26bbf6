"""Numbered lines of a packet's text: a range of them, and the page of the source page
(`/kallor/N/?fran=…`) that holds a line, so that a link to line N lands where `#LN` is."""
from __future__ import annotations

from django.urls import reverse

from paragraf.privacy.layer import mask_lines
from paragraf.privacy.masking import Masker
from paragraf.records.texts import text_lines

LINES_PER_PAGE = 1000


def masked_span(source_id: int, first: int, last: int, masker: Masker | None) -> list[tuple[int, str]]:
    """Lines `first`..`last` of a source file's text numbered, personal data masked (masker None:
    staff) with the line before and after as context, so that a value broken over the edge of a
    page is found whole. The text is read from the database only up to the line after `last`."""
    before = max(first - 1, 1)
    numbered = list(enumerate(text_lines(source_id, before, last + 1), start=before))
    return [(n, line) for n, line in mask_lines(numbered, masker) if first <= n <= last]


def page_start(line: int) -> int:
    """The first line of the page that holds `line`."""
    return (max(line, 1) - 1) // LINES_PER_PAGE * LINES_PER_PAGE + 1


def line_url(source_id: int, line: int | None) -> str:
    """The source page at a line: `/kallor/3/#L12`, `/kallor/3/?fran=2001#L2345`."""
    url = reverse("portal:source", args=[source_id])
    if not line:
        return url
    start = page_start(line)
    return f"{url}?fran={start}#L{line}" if start > 1 else f"{url}#L{line}"

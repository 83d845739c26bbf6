"""Numbered lines of a packet's text: a range of them, and the page of the source page
(`/kallor/N/?fran=…`) that holds a line, so that a link to line N lands where `#LN` is."""
from __future__ import annotations

from django.urls import reverse

from paragraf.privacy.layer import mask_lines
from paragraf.privacy.masking import Masker

LINES_PER_PAGE = 1000


def span(text: str, first: int, last: int) -> list[str]:
    """Lines `first`..`last` (from 1) of `text`, found without splitting the rest of it."""
    start = 0
    for _ in range(first - 1):
        start = text.find("\n", start) + 1
        if not start:
            return []
    end = start
    for _ in range(last - first + 1):
        end = text.find("\n", end) + 1
        if not end:
            end = len(text) + 1
            break
    return text[start : end - 1].split("\n") if last >= first else []


def masked_span(text: str, first: int, last: int, masker: Masker | None) -> list[tuple[int, str]]:
    """Lines `first`..`last` numbered, personal data masked (masker None: staff) with the line before
    and after as context, so that a value broken over the edge of a page is found whole."""
    before = max(first - 1, 1)
    numbered = list(enumerate(span(text, before, last + 1), start=before))
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

"""Which report an indicator row stands in, and for which year.

A report is a document of the packet (`Verksamhetsberättelse 2022 Regionledningskontor med
verksamhetsnära funktion`, `IT-centrum, Verksamhetsberättelse`). A report printed without a
title page is named by the item of a basis list that names a report of its kind whose words
all stand in its opening text (`• Verksamhetsberättelse 2021 Kirurgisk vård` for a report
opening `Kirurgisk vård har 17 kliniker …`). The year is the one in the report's title, else
the one of the report the text last named before the row (the cover letter's
`Verksamhetsberättelse 2022 - Regionstyrelsens område`).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from paragraf.ingest.cleanup import Line
from paragraf.ingest.letters import title_kind
from paragraf.ingest.model import Document, Indicator

YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
BULLET = re.compile(r"^[•\-–]\s*(?P<item>.+)$")
REPORT_WORD = re.compile(r"berättelse|plan\b|rapport|redovisning", re.I)  # every report title has one
NAME_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]{5,}")
OPENING_LINES = 30  # text lines of a report in which its name is looked for
REPORT_KINDS = {"verksamhetsberattelse", "plan", "rapport"}  # kinds of `letters.TITLE_KINDS`


def name_untitled_reports(documents: list[Document], lines: list[Line]) -> None:
    """A report without a title gets the basis item that names it (see the module)."""
    untitled = [doc for doc in documents if not doc.title and doc.kind in REPORT_KINDS]
    items = _basis_items(lines) if untitled else []
    for doc in untitled:
        start = bisect_left(lines, doc.first_line, key=lambda line: line.no)
        opening = {w.casefold() for line in lines[start:start + 3 * OPENING_LINES] if line.text and not line.header
                   for w in NAME_WORD.findall(line.text)}
        matches = [(len(words), item) for item, kind, words in items if kind == doc.kind and words and words <= opening]
        best = max((n for n, _ in matches), default=0)
        named = [item for n, item in matches if n == best]
        if len(set(named)) == 1:
            doc.title = named[0]


def name_reports(indicators: list[Indicator], documents: list[Document]) -> None:
    """Each row named by the titled document it stands in, with that title's year; rows
    outside one keep the report the text named, and its year."""
    titled = sorted((d for d in documents if d.title), key=lambda d: d.first_line)
    starts = [d.first_line for d in titled]
    for row in indicators:
        at = bisect_right(starts, row.line) - 1  # the last titled document starting at or before the row
        doc = titled[at] if at >= 0 and row.line <= titled[at].last_line else None
        if doc is not None:
            row.report = doc.title
            year = YEAR.search(doc.title)
            row.year = int(year.group(1)) if year else row.year


def _basis_items(lines: list[Line]) -> list[tuple[str, str, frozenset[str]]]:
    """Bulleted items that name a report (`• Verksamhetsberättelse 2021 Medicinsk vård`), with
    its kind and the words of its name (those after the kind word and the year)."""
    out = []
    for line in lines:
        m = BULLET.match(line.text) if line.text.startswith(("•", "-", "–")) and REPORT_WORD.search(line.text) else None
        if not m:
            continue
        item = m.group("item").strip()
        kind = title_kind([item])
        if kind not in REPORT_KINDS:
            continue
        name = YEAR.split(item, maxsplit=1)[-1] if YEAR.search(item) else item.split(" ", 1)[-1]
        out.append((item, kind, frozenset(w.casefold() for w in NAME_WORD.findall(name))))
    return out

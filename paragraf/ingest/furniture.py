"""Running page headers and footers of any template, found by repetition.

Minutes carry furniture on every page: the organisation and body, the protocol
number, `Sammanträdesdatum: 2023-02-23`, a page counter `3 (73)`, `Justerandes
sign`. No template is needed to find it: lines are compared by shape (every digit
as 0), and a line whose shape recurs on three pages or more is furniture when it
has the marks of a page header (`MARK`: a page counter, the word protokoll, a
date label, a signature label). Furniture lines near each other form one block
per page (a `Cluster`). A plain line that recurs in half of the blocks or more
(`Kommunfullmäktige` between `3 (73)` and `Protokoll (nr 2)`) is furniture too,
wherever pdftotext put it; a line that recurs beside a few of them only
(`Valberedningen`, the last recipient of several §) is text.

A block that names a body or a date names the meeting its pages belong to: it
becomes one `PageHeader` (`cleanup.py`), unless a labelled page header of a known
template stands beside it and says so already.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from paragraf.ingest.dates import find_date
from paragraf.ingest.sections import section_role

DIGITS = re.compile(r"\d")
LONG_CODE = re.compile(r"\b(?=\w*\d)\w{12,}\b")  # a transaction id or checksum: differs on every page
MIN_REPEATS = 3
PAGE_EDGE = 5  # text lines at the top and at the foot of a page where its furniture is
# The marks of a page header or footer line.
MARK = re.compile(r"protokoll|sammanträdesdatum|justerandes|utdragsbestyrkande|sida \d|kallelse|föredragningslista", re.I)
# the same words without their first letter and case-sensitive: five times faster, tried first
MARK_HINT = re.compile(r"rotokoll|ROTOKOLL|ammanträdesdatum|AMMANTRÄDESDATUM|usterandes|USTERANDES|tdragsbestyrkande"
                       r"|TDRAGSBESTYRKANDE|ida \d|IDA \d|allelse|ALLELSE|öredragningslista|ÖREDRAGNINGSLISTA")
PAGE_COUNTER = re.compile(r"^(?:Sida\s+)?\d{1,4}\s*(?:\(\s*\d{1,4}\s*\)|av\s+\d{1,4})$", re.I)
NOT_FURNITURE = re.compile(r"^[•\-–]|§")  # list items and § lines are text however often they recur
BARE_NUMBER = re.compile(r"^\d{1,4}$")  # a page number or a value under a label: `cleanup` tells which
CLUSTER_GAP = 6  # source lines between two furniture lines of one block
NEIGHBOURS = 2  # text lines on each side of a block looked at for plain furniture
PLAIN_MAX_WORDS = 6
BODY_WORD = re.compile(r"nämnd|styrelse|fullmäktige|utskott|presidi|beredning|förbund|direktion|råd\b", re.I)
ORGANISATION_IN_LINE = re.compile(
    r"^(?P<org>(?:[A-ZÅÄÖ][\wåäö\-]*\s+){1,3}(?:kommun|Kommun|KOMMUN|stad|Stad|STAD)|Region\s+[A-ZÅÄÖ][\wåäö\-]+(?:\s+län)?"
    r"|[A-ZÅÄÖ][\wåäö\-]*regionen)\b\s*(?P<rest>.*)$")
PROTOCOL_WORDS = re.compile(r"\b(?:sammanträdes)?protokoll\b", re.I)
KIND_WORDS = [
    (re.compile(r"protokollsutdrag", re.I), "protokollsutdrag"),
    (re.compile(r"kallelse|kungörelse|föredragningslista", re.I), "kallelse"),
    (re.compile(r"protokoll|sammanträdesdatum|justerandes|utdragsbestyrkande", re.I), "protokoll"),
]


@dataclass
class Cluster:
    """The furniture of one page: its line indices, and what it says of the meeting."""

    lines: list[int] = field(default_factory=list)
    body: str | None = None
    date: str | None = None
    kind: str | None = None
    organization: str | None = None

    @property
    def first(self) -> int:
        return min(self.lines)

    @property
    def last(self) -> int:
        return max(self.lines)


def find_running(folded: list[str], labels: set[int], page_starts: list[int]) -> list[Cluster]:
    """The running headers and footers of the text, one cluster per page. `labels` are
    the lines that open a page header of a known template: they are not furniture.
    `page_starts` are the first lines of pages where the text marks them (form feeds)."""
    shapes = Shapes(folded)
    with_marks = [i for i, text in enumerate(folded)
                  if text and (MARK_HINT.search(text) and MARK.search(text) or PAGE_COUNTER.match(text)) and i not in labels]
    counts = Counter(shapes[i] for i in with_marks)
    marked = {i for i in with_marks
              if counts[shapes[i]] >= MIN_REPEATS and not NOT_FURNITURE.search(folded[i]) and not section_role(folded[i])}
    marked |= _page_edges(folded, shapes, labels, page_starts)
    marked = sorted(marked)
    clusters = _clusters(marked)
    _add_plain_lines(clusters, folded, shapes, labels)
    for cluster in clusters:
        _identify(cluster, folded)
    return clusters


class Shapes:
    """The shape of a line, computed when first asked for: its digits as 0 and a long
    code (a transaction id) as #, so that page numbers and dates compare equal."""

    def __init__(self, folded: list[str]) -> None:
        self.folded = folded
        self.known: dict[int, str] = {}

    def __getitem__(self, i: int) -> str:
        shape = self.known.get(i)
        if shape is None:
            text = self.folded[i]
            shape = self.known[i] = DIGITS.sub("0", LONG_CODE.sub("#", text)) if text else ""
        return shape


def _page_edges(folded: list[str], shapes: Shapes, labels: set[int], page_starts: list[int]) -> set[int]:
    """Where pages are marked: lines at the top or foot of half of the pages or more,
    the same by shape (`Det här dokumentet är digitalt signerat`)."""
    bounds = sorted({0, *page_starts, len(folded)})
    pages = [range(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]
    if len(pages) < MIN_REPEATS:
        return set()
    edges: list[list[int]] = []
    seen: Counter[str] = Counter()
    for page in pages:
        text_lines = [i for i in page if folded[i]]
        edge = text_lines[:PAGE_EDGE] + text_lines[-PAGE_EDGE:]
        edges.append(edge)
        seen.update({shapes[i] for i in edge})
    wanted = max(MIN_REPEATS, (len(pages) + 1) // 2)
    return {i for edge in edges for i in edge
            if seen[shapes[i]] >= wanted and i not in labels and not NOT_FURNITURE.search(folded[i])
            and not BARE_NUMBER.match(folded[i]) and not section_role(folded[i])}


def _clusters(marked: list[int]) -> list[Cluster]:
    clusters: list[Cluster] = []
    for i in marked:
        if clusters and i - clusters[-1].last <= CLUSTER_GAP:
            clusters[-1].lines.append(i)
        else:
            clusters.append(Cluster([i]))
    return clusters


def _add_plain_lines(clusters: list[Cluster], folded: list[str], shapes: Shapes, labels: set[int]) -> None:
    """Short lines without marks that recur beside half of the blocks or more."""
    if len(clusters) < MIN_REPEATS:
        return
    near: dict[int, list[int]] = {}  # cluster index -> candidate line indices
    seen: Counter[str] = Counter()
    for k, cluster in enumerate(clusters):
        candidates = _neighbours(cluster, folded, labels)
        near[k] = candidates
        seen.update({shapes[i] for i in candidates})
    wanted = max(MIN_REPEATS, (len(clusters) + 1) // 2)
    for k, cluster in enumerate(clusters):
        cluster.lines.extend(i for i in near[k] if seen[shapes[i]] >= wanted)
        cluster.lines.sort()


def _neighbours(cluster: Cluster, folded: list[str], labels: set[int]) -> list[int]:
    """Plain lines inside the block and up to NEIGHBOURS text lines on either side of it."""
    inside = [i for i in range(cluster.first, cluster.last + 1) if folded[i] and i not in cluster.lines]
    before = _text_lines(folded, range(cluster.first - 1, max(-1, cluster.first - 1 - CLUSTER_GAP), -1))
    after = _text_lines(folded, range(cluster.last + 1, min(len(folded), cluster.last + 1 + CLUSTER_GAP)))
    return [i for i in inside + before + after if _plain(folded[i]) and i not in labels]


def _text_lines(folded: list[str], indices: range) -> list[int]:
    out = []
    for i in indices:
        if folded[i]:
            out.append(i)
            if len(out) == NEIGHBOURS:
                break
    return out


def _plain(text: str) -> bool:
    return (len(text.split()) <= PLAIN_MAX_WORDS and text[-1] not in ".,;:!?" and not NOT_FURNITURE.search(text)
            and not section_role(text))


def _identify(cluster: Cluster, folded: list[str]) -> None:
    """The body, date, kind and organisation the block's lines give."""
    for i in cluster.lines:
        text = folded[i]
        if cluster.date is None:
            found = find_date(text)
            if found:
                cluster.date = found.iso
        if cluster.kind is None:
            cluster.kind = next((kind for pattern, kind in KIND_WORDS if pattern.search(text)), None)
        rest = text
        org = ORGANISATION_IN_LINE.match(text)
        if org:
            cluster.organization = cluster.organization or org.group("org")
            rest = org.group("rest")
        rest = PROTOCOL_WORDS.sub("", rest).strip(" ,")
        if cluster.body is None and rest and BODY_WORD.search(rest) and not find_date(rest) and not PAGE_COUNTER.match(rest):
            if len(rest.split()) <= PLAIN_MAX_WORDS and ":" not in rest:
                cluster.body = rest.capitalize() if rest.isupper() else rest

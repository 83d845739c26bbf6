"""Running page headers and footers of any template, found by repetition.

Minutes carry furniture on every page: the organisation and body, the protocol
number, `Sammanträdesdatum: 2023-02-23`, a page counter `3 (73)`, `Justerandes
sign`. No template is needed to find it. A line is a candidate when it has the
marks of a page header (`MARK`: the word protokoll, a date label, a signature
label, a page counter) and recurs: word for word on three pages or more, or, for
a line with a page counter, with only its digits changing. Candidates near each
other form one block per page (a `Cluster`); a block is furniture when it looks
like one: two candidates or more, a page counter, a signature label, or a page
break beside it. A line that only mentions a protocol (`Arbetsutskottets protokoll
2024-02-13` in the basis of several §) stands alone and stays text. A plain line
that recurs in half of the blocks or more (`Kommunfullmäktige` between `3 (73)`
and `Protokoll (nr 2)`) is furniture too, wherever pdftotext put it; a line that
recurs beside a few of them only (`Valberedningen`, the last recipient of several
§) is text. Where form feeds mark the pages, the first and last two lines of a
page that are the same on most pages (a digital signature footer) are furniture.

A block that names a body or a date names the meeting its pages belong to: it
becomes one `PageHeader` (`cleanup.py`), unless a labelled page header of a known
template stands beside it and says so already.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from paragraf.ingest.dates import find_date
from paragraf.ingest.sections import inline_section, section_role
from paragraf.ingest.text import BODY_WORD

DIGITS = re.compile(r"\d")
LONG_CODE = re.compile(r"\b(?=\w*\d)\w{12,}\b")  # a transaction id or checksum: differs on every page
MIN_REPEATS = 3
MARK_WORDS = ["protokoll", "sammanträdesdatum", "justerandes", "utdragsbestyrkande", "kallelse", "föredragningslista"]
# The marks of a page header or footer line.
MARK = re.compile("|".join(MARK_WORDS) + r"|sida \d", re.I)
# the same words without their first letter, case-sensitive: five times faster, tried first
MARK_HINT = re.compile("|".join(f"{w[1:]}|{w[1:].upper()}" for w in MARK_WORDS) + r"|ida \d|IDA \d")
SIGNATURE_MARK = re.compile(r"justerandes|utdragsbestyrkande", re.I)
PAGE_COUNTER = re.compile(r"^(?:Sida\s+)?\d{1,4}\s*(?:\(\s*\d{1,4}\s*\)|av\s+\d{1,4})$", re.I)
COUNTER_IN_LINE = re.compile(r"\d{1,4}\s*\(\s*\d{1,4}\s*\)|\bsida\s+\d|\b\d{1,4}\s+av\s+\d{1,4}\b", re.I)
NOT_FURNITURE = re.compile(r"^[•\-–]|§")  # list items and § lines are text however often they recur
BARE_NUMBER = re.compile(r"^\d{1,4}$")  # a page number or a value under a label: `cleanup` tells which
TABLE_HEADING = re.compile(r"\b(?:Ja|Nej|Avstår|Närv|Närvarande|Frånv)\b")
CLUSTER_GAP = 6  # source lines between two furniture lines of one block
NEIGHBOURS = 2  # text lines on each side of a block looked at for plain furniture
PAGE_EDGE = 2  # text lines at the top and at the foot of a page where its furniture is
PAGE_EDGE_SHARE = 0.7  # of the pages on which such a line must stand in the same place
PLAIN_MAX_WORDS = 6
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
        return self.lines[0]

    @property
    def last(self) -> int:
        return self.lines[-1]


def find_running(folded: list[str], labels: set[int], page_starts: list[int]) -> list[Cluster]:
    """The running headers and footers of the text, one cluster per page. `labels` are
    the lines that open a page header of a known template: they are not furniture.
    `page_starts` are the first lines of pages where the text marks them (form feeds)."""
    shapes = Shapes(folded)
    candidates = [i for i, text in enumerate(folded)
                  if text and i not in labels and (MARK_HINT.search(text) and MARK.search(text) or PAGE_COUNTER.match(text))
                  and not NOT_FURNITURE.search(text) and not section_role(text) and not inline_section(text)]
    literal = Counter(folded[i] for i in candidates)
    counted = Counter(shapes[i] for i in candidates if COUNTER_IN_LINE.search(folded[i]))
    marked = [i for i in candidates
              if literal[folded[i]] >= MIN_REPEATS or COUNTER_IN_LINE.search(folded[i]) and counted[shapes[i]] >= MIN_REPEATS]
    edges = set(page_starts)
    clusters = [c for c in _clusters(marked) if _looks_like_furniture(c, folded, edges)]
    _add_plain_lines(clusters, folded, labels)
    clusters += _page_edges(folded, shapes, labels, page_starts, {i for c in clusters for i in c.lines})
    clusters.sort(key=lambda c: c.first)
    for cluster in clusters:
        cluster.lines.sort()
        _identify(cluster, folded, literal)
    return clusters


def _looks_like_furniture(cluster: Cluster, folded: list[str], page_starts: set[int]) -> bool:
    """Two marked lines, a page counter, a signature label or a page break beside it."""
    texts = [folded[i] for i in cluster.lines]
    return (len(set(texts)) >= 2 or any(COUNTER_IN_LINE.search(t) or SIGNATURE_MARK.search(t) for t in texts)
            or any(cluster.first - 2 <= start <= cluster.last + 2 for start in page_starts))


class Shapes:
    """The shape of a line, computed when first asked for: its digits as 0 and a long
    code (a transaction id) as #, so that page numbers compare equal."""

    def __init__(self, folded: list[str]) -> None:
        self.folded = folded
        self.known: dict[int, str] = {}

    def __getitem__(self, i: int) -> str:
        shape = self.known.get(i)
        if shape is None:
            text = self.folded[i]
            shape = self.known[i] = DIGITS.sub("0", LONG_CODE.sub("#", text)) if text else ""
        return shape


def _page_edges(folded: list[str], shapes: Shapes, labels: set[int], page_starts: list[int],
                taken: set[int]) -> list[Cluster]:
    """Where pages are marked: the first and last PAGE_EDGE text lines of a page that
    stand in the same place on most pages, the same but for their digits and codes
    (`Transaktionsidentitet: A06F…`), one cluster per page. Not a section heading, a
    line under one, a § or a table's heading row."""
    bounds = sorted({0, *page_starts, len(folded)})
    pages = [range(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]
    if len(pages) < MIN_REPEATS:
        return []
    slots: list[dict[int, int]] = []  # per page: slot (0, 1 at the top; -1, -2 at the foot) -> line index
    seen: Counter[tuple[int, str]] = Counter()
    for page in pages:
        text_lines = [i for i in page if folded[i]]
        slot = {k: i for k, i in enumerate(text_lines[:PAGE_EDGE])}
        slot.update({-1 - k: i for k, i in enumerate(reversed(text_lines[-PAGE_EDGE:]))})
        slots.append(slot)
        seen.update({(k, shapes[i]) for k, i in slot.items()})
    wanted = max(MIN_REPEATS, PAGE_EDGE_SHARE * len(pages))
    out = []
    for slot in slots:
        lines = sorted({i for k, i in slot.items() if seen[(k, shapes[i])] >= wanted and i not in taken
                        and _edge_furniture(folded, labels, i)})
        if lines:
            out.append(Cluster(lines))
    return out


def _edge_furniture(folded: list[str], labels: set[int], i: int) -> bool:
    text = folded[i]
    if i in labels or NOT_FURNITURE.search(text) or BARE_NUMBER.match(text) or section_role(text) or inline_section(text):
        return False
    if len(TABLE_HEADING.findall(text)) >= 2:
        return False
    above = next((folded[k] for k in range(i - 1, max(-1, i - 4), -1) if folded[k]), "")
    return not (above and section_role(above))


def _clusters(marked: list[int]) -> list[Cluster]:
    clusters: list[Cluster] = []
    for i in marked:
        if clusters and i - clusters[-1].last <= CLUSTER_GAP:
            clusters[-1].lines.append(i)
        else:
            clusters.append(Cluster([i]))
    return clusters


def _add_plain_lines(clusters: list[Cluster], folded: list[str], labels: set[int]) -> None:
    """Short lines without marks that recur, word for word, beside half of the blocks or more."""
    if len(clusters) < MIN_REPEATS:
        return
    near: dict[int, list[int]] = {}  # cluster index -> candidate line indices
    seen: Counter[str] = Counter()
    for k, cluster in enumerate(clusters):
        candidates = _neighbours(cluster, folded, labels)
        near[k] = candidates
        seen.update({folded[i] for i in candidates})
    wanted = max(MIN_REPEATS, (len(clusters) + 1) // 2)
    for k, cluster in enumerate(clusters):
        cluster.lines.extend(i for i in near[k] if seen[folded[i]] >= wanted)
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


def _identify(cluster: Cluster, folded: list[str], literal: Counter[str]) -> None:
    """The body, date, kind and organisation the block's lines give: only lines that
    recur word for word say which meeting (a date that changes is no meeting's)."""
    for i in cluster.lines:
        text = folded[i]
        if COUNTER_IN_LINE.search(text) and literal[text] < MIN_REPEATS:
            text = COUNTER_IN_LINE.sub(" ", text)  # `PROTOKOLL 3(8)`: the counter says nothing of the meeting
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
        if cluster.body is None and rest and BODY_WORD.search(rest) and not find_date(rest) and not DIGITS.search(rest):
            if len(rest.split()) <= PLAIN_MAX_WORDS and ":" not in rest:
                cluster.body = rest.capitalize() if rest.isupper() else rest

"""Document segmentation: the packet's cleaned lines cut into documents.

A document starts at a page header whose kind label is on its first page
(`MISSIV 1(2)`, `KALLELSE`), at a minutes page of another meeting, at a lone
`2023-02-13 RJL 2023/17` line (the kind label lost with a logo), at a kind word
alone on a line, and after the end of a minute extract. Minutes of one meeting
that carry no attendance are extracts: one document per §.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from paragraf.ingest.cleanup import DATE_CASE_RE, Line, PageHeader
from paragraf.ingest.headings import paragraph_heading, section_heading
from paragraf.ingest.text import DATE, case_number

KIND_WORDS = {
    "tjänsteskrivelse": "tjansteskrivelse",
    "missiv": "missiv",
    "skrivelse": "skrivelse",
    "reglemente": "reglemente",
    "arbetsordning": "arbetsordning",
    "protokollsutdrag": "protokollsutdrag",
    "verksamhetsberättelse": "verksamhetsberattelse",
    "verksamhetsplan": "plan",
    "rapport": "rapport",
}
KIND_WORD_RE = re.compile(rf"^({'|'.join(KIND_WORDS)})$", re.I)
DATE_ONLY_RE = re.compile(rf"^{DATE}$")
MINUTES_KINDS = ("protokoll", "protokollsutdrag")
ATTENDANCE_RE = re.compile(r"^(?:Närvarande|Beslutande|Närvarande ledamöter|Tjänstgörande ledamöter)\b", re.I)


@dataclass
class Segment:
    kind: str | None
    lines: list[Line]
    headers: list[PageHeader] = field(default_factory=list)
    date: str | None = None
    case_number: str | None = None
    labelled: bool = False

    @property
    def first_line(self) -> int:
        return self.lines[0].no

    @property
    def last_line(self) -> int:
        return max(line.last_no for line in self.lines)

    @property
    def meeting_key(self) -> tuple[str, str] | None:
        for header in self.headers:
            if header.body and header.date:
                return header.body, header.date
        return None

    def texts(self) -> list[str]:
        return [line.text for line in self.lines if line.text]


def segment(lines: list[Line]) -> list[Segment]:
    segments: list[Segment] = []
    current: Segment | None = None
    extract_ended = False
    full_minutes = False
    for index, line in enumerate(lines):
        start = _starts_document(line, lines, index, current, extract_ended and not full_minutes)
        if start is not None:
            current = start
            segments.append(current)
            extract_ended = full_minutes = False
        elif current is None:
            current = Segment(None, [])
            segments.append(current)
        current.lines.append(line)
        if line.header:
            current.headers.append(line.header)
        if current.kind in MINUTES_KINDS and line.text:
            if ATTENDANCE_RE.match(line.text):
                full_minutes = True
            if section_heading(line.text) == "pages":
                extract_ended = True
    out = []
    for seg in segments:
        if seg.kind in MINUTES_KINDS:
            out.extend(_split_minutes(seg))
        elif seg.lines and any(line.text for line in seg.lines):
            if seg.kind is None:
                seg.kind = classify_unlabelled(seg)
            out.append(seg)
    return out


def _starts_document(line: Line, lines: list[Line], index: int, current: Segment | None,
                     extract_ended: bool) -> Segment | None:
    header = line.header
    if header is not None:
        if header.kind in MINUTES_KINDS and header.body and header.date:
            if current is not None and current.kind in MINUTES_KINDS and current.meeting_key == (header.body, header.date):
                return None
            return Segment("protokoll", [], date=header.date, labelled=True)
        if current is not None and _same_kind(current.kind, header.kind) and _continues(header, current):
            return None
        if header.kind in MINUTES_KINDS:
            return Segment(header.kind, [], date=header.date, labelled=True)
        return Segment(header.kind, [], date=header.date, case_number=header.case_number, labelled=True)
    text = line.text
    if not text:
        return None
    m = DATE_CASE_RE.match(text)
    if m and m.group("case"):
        return Segment(None, [], date=m.group("date"), case_number=case_number(m.group("case")))
    if DATE_ONLY_RE.match(text) and _opens_document(lines, index):
        return Segment(None, [], date=text)
    if KIND_WORD_RE.match(text) and _previous_text(lines, index) is None:
        return Segment(KIND_WORDS[text.lower()], [])
    if extract_ended and current is not None and current.kind in MINUTES_KINDS and not re.fullmatch(r"\d{1,3}", text):
        return Segment(None, [])
    return None


def _same_kind(current: str | None, kind: str | None) -> bool:
    """Minutes and extracts count as one kind: an extract is read as minutes until it is split."""
    return current == kind or (current in MINUTES_KINDS and kind in MINUTES_KINDS)


def _continues(header: PageHeader, current: Segment) -> bool:
    """A later page of the current document: page 2(n) onwards, or the same date and case again."""
    if header.page is not None:
        return header.page > 1
    first = current.headers[0] if current.headers else None
    return first is not None and (header.date, header.case_number) == (first.date, first.case_number) and bool(header.date)


def _previous_text(lines: list[Line], index: int) -> str | None:
    for line in reversed(lines[max(0, index - 3):index]):
        if line.header:
            return None
        if line.text:
            return line.text
    return None


def _opens_document(lines: list[Line], index: int) -> bool:
    """A date alone opens a document when a kind word follows it, or when it stands
    after a signature (a name and title) rather than after a label or a bullet."""
    nxt = next((line.text for line in lines[index + 1:index + 4] if line.text), "")
    if KIND_WORD_RE.match(nxt):
        return True
    prev = _previous_text(lines, index)
    if prev is None:
        return False
    if prev.endswith((":", "daterad", "daterat", ",")) or prev.startswith(("•", "-")):
        return False
    return bool(re.search(r"(?:direktör|strateg|chef|ordförande|sekreterare|controller|handläggare|utvecklare)$", prev, re.I))


def _split_minutes(seg: Segment) -> list[Segment]:
    """Full minutes stay one document; extracts become one document per §."""
    has_attendance = any(line.text and ATTENDANCE_RE.match(line.text) for line in _before_first_paragraph(seg))
    if has_attendance:
        seg.kind = "protokoll"
        return [seg]
    parts: list[Segment] = []
    current = Segment("protokollsutdrag", [], date=seg.date, labelled=True)
    pending: list[Line] = []
    for line in seg.lines:
        if line.header:
            pending.append(line)
            continue
        heading = paragraph_heading(line.text) if line.text else None
        if heading and in_range(heading[0], seg.headers) and _has_paragraph(current):
            parts.append(current)
            current = Segment("protokollsutdrag", [], date=seg.date, labelled=True)
        for held in pending:
            current.lines.append(held)
            current.headers.append(held.header)
        pending = []
        current.lines.append(line)
    for held in pending:
        current.lines.append(held)
        current.headers.append(held.header)
    parts.append(current)
    return [part for part in parts if part.lines]


def in_range(number: int, headers: list[PageHeader]) -> bool:
    """A § number fits the `§§ a-b` range the page headers give (any number if none)."""
    ranges = [(h.first_paragraph, h.last_paragraph) for h in headers if h.first_paragraph is not None]
    return not ranges or any(lo <= number <= hi for lo, hi in ranges)


def _has_paragraph(seg: Segment) -> bool:
    return any(line.text and paragraph_heading(line.text) for line in seg.lines)


def _before_first_paragraph(seg: Segment) -> list[Line]:
    out = []
    for line, in_toc in zip(seg.lines, table_of_contents(seg.lines)):
        if not in_toc and line.text and paragraph_heading(line.text):
            break
        out.append(line)
    return out


TOC_START = re.compile(r"^(?:Innehållsförteckning|Innehåll|Ärendeförteckning|Paragrafer)\b")
TOC_ENTRY = re.compile(r"^§\s*\d+\s+\S.*\s\d{1,3}(?:\s*[-–]\s*\d{1,3})?$")


def table_of_contents(lines: list[Line]) -> list[bool]:
    """Which lines belong to a table of contents: from `Innehållsförteckning` to the
    next page, and on over a page break while the next page goes on listing §."""
    flags = []
    inside = False
    after_header = False
    for line in lines:
        if line.header:
            after_header = inside
            inside = False
        elif line.text and TOC_START.match(line.text):
            inside = True
        elif line.text and after_header:
            inside = bool(TOC_ENTRY.match(line.text))
            after_header = False
        flags.append(inside)
    return flags


def classify_unlabelled(seg: Segment) -> str:
    texts = seg.texts()
    head = texts[:4]
    for text in head:
        if KIND_WORD_RE.match(text):
            return KIND_WORDS[text.lower()]
    lowered = {t.lower().rstrip(":") for t in texts}
    if "information i ärendet" in lowered:
        return "tjansteskrivelse"
    if "förslag till beslut" in lowered:
        return "missiv"
    return "annat"

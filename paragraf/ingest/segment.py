"""Document segmentation: the packet's cleaned lines cut into documents.

A document starts at a page header whose kind label is on its first page
(`MISSIV 1(2)`, `KALLELSE`), at a minutes page of another meeting, at a lone
`2023-02-13 RJL 2023/17` line (the kind label lost with a logo), at a kind word
alone on a line, and after the end of a minute extract. Without a header of its
own, a document also starts after a letter's signature block (an attachment), at
a § heading over its case number (an extract whose header was lost), at a
report's title after an extract's recipients, and at the introduction of the
next report of several joined ones (`letters.py` reads these shapes). Minutes of
one meeting that carry no attendance are extracts: one document per §.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from paragraf.ingest.cleanup import DATE_CASE_RE, Line, PageHeader
from paragraf.ingest.headings import paragraph_heading, section_heading
from paragraf.ingest.letters import (LETTER_KINDS, attachment_kind, basis_kind, opens_attachment, opens_extract,
                                     self_kind, title_kind, title_like)
from paragraf.ingest.numbering import (in_range, minutes_shaped, paragraph_candidates, rising_chain, table_of_contents,
                                      titles_moved_down)
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


REPORT_KINDS = ("verksamhetsberattelse", "plan", "rapport")
INTRODUCTION_RE = re.compile(r"^(?:\d+\.?\s+)?Inledning$")
TOC_LINE_RE = re.compile(r"^(?P<title>\S.*?)\s*\.{5,}\s*\d{1,3}$")


@dataclass
class ReportProgress:
    """How far a report has come: its introduction, and the headings its table of
    contents lists. A report has one introduction: a second `Inledning` once the
    contents are gone through opens the next report of a packet that joins several."""

    introduced: bool = False
    contents: list[str] = field(default_factory=list)
    last_heading_seen: bool = False

    def next_report_starts(self, text: str) -> bool:
        m = TOC_LINE_RE.match(text) if "....." in text else None
        if m:
            self.contents.append(m.group("title"))
            return False
        if self.contents and text == self.contents[-1]:
            self.last_heading_seen = True
        if not text.endswith("Inledning") or not INTRODUCTION_RE.match(text):
            return False
        if not self.introduced:
            self.introduced = True
            return False
        return not self.contents or self.last_heading_seen


@dataclass
class Segment:
    kind: str | None
    lines: list[Line]
    headers: list[PageHeader] = field(default_factory=list)
    date: str | None = None
    case_number: str | None = None
    labelled: bool = False
    attachment: bool = False  # starts after a letter's signature, without a heading of its own
    at_packet_start: bool = False  # text before the first document start: no known shape
    report: ReportProgress = field(default_factory=lambda: ReportProgress())

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
    last_range_header: PageHeader | None = None
    after_recipients = False
    for index, line in enumerate(lines):
        start = _starts_document(line, lines, index, current, extract_ended and not full_minutes)
        if start is None and current is not None:
            start = _starts_inside(lines, index, current, last_range_header, after_recipients and not full_minutes)
        if start is not None:
            current = start
            segments.append(current)
            extract_ended = full_minutes = after_recipients = False
        elif current is None:
            current = Segment(None, [], at_packet_start=True)
            segments.append(current)
        current.lines.append(line)
        if line.header:
            current.headers.append(line.header)
            if line.header.kind in MINUTES_KINDS and line.header.first_paragraph is not None:
                last_range_header = line.header
        if current.kind in MINUTES_KINDS and line.text:
            if ATTENDANCE_RE.match(line.text):
                full_minutes = True
            if section_heading(line.text) == "pages":
                extract_ended = True
            if section_heading(line.text) or paragraph_heading(line.text):
                after_recipients = section_heading(line.text) == "recipients"
    _join_headless_start(segments)
    out = []
    previous: Segment | None = None
    for seg in segments:
        if seg.kind is None and minutes_shaped(seg.lines):
            seg.kind, seg.at_packet_start = "protokoll", False  # minutes read from their § alone: one document
            seg.lines = titles_moved_down(seg.lines, seg.headers)
            out.append(seg)
        elif seg.kind in MINUTES_KINDS:
            seg.lines = titles_moved_down(seg.lines, seg.headers)
            out.extend(_split_minutes(seg))
        elif seg.lines and any(line.text for line in seg.lines):
            if seg.kind is None:
                seg.kind = classify_unlabelled(seg, previous)
            out.append(seg)
        previous = out[-1] if out else None
    return out


def _join_headless_start(segments: list[Segment]) -> None:
    """§ read before the first page header of minutes (a text cut after its first
    page header) belong to those minutes."""
    if len(segments) < 2 or not segments[0].at_packet_start or segments[1].kind not in MINUTES_KINDS:
        return
    if not _minutes_begun(segments[0]):
        return
    first = segments.pop(0)
    segments[0].lines[:0] = first.lines


def _starts_inside(lines: list[Line], index: int, current: Segment,
                   last_range_header: PageHeader | None, after_recipients: bool) -> Segment | None:
    """A document that starts without a page header of its own: a minute extract
    (`§ 30` over its case number) inside other documents, an attachment after a
    letter's signature block, a report or plan titled right after an extract's
    recipients."""
    text = lines[index].text
    if current.kind in MINUTES_KINDS:
        if after_recipients and text and title_like(text) and title_kind([text]) is not None:
            return Segment(title_kind([text]), [], attachment=True)
        return None
    if current.kind == "kallelse" or current.at_packet_start:
        return None
    if opens_extract(lines, index):
        number = paragraph_heading(lines[index].text)[0]
        headers = [last_range_header] if last_range_header and in_range(number, [last_range_header]) else []
        return Segment("protokollsutdrag", [], headers=headers, date=headers[0].date if headers else None)
    if current.kind in LETTER_KINDS and not current.attachment and opens_attachment(lines, index):
        return Segment(title_kind([text]), [], attachment=True)
    if current.kind in REPORT_KINDS and text and current.report.next_report_starts(text):
        return Segment(current.kind, [], attachment=True, report=ReportProgress(introduced=True))
    return None


def _starts_document(line: Line, lines: list[Line], index: int, current: Segment | None,
                     extract_ended: bool) -> Segment | None:
    header = line.header
    if header is not None and header.running:
        return _running_start(header, current)
    if header is not None:
        if header.kind in MINUTES_KINDS and header.body and header.date:
            if current is not None and current.kind in MINUTES_KINDS and current.meeting_key == (header.body, header.date):
                return None
            return Segment("protokoll", [], date=header.date, labelled=True)
        if current is not None and _same_kind(current.kind, header.kind) and _continues(header, current):
            return None
        if current is not None and _next_page(header, current):
            current.kind = current.kind or header.kind
            return None
        if header.kind in MINUTES_KINDS:
            return Segment(header.kind, [], date=header.date, labelled=True)
        return Segment(header.kind, [], date=header.date, case_number=header.case_number, labelled=True)
    text = line.text
    if not text:
        return None
    m = DATE_CASE_RE.match(_with_wrapped_case(text, lines, index))
    if m and m.group("case"):
        return Segment(None, [], date=m.group("date"), case_number=case_number(m.group("case")))
    if DATE_ONLY_RE.match(text) and _opens_document(lines, index):
        return Segment(None, [], date=text)
    if KIND_WORD_RE.match(text) and _previous_text(lines, index) is None:
        return Segment(KIND_WORDS[text.lower()], [])
    if extract_ended and current is not None and current.kind in MINUTES_KINDS and not re.fullmatch(r"\d{1,3}", text):
        return Segment(None, [])
    return None


def _running_start(header: PageHeader, current: Segment | None) -> Segment | None:
    """A running header (furniture found by repetition) goes on with the document it runs
    through, makes minutes of the § read before the first of them, and starts a document
    only where it names another meeting or kind."""
    if current is None:
        return Segment(header.kind, [], date=header.date, labelled=True)
    if current.at_packet_start and header.kind in MINUTES_KINDS and _minutes_begun(current):
        current.kind, current.at_packet_start, current.labelled = header.kind, False, True
        current.date = current.date or header.date
        return None
    if _same_kind(current.kind, header.kind) and not _other_meeting(header, current):
        return None
    return Segment(header.kind, [], date=header.date, labelled=True)


def _minutes_begun(seg: Segment) -> bool:
    """The text so far holds a § or an attendance list: minutes whose header comes later."""
    return any(line.text and (paragraph_heading(line.text) or ATTENDANCE_RE.match(line.text)) for line in seg.lines)


def _other_meeting(header: PageHeader, current: Segment) -> bool:
    """The header names another body or date than the headers of the current document."""
    for seen in current.headers:
        if header.body and seen.body and header.body.casefold() != seen.body.casefold():
            return True
        if header.date and seen.date and header.date != seen.date:
            return True
    return False


WRAPPED_CASE_HEAD = re.compile(rf"^{DATE}\s+[A-ZÅÄÖ]{{1,5}}$")
CASE_TAIL = re.compile(r"^(?:19|20)\d\d/\d+$")


def _with_wrapped_case(text: str, lines: list[Line], index: int) -> str:
    """`2022-01-12 RJL` with `2020/2942` on the next line: the two as one line."""
    if not WRAPPED_CASE_HEAD.match(text):
        return text
    nxt = next((line for line in lines[index + 1:index + 3] if line.text or line.header), None)
    return f"{text} {nxt.text}" if nxt is not None and CASE_TAIL.match(nxt.text) else text


def _same_kind(current: str | None, kind: str | None) -> bool:
    """Minutes and extracts count as one kind: an extract is read as minutes until it is split."""
    return current == kind or (current in MINUTES_KINDS and kind in MINUTES_KINDS)


def _continues(header: PageHeader, current: Segment) -> bool:
    """A later page of the current document: page 2(n) onwards, or the same date and case again."""
    if header.page is not None:
        return header.page > 1
    first = current.headers[0] if current.headers else None
    return first is not None and (header.date, header.case_number) == (first.date, first.case_number) and bool(header.date)


def _next_page(header: PageHeader, current: Segment) -> bool:
    """Page n+1 of the current document under another kind label (a template that
    prints `MISSIV 2(2)` on the second page of a `TJÄNSTESKRIVELSE 1(2)`)."""
    if header.page is None or header.page < 2 or header.kind in MINUTES_KINDS or current.kind in MINUTES_KINDS:
        return False
    if not current.headers:  # a first page whose label was lost: only its `date case` line
        return header.page == 2 and current.kind is None and current.date is not None
    last = current.headers[-1]
    return last.pages == header.pages and last.page == header.page - 1


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
    """Full minutes stay one document, and so do minutes known from running headers
    alone (the § of a set of minutes without its cover page); extracts become one
    document per §."""
    has_attendance = any(line.text and ATTENDANCE_RE.match(line.text) for line in _before_first_paragraph(seg))
    if has_attendance or seg.headers and all(header.running for header in seg.headers):
        seg.kind = "protokoll"
        return [seg]
    parts: list[Segment] = []
    on_lines = {id(line.header) for line in seg.lines if line.header}
    inherited = [h for h in seg.headers if id(h) not in on_lines]  # an extract whose own header was lost
    meeting = next((h for h in seg.headers if h.body and h.date), None)
    opens = rising_chain(seg.lines, paragraph_candidates(seg.lines, seg.headers))
    current = Segment("protokollsutdrag", [], headers=list(inherited), date=seg.date, labelled=True)
    pending: list[Line] = []
    for index, line in enumerate(seg.lines):
        if line.header or (pending and not line.text):
            pending.append(line)  # a page header, and the blank lines after it, go with what follows
            continue
        if index in opens and _has_paragraph(current):
            parts.append(current)
            current = Segment("protokollsutdrag", [], headers=list(inherited), date=seg.date, labelled=True)
        _hold(current, pending)
        pending = []
        current.lines.append(line)
    _hold(current, pending)
    parts.append(current)
    for part in parts:  # § read before the first page header of the minutes are of the same meeting
        if meeting is not None and part.meeting_key is None:
            part.headers.insert(0, meeting)
    return [part for part in parts if part.lines]


def _hold(seg: Segment, lines: list[Line]) -> None:
    for line in lines:
        seg.lines.append(line)
        if line.header:
            seg.headers.append(line.header)


def _has_paragraph(seg: Segment) -> bool:
    return any(line.text and paragraph_heading(line.text) for line in seg.lines)


def _before_first_paragraph(seg: Segment) -> list[Line]:
    out = []
    for line, in_toc in zip(seg.lines, table_of_contents(seg.lines)):
        if not in_toc and line.text and paragraph_heading(line.text):
            break
        out.append(line)
    return out


def classify_unlabelled(seg: Segment, previous: Segment | None = None) -> str:
    """The kind of a document without a kind label: a kind word or title, how the
    letter before it names its attachment, the shape of a letter, how it names itself."""
    texts = seg.texts()
    head = texts[:4]
    for text in head:
        if KIND_WORD_RE.match(text):
            return KIND_WORDS[text.lower()]
    if previous is not None and previous.kind in ("missiv", "tjansteskrivelse", "skrivelse"):
        named = attachment_kind(previous.texts())
        if named:
            return named
    lowered = {t.lower().rstrip(":") for t in texts}
    titled = title_kind(texts)
    if titled and "förslag till beslut" not in lowered:
        return titled
    letter = "tjansteskrivelse" if "information i ärendet" in lowered else "missiv" if "förslag till beslut" in lowered else None
    if letter:
        listed = previous.texts() if previous is not None and previous.kind == "protokollsutdrag" else []
        return basis_kind(texts, seg.date) or basis_kind(listed, seg.date) or letter
    return titled or self_kind(texts) or "annat"

"""Minutes and minute extracts: the meeting header, attendance, signatories and every §."""
from __future__ import annotations

import re

from paragraf.ingest.cleanup import Line, PageHeader
from paragraf.ingest.dates import find_date
from paragraf.ingest.headings import paragraph_heading, section_heading
from paragraf.ingest.identity import cover_identity
from paragraf.ingest.marktables import add_table_votes, read_mark_tables, table_attendance, table_line_numbers
from paragraf.ingest.model import Attendee, Meeting, Signatories
from paragraf.ingest.numbering import left_out, paragraph_candidates, rising_chain
from paragraf.ingest.paragraph import learned_headings, paragraph_text, read_text
from paragraf.ingest.people import read_roster
from paragraf.ingest.segment import Segment
from paragraf.ingest.text import PERSON_RE, fold, split_person, time_range

ATTENDANCE_GROUPS = [
    (re.compile(r"^(?:Närvarande\s+)?(?:Beslutande|Tjänstgörande ledamöter|Närvarande ledamöter|Ledamöter)\b(?:\s+ledamöter)?\s*:?", re.I), "beslutande"),
    (re.compile(r"^Tjänstgörande ersättare\b\s*:?", re.I), "beslutande"),
    (re.compile(r"^(?:Ej tjänstgörande ersättare|Icke tjänstgörande ersättare|Närvarande ersättare|Ersättare)\b\s*:?", re.I), "ersättare"),
    (re.compile(r"^Adjungerade?\b\s*:?", re.I), "adjungerad"),
    (re.compile(r"^Personalrepresentant(?:er)?\b\s*:?", re.I), "personalrepresentant"),
    (re.compile(r"^(?:Övriga(?: närvarande| deltagare| deltagande)?|Tjänstemän|Närvarande tjänstemän|Tjänstepersoner|Övriga som deltar)\b\s*:?", re.I), "övriga"),
    (re.compile(r"^Närvarande\s*:?\s*$", re.I), None),
]
ATTENDANCE_STOP = re.compile(
    r"^(?:Justering|Justerare|Utses att justera|Justeringens|Underskrifter|Sekreterare|Paragrafer|Innehållsförteckning|Ordförande\s*$|§\s*\d)",
    re.I,
)
SIGN_LABELS = re.compile(
    r"^(Sekreterare|Nämndsekreterare|Ordförande|Protokolls?justerare|Justerare|Justerande|Ordf\.?|Vid protokollet|Justeras)\b"
    r"\s*:?\s*(.*)$", re.I)
SIGN_START = re.compile(r"^(?:Justering|Underskrifter|Sekreterare|Ordförande|Vid protokollet|Justeras\s*:?$)", re.I)
# The end of the minutes after the last §: the sign-off (`Vid protokollet`, `Justeras`)
# or the certification of an extract (`Utdraget bestyrks`, `Rätt utdraget intygar`).
SIGN_OFF_RE = re.compile(r"^(?:(?:Vid protokollet|Underskrifter|Sekreterare|Protokollförare)\b|Justeras\s*:?$)", re.I)
SIGN_OFF_TRIES = 5  # sign-off labels tried in the last §, to stay linear
# An annex after the last § (`Bilaga 1 till Ksau § 102`, `Omröstningsbilaga`): no part of it
ANNEX_RE = re.compile(r"^(?:Bilaga|BILAGA)\s+\d+\b.*§\s*\d+"
                      r"|^(?:Omröstningsbilaga|Voteringsbilaga|Reservationsbilaga|Omröstningslista|Voteringslista)\b", re.I)
CERTIFICATION_RE = re.compile(
    r"^(?:(?:Protokolls)?utdrag(?:et)? (?:bestyrks|bestyrkes|bestyrkt)|Rätt utdraget|Utdragsbestyrkande\b|Bestyrkande\s*:?$)", re.I)
# `Anna Berg, sekreterare` under the sign-off: the role after the name
ROLE_AFTER_NAME = re.compile(r"^(sekreterare|nämndsekreterare|protokollförare|ordförande|ordf\.?|justerare|justerande)$", re.I)
SIGN_END = re.compile(r"^(?:Protokollet (?:är justerat|justeras)|ANSLAG|BEVIS|Anslag|Organ\b|Sammanträdesdatum|Bevis)", re.I)
ADJUSTERS_RE = re.compile(r"^(?:Utses att justera|Protokolls?justerare|Justerare)\s*:?\s+(?P<names>.+)$", re.I)
ADJUSTERS_LABEL_RE = re.compile(r"^(?:Utses att justera|Protokolls?justerare|Justerare)\s*:?$", re.I)
PLACE_TIME_RE = re.compile(r"^Plats och tid\s*:?\s*(?P<rest>.+)$", re.I)
TIME_START = re.compile(r"^kl\.?\s*\d", re.I)
ADJOURNMENT_RE = re.compile(r"^(?:Ajournering|Ajournerat|Ajourneras|Paus)\b", re.I)


def read_minutes(seg: Segment) -> Meeting:
    """The meeting the segment records: header, attendance, signatories and every §."""
    header = _main_header(seg.headers)
    body, date = seg.meeting_key or (header.body if header else None, header.date if header else None)
    split_warnings: list[str] = []
    preamble, chunks = _split_paragraphs(seg, split_warnings)
    if not (body and date):
        cover = cover_identity(preamble)
        body, date = body or cover.body, date or cover.date
    meeting = Meeting(body=body or None, date=date or None, sources=[seg.kind], warnings=split_warnings)
    _read_times(meeting, seg.headers, seg.lines)
    tables = read_mark_tables(seg.lines)
    in_tables = table_line_numbers(seg.lines, tables)
    preamble = [line for line in preamble if line.no not in in_tables]
    spans = [(chunk[0].no, max(line.last_no for line in chunk)) for chunk in chunks]
    chunks = [[line for line in chunk if line.no not in in_tables] for chunk in chunks]
    closing = _cut_closing(chunks[-1]) if chunks else []
    if seg.kind == "protokoll":
        roster = read_roster(_unwrap_labels(preamble), ATTENDANCE_GROUPS, ATTENDANCE_STOP)
        meeting.attendance = [_attendee(e) for e in roster]
        if not any(a.group == "beslutande" for a in meeting.attendance):
            meeting.attendance[:0] = table_attendance(tables)
        meeting.signatories = _signatories(preamble, closing) or read_signatories(seg.lines)
    texts = [paragraph_text(chunk) for chunk in chunks]
    learned = learned_headings(texts)
    for heading in sorted(learned):
        meeting.warnings.append(f"heading {heading!r} is not in the section table (sections.HEADINGS); "
                                "read as the end of the section above it")
    for text in texts:
        meeting.paragraphs.append(read_text(text, meeting.warnings, learned, meeting.body))
    add_table_votes(meeting.paragraphs, tables, spans)
    return meeting


def _main_header(headers: list[PageHeader]) -> PageHeader | None:
    with_body = [h for h in headers if h.body and h.date]
    return with_body[0] if with_body else (headers[0] if headers else None)


def _read_times(meeting: Meeting, headers: list[PageHeader], lines: list[Line]) -> None:
    for h in headers:
        if h.date != meeting.date and meeting.date:
            continue
        if h.start_time and (meeting.start_time is None or (h.end_time and not meeting.end_time)):
            meeting.start_time, meeting.end_time = h.start_time, h.end_time or meeting.end_time
        meeting.adjournment = meeting.adjournment or h.adjournment
        meeting.place = meeting.place or h.place
    if meeting.start_time is None or meeting.place is None or not meeting.date:
        for index, line in enumerate(lines[:80]):
            m = PLACE_TIME_RE.match(line.text)
            if m:
                rest = m.group("rest")
                date = find_date(rest)  # `Kommunhuset, onsdagen den 3 maj 2023 kl. 13.00`
                meeting.date = meeting.date or (date.iso if date else None)
                start, end = time_range(rest[date.end:] if date else rest)
                for more in _value_lines(lines, index):
                    if ADJOURNMENT_RE.match(more.text):
                        meeting.adjournment = meeting.adjournment or _adjournment(more.text)
                    elif start is None:
                        start, end = time_range(more.text)
                meeting.start_time = meeting.start_time or start
                meeting.end_time = meeting.end_time or end
                place = re.split(r",?\s*(?:kl\.?\s*)?\d{1,2}[.:]\d\d|\s+(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)|\s+(?:19|20)\d\d-", rest[:date.start] if date else rest)[0]
                meeting.place = meeting.place or fold(place).strip(" ,") or None


def _value_lines(lines: list[Line], index: int) -> list[Line]:
    """The lines under a label's first line that go on with its value: up to a blank
    line or the next label (a line that starts in the label column)."""
    out: list[Line] = []
    for line in lines[index + 1:index + 6]:
        if not line.text or line.header:
            break
        if line.indent <= lines[index].indent and not (line.text[0].islower() or TIME_START.match(line.text)):
            break
        out.append(line)
    return out


def _adjournment(text: str) -> str | None:
    start, end = time_range(text)
    if start is None:
        return None
    return f"{start}-{end}" if end else start


def _split_paragraphs(seg: Segment, warnings: list[str]) -> tuple[list[Line], list[list[Line]]]:
    """The lines before the first §, and the lines of each §: the headings of the
    rising chain of § numbers open them (`numbering.py`). A heading of the § that
    is being read (`§ 29 (forts.)`, or `§ 29` again after a page break) is page
    furniture of that §: kept as a header line, with the title lines it repeats."""
    candidates = paragraph_candidates(seg.lines, seg.headers)
    chain = rising_chain(seg.lines, candidates)
    headings = dict(candidates)
    for index in left_out(seg.lines, candidates, chain):
        warnings.append(f"line {seg.lines[index].no}: {seg.lines[index].text!r} reads as a § heading but breaks the "
                        "numbering of the § around it; read as text of the § above it")
    preamble: list[Line] = []
    chunks: list[list[Line]] = []
    number = None
    repeated_title: list[str] = []
    for index, line in enumerate(seg.lines):
        if index in chain:
            chunks.append([line])
            number = headings[index].number
            repeated_title = []
            continue
        if index in headings and chunks and headings[index].number == number:
            chunks[-1].append(Line(line.no, "", PageHeader(line.text, None, None, None, first_line=line.no)))
            repeated_title = _title_lines(chunks[-1])
            continue
        if repeated_title and line.text:
            if line.text == repeated_title[0]:
                repeated_title.pop(0)
                chunks[-1].append(Line(line.no, "", PageHeader(line.text, None, None, None, first_line=line.no)))
                continue
            repeated_title = []
        if chunks:
            chunks[-1].append(line)
        else:
            preamble.append(line)
    return preamble, chunks


def _title_lines(chunk: list[Line]) -> list[str]:
    """The first text lines of a § after its heading: what a repeated heading may repeat."""
    return [line.text for line in chunk[1:8] if line.text and not line.header][:4]


def _unwrap_labels(lines: list[Line]) -> list[Line]:
    """A label wrapped in the label column (`Ej tjänstgörande   Anna Ek (S)` over
    `ersättare          Bo Al (M)`) joined back onto its first line, so the roster
    sees `Ej tjänstgörande ersättare Anna Ek (S)` and `Bo Al (M)`."""
    out = list(lines)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if not first.text or not second.text or first.header or second.header:
            continue
        head, head_value = _label_cell(first)
        tail, tail_value = _label_cell(second)
        if not head or not tail or not tail[0].islower() or second.indent != first.indent:
            continue
        label = f"{head} {tail}"
        if not any(pattern.fullmatch(label) for pattern, _ in ATTENDANCE_GROUPS):
            continue
        out[i] = Line(first.no, fold(f"{label} {head_value}"), raw=first.raw, indent=first.indent)
        out[i + 1] = Line(second.no, tail_value, raw=second.raw, indent=second.indent)
    return out


def _label_cell(line: Line) -> tuple[str, str]:
    """The label column of a line and the rest: cells are three or more spaces apart."""
    parts = re.split(r"\s{3,}", line.raw or line.text, maxsplit=1)
    if len(parts[0].split()) > 3:
        return "", ""
    return fold(parts[0]), fold(parts[1]) if len(parts) > 1 else ""


def _cut_closing(chunk: list[Line]) -> list[Line]:
    """Cut the sign-off or certification that follows the last § off its text and
    return it; trailing page headers and blank lines go with it."""
    start = None
    tries = 0
    for index, line in enumerate(chunk[1:], 1):
        if CERTIFICATION_RE.match(line.text) or ANNEX_RE.match(line.text):
            start = index
            break
        if SIGN_OFF_RE.match(line.text) and tries < SIGN_OFF_TRIES:
            tries += 1
            if read_signatories(chunk[index:]):
                start = index
                break
    if start is None:
        return []
    while start > 1 and not chunk[start - 1].text:
        start -= 1
    closing = chunk[start:]
    del chunk[start:]
    return closing


def _signatories(preamble: list[Line], closing: list[Line]) -> Signatories | None:
    """The sign-off from the first page and from after the last §, one filling the other's gaps."""
    first, last = read_signatories(preamble), read_signatories(closing)
    if not (first and last):
        return first or last
    return Signatories(first.secretary or last.secretary, first.chair or last.chair,
                       first.adjusters or last.adjusters)


def _attendee(entry) -> Attendee:
    return Attendee(entry.name, entry.party, entry.group, entry.role, entry.replaces, entry.paragraphs, entry.line)


def read_signatories(lines: list[Line]) -> Signatories | None:
    """The sign-off block: labels (Sekreterare, Ordförande, Justerare) and the names
    under or beside them; in flattened columns names follow the labels' order."""
    labels: list[str] = []
    names: list[str] = []
    explicit: dict[str, list[str]] = {}
    inside = False
    for line in lines:
        text = _sign_text(line.text)
        if not inside:
            if SIGN_START.match(line.text) and not section_heading(text):
                inside = True
            else:
                continue
        if not text:
            continue
        if SIGN_END.match(text) or paragraph_heading(text):
            break
        m = SIGN_LABELS.match(text)
        if m:
            label = _sign_role(m.group(1))
            rest = m.group(2).strip()
            if rest and split_person(rest):
                explicit.setdefault(label, []).append(split_person(rest).name)
            else:
                labels.append(label)
            continue
        if text.lower().startswith("justering"):
            continue
        for column in _columns(line):
            person = split_person(column)
            if person and not person.rest:
                names.append(person.name)
            elif person and ROLE_AFTER_NAME.match(person.rest):
                explicit.setdefault(_sign_role(person.rest), []).append(person.name)
    result = Signatories()
    for label, value in explicit.items():
        if label == "adjusters":
            result.adjusters.extend(value)
        elif label == "secretary":
            result.secretary = value[0]
        else:
            result.chair = value[0]
    queue = list(names)
    for label in labels:
        if not queue:
            break
        if label == "adjusters":
            result.adjusters.extend(n for n in queue if n not in result.adjusters)
            queue = []
        elif label == "secretary" and result.secretary is None:
            result.secretary = queue.pop(0)
        elif label == "chair" and result.chair is None:
            result.chair = queue.pop(0)
    named = _adjusters_named(lines)
    if named:
        result.adjusters = named
    if not result.adjusters:
        result.adjusters = _adjusters_below_label(lines)
    if not (result.secretary or result.chair or result.adjusters):
        return None
    return result


def _sign_text(text: str) -> str:
    """A sign-off line without dotted signature leaders and the `Underskrifter` label."""
    text = re.sub(r"\.{4,}|_{4,}", " ", text)
    text = re.sub(r"^Underskrifter\b|\bParagrafer\b.*$", "", text, flags=re.I)
    return fold(text)


def _columns(line: Line) -> list[str]:
    """Names side by side in columns (`Maria Holm      Erik Sand`)."""
    raw = re.sub(r"\.{4,}|_{4,}", "   ", line.raw or line.text)
    parts = [fold(p) for p in re.split(r"\s{3,}", raw) if fold(p)]
    return parts or [line.text]


def _sign_role(label: str) -> str:
    label = label.lower()
    if "sekreterare" in label or label in ("protokollförare", "vid protokollet"):
        return "secretary"
    if label.startswith("ordf"):
        return "chair"
    return "adjusters"


def _adjusters_named(lines: list[Line]) -> list[str]:
    for line in lines:
        m = ADJUSTERS_RE.match(line.text or "")
        if m:
            return _names_in(m.group("names"))
    return []


def _adjusters_below_label(lines: list[Line]) -> list[str]:
    """`Justerare` alone with `A (S) och B (M)` on the next line."""
    texts = [line.text for line in lines if line.text]
    for text, below in zip(texts, texts[1:]):
        if ADJUSTERS_LABEL_RE.match(text) and PERSON_RE.match(below):
            return _names_in(below)
    return []


def _names_in(text: str) -> list[str]:
    parts = re.split(r",|\boch\b", text)
    return [p.name for p in (split_person(x.strip()) for x in parts if x.strip()) if p]



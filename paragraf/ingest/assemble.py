"""From cleaned lines to the whole packet: documents, meetings (merged across the
documents that record them), indicators and the registers reported to meetings."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from paragraf.ingest.cleanup import clean
from paragraf.ingest.control_plan import read_control_plans
from paragraf.ingest.delegation_scheme import read_delegation_schemes
from paragraf.ingest.headings import section_heading
from paragraf.ingest.identity import OPTION, MeetingHints, missing_warning
from paragraf.ingest.fulfilment import read_fulfilment
from paragraf.ingest.indicators import read_indicators
from paragraf.ingest.internal_control import read_internal_control
from paragraf.ingest.reports import name_reports, name_untitled_reports
from paragraf.ingest.minutes import read_minutes
from paragraf.ingest.model import Document, Indicator, InternalControlReport, Meeting, Paragraph, Register, StatedFulfilment
from paragraf.ingest.model import DelegationScheme, InternalControlPlan
from paragraf.ingest.notice import read_notice
from paragraf.ingest.registers import read_registers
from paragraf.ingest.letters import title_kind, title_like
from paragraf.ingest.segment import INTRODUCTION_RE, MINUTES_KINDS, Segment, segment
from paragraf.ingest.text import BODY_WORD, DATE_RE, case_number, ends_open, join_lines



@dataclass
class Packet:
    documents: list[Document] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    registers: list[Register] = field(default_factory=list)
    fulfilment: list[StatedFulfilment] = field(default_factory=list)
    internal_control: list[InternalControlReport] = field(default_factory=list)
    internal_control_plans: list[InternalControlPlan] = field(default_factory=list)
    delegation_schemes: list[DelegationScheme] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    text_lines: list[tuple[int, str]] = field(default_factory=list)  # (source line, cleaned text) of every kept text line


def read_packet(raw_lines: list[str], hints: MeetingHints | None = None) -> Packet:
    hints = hints or MeetingHints()
    cleaned = clean(raw_lines)
    segments = segment(cleaned.lines)
    packet = Packet(text_lines=[(line.no, line.text) for line in cleaned.lines if line.text])
    meetings: dict[tuple[str, str], Meeting] = {}
    for seg in segments:
        meeting = None
        if seg.kind == "kallelse":
            meeting = read_notice(seg)
        elif seg.kind in MINUTES_KINDS:
            meeting = read_minutes(seg)
        if meeting is not None:
            _identify(meeting, hints)
        packet.documents.append(_document(seg, meeting))
        if meeting is not None:
            if not meeting.paragraphs and not (meeting.body and meeting.date):
                packet.warnings.append(f"line {seg.first_line}: {seg.kind} without a body or date; not read as a meeting")
                continue
            _merge(meetings, meeting)
    packet.meetings = list(meetings.values())
    for meeting in packet.meetings:
        meeting.paragraphs.sort(key=lambda p: p.number)
    packet.indicators = read_indicators(cleaned.lines)
    packet.registers = read_registers(cleaned.lines)
    name_untitled_reports(packet.documents, cleaned.lines)
    name_reports(packet.indicators, packet.documents)
    packet.fulfilment = read_fulfilment(cleaned.lines, packet.indicators)
    packet.internal_control = read_internal_control(cleaned.lines)
    packet.internal_control_plans = read_control_plans(cleaned.lines, raw_lines)
    packet.delegation_schemes = read_delegation_schemes(cleaned.lines)
    if not packet.meetings:
        packet.warnings.append("no meeting found: no notice or minutes in a known layout")
    return packet


def _identify(meeting: Meeting, hints: MeetingHints) -> None:
    """The body and date the text does not give, from the caller's hints; a warning
    naming the option for what neither gives; a warning where they disagree."""
    for name in ("body", "date"):
        written, hinted = getattr(meeting, name) or None, getattr(hints, name)
        if written is None:
            setattr(meeting, name, hinted)
            if hinted is None:
                meeting.warnings.insert(0, missing_warning(name))
        elif hinted is not None and _body_key(str(written)) != _body_key(hinted):
            meeting.warnings.insert(0, f"the text gives the {name} {written!r}; {OPTION[name]} {hinted!r} not used")


def _merge(meetings: dict[tuple[str, str], Meeting], new: Meeting) -> None:
    key = (_body_key(new.body or ""), new.date or "")
    old = meetings.get(key)
    if old is None:
        meetings[key] = new
        return
    for source in new.sources:
        if source not in old.sources:
            old.sources.append(source)
    for name in ("start_time", "end_time", "adjournment", "place", "signatories"):
        if getattr(old, name) is None:
            setattr(old, name, getattr(new, name))
    if old.end_time is None and new.end_time:
        old.start_time, old.end_time = new.start_time, new.end_time
    for name in ("agenda", "invited", "attendance"):
        if not getattr(old, name):
            setattr(old, name, getattr(new, name))
    old.warnings.extend(w for w in new.warnings if w not in old.warnings)
    numbers = {p.number: i for i, p in enumerate(old.paragraphs)}
    for para in new.paragraphs:
        if para.number not in numbers:
            old.paragraphs.append(para)
        elif _richness(para) > _richness(old.paragraphs[numbers[para.number]]):
            old.paragraphs[numbers[para.number]] = para


def _richness(para: Paragraph) -> int:
    return len(para.decision or "") + 50 * len(para.recipients) + 50 * len(para.votes)


def _body_key(body: str) -> str:
    return re.sub(r"\s+", " ", body).strip().casefold()


def _document(seg: Segment, meeting: Meeting | None) -> Document:
    title: str | None
    if seg.kind in ("kallelse", "protokoll"):
        title = meeting.body if meeting else None
    elif seg.kind == "protokollsutdrag":
        title = meeting.paragraphs[0].title if meeting and meeting.paragraphs else None
    else:
        title = _title(seg)
    date = seg.date or (meeting.date if meeting else None)
    case = seg.case_number or _case_line(seg)
    if seg.kind == "protokollsutdrag" and meeting and meeting.paragraphs:
        case = meeting.paragraphs[0].case_number
    return Document(seg.kind or "annat", title, date, case, seg.first_line, seg.last_line)


STAMP_RE = re.compile(r"^(?:Godkänt av|Gäller från|Innehållsansvarig|Kapitel|Dokument ?ID|Version\s+\d|Fastställd|Beslutad av)\b", re.I)
CASE_LINE_RE = re.compile(r"^(?:Dnr\.?\s*:?\s*)?[A-ZÅÄÖ]{0,5}\s*(?:19|20)\d\d/\d+$")
YEARS_RE = re.compile(r"^(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?$")
RUNNING_TITLE_RE = re.compile(r"^(?P<title>[^,]{2,60}, [A-ZÅÄÖ][\wåäö ]{2,40}?)\s+\d{1,3}\(\d{1,3}\)$")
KIND_TITLE_RE = re.compile(r"^[A-ZÅÄÖ][a-zåäö]+(?:\s+(?:19|20)\d\d)?$")  # `Verksamhetsberättelse 2022`, then the unit
TITLE_MAX_LINES = 3
TITLE_WINDOW = 60  # cleaned lines searched for a document's title
LETTER_HEAD_LINES = 12  # text lines of a letter head (addressee, sender, title) over its first heading


def _title(seg: Segment) -> str | None:
    """The title of a document: in a letter, the block of lines over its first heading;
    else its first lines, after an addressee, date and case lines and a document stamp."""
    lines = [line.text for line in seg.lines[:TITLE_WINDOW] if not line.header]
    lines = [t for t in lines if not t or not (DATE_RE.fullmatch(t.split(" ")[0]) or CASE_LINE_RE.match(t)
             or STAMP_RE.match(t) or t.lower() in ("tjänsteskrivelse", "missiv", "skrivelse"))]
    texts = [t for t in lines if t]
    if texts and INTRODUCTION_RE.match(texts[0]):
        return _running_title(seg)
    heading = next((i for i, text in enumerate(lines) if text and _heading(text)), None)
    if heading is not None and len([t for t in lines[:heading] if t]) <= LETTER_HEAD_LINES:
        block = _block_before(lines, heading)
        if block and all(title_like(text) or ends_open(text) for text in block):
            return join_lines(block)  # a letter: the title is the block over its first heading
        if block:
            texts = block
    elif len(texts) > 1 and BODY_WORD.search(texts[0]) and len(texts[0].split()) <= 6 and not title_kind(texts[:1]):
        texts = texts[1:]  # the addressee
    parts: list[str] = []
    for text in texts[:TITLE_MAX_LINES]:
        if _heading(text) or (parts and not _title_goes_on(parts, text)):
            break
        parts.append(text)
        if text.endswith("."):
            break
    return join_lines(parts) or None


def _block_before(lines: list[str], end: int) -> list[str]:
    """The blank-line separated block of text lines that ends just before index `end`."""
    block: list[str] = []
    for text in reversed(lines[:end]):
        if not text:
            if block:
                break
            continue
        block.insert(0, text)
    return block


def _heading(text: str) -> bool:
    return bool(section_heading(text)) or text.lower().startswith(("förslag till beslut", "sammanfattning", "bakgrund"))


def _title_goes_on(parts: list[str], text: str) -> bool:
    """A title wraps onto the next line when it stops open, when the next line goes on
    in lower case or gives the years, or after a lone kind word (and its year)."""
    last = parts[-1]
    if ends_open(last) or text[:1].islower() or YEARS_RE.match(text):
        return True
    so_far = join_lines(parts)
    return bool(KIND_TITLE_RE.match(so_far)) and title_kind([so_far]) is not None


def _case_line(seg: Segment) -> str | None:
    """A case number alone on one of a document's first lines (`RJL 2023/241` under the kind label)."""
    texts = [line.text for line in seg.lines[:12] if line.text][:3]
    return next((case_number(t) for t in texts if CASE_LINE_RE.match(t)), None)


def _running_title(seg: Segment) -> str | None:
    """A report without its title page: the running title of its pages (`IT-centrum, Verksamhetsberättelse 16(25)`)."""
    for line in seg.lines:
        m = RUNNING_TITLE_RE.match(line.text) if line.text else None
        if m:
            return m.group("title")
    return None

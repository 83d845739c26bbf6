"""From cleaned lines to the whole packet: documents, meetings (merged across the
documents that record them) and indicators."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from paragraf.ingest.cleanup import clean
from paragraf.ingest.headings import section_heading
from paragraf.ingest.indicators import read_indicators
from paragraf.ingest.minutes import read_minutes
from paragraf.ingest.model import Document, Indicator, Meeting, Paragraph
from paragraf.ingest.notice import read_notice
from paragraf.ingest.segment import MINUTES_KINDS, Segment, segment
from paragraf.ingest.text import DATE_RE, join_lines

BODY_WORDS = re.compile(r"nämnd|styrelse|fullmäktige|utskott|presidi|beredning|förbund|råd\b|direktion", re.I)


@dataclass
class Packet:
    documents: list[Document] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_packet(raw_lines: list[str]) -> Packet:
    cleaned = clean(raw_lines)
    segments = segment(cleaned.lines)
    packet = Packet()
    meetings: dict[tuple[str, str], Meeting] = {}
    for seg in segments:
        meeting = None
        if seg.kind == "kallelse":
            meeting = read_notice(seg)
        elif seg.kind in MINUTES_KINDS:
            meeting = read_minutes(seg)
        packet.documents.append(_document(seg, meeting))
        if meeting is not None:
            if not meeting.body or not meeting.date:
                packet.warnings.append(f"line {seg.first_line}: {seg.kind} without a body or date; not read as a meeting")
                continue
            _merge(meetings, meeting)
    packet.meetings = list(meetings.values())
    for meeting in packet.meetings:
        meeting.paragraphs.sort(key=lambda p: p.number)
    packet.indicators = read_indicators(cleaned.lines)
    if not packet.meetings:
        packet.warnings.append("no meeting found: no notice or minutes in a known layout")
    return packet


def _merge(meetings: dict[tuple[str, str], Meeting], new: Meeting) -> None:
    key = (_body_key(new.body), new.date)
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
    case = seg.case_number
    if seg.kind == "protokollsutdrag" and meeting and meeting.paragraphs:
        case = meeting.paragraphs[0].case_number
    return Document(seg.kind or "annat", title, date, case, seg.first_line, seg.last_line)


def _title(seg: Segment) -> str | None:
    """The first lines of a document up to its first heading, skipping an addressee."""
    lines = [line.text for line in seg.lines[:30] if line.text]
    lines = [t for t in lines if not DATE_RE.fullmatch(t.split(" ")[0] if t else "") and t.lower() not in
             ("tjänsteskrivelse", "missiv", "skrivelse")]
    parts: list[str] = []
    for text in lines[:6]:
        if section_heading(text) or text.lower().startswith(("förslag till beslut", "sammanfattning", "bakgrund")):
            break
        parts.append(text)
    if len(parts) > 1 and BODY_WORDS.search(parts[0]) and len(parts[0].split()) <= 6:
        parts = parts[1:]
    return join_lines(parts[:3]) or None

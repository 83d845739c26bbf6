"""The notice (kallelse, kungörelse, föredragningslista): meeting, agenda and the invited."""
from __future__ import annotations

import re

from paragraf.ingest.cleanup import Line
from paragraf.ingest.model import AgendaItem, Invitee, Meeting
from paragraf.ingest.people import read_roster
from paragraf.ingest.segment import Segment
from paragraf.ingest.text import NOT_SERIES, DATE_RE, case_number, ends_open, fold, join_lines, time_range

ITEM_RE = re.compile(r"^(?:§\s*)?(\d{1,3})\.?\s+(?P<title>\S.*)$")
CASE_TAIL_RE = re.compile(r"(?:,?\s+|\s*\(\s*)(?:Dnr\.?\s*:?\s*)?(?P<case>(?:[A-ZÅÄÖ]{1,5}\s*)?(?:19|20)\d\d/\d+)\s*\)?$")
BARE_CASE_RE = re.compile(r"^(?:Dnr\.?\s*:?\s*)?(?:[A-ZÅÄÖ]{1,5}\s*)?(?:19|20)\d\d/\d+$")
PRESENTER_RE = re.compile(r"^(?:Föredragande|Föredragande tjänsteperson|Föredras av|Ansvarig)\s*:\s*(?P<who>.*)$", re.I)
AGENDA_START = re.compile(r"^(?:Ärenden|Ärendelista|Föredragningslista|Dagordning|Ärende)\s*:?$", re.I)
ROSTER_START = re.compile(r"^(?:Kallade|Kallelse till|Ordinarie ledamöter|Ledamöter|För kännedom)\s*:?$", re.I)
SECTION_HINT = re.compile(r"ärenden|^övrigt$|^information|^beslut|^val\b|^anmälningar|^avslutning|^inledning|^övriga|^motioner|^interpellationer|^frågor$", re.I)
INVITED_GROUPS = [
    (re.compile(r"^(?:Ordinarie ledamöter|Ledamöter|Ledamot)\b\s*:?", re.I), "ledamot"),
    (re.compile(r"^(?:Ersättare|Ersättarna)\b\s*:?", re.I), "ersättare"),
    (re.compile(r"^Adjungerade?\b\s*:?", re.I), "adjungerad"),
    (re.compile(r"^(?:Regionråd|Kommunalråd|Oppositionsråd)\b\s*:?", re.I), "regionråd"),
    (re.compile(r"^(?:Tjänstemän|Tjänsteman|Tjänstepersoner|Övriga tjänstemän)\b\s*:?", re.I), "tjänsteman"),
    (re.compile(r"^Personalrepresentant(?:er)?\b\s*:?", re.I), "personalrepresentant"),
    (re.compile(r"^(?:Kallade|För kännedom)\s*:?$", re.I), None),
]
ROSTER_STOP = re.compile(r"^(?:Anmälan om förhinder|Förhinder|Välkomna|Sekreterare\s*$|Ordförande\s*$)", re.I)
HEAD_FIELDS = re.compile(r"^(?:Tid|Plats|Datum|Plats och tid|Sammanträdesdatum)\s*:?\s", re.I)


def read_notice(seg: Segment) -> Meeting:
    header = next((h for h in seg.headers if h.body), seg.headers[0] if seg.headers else None)
    meeting = Meeting(body=(header.body if header else "") or "", date=(header.date if header else "") or "",
                      sources=["kallelse"])
    for h in seg.headers:
        if h.start_time and (meeting.start_time is None or (h.end_time and not meeting.end_time)):
            meeting.start_time, meeting.end_time = h.start_time, h.end_time or meeting.end_time
        meeting.place = meeting.place or h.place
    body_lines = [line for line in seg.lines if not line.header]
    if not meeting.date or not meeting.body:
        _fill_from_text(meeting, body_lines)
    agenda_lines, roster_lines = _split(body_lines)
    meeting.agenda = read_agenda(agenda_lines)
    meeting.invited = [Invitee(e.name, e.party, e.group, e.role, e.line)
                       for e in read_roster(roster_lines, INVITED_GROUPS, ROSTER_STOP)]
    return meeting


def _fill_from_text(meeting: Meeting, lines: list[Line]) -> None:
    for line in lines[:40]:
        text = line.text
        if not meeting.date:
            m = DATE_RE.search(text)
            if m and HEAD_FIELDS.match(text):
                meeting.date = m.group(0)
                meeting.start_time, meeting.end_time = time_range(text[m.end():])
        m = re.match(r"^Plats\s*:?\s+(.+)$", text, re.I)
        if m and not meeting.place:
            meeting.place = m.group(1)


def _split(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    for i, line in enumerate(lines):
        if line.text and ROSTER_START.match(line.text):
            return lines[:i], lines[i:]
    return lines, []


def read_agenda(lines: list[Line]) -> list[AgendaItem]:
    items: list[AgendaItem] = []
    section: str | None = None
    started = False
    open_title: list[str] | None = None  # title lines of the last item, while it may still wrap
    texts = [line for line in lines if line.text]
    for index, line in enumerate(texts):
        text = line.text
        if AGENDA_START.match(text):
            started = True
            continue
        m = ITEM_RE.match(text)
        expected = (items[-1].number + 1) if items else None
        if m and not BARE_CASE_RE.match(text) and (expected is None and int(m.group(1)) <= 3 or int(m.group(1)) == expected):
            started = True
            item = AgendaItem(int(m.group(1)), "", None, section, line=line.no)
            items.append(item)
            open_title = [m.group("title")]
            _set_title(item, open_title)
            continue
        if not started or not items:
            continue
        item = items[-1]
        presenter = PRESENTER_RE.match(text)
        if presenter:
            item.presenter = fold(presenter.group("who")) or None
            continue
        if BARE_CASE_RE.match(text):
            if item.case_number is None:
                item.case_number = case_number(text)
            open_title = None
            continue
        if SECTION_HINT.search(text) and _next_is_item(texts, index, item.number + 1):
            section = text
            open_title = None
            continue
        if open_title is not None and _continues(open_title, text, texts, index):
            open_title.append(text)
            _set_title(item, open_title)
            continue
        open_title = None
    return items


def _set_title(item: AgendaItem, parts: list[str]) -> None:
    title = join_lines(parts)
    m = CASE_TAIL_RE.search(title)
    if m and m.group("case").split()[0].upper() in NOT_SERIES:
        m = re.search(r"\s(?P<case>(?:19|20)\d\d/\d+)$", title)
    if m:
        item.case_number = case_number(m.group("case"))
        if not title[: m.start() + 1].rstrip().endswith(","):
            title = title[: m.start()].rstrip(" ,")
    item.title = title


def _continues(parts: list[str], text: str, texts: list[Line], index: int) -> bool:
    if text[0].islower() or ends_open(parts[-1]):
        return True
    nxt = texts[index + 1].text if index + 1 < len(texts) else ""
    return bool(BARE_CASE_RE.match(nxt))


def _next_is_item(texts: list[Line], index: int, number: int) -> bool:
    for line in texts[index + 1:index + 3]:
        m = ITEM_RE.match(line.text)
        if m:
            return int(m.group(1)) == number
    return False

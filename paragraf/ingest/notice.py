"""The notice (kallelse, kungörelse, föredragningslista): meeting, agenda and the invited."""
from __future__ import annotations

import re

from paragraf.ingest.cleanup import CONVENES_RE, Line
from paragraf.ingest.columns import unfold_columns
from paragraf.ingest.dates import find_date
from paragraf.ingest.model import AgendaItem, Invitee, Meeting
from paragraf.ingest.people import read_roster
from paragraf.ingest.segment import Segment
from paragraf.ingest.text import BODY_WORD, NOT_SERIES, case_number, ends_open, fold, join_lines, time_range

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
    (re.compile(r"^(?:Personalrepresentant(?:er)?|Personalföreträdare|Fackliga (?:företrädare|representanter))\b\s*:?", re.I), "personalrepresentant"),
    (re.compile(r"^(?:Kallade|För kännedom)\s*:?$", re.I), None),
]
ROSTER_STOP = re.compile(r"^(?:Anmälan om förhinder|Förhinder|Välkomna|Sekreterare\s*$|Ordförande\s*$)", re.I)
# Labels of the notice's own fields: the meeting's date and time, and its place.
MEETING_TIME_FIELD = re.compile(
    r"^(?:Tid|Tidpunkt|Datum och tid|Tid och datum|Tid och plats|Plats och tid|Sammanträdesdatum|Mötesdatum|TID|DATUM OCH TID)\s*:?\s+(?P<rest>.+)$")
DATE_FIELD = re.compile(r"^(?:Datum|DATUM)\s*:?\s+(?P<rest>.+)$")
PLACE_FIELD = re.compile(r"^(?:Plats|PLATS|Lokal\s*:)(?!\s+och\b)\s*:?\s+(?P<place>.+)$")
PLACE_IN_PROSE = re.compile(r"(?:^|\s)(?:i|på)\s+(?P<place>[A-ZÅÄÖ].*?)\.?$")
HEAD_WINDOW = 40


def read_notice(seg: Segment) -> Meeting:
    header = next((h for h in seg.headers if h.body), seg.headers[0] if seg.headers else None)
    meeting = Meeting(body=(header.body if header else None) or None, date=(header.date if header else None) or None,
                      sources=["kallelse"])
    for h in seg.headers:
        if h.start_time and (meeting.start_time is None or (h.end_time and not meeting.end_time)):
            meeting.start_time, meeting.end_time = h.start_time, h.end_time or meeting.end_time
        meeting.place = meeting.place or h.place
    body_lines = unfold_columns([line for line in seg.lines if not line.header], _is_group_heading)
    _read_fields(meeting, body_lines)
    agenda_lines, roster_lines = _split(body_lines)
    meeting.agenda = read_agenda(agenda_lines)
    meeting.invited = [Invitee(e.name, e.party, e.group, e.role, e.line)
                       for e in read_roster(roster_lines, INVITED_GROUPS, ROSTER_STOP)]
    return meeting


def _read_fields(meeting: Meeting, lines: list[Line]) -> None:
    """The notice's fields at its top: `Tid`, `Plats`, or the sentence `Kommunfullmäktige
    sammanträder måndagen den 5 juni 2023 kl. 18.30 i Stadshuset`. The date of the
    meeting given there wins over the notice's own date in the page header, and a
    `Tid` field over a `Datum` field."""
    own_date = False
    for line in [line for line in lines if line.text][:HEAD_WINDOW]:
        text = line.text
        if AGENDA_START.match(text) or ROSTER_START.match(text):
            break
        convenes = CONVENES_RE.search(text)
        if convenes and BODY_WORD.search(text[: convenes.start()]):
            meeting.body = meeting.body or fold(text[: convenes.start()])
            rest = text[convenes.end():]
            own_date = _read_when(meeting, rest, override=not own_date) or own_date
            place = PLACE_IN_PROSE.search(_after_when(rest))
            meeting.place = meeting.place or (place.group("place") if place else None)
            continue
        m = MEETING_TIME_FIELD.match(text)
        if m:
            own_date = _read_when(meeting, m.group("rest"), override=not own_date) or own_date
            continue
        m = DATE_FIELD.match(text)
        if m:  # a `Datum` field in the text, not in the page header, is the meeting's too
            _read_when(meeting, m.group("rest"), override=not own_date)
            continue
        m = PLACE_FIELD.match(text)
        if m and not meeting.place:
            meeting.place = fold(m.group("place"))


def _read_when(meeting: Meeting, text: str, override: bool) -> bool:
    """Date and times from a field's value; True when it gave the meeting's date."""
    date = find_date(text)
    if date is None:
        if meeting.start_time is None:
            meeting.start_time, meeting.end_time = time_range(text)
        return False
    if meeting.date and not override:
        return False
    meeting.date = date.iso
    start, end = time_range(text[date.end:])
    if start:
        meeting.start_time, meeting.end_time = start, end
    return True


def _after_when(text: str) -> str:
    """What follows the date and time in a sentence: the place."""
    date = find_date(text)
    rest = text[date.end:] if date else text
    times = list(re.finditer(r"\d{1,2}[.:]\d\d", rest))
    return rest[times[-1].end():] if times else rest


def _is_group_heading(text: str) -> bool:
    """A group heading alone on its line (`Ledamöter`, `Ersättare:`)."""
    for pattern, _ in INVITED_GROUPS:
        m = pattern.match(text)
        if m and not text[m.end():].strip(" :"):
            return True
    return False


def _split(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The agenda and the invited list, in either order."""
    roster = next((i for i, line in enumerate(lines) if line.text and ROSTER_START.match(line.text)), None)
    if roster is None:
        return lines, []
    agenda = next((i for i, line in enumerate(lines[roster:], roster) if line.text and AGENDA_START.match(line.text)), None)
    if agenda is None:
        return lines[:roster], lines[roster:]
    return lines[:roster] + lines[agenda:], lines[roster:agenda]


def read_agenda(lines: list[Line]) -> list[AgendaItem]:
    items: list[AgendaItem] = []
    section: str | None = None
    started = False
    open_title: list[str] | None = None  # title lines of the last item, while it may still wrap
    texts = [line for line in lines if line.text]
    for index, line in enumerate(texts):
        text, column_case = _case_column(line)
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
            item.case_number = item.case_number or column_case
            continue
        if not started or not items:
            continue
        item = items[-1]
        if column_case and item.case_number is None:
            item.case_number = column_case
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


CASE_COLUMN_RE = re.compile(r"\s{3,}(?P<case>(?:Dnr\.?\s*:?\s*)?(?:[A-ZÅÄÖ]{1,5}\s?)?(?:19|20)\d\d/\d+)$")


def _case_column(line: Line) -> tuple[str, str | None]:
    """An agenda row with the case number in a column of its own at the right
    (`5   Yttrande över motion om …     KS 2023/311`): the row's
    text without it, and the case number."""
    m = CASE_COLUMN_RE.search(line.raw or "")
    if not m or not line.raw[: m.start()].strip():
        return line.text, None
    return fold(line.raw[: m.start()]), case_number(m.group("case"))


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

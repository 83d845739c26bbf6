"""Text cleanup with provenance.

The extracted text of a packet carries page furniture: the header block repeated
on every page (kind label and page counter, body and § range, Tid, Plats,
certification labels), page counters, bare packet page numbers, a vertical
signature watermark broken into short lines. `clean` removes it and keeps, for
every remaining line, its 1-based source line number. A page header block is not
thrown away: it becomes one `Line` carrying a `PageHeader`, because it tells the
segmenter which document and meeting a page belongs to.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from paragraf.ingest.dates import ANY_DATE, find_date, is_date
from paragraf.ingest.furniture import Cluster, find_running
from paragraf.ingest.text import BODY_WORD, CASE_RE, DATE, case_number, fold, time_range

KIND_LABELS = {
    "KALLELSE": "kallelse",
    "KUNGÖRELSE": "kallelse",
    "FÖREDRAGNINGSLISTA": "kallelse",
    "PROTOKOLL": "protokoll",
    "SAMMANTRÄDESPROTOKOLL": "protokoll",
    "PROTOKOLLSUTDRAG": "protokollsutdrag",
    "MISSIV": "missiv",
    "TJÄNSTESKRIVELSE": "tjansteskrivelse",
    "SKRIVELSE": "skrivelse",
    "REGLEMENTE": "reglemente",
    "ARBETSORDNING": "arbetsordning",
    "PLAN": "plan",
    "RAPPORT": "rapport",
}
# The kind label, maybe after the organisation's name in capitals, and a page counter.
LABEL_RE = re.compile(rf"^(?:[A-ZÅÄÖ][A-ZÅÄÖ\- ]{{2,40}}\s+)?({'|'.join(KIND_LABELS)})(?:\s+(?:(\d+)\s*\(\s*(\d+)\s*\)|(?:Sida\s+)?(\d+)\s+av\s+(\d+)))?$")
RANGE_RE = re.compile(r"^(?P<body>.+?)\s+§§?\s*(?P<first>\d+)(?:\s*[-–]\s*(?P<last>\d+))?$")
TID_RE = re.compile(rf"^(?:Tid|Datum|Sammanträdesdatum)\s*:?\s+(?P<rest>.*{ANY_DATE}.*)$")
PLATS_RE = re.compile(r"^Plats\s*:\s*(?P<place>.+)$")
DATE_CASE_RE = re.compile(rf"^(?P<date>{DATE})(?:\s+(?P<case>[A-ZÅÄÖ]{{1,5}}\s*(?:19|20)\d\d/\d+))?$")
FURNITURE_LABELS = re.compile(
    r"^(?:Protokollsutdrag, bestyrkande|Justerare, signatur|Justerandes sign(?:atur)?|Utdragsbestyrkande"
    r"|Ordförandes sign(?:atur)?|Sign(?:atur)?)(?:\s+(?:Justerandes sign(?:atur)?|Utdragsbestyrkande|Ordförandes sign(?:atur)?))*$",
    re.I,
)
PAGE_COUNTER_RE = re.compile(r"^(?:Sida\s+)?(\d{1,4})\s*(?:\(\s*(\d{1,4})\s*\)|av\s+(\d{1,4}))$", re.I)
LONE_PAGE_LABEL = re.compile(r"^(?:Sida|Sid|Blad)\s*:?$", re.I)
BARE_NUMBER_RE = re.compile(r"^\d{1,4}$")
E_SIGNATURE_RE = re.compile(r"^(?:Detta|Det här) dokument(?:et)? är (?:elektroniskt|digitalt) signerat", re.I)
# What every page header or furniture line has (a kind label or other word in capitals, a §,
# a leading number, or a furniture label's first word); a line without it is text, fast.
HEADER_HINT = re.compile(r"§|[A-ZÅÄÖ]{4}|^(?:\d|(?i:sida|sid\b|blad|detta|protokollsutdrag|justera|utdrag|ordförande|sign))")
VALUE_LABELS = re.compile(r"^(?:Beslutets antal sidor|Antal sidor)\b", re.I)
WATERMARK_MIN_RUN = 6
LONE_DATE_LABEL = re.compile(r"^(?:Datum|Sammanträdesdatum|Mötesdatum)\s*:?$", re.I)
# `Kommunfullmäktige sammanträder …`: the sentence of a notice that calls the meeting, no header line
CONVENES_RE = re.compile(r"\b(?:sammanträder|sammanträdet hålls|sammanträde hålls|kallas till sammanträde)\b", re.I)


@dataclass
class PageHeader:
    """The header block at the top of a page."""

    label: str | None  # KALLELSE, PROTOKOLL … as printed
    kind: str | None  # contract kind for the label
    page: int | None
    pages: int | None
    body: str | None = None
    first_paragraph: int | None = None
    last_paragraph: int | None = None
    date: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    adjournment: str | None = None
    place: str | None = None
    case_number: str | None = None
    first_line: int = 0
    last_line: int = 0
    running: bool = False  # read from furniture found by repetition, not from a known template's header

    def describe(self) -> str:
        parts = [self.label or ("löpande " + (self.kind or "?") if self.running else "?")]
        if self.page:
            parts[0] += f" {self.page}({self.pages})"
        for value in (self.body, self.date, self.case_number):
            if value:
                parts.append(value)
        if self.first_paragraph is not None:
            parts.append(f"§§ {self.first_paragraph}-{self.last_paragraph or self.first_paragraph}")
        return "[sidhuvud: " + " · ".join(parts) + "]"


@dataclass(slots=True)
class Line:
    no: int  # 1-based source line
    text: str  # folded; "" for a blank line or a header
    header: PageHeader | None = None
    raw: str = ""  # the source line stripped but not folded: wide gaps show columns
    indent: int = 0  # leading spaces of the source line: where its first column starts
    last_no: int = 0  # last source line this Line stands for (header blocks span several)

    def __post_init__(self):
        if not self.last_no:
            self.last_no = self.no


@dataclass
class Cleaned:
    lines: list[Line]
    removed: list[int] = field(default_factory=list)  # source lines dropped as furniture


def clean(raw_lines: list[str]) -> Cleaned:
    folded = _title_case_labels([fold(line) for line in raw_lines])
    labels = {i for i, text in enumerate(folded) if text and CAPITALS.search(text) and _labels_page(text)}
    page_starts = [i for i, raw in enumerate(raw_lines) if "\f" in raw]
    running = find_running(folded, labels, page_starts)
    drop = _watermark_lines(folded) | {i for cluster in running for i in cluster.lines}
    running_headers = _running_headers(running, labels)
    out: list[Line] = []
    removed: list[int] = []
    i, n = 0, len(folded)
    while i < n:
        text = folded[i]
        if i in running_headers:
            header = running_headers[i]
            out.append(Line(header.first_line, "", header, last_no=header.last_line))
        if i not in drop and not HEADER_HINT.search(text):
            out.append(_text_line(i, text, raw_lines[i]))
            i += 1
            continue
        if i in drop or FURNITURE_LABELS.match(text) or PAGE_COUNTER_RE.match(text) or E_SIGNATURE_RE.match(text):
            removed.append(i + 1)
            i += 1
            continue
        if BARE_NUMBER_RE.match(text) and _is_page_number(folded, i, out):
            removed.append(i + 1)
            i += 1
            continue
        header, end = _page_header(folded, i)
        if header:
            first = _take_lines_above(out, header, text)
            out.append(Line(first, "", header, end))
            removed.extend(n for n in range(first + 1, end + 1) if n != i + 1 or first != i + 1)
            i = end
            continue
        out.append(_text_line(i, text, raw_lines[i]))
        i += 1
    return Cleaned(_squeeze_blanks(out), removed)


CAPITALS = re.compile(r"[A-ZÅÄÖ]{4}")  # every kind label has them (title-case labels were upper-cased)
LABEL_NEARBY = 8  # source lines: a running block this near a known template's header is part of that page header


def _labels_page(text: str) -> bool:
    """The line opens a page header of a known template (a kind label)."""
    return bool(LABEL_RE.match(text) or (LOOSE_LABEL_RE.search(text) and len(text.split()) <= 10))


def _running_headers(clusters: list[Cluster], labels: set[int]) -> dict[int, PageHeader]:
    """A page header for each running block that names its meeting (body or date) and a
    kind, keyed by the block's first line; none where a known template's header is beside it."""
    out = {}
    ordered = sorted(labels)
    for cluster in clusters:
        if cluster.kind is None or not (cluster.body or cluster.date):
            continue
        nearest = bisect.bisect_left(ordered, cluster.first - LABEL_NEARBY)
        if nearest < len(ordered) and ordered[nearest] <= cluster.last + LABEL_NEARBY:
            continue
        out[cluster.first] = PageHeader(None, cluster.kind, None, None, body=cluster.body, date=cluster.date,
                                        first_line=cluster.first + 1, last_line=cluster.last + 1, running=True)
    return out


def _text_line(i: int, text: str, raw: str) -> Line:
    """A kept line of text (index i of the source), with its raw form and indent for column readers."""
    unindented = raw.lstrip(" \f")
    return Line(i + 1, text, None, unindented.strip(), len(raw) - len(unindented), i + 1)


TITLE_CASE_LABEL_RE = re.compile(r"^(?:Kallelse|Kungörelse|Sammanträdesprotokoll|Protokollsutdrag|Protokoll)$")


def _title_case_labels(folded: list[str]) -> list[str]:
    """`Kungörelse` right under the organisation's name (`Ekby kommun`, maybe with the
    body between) is the kind label as much as `KUNGÖRELSE`: written in capitals."""
    out = list(folded)
    for i, text in enumerate(folded):
        if len(text) > 24 or text[:1] not in ("K", "S", "P") or not TITLE_CASE_LABEL_RE.match(text):
            continue
        if i >= 1 and ORGANISATION_RE.match(folded[i - 1]) or (
                i >= 2 and ORGANISATION_RE.match(folded[i - 2]) and BODY_WORD.search(folded[i - 1])):
            out[i] = text.upper()
    return out


def _take_lines_above(out: list[Line], header: PageHeader, label_line: str) -> int:
    """The organisation (`Ekby kommun`), maybe with the body under it, printed on the
    lines just above a kind label that stands alone belong to the page header: taken
    out of `out`. Returns the header's first source line."""
    if ORGANISATION_WORD_RE.search(label_line):
        return header.first_line  # the label line names the organisation itself
    above: list[Line] = []
    for line in reversed(out[-2:]):
        if not line.text or line.header or line.no != header.first_line - len(above) - 1:
            break  # only lines right above the label, no blank line or removed furniture between
        above.append(line)
    for count in (1, 2):
        if len(above) < count or not ORGANISATION_RE.match(above[count - 1].text):
            continue
        if count == 2:
            body = above[0].text
            if not (BODY_WORD.search(body) and len(body.split()) <= 6 and ":" not in body):
                return header.first_line
            header.body = header.body or body
        del out[len(out) - count:]
        header.first_line = above[count - 1].no
        return header.first_line
    return header.first_line


def blocks(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped into blank-line separated blocks (headers and blanks dropped)."""
    out: list[list[Line]] = [[]]
    for line in lines:
        if line.text:
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [block for block in out if block]


def clean_lines(lines: list[str]) -> list[tuple[int, str]]:
    """Kept lines as (1-based source line number, cleaned text); a page header as its description."""
    return [(line.no, line.header.describe() if line.header else line.text)
            for line in clean(lines).lines if line.text or line.header]


def _squeeze_blanks(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    for line in lines:
        if not line.text and not line.header and out and not out[-1].text and not out[-1].header:
            continue
        out.append(line)
    return out


def _next_nonblank(folded: list[str], i: int, limit: int = 12) -> int | None:
    j = i + 1
    while j < len(folded) and j <= i + limit:
        if folded[j]:
            return j
        j += 1
    return None


def _is_page_number(folded: list[str], i: int, out: list[Line]) -> bool:
    """A bare number is a page number unless it is the value of a label above it."""
    prev = next((line for line in reversed(out) if line.text or line.header), None)
    if prev is not None and prev.text and VALUE_LABELS.match(prev.text):
        return False
    nxt = _next_nonblank(folded, i, 8)
    if nxt is None:
        return True
    after = folded[nxt]
    if LABEL_RE.match(after) or PAGE_COUNTER_RE.match(after):
        return True
    # A number alone between blank lines, with text around it, is a page number.
    before_blank = i > 0 and not folded[i - 1]
    after_blank = i + 1 < len(folded) and not folded[i + 1]
    return before_blank and after_blank and nxt > i + 2


def _page_header(folded: list[str], i: int) -> tuple[PageHeader | None, int]:
    """A header block starting at line index i: returns it and the index after it."""
    m = LABEL_RE.match(folded[i])
    if not m:
        if _unlabelled_minutes_header(folded, i):
            return _header_fields(PageHeader(None, "protokoll", None, None, first_line=i + 1), folded, i)
        return _loose_header(folded, i)
    label = m.group(1)
    page, pages = _int(m.group(2) or m.group(4)), _int(m.group(3) or m.group(5))
    header = PageHeader(label, KIND_LABELS[label], page, pages, first_line=i + 1)
    return _header_fields(header, folded, i + 1)


def _unlabelled_minutes_header(folded: list[str], i: int) -> bool:
    """A minutes page header whose kind label was lost with the logo: `Body §§ 16-40`
    with a `Tid: <date>` line right under it."""
    if not RANGE_RE.match(folded[i]) or not BODY_WORD.search(folded[i]):
        return False
    nxt = _next_nonblank(folded, i, 3)
    return nxt is not None and bool(TID_RE.match(folded[nxt]))


def _header_fields(header: PageHeader, folded: list[str], start: int) -> tuple[PageHeader, int]:
    """The header's field lines from index `start` on: returns the header and the index after it."""
    end = j = start
    seen = 0
    while j < len(folded) and seen < 10:
        text = folded[j]
        if not text:
            j += 1
            continue
        wrapped = _wrapped_range(folded, j)
        if wrapped is not None:
            text, j = wrapped
        if not _header_field(header, text, folded, j):
            break
        seen += 1
        j += 1
        end = j
    header.last_line = end
    return header, end


LOOSE_LABEL_RE = re.compile(r"\b(SAMMANTRÄDESPROTOKOLL|PROTOKOLLSUTDRAG|PROTOKOLL|KALLELSE|KUNGÖRELSE|FÖREDRAGNINGSLISTA)\b")
LOOSE_COUNTER_RE = re.compile(r"(?:Sida\s+)?(\d{1,3})\s*(?:\(\s*(\d{1,3})\s*\)|av\s+(\d{1,3}))")
# `Lundby kommun`, `Upplands Väsby kommun`, `Göteborgs Stad`, `Region Västfjäll`, `Västra Götalandsregionen`
ORGANISATION_RE = re.compile(
    r"^(?:[\wÅÄÖåäö\-]+\s+(?:KOMMUN|kommun|LANDSTING)"
    r"|(?:[A-ZÅÄÖ][\wÅÄÖåäö\-]*\s+){1,3}(?:KOMMUN|kommun|Kommun|LANDSTING|Landsting|STAD|Stad|stad)"
    r"|Region\s+[\wÅÄÖåäö\-]+|REGION\s+[\wÅÄÖ\-]+|(?:[A-ZÅÄÖ][\wåäö\-]*\s+)?[A-ZÅÄÖ][\wåäö\-]*regionen|[A-ZÅÄÖ\- ]+REGIONEN)$")
LOOSE_WINDOW = 8
ORGANISATION_WORD_RE = re.compile(r"\b(?:KOMMUN|kommun|REGION|Region|LANDSTING|Landsting)\b")


def _loose_header(folded: list[str], i: int) -> tuple[PageHeader | None, int]:
    """Headers of other templates: the kind label among other words
    (`NORRVIKS KOMMUN  SAMMANTRÄDESPROTOKOLL  1(8)`, `KALLELSE/FÖREDRAGNINGSLISTA`),
    with the body, date and page counter on the same or the next few lines."""
    text = folded[i]
    m = LOOSE_LABEL_RE.search(text)
    if not m or len(text.split()) > 10 or text.upper() != text and not re.search(r"\s(?:Sida|\d)", text):
        return None, i
    label = m.group(1)
    kind = KIND_LABELS.get(label, "kallelse" if label in ("KUNGÖRELSE", "FÖREDRAGNINGSLISTA") else "protokoll")
    header = PageHeader(label, kind, None, None, first_line=i + 1)
    end = i + 1
    _loose_fields(header, text.replace(m.group(0), " "), own_line=True)
    j, seen = i + 1, 0
    while j < len(folded) and seen < LOOSE_WINDOW:
        line = folded[j]
        j += 1
        if not line:
            continue
        seen += 1
        if not _loose_fields(header, line):
            break
        end = j
    header.last_line = end
    return header, end


def _loose_fields(header: PageHeader, text: str, own_line: bool = False) -> bool:
    """Read what a header line gives; False when the line is no header line."""
    text = fold(text)
    used = False
    counter = LOOSE_COUNTER_RE.search(text)
    if counter and (counter.group(2) or counter.group(3)):
        header.page = header.page or int(counter.group(1))
        header.pages = header.pages or int(counter.group(2) or counter.group(3))
        text = fold(text[: counter.start()] + " " + text[counter.end():])
        used = True
    date = find_date(text)
    if date and header.date is None and len(text.split()) <= 6:
        header.date = date.iso
        text = fold(text[: date.start] + " " + text[date.end:])
        used = True
    text = fold(re.sub(r"^(?:Sammanträdesdatum|Datum|Sida)\b:?|\b(?:Sammanträdesdatum|Datum|Sida)\s*:?$", " ", text, flags=re.I))
    if not text:
        return True
    if ORGANISATION_RE.match(text):
        return True
    if CONVENES_RE.search(text):
        return False
    if header.body is None and BODY_WORD.search(text) and len(text.split()) <= 6 and ":" not in text:
        header.body = text[0] + text[1:].lower() if text.isupper() else text
        return True
    return used or own_line


def _wrapped_range(folded: list[str], j: int) -> tuple[str, int] | None:
    """`Body §§ 18-` with `35` on the next line: the two lines as one."""
    if not re.search(r"§§?\s*\d+\s*[-–]$", folded[j]):
        return None
    nxt = _next_nonblank(folded, j, 3)
    if nxt is None or not BARE_NUMBER_RE.match(folded[nxt]):
        return None
    return folded[j] + folded[nxt], nxt


def _header_field(header: PageHeader, text: str, folded: list[str], j: int) -> bool:
    if FURNITURE_LABELS.match(text):
        return True
    if CONVENES_RE.search(text):
        return False
    if LONE_PAGE_LABEL.match(text):
        nxt = _next_nonblank(folded, j, 3)
        return nxt is not None and bool(PAGE_COUNTER_RE.match(folded[nxt]))  # `Sida` above `7 (12)`
    counter = PAGE_COUNTER_RE.match(text)
    if counter and header.page is None:
        header.page, header.pages = _int(counter.group(1)), _int(counter.group(2) or counter.group(3))
        return True
    if _label_with_value(header, text, folded, j):
        return True
    if LONE_DATE_LABEL.match(text) and header.date is None:
        nxt = _next_nonblank(folded, j, 3)
        if nxt is not None and is_date(folded[nxt]):
            return True  # the value follows on its own line
    if is_date(text) and header.date is None and j > 0 and LONE_DATE_LABEL.match(_previous_nonblank(folded, j)):
        header.date = find_date(text).iso
        return True
    m = TID_RE.match(text)
    if m and header.date is None:
        _read_tid(header, m.group("rest"))
        return True
    m = PLATS_RE.match(text)
    if m and header.place is None:
        header.place = m.group("place")
        return True
    m = DATE_CASE_RE.match(text)
    if m and header.date is None and header.body is None:
        header.date = m.group("date")
        header.case_number = case_number(m.group("case") or "")
        return True
    m = RANGE_RE.match(text)
    if m and header.body is None and header.kind in ("protokoll", "protokollsutdrag"):
        header.body = m.group("body").strip()
        header.first_paragraph = int(m.group("first"))
        header.last_paragraph = int(m.group("last") or m.group("first"))
        return True
    if header.body is None and header.date is not None and header.kind == "protokoll" and len(text.split()) <= 8:
        nxt = _next_nonblank(folded, j, 6)
        if BODY_WORD.search(text) or (nxt is not None and re.match(r"^§\s*\d+", folded[nxt])):
            header.body = text
            return True
    if header.body is None and header.date is None and len(text) < 90:
        nxt = _next_nonblank(folded, j, 4)
        if nxt is not None and TID_RE.match(folded[nxt]):
            header.body = text
            return True
    if header.kind in ("protokoll", "protokollsutdrag", "kallelse") and (header.body is None or header.date is None):
        if re.match(r"^§|^(?:Plats|Tid|Beslutande|Närvarande)\b", text):
            return False
        return _loose_fields(header, text)
    return False


LONE_PAGE_LABEL = re.compile(r"^Sida\s*:?$", re.I)
LONE_CASE_LABEL = re.compile(r"^(?:Diarienummer|Dnr|Diarienr|Vår beteckning|Ärendenummer)\.?\s*:?$", re.I)


def _label_with_value(header: PageHeader, text: str, folded: list[str], j: int) -> bool:
    """`Sida` over `1(2)` and `Diarienummer` over `KS 2023/12`: a label alone on its
    line with the value on the next."""
    nxt = _next_nonblank(folded, j, 3)
    value = folded[nxt] if nxt is not None else ""
    if LONE_PAGE_LABEL.match(text) and PAGE_COUNTER_RE.match(value):
        return True
    if PAGE_COUNTER_RE.match(text) and LONE_PAGE_LABEL.match(_previous_nonblank(folded, j)):
        counter = LOOSE_COUNTER_RE.search(text)
        if counter and (counter.group(2) or counter.group(3)):
            header.page = header.page or int(counter.group(1))
            header.pages = header.pages or int(counter.group(2) or counter.group(3))
        return True
    if LONE_CASE_LABEL.match(text) and header.case_number is None and CASE_RE.fullmatch(value):
        return True
    if CASE_RE.fullmatch(text) and header.case_number is None and LONE_CASE_LABEL.match(_previous_nonblank(folded, j)):
        header.case_number = case_number(text)
        return True
    return False


def _previous_nonblank(folded: list[str], j: int) -> str:
    for k in range(j - 1, max(-1, j - 4), -1):
        if folded[k]:
            return folded[k]
    return ""


def _read_tid(header: PageHeader, rest: str) -> None:
    date = find_date(rest)
    header.date = date.iso if date else None
    main, _, adjourn = rest.partition("ajourn")
    header.start_time, header.end_time = time_range(main[date.end:] if date else main)
    if adjourn:
        start, end = time_range(adjourn)
        header.adjournment = f"{start}-{end}" if end else start


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _watermark_lines(folded: list[str]) -> set[int]:
    """A vertical watermark extracted as a run of 1-3 character lines (the value
    under a label such as `Beslutets antal sidor` is not part of it)."""
    drop: set[int] = set()
    run: list[int] = []
    previous = ""
    for i, text in enumerate(folded + ["end of text"]):
        if not text:
            continue
        if len(text) <= 3 and not VALUE_LABELS.match(previous):
            run.append(i)
        else:
            if len(run) >= WATERMARK_MIN_RUN:
                drop.update(run)
            run = []
        previous = text
    return drop

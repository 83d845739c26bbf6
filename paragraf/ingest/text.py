"""Small text helpers shared by the readers: folding, joining wrapped lines, dates, people."""
from __future__ import annotations

import re
from dataclasses import dataclass

DATE = r"(?:19|20)\d{2}-[01]\d-[0-3]\d"
DATE_RE = re.compile(DATE)
TIME = r"(?:[01]?\d|2[0-3])[.:][0-5]\d"
TIME_RANGE_RE = re.compile(rf"(?:kl\.?\s*)?({TIME})(?:\s*[-–—]\s*(?:kl\.?\s*)?({TIME}))?")
# A case number: optional series prefix (RJL, RS, KS, SN …) and year/running number.
CASE_RE = re.compile(r"(?:\b([A-ZÅÄÖ]{1,5}(?:[ -][A-ZÅÄÖ]{1,4})?)\s*)?\b((?:19|20)\d{2}\s*/\s*\d{1,6})\b")
# A party abbreviation: `S`, `KD`, `MP`, a short capitalised form, a local party such as `SoP`
PARTY = r"[A-ZÅÄÖ]{1,4}|-|[A-ZÅÄÖ][a-zåäö]{1,3}|[A-ZÅÄÖ][a-zåäö]{1,2}[A-ZÅÄÖ]"
PERSON_RE = re.compile(
    rf"^(?P<name>[A-ZÅÄÖÉÜ][\w'’.\-]*(?:[ \-][A-ZÅÄÖÉÜa-zåäöéü][\w'’.\-]*){{0,4}})\s*\((?P<party>{PARTY})\)"
)
# A word that names a political body (`Kommunstyrelsen`, `Bygg- och miljönämnden`, `Regionfullmäktige`)
BODY_WORD = re.compile(
    r"nämnd|styrelse|fullmäktige|utskott|presidi|beredning|styrgrupp|förbund|råd\b|direktion|kommitté|forum|delegation", re.I)
SUSPENDED_NEXT = {"och", "eller", "samt", "resp", "respektive", "till", "som"}
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Whitespace folded to single spaces, trimmed."""
    return " ".join(text.split())  # str.split() splits on every Unicode space, NBSP included


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into one value: a word split at a line end by a hyphen is
    joined (`regionöver-` + `gripande`), real hyphens are kept (`EU-` + `arenan`,
    `hälso-` + `och`)."""
    out = ""
    for raw in lines:
        line = fold(raw)
        if not line:
            continue
        if not out:
            out = line
        elif _is_split_word(out, line):
            out = out[:-1] + line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalnum() and not _suspended(line):
            out = out + line  # a real hyphen at the line end: EU-arenan, CO2-ekvivalenter
        else:
            out = out + " " + line
    return out


def _suspended(after: str) -> bool:
    """`hälso-` before `och sjukvård`: a suspended hyphen, the space stays."""
    word = re.sub(r"[^\wåäö]", "", after.split(" ")[0].lower())
    return word in SUSPENDED_NEXT


def _is_split_word(before: str, after: str) -> bool:
    if not before.endswith("-") or len(before) < 3:
        return False
    head = before[:-1].split(" ")[-1]
    if not head or not head[-1].isalpha() or not head[-1].islower():
        return False  # EU-, IT-, or a dash after a number
    if len(head) == 1:
        return False
    first = after.split(" ")[0]
    if not first or not first[0].islower():
        return False
    word = re.sub(r"[^\wåäö]", "", first.lower())
    return word not in SUSPENDED_NEXT


OPEN_END_RE = re.compile(
    r"(?:\b(?:för|och|i|av|till|med|på|om|inom|mellan|samt|vid|från|under|mot|enligt|gällande|avseende|angående|rörande"
    r"|beträffande|kring|inför|hos|det|den|de|en|ett|att)|[,\-–])$",
    re.I,
)


def ends_open(text: str) -> bool:
    """A line that cannot end a title: it stops on a preposition, conjunction or comma."""
    return bool(OPEN_END_RE.search(text))


NOT_SERIES = {"DNR", "NR", "AB", "HB", "KB", "EU", "SOU"}  # words before a number that are no series prefix


def case_number(text: str) -> str | None:
    """The first case number in the text, with its series prefix as written."""
    m = CASE_RE.search(text)
    if not m:
        return None
    core = re.sub(r"\s+", "", m.group(2))
    prefix = m.group(1)
    if prefix and prefix.upper() in NOT_SERIES:
        prefix = None
    return f"{prefix} {core}" if prefix else core


YEAR4 = r"(?:19|20)\d\d"
SERIAL_NOT_YEAR = r"(?:0\d{2,6}|\d{5,7})"  # `2024-000123`, not the years `2023-2026`
# The forms of a case number that open a § heading or follow its label, each as written:
CASE_FORMS = [
    # `SLK-2024-00074`, `SLK-2024-00218:3`, `KS-2023-123`
    re.compile(rf"^(?P<prefix>[A-ZÅÄÖ]{{2,6}})-(?P<year>{YEAR4})-(?P<serial>\d{{1,7}})(?::\d+)?"),
    # `KS 2021/123`, `2023/217`, `KS/2023:45`, `KS 2023.45`
    re.compile(rf"^(?:(?P<prefix>[A-ZÅÄÖ]{{1,6}}(?:[ -][A-ZÅÄÖ]{{1,4}})?)[ /.]?\s*)?(?P<year>{YEAR4})\s*[/:.]\s*(?P<serial>\d{{1,6}})(?!\d)"),
    # `RS 2023-01234`: a series, a space, a year and a serial
    re.compile(rf"^(?P<prefix>[A-ZÅÄÖ]{{1,6}}) (?P<year>{YEAR4})-(?P<serial>{SERIAL_NOT_YEAR})(?![\d-])"),
    # `2024-000123`: a year and a serial (a date has three parts)
    re.compile(rf"^(?P<year>{YEAR4})-(?P<serial>{SERIAL_NOT_YEAR})(?![\d-])"),
    # `00541/2023`, also with a classification code glued on (`00541/20231.2.2.`)
    re.compile(rf"^(?P<serial>\d{{1,6}})/(?P<year>{YEAR4})(?=\d\.|\b)"),
    # `1435/22`: serial and two-digit year
    re.compile(r"^(?P<serial>\d{1,6})/(?P<year2>\d\d)(?!\d)"),
]
LABELLED_ONLY = re.compile(r"^(?P<serial>\d{3,9})(?![\d\-/.:])")  # `Diarienummer 94503`: a bare number, after a label only


@dataclass(frozen=True)
class CaseParts:
    """A case number read into its parts: the series prefix, the year and the serial number."""

    written: str  # as written (a classification code glued on is left out)
    prefix: str | None
    year: int | None
    serial: int


def case_parts(text: str, labelled: bool = False) -> CaseParts | None:
    """The case number that opens `text`, in any of the forms of `CASE_FORMS`
    (a bare number only when `labelled`: after `Dnr`, `Diarienummer` …)."""
    text = text.strip()
    for form in CASE_FORMS:
        m = form.match(text)
        if m is None:
            continue
        groups = m.groupdict()
        prefix = groups.get("prefix")
        written = m.group(0).strip()
        if prefix and prefix.upper() in NOT_SERIES:  # `Dnr 2023/17`: a label, no series
            prefix, written = None, text[m.start("year"):m.end()].strip()
        year = int(groups["year"]) if groups.get("year") else _century(int(groups["year2"]))
        return CaseParts(written, prefix, year, int(groups["serial"]))
    m = LABELLED_ONLY.match(text) if labelled else None
    return CaseParts(m.group(0), None, None, int(m.group("serial"))) if m else None


def _century(year2: int) -> int:
    """`1435/22` is of 2022, `0417/98` of 1998."""
    return 2000 + year2 if year2 < 70 else 1900 + year2


def heading_case_number(text: str, labelled: bool = False) -> str | None:
    """The case number opening a § heading's rest or a label's value, as written."""
    parts = case_parts(text, labelled)
    return parts.written if parts else None


def time_range(text: str) -> tuple[str | None, str | None]:
    m = TIME_RANGE_RE.search(text)
    if not m:
        return None, None
    return _hhmm(m.group(1)), _hhmm(m.group(2)) if m.group(2) else None


def _hhmm(value: str) -> str:
    h, m = re.split(r"[.:]", value)
    return f"{int(h):02d}:{m}"


@dataclass
class Person:
    name: str
    party: str | None
    rest: str  # what follows the name (and party) on the line


def split_person(text: str) -> Person | None:
    """`Gunnel Svensson (M) ers. Lisbeth Andersson (M)` → name, party, rest;
    `Jane Ydman, regiondirektör` → name, None, `regiondirektör`."""
    text = fold(text)
    m = PERSON_RE.match(text)
    if m:
        return Person(m.group("name").strip(), m.group("party"), text[m.end():].strip())
    m = re.match(r"^([A-ZÅÄÖÉÜ][\w'’\-]+(?: [A-ZÅÄÖÉÜa-zåäö][\w'’\-]+){0,4}),\s*(.*)$", text)
    if m and _looks_like_name(m.group(1)):
        return Person(m.group(1), None, m.group(2).strip())
    if _looks_like_name(text):
        return Person(text, None, "")
    return None


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5:
        return False
    caps = [w for w in words if w[0].isupper()]
    lower_ok = {"von", "af", "de", "van", "der", "la", "du"}
    return len(caps) >= 2 and all(w[0].isupper() or w in lower_ok for w in words) and not any(c.isdigit() for c in text)


def looks_like_name(text: str) -> bool:
    """Two to five capitalised words without digits: a person's name (or two side by side)."""
    return _looks_like_name(text)

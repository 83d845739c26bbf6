"""The registers a board is told of at a meeting: delegated decisions (`Anmälan av delegationsbeslut`)
and information documents (`Anmälan av informationshandlingar`).

A register opens with its heading (`Sammanställning av anmälda vidaredelegationsbeslut till nämnd för
folkhälsa och sjukvård 2022-02-22`, `Förteckning över delegationsbeslut …`), which names the body and the
meeting it is reported to, and usually its own case number on a line of its own. Then:

- a delegation register is a table, one decision a row: the delegation point (`FS 4.5.4`, `3.2`), the
  matter, the case number, the decision date and the delegate (`FS 4.5.4 Personuppgiftsincident RJL
  2022/158 2022-01-21 Sofia Sund`);
- an information register lists documents under categories (`Inkomna handlingar`, `Utgående
  skrivelser`, `Regeringsbeslut`, …), each entry a bullet with its case number and title, wrapped over
  lines, ending with the sender (`inkom från Socialstyrelsen 2022-01-25`), the recipient (`expedierat
  till Länsstyrelsen 2022-01-27`) or a date.

Read by that structure only: a line is a row by its case number and date, a category by standing
alone with a capital, a continuation by going on in lower case.
"""
from __future__ import annotations

import re

from paragraf.ingest.cleanup import Line
from paragraf.ingest.model import DelegatedDecision, InformationDocument, Register
from paragraf.ingest.text import DATE, case_number

HEADING_RE = re.compile(
    r"^(?:Sammanställning|Förteckning|Lista|Redovisning)\s+(?:över\s+|av\s+)?(?:anmälda\s+|inkomna\s+)?"
    r"(?P<what>(?:vidare)?delegations?beslut|delegeringsbeslut|informationshandlingar|meddelanden|delgivningar)\b(?P<rest>.*)$",
    re.I)
# A register printed from the case system: its title alone, then `Label:` / value lines, then records.
BARE_HEADING_RE = re.compile(r"^(?:Anmälda\s+)?(?P<what>delegationsbeslut|delegeringsbeslut)$", re.I)
HEAD_LABELS = {"beslutsinstans": "body", "sammanträdesdatum": "date"}
RECORD_HEADER_RE = re.compile(r"^Id\s+Beskrivning\b", re.I)
RECORD_START_RE = re.compile(r"^(?P<id>\d{5,}|\d{4}\.\d{1,6})\s+(?P<text>\S.*)$")
SECTION_MARK_RE = re.compile(r"^(?P<before>.*?)\s*§\s?\d+/\d{4}$")
POINT_END_RE = re.compile(r"^(?P<before>.*?)\s*(?P<point>[A-ZÅÄÖ]{1,5}\s+\d+(?:\.\d+)+[a-z]?)$")
DATE_LINE_RE = re.compile(rf"^(?P<date>{DATE})\s*(?P<rest>.*)$")
DELEGATION_WORDS = re.compile(r"delegations?beslut|delegeringsbeslut", re.I)
TO_BODY_RE = re.compile(rf"^\s*(?:till|för)\s+(?P<body>.+?)\s*(?:[–—-]\s*)?(?:(?P<date>{DATE})\s*)?$", re.I)
CASE_ONLY_RE = re.compile(r"^(?:Dnr\.?:?\s*|Diarienummer:?\s*)?(?:[A-ZÅÄÖ]{1,6}[ -])?(?:19|20)\d\d/\d{1,6}$")
CASE_IN_ROW = r"(?:[A-ZÅÄÖ]{1,6}[ -])?(?:19|20)\d\d/\d{1,6}"
DECISION_ROW_RE = re.compile(
    rf"^(?:(?P<point>(?:[A-ZÅÄÖ]{{1,6}}\s+)?\d+(?:\.\d+)+[a-z]?|[A-ZÅÄÖ]{{1,3}}\s?\d+(?:\.\d+)*[a-z]?)\s+)?"
    rf"(?P<title>.+?)\s+(?P<case>{CASE_IN_ROW})\s+(?P<date>{DATE})(?:\s+(?P<delegate>.+?))?\s*$")
COLUMN_HEADER_RE = re.compile(r"^(?:Ärendetyp|Delegationspunkt|Punkt|Nr|Ärende)\b.*(?:Ärenderubrik|Rubrik|Beslutsdatum|Diarienummer|Delegat)", re.I)
BULLET_RE = re.compile(r"^(?P<before>.*?)\s*[•▪●]\s*(?P<entry>.+)$")
ENTRY_CASE_RE = re.compile(rf"^(?P<case>{CASE_IN_ROW})\s+(?P<rest>.+)$")
FROM_RE = re.compile(rf",?\s*(?:inkom(?:na|mit)?|inkommen)\s+från\s+(?P<who>.+?),?\s+(?P<date>{DATE})\.?$", re.I)
TO_RE = re.compile(rf",?\s*(?:expedierat?|skickat?|utgått|sänt)\s+till\s+(?P<who>.+?),?\s+(?P<date>{DATE})\.?$", re.I)
DATE_END_RE = re.compile(rf",?\s+(?P<date>{DATE})\.?$")
# Lines that end a register: the furniture of a printed register, a new § or document.
END_RE = re.compile(r"^(?:Dokument|Utskriftsdatum|Utskriven av|Diarieenhet|Sida \d|§\s*\d+|KALLELSE|PROTOKOLL|Beslutets antal sidor)\b")
CATEGORY_MAX_WORDS = 8
LOOSE_LINES = 6  # lines of a register that are neither entries nor categories before it is taken to have ended


def read_registers(lines: list[Line]) -> list[Register]:
    texts = [line for line in lines if line.text]
    registers = []
    for i, line in enumerate(texts):
        if BARE_HEADING_RE.match(line.text):
            register = _record_register(texts, i)
            if register is not None:
                registers.append(register)
            continue
        heading = HEADING_RE.match(line.text)
        if heading is None:
            continue
        title, body, date, start = _heading(texts, i, heading)
        case, start = _own_case(texts, start)
        register = Register(kind="delegationsbeslut" if DELEGATION_WORDS.search(heading["what"]) else "informationshandlingar",
                            title=title, body=body, meeting_date=date, case_number=case,
                            first_line=line.no, last_line=texts[start - 1].no)
        if register.kind == "delegationsbeslut":
            _read_decisions(texts, start, register)
        else:
            _read_documents(texts, start, register)
        if register.delegated_decisions or register.information_documents:
            registers.append(register)
    return registers


def _heading(texts: list[Line], i: int, heading: re.Match) -> tuple[str, str | None, str | None, int]:
    """The heading's text (two lines when it goes on in lower case), the body and the meeting date it names."""
    title, start = texts[i].text, i + 1
    if start < len(texts) and not re.search(DATE, title) and texts[start].text[:1].islower():
        title, start = f"{title} {texts[start].text}", start + 1
    rest = title[heading.start("rest"):]
    to_body = TO_BODY_RE.match(rest)
    if to_body is None:
        return title, None, None, start
    return title, to_body["body"], to_body["date"], start


def _own_case(texts: list[Line], start: int) -> tuple[str | None, int]:
    """The register's own case number, on a line of its own right after the heading."""
    for j in range(start, min(start + 3, len(texts))):
        if CASE_ONLY_RE.match(texts[j].text):
            return case_number(texts[j].text), j + 1
    return None, start


def _read_decisions(texts: list[Line], start: int, register: Register) -> None:
    loose = 0
    for line in texts[start:]:
        if END_RE.match(line.text) or HEADING_RE.match(line.text) or BARE_HEADING_RE.match(line.text) or loose > LOOSE_LINES:
            break
        row = DECISION_ROW_RE.match(line.text)
        if row is None:
            loose += 0 if COLUMN_HEADER_RE.match(line.text) else 1
            continue
        loose = 0
        register.delegated_decisions.append(DelegatedDecision(
            point=row["point"], title=row["title"], case_number=case_number(row["case"]), date=row["date"],
            delegate=row["delegate"], line=line.no))
        register.last_line = line.no


def _record_register(texts: list[Line], i: int) -> Register | None:
    """A delegation register printed as records (`Id Beskrivning Paragraf`, `Datum Avsändare/Mottagare
    Beslutsfattare`, `Ärendenummer Ärendemening Kategori`): the head's labels name the body and the meeting."""
    head: dict[str, str] = {}
    j = i + 1
    while j < len(texts) and j < i + 40 and not RECORD_HEADER_RE.match(texts[j].text):
        label = texts[j].text.rstrip(":").strip().casefold()
        if label in HEAD_LABELS and texts[j].text.rstrip().endswith(":") and j + 1 < len(texts):
            head[HEAD_LABELS[label]] = texts[j + 1].text.strip()
        j += 1
    if j >= len(texts) or not RECORD_HEADER_RE.match(texts[j].text):
        return None
    date = head.get("date") if head.get("date") and re.fullmatch(DATE, head["date"]) else None
    register = Register(kind="delegationsbeslut", title=texts[i].text, body=head.get("body"), meeting_date=date,
                        case_number=None, first_line=texts[i].no, last_line=texts[j].no)
    for record in _records(texts, j + 1):
        decision = _record_decision(record)
        if decision is not None:
            register.delegated_decisions.append(decision)
            register.last_line = record[-1].no
    return register if register.delegated_decisions else None


def _records(texts: list[Line], start: int) -> list[list[Line]]:
    """The lines of each record: from an `Id` line to the next, until a line that ends the register."""
    records: list[list[Line]] = []
    for line in texts[start:]:
        ends = END_RE.match(line.text) and not SECTION_MARK_RE.match(line.text)  # `§2/2023` is the record's own
        if ends or HEADING_RE.match(line.text) or BARE_HEADING_RE.match(line.text):
            break
        if RECORD_START_RE.match(line.text):
            records.append([line])
        elif records:
            records[-1].append(line)
        elif not COLUMN_HEADER_RE.match(line.text) and not re.match(r"^(?:Datum|Ärendenummer|Ansvarig)\b", line.text):
            break
    return records


def _record_decision(record: list[Line]) -> DelegatedDecision | None:
    """One record: the description up to the delegate and `§N/YYYY`, the date line (date, sender, delegate),
    the case line (number and heading, the delegation point last)."""
    texts = [line.text for line in record]
    dated = next((k for k, text in enumerate(texts) if DATE_LINE_RE.match(text)), None)
    marked = next((k for k, text in enumerate(texts) if SECTION_MARK_RE.match(text)), None)
    if dated is None or marked is None:
        return None
    texts[0] = RECORD_START_RE.match(texts[0])["text"]
    on_mark = SECTION_MARK_RE.match(texts[marked])["before"]
    before_mark = on_mark or (texts[marked - 1] if marked else "")
    delegate = _common_tail(before_mark, DATE_LINE_RE.match(texts[dated])["rest"])
    description = [*texts[:min(marked, dated)], on_mark if marked < dated else ""]
    title = " ".join(" ".join(description).split())
    if delegate and title.endswith(delegate):
        title = title[: -len(delegate)].rstrip(" ,")
    case, point = None, None
    for text in texts[dated + 1:]:
        if case is None and (found := case_number(text)) and text.startswith(found.split()[0]):
            case = found
        ending = POINT_END_RE.match(text)
        if ending and not CASE_ONLY_RE.match(text):
            point = ending["point"]
            break
    return DelegatedDecision(point=point, title=title, case_number=case, date=DATE_LINE_RE.match(texts[dated])["date"],
                             delegate=delegate or None, line=record[0].no)


def _common_tail(a: str, b: str) -> str:
    """The words both end with: the delegate, written last in the description and on the date line."""
    x, y = a.split(), b.split()
    n = 0
    while n < min(len(x), len(y)) and x[-1 - n] == y[-1 - n]:
        n += 1
    return " ".join(x[len(x) - n:])


def _read_documents(texts: list[Line], start: int, register: Register) -> None:
    category: str | None = None
    entry: list[str] = []
    entry_line = 0
    loose = 0

    def close() -> None:
        if entry:
            document = _document(" ".join(entry), category, entry_line)
            if document is not None:
                register.information_documents.append(document)
            entry.clear()

    for line in texts[start:]:
        text = line.text
        if END_RE.match(text) or HEADING_RE.match(text) or BARE_HEADING_RE.match(text) or loose > LOOSE_LINES:
            break
        if COLUMN_HEADER_RE.match(text):
            continue
        bullet = BULLET_RE.match(text)
        if bullet is not None:
            close()
            if bullet["before"]:
                category = _category(bullet["before"])
            entry[:], entry_line, loose = [bullet["entry"]], line.no, 0
            register.last_line = line.no
        elif entry and _goes_on(entry[-1], text):
            entry.append(text)
            register.last_line = line.no
        elif _is_category(text):
            # A category wrapped after a comma (`Beslut från Inspektionen för vård och omsorg,` `IVO`) goes on.
            wrapped = not entry and category is not None and category.endswith(",")
            close()
            category = _category(f"{category} {text}" if wrapped else text)
            loose += 1
        else:
            close()
            loose += 1
    close()


def _goes_on(last: str, text: str) -> bool:
    """An entry wrapped onto this line: it goes on in lower case, or the entry broke after a comma or hyphen."""
    return text[:1].islower() or text[:1] in "(–-" or last.rstrip().endswith((",", "-", "–", " och", " av", " för"))


def _is_category(text: str) -> bool:
    return text[:1].isupper() and len(text.split()) <= CATEGORY_MAX_WORDS and not re.search(r"\d{4}/\d", text)


def _category(text: str) -> str:
    return " ".join(text.split()).strip()


def _document(text: str, category: str | None, line: int) -> InformationDocument | None:
    """One entry: its case number (when it has one: minutes of other bodies have none), title, and who
    sent or received it when."""
    text = " ".join(text.split())
    entry = ENTRY_CASE_RE.match(text)
    rest, counterpart, direction, date = (entry["rest"] if entry else text), None, None, None
    for pattern, way in ((FROM_RE, "in"), (TO_RE, "out")):
        found = pattern.search(rest)
        if found:
            rest, counterpart, direction, date = rest[:found.start()], found["who"], way, found["date"]
            break
    else:
        dated = DATE_END_RE.search(rest)
        if dated:
            rest, date = rest[:dated.start()], dated["date"]
    return InformationDocument(category=(category or "").rstrip(",") or None, title=rest.strip().rstrip(","),
                               case_number=case_number(entry["case"]) if entry else None, counterpart=counterpart, direction=direction,
                               date=date, line=line)

"""A body's delegation scheme (delegationsordning) when a packet prints it: who may decide which matters on the
body's behalf, under which law and within which limits.

A scheme opens with its title on a line of its own (`Delegationsordning för regionstyrelsen`,
`Delegationsordning - Regionstyrelsen 2023-2026`, `Socialnämndens delegationsordning`, the body on the next
line when the title does not name it), then, before its table, what it says of itself (`gäller från
2023-02-01`, `att gälla från den 1 januari 2015`, `Dnr RS 2022/123`), then the column header: a column for
the point's number (`Nr`, `Punkt`), the matter (`Ärende`), the delegate (`Delegat`), and maybe the law
(`Lagrum`), a remark or limit (`Anmärkning`, `Villkor`, `Begränsning`) and others (`Vidaredelegation`,
`Ersättare`: kept with the limits, under their name). The points follow in one of three layouts, told by the
header (docs/importer.md, step 15):

- **columns** (`pdftotext -layout`): the header's words apart by wide gaps; each cell of a point stands under
  its column, a cell wrapped onto the next lines under the same column;
- **cells** (a table read cell by cell): the header's words one a line; a point is its number (alone on its
  line or before the matter), the matter wrapped over lines while it goes on in lower case, the delegate on a
  line of its own that starts with a capital, then the lagrum (told by its form) and the remark;
- **flowed** (a point a line, single spaces): `3.1 Attestering av fakturor Förvaltningschef upp till 5 mnkr`:
  the lagrum found by its form, the delegate the last run of words with a capital, the remark in lower case
  after it; a line in lower case under the point goes on with its matter (or its remark, when it has one).

A numbered line with no delegate is a section heading (`4 Personal`, `4.5 Informationssäkerhet`), no point.
Without a title and a column header there is no scheme: minutes that decide one (`§ 16 Delegationsordning -
Regionstyrelsen 2023-2026`) or prose that names one give nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from paragraf.ingest.cleanup import Line
from paragraf.ingest.dates import ANY_DATE, find_date
from paragraf.ingest.model import DelegationPoint, DelegationScheme
from paragraf.ingest.text import BODY_WORD, DATE, case_number

SCHEME_WORD = r"(?:delegations?|delegerings)(?:ordning|förteckning|bestämmelser)(?:en|ar|arna)?"
SCHEME_TITLE_RE = re.compile(rf"\b{SCHEME_WORD}\b", re.I)  # a title that names a scheme (`§ 16 Delegationsordning - …`)
TITLE_RE = re.compile(rf"^(?:(?P<owner>(?:\S+\s+){{0,3}}\S+s)\s+)?{SCHEME_WORD}\b\s*(?P<rest>.*)$", re.I)
TITLE_MAX_WORDS = 14
HEADER_WINDOW = 300  # lines between the title and the column header (an introduction of several pages)
BODY_END_RE = re.compile(rf"\s*(?:,|\(|\b(?:gäller|gälla|giltig|antagen|antaget|fastställd|beslutad|reviderad|dnr|diarienummer)\b|"
                         rf"{DATE}|(?:19|20)\d\d\b).*$", re.I)
VALID_RE = re.compile(
    rf"\b(?:gäller|gälla|giltig|ikraftträdande|i\s+kraft)\s*(?:från|fr\.?\s?o\.?\s?m\.?|from)?(?:\s+och\s+med)?"
    rf"[\s:]*(?:den\s+)?(?P<date>{ANY_DATE})", re.I)
CASE_LABEL_RE = re.compile(r"\b(?:Dnr|Diarienummer|Ärendenummer)\b", re.I)

COLUMN_RE = re.compile(
    r"(?P<number>nr|nummer|punkt|delegationspunkt|id)"
    r"|(?P<matter>ärende(?:typ|grupp|mening|n)?|beslutsområde|beslutanderätt|befogenhet)"
    r"|(?P<delegate>delegat(?:er)?(?:/ersättare)?|delegeras\s+till|beslutsfattare)"
    r"|(?P<law>lagrum|lagstöd|författning|lag|hänvisning)"
    r"|(?P<limits>anmärkning(?:ar)?|villkor(?:/begränsning(?:ar)?)?|begränsning(?:ar)?|kommentar(?:er)?|anm\.|notering)"
    r"|(?P<other>vidaredelegation|vidaredelegering|ersättare|anmäls\s+till)",
    re.I)
POINT_RE = re.compile(r"^(?P<number>[A-ZÅÄÖ]{1,3}\s?\.?\s?\d{1,3}(?:\.\d{1,3})*[a-z]?|\d{1,3}(?:\.\d{1,3})*[a-z]?)\.?(?:\s+(?P<rest>\S.*))?$")
LAW_ABBR = r"[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,4}[A-ZÅÄÖ]"
LAW_NAME = r"[A-ZÅÄÖ][a-zåäö]+(?:lagen|balken|förordningen)"
LAW_REF = r"(?:\d+\s?kap\.?(?:\s?\d+\s?[a-z]?\s?§§?)?|\d+\s?:\s?\d+[a-z]?|\d+\s?[a-z]?\s?§§?|art(?:ikel)?\.?\s?\d+(?:\.\d+)?)"
LAW_REFS = rf"{LAW_REF}(?:\s?(?:,|och|–|-)?\s?{LAW_REF})*"
LAW_RE = re.compile(rf"\b(?:(?:{LAW_ABBR}|{LAW_NAME})\s+{LAW_REFS}(?:\s+(?:{LAW_ABBR}|{LAW_NAME})\b)?|{LAW_REFS}\s+(?:{LAW_ABBR}|{LAW_NAME})\b)")
JOINERS = {"/", "och", "eller", "el.", "resp.", "respektive", "alt.", "samt"}
PAGE_RE = re.compile(r"^(?:Sida\s+)?\d+\s*(?:\(\s*\d+\s*\)|av\s+\d+|/\s*\d+)$", re.I)
END_RE = re.compile(r"^(?:§\s*\d+|KALLELSE|PROTOKOLL|Beslutets antal sidor|Justerandes sign)\b")
GAP_RE = re.compile(r"\S+(?: \S+)*")  # a cell of a line printed in columns: words apart by single spaces
LOOSE_LINES = 8  # lines that are neither points nor their continuation before the scheme is taken to have ended
CELL_LINES = 12  # lines of one point in the cells layout at most


@dataclass
class Column:
    role: str  # number | matter | delegate | law | limits | other
    name: str  # as the header writes it
    start: int = 0  # where it starts on the line (columns layout)


@dataclass
class Header:
    layout: str  # columns | cells | flowed
    columns: list[Column]
    end: int  # index of the first line after it

    def has(self, role: str) -> bool:
        return any(c.role == role for c in self.columns)

    def after(self, role: str) -> list[Column]:
        roles = [c.role for c in self.columns]
        return self.columns[roles.index(role) + 1:] if role in roles else []


@dataclass
class Draft:
    """A point being read: its cells by column role, each a list of the lines written in it."""

    number: str
    line: int
    cells: dict[str, list[str]] = field(default_factory=dict)
    others: list[tuple[str, str]] = field(default_factory=list)  # (column name, text) of the other columns

    def add(self, role: str, text: str) -> None:
        if text:
            self.cells.setdefault(role, []).append(text)


def read_delegation_schemes(lines: list[Line]) -> list[DelegationScheme]:
    texts = [line for line in lines if line.text]
    schemes: list[DelegationScheme] = []
    i = 0
    while i < len(texts):
        scheme, end = _scheme(texts, i)
        if scheme is not None:
            schemes.append(scheme)
            i = end
        else:
            i += 1
    return schemes


def _scheme(texts: list[Line], i: int) -> tuple[DelegationScheme | None, int]:
    title = _title(texts[i].text)
    if title is None:
        return None, i + 1
    scheme = DelegationScheme(title=texts[i].text, body=title or None, valid_from=None, case_number=None,
                              first_line=texts[i].no, last_line=texts[i].no)
    for j in range(i + 1, min(i + 1 + HEADER_WINDOW, len(texts))):
        text = texts[j].text
        if END_RE.match(text) or _title(text) is not None:
            return None, i + 1
        header = _header(texts, j)
        if header is not None:
            end = _read_points(texts, header, scheme)
            return (scheme, end) if scheme.points else (None, i + 1)
        if j == i + 1 and scheme.body is None and BODY_WORD.search(text) and len(text.split()) <= 5:
            scheme.body = _body(re.sub(r"^för\s+", "", text, flags=re.I))
        _about(text, scheme)
    return None, i + 1


def _title(text: str) -> str | None:
    """The body a title line names ("" when it names none), None when the line is no title of a scheme."""
    found = TITLE_RE.match(text)
    if found is None or len(text.split()) > TITLE_MAX_WORDS or text.rstrip().endswith((".", ":", ",")):
        return None
    rest = found["rest"].strip()
    if rest[:1].islower() and not re.match(r"(?:för|över)\b", rest, re.I):
        return None  # a sentence about a scheme (`Delegationsordningen är ett styrdokument som`)
    owner = found["owner"]
    if owner is not None:
        if not BODY_WORD.search(owner):
            return None
        return _body(owner[:-1])
    rest = re.sub(r"^(?:för|över|[-–—:])\s*", "", found["rest"], flags=re.I)
    body = BODY_END_RE.sub("", rest).strip(" -–—")
    return _body(body) if BODY_WORD.search(body) else ""


def _body(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def stated_valid_from(text: str | None) -> str | None:
    """The date a text says something applies from (`att gälla från och med 2023-03-01`), as an ISO date."""
    valid = VALID_RE.search(" ".join((text or "").split()))
    return find_date(valid["date"]).iso if valid else None


def _about(text: str, scheme: DelegationScheme) -> None:
    """What a line before the table says of the scheme: the date it applies from, its case number."""
    if scheme.valid_from is None:
        scheme.valid_from = stated_valid_from(text)
    if scheme.case_number is None and CASE_LABEL_RE.search(text):
        scheme.case_number = case_number(text)


# ------------------------------------------------------------ the column header

def _columns(text: str) -> list[Column] | None:
    """The columns a header's text names, in order, when it is nothing but column names."""
    columns, position = [], 0
    text = text.strip()
    while position < len(text):
        gap = re.match(r"[\s/|]*", text[position:]).end()
        position += gap
        if position >= len(text):
            break
        found = COLUMN_RE.match(text, position)
        if found is None or (found.end() < len(text) and text[found.end()].isalnum()):
            return None
        columns.append(Column(found.lastgroup, found.group(), position))
        position = found.end()
    return columns or None


def _header(texts: list[Line], j: int) -> Header | None:
    """The column header at line j: on one line (wide gaps: the columns layout), or its names one a line."""
    line = texts[j]
    cells = list(GAP_RE.finditer(line.raw or line.text))
    wide = len(cells) >= 2 and all(_columns(c.group()) and len(_columns(c.group())) == 1 for c in cells)
    if wide:
        columns = [Column(_columns(c.group())[0].role, c.group(), line.indent + c.start()) for c in cells]
        return _complete(Header("columns", columns, j + 1))
    columns = _columns(line.text)
    if columns is None:
        return None
    if len(columns) > 1:
        return _complete(Header("flowed", columns, j + 1))
    k = j + 1
    while k < len(texts) and (more := _columns(texts[k].text)) is not None and len(more) == 1:
        columns += more
        k += 1
    return _complete(Header("cells", columns, k))


def _complete(header: Header) -> Header | None:
    return header if header.has("matter") and header.has("delegate") else None


def _is_header(texts: list[Line], j: int) -> int:
    """The lines a header repeated at line j takes (after a page break), 0 when it is none."""
    header = _header(texts, j)
    return header.end - j if header is not None else 0


# ------------------------------------------------------------ the points

def _read_points(texts: list[Line], header: Header, scheme: DelegationScheme) -> int:
    """The points under the header; the index of the line the scheme ends before."""
    drafts: list[Draft] = []
    loose = 0
    j = header.end
    while j < len(texts) and loose <= LOOSE_LINES:
        line = texts[j]
        if PAGE_RE.match(line.text) or line.text == scheme.title:  # a page number, the title as a running header
            j += 1
            continue
        if END_RE.match(line.text) or _title(line.text) is not None and not POINT_RE.match(line.text):
            break
        if taken := _is_header(texts, j):
            j += taken
            continue
        if header.layout == "columns":
            took = _columns_line(line, header, drafts)
        elif header.layout == "cells":
            took = _cells_line(line, drafts)
        else:
            took = _flowed_line(line, drafts)
        loose = 0 if took else loose + 1
        if took:
            scheme.last_line = line.no
        j += 1
    for draft in drafts:
        point = _point(draft, header)
        if point is not None:
            scheme.points.append(point)
    return j


def _start(line: Line, text: str, drafts: list[Draft]) -> Draft | None:
    """A point starts at a line that opens with its number (the rest, when any, in a capital)."""
    found = POINT_RE.match(text)
    if found is None or LAW_RE.match(text) or (found["rest"] and not found["rest"][0].isupper()):
        return None
    draft = Draft(found["number"], line.no)
    drafts.append(draft)
    return draft


def _columns_line(line: Line, header: Header, drafts: list[Draft]) -> bool:
    cells = [(line.indent + c.start(), c.group()) for c in GAP_RE.finditer(line.raw or line.text)]
    if not cells:
        return False
    draft = None
    first_column = _column_at(header, cells[0][0])
    # A point opens in the number column (or, where the header names none, with its number before the matter).
    opens = POINT_RE.match(cells[0][1])
    if first_column.role == "number" or (not header.has("number") and opens and opens["rest"] and opens["rest"][0].isupper()):
        draft = _start(line, cells[0][1], drafts)
        if draft is None:  # a heading without a number, in the number column: no point goes on over it
            if drafts:
                drafts.append(Draft("", line.no))
            return True
        rest = POINT_RE.match(cells[0][1])["rest"]
        cells = ([(cells[0][0] + len(cells[0][1]) - len(rest), rest)] if rest else []) + cells[1:]
    elif not drafts or not drafts[-1].number:
        return False
    draft = draft or drafts[-1]
    for start, text in cells:
        column = _column_at(header, start)
        if column.role == "number":
            column = next((c for c in header.columns if c.role == "matter"), column)
        if column.role == "other":
            draft.others.append((column.name, text))
        else:
            draft.add(column.role, text)
    return True


def _column_at(header: Header, start: int) -> Column:
    """The column a cell starting there stands in: the one whose start is nearest."""
    return min(header.columns, key=lambda c: abs(c.start - start))


def _opens_point(line: Line, drafts: list[Draft]) -> bool:
    """A line that opens a point (cells and flowed layouts): what follows its number is the point's first line."""
    draft = _start(line, line.text, drafts)
    if draft is not None:
        draft.add("lines", POINT_RE.match(line.text)["rest"] or "")
    return draft is not None


def _cells_line(line: Line, drafts: list[Draft]) -> bool:
    if _opens_point(line, drafts):
        return True
    if not drafts or len(drafts[-1].cells.get("lines", [])) >= CELL_LINES:
        return False
    drafts[-1].add("lines", line.text)
    return True


def _flowed_line(line: Line, drafts: list[Draft]) -> bool:
    if _opens_point(line, drafts):
        return True
    if drafts and drafts[-1].number and _goes_on(line.text):
        drafts[-1].add("more", line.text)
        return True
    if drafts and line.text[:1].isupper():  # a heading without a number: the point above is over
        drafts.append(Draft("", line.no))
    return False


def _goes_on(text: str) -> bool:
    return text[:1].islower() or text[:1] in "(–-"


def _point(draft: Draft, header: Header) -> DelegationPoint | None:
    if not draft.number:
        return None
    if header.layout == "columns":
        matter, delegate, law, limits = (_join(draft.cells.get(role, [])) for role in ("matter", "delegate", "law", "limits"))
    elif header.layout == "cells":
        matter, delegate, law, limits = _cells(draft.cells.get("lines", []), header, draft)
    else:
        matter, delegate, law, limits = _flowed(_join(draft.cells.get("lines", [])), header, draft)
        more = _join(draft.cells.get("more", []))
        if more and limits:
            limits = f"{limits} {more}"
        elif more:
            matter = f"{matter} {more}"
    if not delegate or not matter:
        return None  # a section heading
    others = "; ".join(f"{name}: {text}" for name, text in draft.others if text)
    limits = "; ".join(part for part in (limits, others) if part) or None
    return DelegationPoint(number=" ".join(draft.number.split()), matter=matter, delegate_role=delegate, law=law or None,
                           limits=limits, line=draft.line)


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        text = f"{text[:-1]}{part}" if text.endswith("-") and part[:1].islower() else f"{text} {part}".strip()
    return text


def _cells(parts: list[str], header: Header, draft: Draft) -> tuple[str, str, str, str]:
    """The cells of a point read one a line, in the header's order: a cell in lower case goes on with the one above."""
    values: dict[str, list[str]] = {}
    k = 0
    for column in header.columns:
        if column.role == "number" or k >= len(parts):
            continue
        text = parts[k]
        if column.role == "law" and not LAW_RE.match(text):
            continue
        if column.role == "delegate" and (not text[:1].isupper() or LAW_RE.match(text)):
            continue
        taken = [text]
        k += 1
        if column.role == "law":
            while k < len(parts) and (LAW_RE.match(parts[k]) or taken[-1].endswith((",", " och"))):
                taken.append(parts[k])
                k += 1
        elif column.role != "delegate":
            while k < len(parts) and (_goes_on(parts[k]) or taken[-1].endswith((",", "-", " och", " av", " för", " om"))):
                taken.append(parts[k])
                k += 1
        if column.role == "other":
            draft.others.append((column.name, _join(taken)))
        else:
            values[column.role] = taken
    limits = values.get("limits", []) + parts[k:]
    return (_join(values.get("matter", [])), _join(values.get("delegate", [])), _join(values.get("law", [])), _join(limits))


def _flowed(text: str, header: Header, draft: Draft) -> tuple[str, str, str, str]:
    """A point on one line: the lagrum by its form; the delegate a run of words with a capital (the last before
    the lagrum or the remark; the first after the lagrum where the header puts the lagrum first)."""
    law = LAW_RE.search(text, pos=len(text.split()[0]) if text else 0)
    before, after = (text[:law.start()].strip(), text[law.end():].strip()) if law else (text, "")
    roles = [c.role for c in header.columns]
    law_first = "law" in roles and roles.index("law") < roles.index("delegate")
    if law and law_first:
        words = after.split()
        runs = _runs(words, 0)
        if not runs:
            return before, "", law.group(), after
        start, end = runs[0]
        return before, " ".join(words[start:end]), law.group(), " ".join(words[end:])
    words = before.split()
    runs = _runs(words, 1)
    if not runs:
        return before, "", law.group() if law else "", after
    # A column of another role after the delegate's (`Vidaredelegation`) takes the runs after it.
    others = [c for c in header.after("delegate") if c.role == "other"]
    chosen = len(runs) - 1 - min(len(others), len(runs) - 1)
    start, end = runs[chosen]
    used = runs[chosen + 1:chosen + 1 + len(others)]
    for column, (o_start, o_end) in zip(others, used):
        draft.others.append((column.name, " ".join(words[o_start:o_end])))
    tail = " ".join(words[used[-1][1] if used else end:])
    limits = " ".join(part for part in (tail, after) if part)
    return " ".join(words[:start]), " ".join(words[start:end]), law.group() if law else "", limits


def _runs(words: list[str], first: int) -> list[tuple[int, int]]:
    """The runs of words that name a role: a word with a capital, joined by `/`, `och`, `eller` to the next
    (`Regiondirektör eller ekonomidirektör`, `Ordförande / vice ordförande`)."""
    runs, k = [], first
    while k < len(words):
        if not words[k][:1].isupper():
            k += 1
            continue
        start = k
        k += 1
        while True:
            if k < len(words) and (words[k - 1].casefold() == "vice" or words[k - 1].endswith(("/vice", "/"))):
                k += 1
            elif k + 1 < len(words) and words[k].casefold() in JOINERS:
                k += 2
            else:
                break
        runs.append((start, k))
    return runs

"""Internal control plans (intern kontrollplan): the table of a year's control points, with its purpose and
questions, method, who makes the control and when it is reported, the areas concerned, and the risk it answers
(`Kännbar/möjlig`: consequence and probability).

Read by the structure of such a table as text extraction gives it, column cell by column cell: a truly empty
line (`""`) ends a cell, a line holding only spaces is a blank line within one. The header cells name the
columns (`Kontroll-` `moment`, `Syfte/frågeställning`, `Ansvar för utförande …`, `Berörda verksamhets-`
`områden`, `Risk-` `bedömning …`); then each row is one cell a column, the risk last. A row broken by a page
break goes on after its risk cell, in the same cell or the next ones, with cells that begin in lower case, with
a blank line or after page furniture: the n cells it goes on with belong to its last n columns before the risk."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from paragraf.ingest.cleanup import Line
from paragraf.ingest.model import InternalControlPlan, PlannedControl
from paragraf.ingest.text import fold, join_lines

# The risk words of the common Swedish municipal 4×4 matrix (docs/importer.md, "Risk in internal control plans").
CONSEQUENCE = {"försumbar": 1, "lindrig": 2, "kännbar": 3, "allvarlig": 4}
PROBABILITY = {"osannolik": 1, "mindre sannolik": 2, "möjlig": 3, "sannolik": 4}

TABLE_START_RE = re.compile(r"^Kontroll(?:-|\s*-?\s*moment(?:en)?)?$", re.I)  # the first header cell's first line
TITLE_HEADER_RE = re.compile(r"^kontroll-?\s*moment(?:en)?$", re.I)
RISK_HEADER_RE = re.compile(r"^risk", re.I)
CAPTION_RE = re.compile(r"kontroll\s*plan", re.I)
RESPONSIBLE_RE = re.compile(r"^(?:[\wåäö]+\s+){0,2}?utförs\s+av\s+(?P<who>.+?)\.?$", re.I)
TIMING_RE = re.compile(r"^(?:Avrapportering|Återrapportering|Rapport(?:en)?\s+lämnas|Rapporteras|Redovisas|Återredovisas|Rapportering)\b", re.I)
SENTENCE_END_RE = re.compile(r"(?<=[.?!])\s+(?=[A-ZÅÄÖ])")
YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\b")
OTHER_DOCUMENT = {"kallelse", "protokoll", "protokollsutdrag", "missiv", "tjansteskrivelse", "skrivelse"}
MAX_HEADER_CELLS = 8
MAX_HEADER_WORDS = 12
MAX_TABLE_LINES = 5000
MAX_RISK_LINES = 3
CAPTION_DISTANCE = 3  # source lines between a caption and the header


@dataclass
class _Cell:
    paragraphs: list[list[str]]  # the lines of each paragraph of the cell
    first_line: int
    last_line: int
    opens_blank: bool = False  # the cell began with a blank line (a paragraph of a cell broken by the page)
    after_furniture: bool = False  # page furniture came just before it

    @property
    def lines(self) -> list[str]:
        return [text for paragraph in self.paragraphs for text in paragraph]

    @property
    def text(self) -> str:
        return join_lines(self.lines)


def read_control_plans(lines: list[Line], raw_lines: list[str]) -> list[InternalControlPlan]:
    """Every internal control plan table of the packet. `lines` are the cleaned lines (what furniture the
    cleanup removed, and the page headers), `raw_lines` the source lines (an empty line ends a cell)."""
    starts = [i for i, line in enumerate(lines) if line.text.startswith(("Kontroll", "kontroll", "KONTROLL"))
              and TABLE_START_RE.match(line.text)]
    if not starts:
        return []
    text_at = {line.no: line for line in lines if line.text}
    header_at = {line.no: line for line in lines if line.header is not None}
    plans: list[InternalControlPlan] = []
    resume = 0
    for index in starts:
        line = lines[index]
        if line.no < resume:
            continue
        cells = _cells(raw_lines, line.no - 1, text_at, header_at)
        plan = _table(cells, _caption(lines, index))
        if plan is not None:
            plans.append(plan)
            resume = plan.last_line + 1
    return plans


def _cells(raw_lines: list[str], start: int, text_at: dict[int, Line], header_at: dict[int, Line]) -> list[_Cell]:
    """The cells from source index `start` to a page of another document (or a bound)."""
    cells: list[_Cell] = []
    cell: _Cell | None = None
    furniture = False
    i, end = start, min(len(raw_lines), start + MAX_TABLE_LINES)
    while i < end:
        no, raw = i + 1, raw_lines[i]
        header = header_at.get(no)
        if header is not None or (raw.strip() and no not in text_at):  # a page header or removed furniture
            if header is not None and header.header.kind in OTHER_DOCUMENT:
                break
            if cell is not None:
                cells.append(cell)
            cell, furniture = None, True
            i = max(i + 1, header.last_no if header is not None else 0)
            continue
        if not raw.strip():
            if raw.strip("\f\r") == "":  # an empty line: the cell ends
                if cell is not None:
                    cells.append(cell)
                cell = None
            elif cell is None:
                cell = _Cell([[]], no, no, opens_blank=True, after_furniture=furniture)
                furniture = False
            elif cell.paragraphs[-1]:
                cell.paragraphs.append([])  # a blank line within the cell: a new paragraph
            i += 1
            continue
        if cell is None:
            cell = _Cell([[]], no, no, after_furniture=furniture)
            furniture = False
        cell.paragraphs[-1].append(text_at[no].text)
        cell.last_line = no
        i += 1
    if cell is not None:
        cells.append(cell)
    for c in cells:
        c.paragraphs = [p for p in c.paragraphs if p]
    return [c for c in cells if c.paragraphs]


def _caption(lines: list[Line], index: int) -> Line | None:
    """The line over the table that names the plan (`Regionstyrelsens internkontrollplan för 2023`)."""
    first = lines[index].no
    for line in reversed(lines[max(0, index - 4):index]):
        if line.header is not None or first - line.no > CAPTION_DISTANCE:
            return None
        if line.text:
            return line if CAPTION_RE.search(line.text) else None
    return None


def _roles(header: list[_Cell]) -> list[str]:
    """What each column holds, by the words of its header: the title first, the risk last. A header cell of
    two paragraphs heads two columns (`Syfte/frågeställning Metod`, blank, `Ansvar för utförande …`)."""
    names = [join_lines(p) for cell in header for p in cell.paragraphs]
    roles = ["title"]
    for name in names[1:-1]:
        words = name.casefold()
        if re.search(r"berörd|område", words):
            roles.append("areas")
        elif re.search(r"syfte|fråg", words):
            roles.append("purpose")
        elif re.search(r"ansvar|utför|tidpunkt", words):
            roles.append("responsible")
        else:
            roles.append("method")
    return roles + ["risk"]


def _table(cells: list[_Cell], caption: Line | None) -> InternalControlPlan | None:
    if not cells or not TITLE_HEADER_RE.match(cells[0].text):
        return None
    risk_at = next((i for i, c in enumerate(cells[:MAX_HEADER_CELLS]) if RISK_HEADER_RE.match(c.text)), None)
    if risk_at is None or risk_at < 2 or any(len(c.text.split()) > MAX_HEADER_WORDS for c in cells[:risk_at + 1]):
        return None
    roles = _roles(cells[:risk_at + 1])
    n = len(roles)
    rows: list[tuple[list[list[list[str]]], str, int, int]] = []  # each column's paragraphs, the risk, first and last line
    i = risk_at + 1
    while i + n <= len(cells) and _row_at(cells, i, n):
        row = [[list(p) for p in c.paragraphs] for c in cells[i:i + n - 1]]
        risk_cell = cells[i + n - 1]
        taken = _risk_lines(risk_cell)
        risk = _risk_text(risk_cell.lines[:taken])
        last = risk_cell.last_line
        more: list[_Cell] = []
        rest = _after(risk_cell, taken)
        if rest is not None:
            more.append(rest)
        j = i + n
        while j < len(cells) and len(more) < n - 1 and _goes_on(cells, j, n):
            more.append(cells[j])
            j += 1
        for column, cell in zip(range(n - 1 - len(more), n - 1), more):
            _continue(row[column], cell)
            last = max(last, cell.last_line)
        rows.append((row, risk, cells[i].first_line, last))
        i = j
    if not rows:
        return None
    controls = [_control(roles, row, risk, first) for row, risk, first, _ in rows]
    title = caption.text if caption is not None else None
    year = _year(title) or _common_year(controls)
    first = caption.no if caption is not None else cells[0].first_line
    return InternalControlPlan(title=title, year=year, first_line=first, last_line=rows[-1][3], controls=controls)


def _row_at(cells: list[_Cell], i: int, n: int) -> bool:
    """Cell i opens a row: its title begins in capitals (or a figure) and the row's last cell opens with a risk."""
    if i + n > len(cells):
        return False
    first = cells[i]
    head = first.lines[0][:1]
    return not first.opens_blank and (head.isupper() or head.isdigit()) and _risk_lines(cells[i + n - 1]) > 0


def _goes_on(cells: list[_Cell], j: int, n: int) -> bool:
    """Cell j goes on with the row before (broken by a page): it begins in lower case, with a bracket or a
    blank line, or after page furniture when no row opens there."""
    cell = cells[j]
    head = cell.lines[0][:1]
    if cell.opens_blank or head.islower() or head in "(,;":
        return True
    return cell.after_furniture and not _row_at(cells, j, n)


def _risk_lines(cell: _Cell) -> int:
    """How many of the cell's first lines are the risk (`Kännbar/` `allvarlig`); 0 when it opens with none."""
    first = cell.paragraphs[0]
    return max((k for k in range(1, min(MAX_RISK_LINES, len(first)) + 1) if _risk_words(_risk_text(first[:k]))), default=0)


def _risk_text(lines: list[str]) -> str:
    return re.sub(r"\s*/\s*", "/", fold(" ".join(lines)))


def _risk_words(risk: str) -> list[str] | None:
    """The words of a risk as written, when each part is a word of the scale: `Kännbar/möjlig`."""
    parts = [part.strip().casefold() for part in risk.split("/")]
    if not parts or len(parts) > 2 or not all(p in CONSEQUENCE or p in PROBABILITY for p in parts):
        return None
    return parts


def _scale(risk: str) -> tuple[int | None, int | None]:
    """Consequence and probability (1–4) as the words say. Written as consequence/probability; a part that is
    a word of consequence where probability should be (`Kännbar/allvarlig`) gives no probability."""
    consequence = probability = None
    for part in _risk_words(risk) or []:
        if part in PROBABILITY and probability is None:
            probability = PROBABILITY[part]
        elif part in CONSEQUENCE and consequence is None:
            consequence = CONSEQUENCE[part]
    return consequence, probability


def _after(cell: _Cell, taken: int) -> _Cell | None:
    """What a risk cell holds after its risk: the row broken by the page goes on there."""
    rest = [cell.paragraphs[0][taken:]] + cell.paragraphs[1:]
    rest = [p for p in rest if p]
    if not rest:
        return None
    return _Cell(rest, cell.first_line, cell.last_line, opens_blank=not cell.paragraphs[0][taken:])


def _continue(paragraphs: list[list[str]], cell: _Cell) -> None:
    """A column goes on with a cell after the page break: its first line goes on with the last paragraph,
    unless the cell opens with a blank line."""
    more = [list(p) for p in cell.paragraphs]
    if paragraphs and not cell.opens_blank:
        paragraphs[-1].extend(more.pop(0))
    paragraphs.extend(more)


def _control(roles: list[str], row: list[list[list[str]]], risk: str, line: int) -> PlannedControl:
    texts: dict[str, list[str]] = {"title": [], "purpose": [], "method": [], "areas": []}
    responsible = timing = None
    for role, paragraphs in zip(roles, row):
        for paragraph in paragraphs:
            text = join_lines(paragraph)
            if role == "title":
                texts["title"].append(text)
                continue
            if role in ("method", "responsible"):  # who makes the control and when it is reported, wherever written
                kept = []
                for sentence in SENTENCE_END_RE.split(text):
                    who = RESPONSIBLE_RE.match(sentence)
                    if who and responsible is None:
                        responsible = who["who"]
                    elif TIMING_RE.match(sentence) and timing is None:
                        timing = sentence.rstrip(".")
                    else:
                        kept.append(sentence)
                text = " ".join(kept)
                role = "method"
            if text:
                texts[role].append(text)
    consequence, probability = _scale(risk)
    return PlannedControl(title=join_lines(texts["title"]), line=line, purpose="\n".join(texts["purpose"]),
                          method="\n".join(texts["method"]), responsible=responsible, timing=timing,
                          areas="\n".join(texts["areas"]), risk=risk, consequence=consequence, probability=probability)


def _year(text: str | None) -> int | None:
    found = YEAR_RE.search(text or "")
    return int(found.group(1)) if found else None


def _common_year(controls: list[PlannedControl]) -> int | None:
    """A plan without a caption: the year its controls are reported in."""
    years = Counter(y for c in controls if (y := _year(c.timing)) is not None)
    return years.most_common(1)[0][0] if years else None


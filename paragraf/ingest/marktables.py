"""X-mark tables: närvarolistor and omröstningslistor (omröstningsbilagor).

Attendance and roll-call votes are often given as a table, mostly annexed after
the last §: one row per seat with the member, the substitute serving in the
member's place, and an X under the column of what the person did (`Närv`, `Ja`,
`Nej`, `Avstår`). The columns are read from the heading row, and every X goes to
the heading nearest to it by character column in the source line, so the layout
of any municipality reads. A table goes on over a page break (with or without
its heading row repeated) and ends at a `Summa` row or at the first line that is
no row. The § a vote belongs to is the `§ N` in the table's title (`Omröstning
§ 12`), or above its Ja/Nej/Avstår columns when the table holds several votes.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from paragraf.ingest.cleanup import Line
from paragraf.ingest.headings import paragraph_heading, section_heading
from paragraf.ingest.model import Attendee, Ballot, Paragraph, Vote
from paragraf.ingest.text import PARTY, Person, fold, split_person

# Words of a heading row, by the column they head.
COLUMN_WORDS = [
    ("member", re.compile(r"^(?:ledamot|ledamöter|ordinarie|namn|ledamot/parti|ledamöter/parti)$", re.I)),
    ("substitute", re.compile(r"^(?:ers\.?|ersättare|tjänstgörande|tjg\.?|tjänstg\.?)$", re.I)),
    ("party", re.compile(r"^(?:parti)$", re.I)),
    ("present", re.compile(r"^(?:närv\.?|närvarande|närvaro)$", re.I)),
    ("absent", re.compile(r"^(?:frånv\.?|frånvarande)$", re.I)),
    ("yes", re.compile(r"^(?:ja)$", re.I)),
    ("no", re.compile(r"^(?:nej)$", re.I)),
    ("abstain", re.compile(r"^(?:avstår|avst\.?|avstod|avstående|avs\.?)$", re.I)),
    ("ballot", re.compile(r"^(?:röst|röstade|röstar|votering)$", re.I)),  # `Ja`/`Nej`/`Avstår` written in it
]
TEXT_KINDS = ("member", "substitute", "party")
VOTE_SIDES = ("yes", "no", "abstain")
MARK_KINDS = ("present", "absent", "ballot", *VOTE_SIDES)
# what a word in a column of marks says (`Ja` under `Röst`, `Närvarande` under `Närvaro`)
WORD_MARKS = {"ja": "yes", "nej": "no", "avstår": "abstain", "avstod": "abstain", "avstående": "abstain",
              "närvarande": "present", "frånvarande": "absent"}
MARKS = {"X", "x", "×", "✓", "✔", "☒"}
SUM_ROW = re.compile(r"^(?:summa|totalt|antal|summering)\b", re.I)
# The first line of an annex's title: `Bilaga 1, §§ 40–47`, `Närvaro- och omröstningslista`.
ANNEX_TITLE = re.compile(
    r"^(?:bilaga\b|närvaro|omröstning|votering|röstlängd|[\wåäö-]*(?:omröstnings|närvaro)(?:lista|bilaga))", re.I)
TITLE_LOOKBACK = 8  # non-blank lines above a heading row that may be the table's title
SINGLE_PARAGRAPH = re.compile(r"(?<![§\d])§\s*(\d{1,4})\b(?!\s*[-–]\s*\d)")
BARE_PARTY_RE = re.compile(
    r"^(?P<name>[A-ZÅÄÖÉÜ][\w'’\-]+(?: [A-ZÅÄÖÉÜ][\w'’\-]+){1,4}) (?P<party>[A-ZÅÄÖ]{1,4}|[A-ZÅÄÖ][a-zåäö]{1,2}[A-ZÅÄÖ])$")
PERSON_RE = re.compile(rf"[A-ZÅÄÖÉÜ][\w'’\-]+(?: [A-ZÅÄÖÉÜ][\w'’\-]+){{0,4}} \((?:{PARTY})\)")
# `Anna Ek S Bo Al S`: people with the party after the name, without parentheses
BARE_PEOPLE_RE = re.compile(r"(?:[A-ZÅÄÖÉÜ][a-zåäöéü][\w'’\-]* ){1,4}(?:[A-ZÅÄÖ]{1,4}|[A-ZÅÄÖ][a-zåäö]{1,2}[A-ZÅÄÖ])(?= |$)")
COLUMN_SLACK = 2  # a name cell may start this many characters before its heading


WORD_RE = re.compile(r"\S+")


@dataclass
class Column:
    kind: str  # member, substitute, party, present, absent, yes, no, abstain
    start: int
    end: int
    vote: int = 0  # which vote of the table a yes/no/abstain column belongs to


@dataclass
class MarkRow:
    member: Person | None
    substitute: Person | None
    marks: list[tuple[str, int]]  # (column kind, vote) of every X in the row
    line: int

    @property
    def serving(self) -> Person | None:
        """Who sat in the seat: the substitute when one is given, else the member."""
        return self.substitute or self.member

    def marked(self, kind: str, vote: int = 0) -> bool:
        return (kind, vote if kind in VOTE_SIDES else 0) in self.marks


@dataclass
class MarkTable:
    first: int  # index in the lines read of the title (or heading row)
    last: int  # index of the last row
    votes: int  # Ja/Nej/Avstår column groups
    has_present: bool
    rows: list[MarkRow] = field(default_factory=list)
    vote_paragraphs: list[int | None] = field(default_factory=list)
    titled: bool = False  # an annex title stands above it (`Bilaga 1`, `Omröstningslista § 12`)

    def voters(self, vote: int, side: str) -> list[str]:
        return [person.name for person in self.voting(vote, side)]

    def voting(self, vote: int, side: str) -> list[Person]:
        """Who voted on that side: the person serving in each marked row."""
        return [row.serving for row in self.rows if row.serving and row.marked(side, vote)]

    def present(self) -> list[MarkRow]:
        """The rows of people present: X under Närvarande, or any X without that column."""
        if self.has_present:
            return [row for row in self.rows if row.marked("present")]
        return [row for row in self.rows if row.marks and not row.marked("absent")]


def read_mark_tables(lines: list[Line]) -> list[MarkTable]:
    tables: list[MarkTable] = []
    i = 0
    while i < len(lines):
        columns = _heading_columns(lines[i])
        if columns is None:
            i += 1
            continue
        table = _read_table(lines, i, columns)
        if table.rows:
            tables.append(table)
            i = table.last + 1
        else:
            i += 1
    return tables


def table_line_numbers(lines: list[Line], tables: list[MarkTable]) -> set[int]:
    """Source line numbers of the tables with their titles (page headers inside included)."""
    out: set[int] = set()
    for table in tables:
        for line in lines[table.first:table.last + 1]:
            out.add(line.no)
    return out


def table_attendance(tables: list[MarkTable]) -> list[Attendee]:
    """Voting members present, from the first table that marks presence (or votes)."""
    chosen = [t for t in tables if t.has_present] or tables
    if not chosen:
        return []
    out: list[Attendee] = []
    for row in chosen[0].present():
        person = row.serving
        if person is None:
            continue
        replaces = row.member.name if row.substitute and row.member else None
        out.append(Attendee(person.name, person.party, "beslutande", person.rest or None, replaces, None, row.line))
    return out


def add_table_votes(paragraphs: list[Paragraph], tables: list[MarkTable],
                    spans: list[tuple[int, int]] | None = None) -> None:
    """Every vote a table records goes to its §: the one its title names, else the § it
    stands in (`spans`: the first and last source line of each §, an annex excepted),
    else the one § whose vote names nobody. The names fill the § vote read from the
    prose, or the table's counts make the vote when the prose gives none."""
    by_number = {p.number: p for p in paragraphs}
    for table in tables:
        for vote, number in enumerate(table.vote_paragraphs):
            voters = {side: table.voting(vote, side) for side in VOTE_SIDES}
            if not any(voters.values()):
                continue
            para = by_number.get(number) if number is not None else (
                _standing_in(paragraphs, table, spans) or _only_unnamed_vote(paragraphs))
            if para is not None:
                _fill_vote(para, voters, table.rows[0].line)


def _standing_in(paragraphs: list[Paragraph], table: MarkTable, spans: list[tuple[int, int]] | None) -> Paragraph | None:
    """The § whose text the table stands in, when it is no annex with a title of its own."""
    if spans is None or table.titled:
        return None
    line = table.rows[0].line
    return next((p for p, (first, last) in zip(paragraphs, spans) if first <= line <= last), None)


def _only_unnamed_vote(paragraphs: list[Paragraph]) -> Paragraph | None:
    """With no § given for a table's vote, the one § whose open vote names nobody."""
    candidates = [p for p in paragraphs if any(v.method == "open" and not v.yes_names for v in p.votes)]
    return candidates[0] if len(candidates) == 1 else None


def _fill_vote(para: Paragraph, voters: dict[str, list[Person]], line: int) -> None:
    names = {side: [p.name for p in people] for side, people in voters.items()}
    vote = next((v for v in para.votes if v.method == "open" and not (v.yes_names or v.no_names)), None)
    if vote is None:
        if any(v.method == "open" for v in para.votes):
            return  # the § names its voters itself
        vote = Vote("open", len(names["yes"]), len(names["no"]), len(names["abstain"]), line=line)
        para.votes.append(vote)
    vote.yes_names, vote.no_names, vote.abstain_names = names["yes"], names["no"], names["abstain"]
    vote.ballots = [Ballot(p.name, p.party, side) for side in VOTE_SIDES for p in voters[side]]


# ----------------------------------------------------------------------------
# the heading row and the rows


def _cells(line: Line) -> Iterator[tuple[int, str]]:
    """Words of the raw line with their character column (lazily: most lines stop at the first word)."""
    return ((line.indent + m.start(), m.group(0)) for m in WORD_RE.finditer(line.raw))


def _heading_columns(line: Line) -> list[Column] | None:
    """The columns of a heading row (`Ledamöter  Ers  Närv  Ja  Nej  Avstår`), or None."""
    if line.header or not line.text or not line.raw:
        return None
    columns: list[Column] = []
    previous_end = -10
    for start, word in _cells(line):
        kind = _column_kind(word)
        if kind is None:
            if SINGLE_PARAGRAPH.fullmatch(word) or word in ("§", "/") or word.isdigit():
                previous_end = start + len(word)
                continue
            if columns and start - previous_end <= 1 and columns[-1].kind in TEXT_KINDS:
                columns[-1].end = start + len(word)  # `Tjänstgörande ersättare`, `Ledamot (parti)`
                previous_end = columns[-1].end
                continue
            return None
        if columns and start - previous_end <= 1 and columns[-1].kind == kind and kind in TEXT_KINDS:
            columns[-1].end = start + len(word)  # `Tjänstgörande ersättare`
        else:
            columns.append(Column(kind, start, start + len(word)))
        previous_end = start + len(word)
    kinds = [c.kind for c in columns]
    if "member" not in kinds or not ("present" in kinds or "ballot" in kinds or ("yes" in kinds and "no" in kinds)):
        return None
    _number_votes(columns)
    return columns


def _column_kind(word: str) -> str | None:
    for kind, pattern in COLUMN_WORDS:
        if pattern.match(word.strip(",:")):
            return kind
    return None


def _number_votes(columns: list[Column]) -> None:
    """Ja/Nej/Avstår columns grouped into votes: each `Ja` opens the next vote."""
    vote = -1
    for column in columns:
        if column.kind in ("yes", "ballot") or (column.kind in VOTE_SIDES and vote < 0):
            vote += 1
        if column.kind in (*VOTE_SIDES, "ballot"):
            column.vote = vote


def _read_table(lines: list[Line], heading: int, columns: list[Column]) -> MarkTable:
    votes = 1 + max((c.vote for c in columns if c.kind in (*VOTE_SIDES, "ballot")), default=-1)
    first = _title_start(lines, heading)
    table = MarkTable(first, heading, votes, any(c.kind == "present" for c in columns), titled=first < heading)
    table.vote_paragraphs = _vote_paragraphs(lines[first:heading + 1], votes)
    read_row = _row if _positional(columns) else _flattened_row
    i = heading + 1
    while i < len(lines):
        line = lines[i]
        if line.header or not line.text:
            i += 1
            continue
        again = _heading_columns(line)
        if again is not None:
            if [c.kind for c in again] != [c.kind for c in columns]:
                break  # another table
            columns = again
            table.last = i
            i += 1
            continue
        if SUM_ROW.match(line.text):
            table.last = i
            break
        row = read_row(line, columns)
        if row is None:
            break
        table.rows.append(row)
        table.last = i
        i += 1
    return table


def _row(line: Line, columns: list[Column]) -> MarkRow | None:
    text_columns = [c for c in columns if c.kind in TEXT_KINDS]
    mark_columns = [c for c in columns if c.kind in MARK_KINDS]
    people: dict[str, Person] = {}
    party = None
    marks: list[tuple[str, int]] = []
    for start, text in _text_cells(line):
        nearest = min(columns, key=lambda c: _distance(c, start))
        if text in MARKS:
            column = min(mark_columns, key=lambda c: _distance(c, start))
            marks.append((column.kind, column.vote))
            continue
        if nearest.kind in MARK_KINDS and text.lower() in WORD_MARKS:
            side = WORD_MARKS[text.lower()]
            marks.append((side, nearest.vote if side in VOTE_SIDES else 0))
            continue
        column = _text_column(text_columns, start)
        if column.kind == "party":
            party = text.strip("()")
            continue
        person = _person(text)
        if column.kind in people and person is None:
            people[column.kind].rest = fold(people[column.kind].rest + " " + text)  # `ordf.` in a cell of its own
        elif column.kind in people or (person is None and column.kind == "member"):
            return None  # no row: a line of text
        elif person is not None:
            people[column.kind] = person
    if not people:
        return None
    if party:
        for person in people.values():
            person.party = person.party or party
    return MarkRow(people.get("member"), people.get("substitute"), marks, line.no)


def _positional(columns: list[Column]) -> bool:
    """Columns that stand apart (two spaces or more) keep their character positions;
    text whose runs of spaces were folded to one (PDF extraction) does not."""
    return any(b.start - a.end >= 2 for a, b in zip(columns, columns[1:]))


def _flattened_row(line: Line, columns: list[Column]) -> MarkRow | None:
    """A row of a table whose columns are lost: the people in order (member, then the
    serving substitute) and, from the marks, only that the person was there."""
    words = line.text.split()
    marks = [w for w in words if w in MARKS]
    text = " ".join(w for w in words if w not in MARKS)
    found = PERSON_RE.findall(text) or BARE_PEOPLE_RE.findall(text) or [text]
    people = [_person(part) for part in found]
    if SUM_ROW.match(text) or people[0] is None or len(people) > 2:
        return None
    member, substitute = people[0], people[1] if len(people) > 1 else None
    kind = "present" if any(c.kind == "present" for c in columns) else "seen"
    return MarkRow(member, substitute, [(kind, 0)] if marks else [], line.no)


def _text_cells(line: Line) -> list[tuple[int, str]]:
    """Marks one by one; other words joined into cells while one space apart."""
    cells: list[tuple[int, str]] = []
    end = -10
    for start, word in _cells(line):
        if word in MARKS:
            cells.append((start, word))
        elif cells and cells[-1][1] not in MARKS and start - end <= 1:
            cells[-1] = (cells[-1][0], cells[-1][1] + " " + word)
        else:
            cells.append((start, word))
        end = start + len(word)
    return cells


def _distance(column: Column, position: int) -> int:
    if column.start <= position < column.end:
        return 0
    return min(abs(position - column.start), abs(position - (column.end - 1)))


def _text_column(columns: list[Column], start: int) -> Column:
    before = [c for c in columns if c.start <= start + COLUMN_SLACK]
    return before[-1] if before else columns[0]


def _person(text: str) -> Person | None:
    """`Anna Ek (S)`, `Anna Ek S` (party without parentheses) or a bare name."""
    text = fold(text)
    if "(" not in text:
        m = BARE_PARTY_RE.match(text)
        if m:
            return Person(m.group("name"), m.group("party"), "")
    person = split_person(text)
    if person is None or any(ch.isdigit() for ch in person.name):
        return None
    person.rest = person.rest.strip(" ,")
    return person


# ----------------------------------------------------------------------------
# title and the § of each vote


def _title_start(lines: list[Line], heading: int) -> int:
    """Index of the table's title above its heading row (`Bilaga 1`,
    `Omröstningsbilaga`), or of the heading row when there is none."""
    start = heading
    seen = 0
    k = heading - 1
    while k >= 0 and seen < TITLE_LOOKBACK:
        line = lines[k]
        if line.header:
            break
        if line.text:
            if paragraph_heading(line.text) or section_heading(line.text):
                break
            seen += 1
            if _is_title(line.text):
                start = k
        k -= 1
    return start


def _is_title(text: str) -> bool:
    return bool(ANNEX_TITLE.match(text)) and len(text.split()) <= 8 and not text.endswith(".")


def _vote_paragraphs(title: list[Line], votes: int) -> list[int | None]:
    """The § of each vote: `§ N` labels above the vote columns, one each, or the
    one `§ N` of the title for a table of one vote."""
    labels: list[tuple[int, int]] = []  # (character column, §)
    for line in title:
        if line.header or not line.text:
            continue
        for m in SINGLE_PARAGRAPH.finditer(line.raw):
            labels.append((line.indent + m.start(), int(m.group(1))))
    numbers = sorted({n for _, n in labels})
    if votes == 1:
        return [numbers[0] if len(numbers) == 1 else None]
    if len(labels) == votes:
        return [n for _, n in sorted(labels)]  # left to right, as the vote columns
    return [None] * votes

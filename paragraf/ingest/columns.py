"""Lists set in two columns and extracted line by line.

A notice may print its invited list side by side:

    Ledamöter                           Ersättare
    Anna Berg (S), ordförande           Per Holm (M)
    Gösta Lind (M)

The text extraction flattens each row onto one line. `unfold_columns` reads
such a block as the left column (heading and entries) followed by the right
column, so that a roster reader sees one list under each heading. A row is cut
where the right column starts on the heading line; when the spacing is lost
(one space between the columns), it is cut before the second `Name (P)`.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from paragraf.ingest.cleanup import Line

CHUNK_RE = re.compile(r"\S+(?: {1,2}\S+)*")  # text between gaps of three or more spaces
PERSON_WITH_PARTY_RE = re.compile(r"[A-ZÅÄÖÉÜ][\w'’\-]+(?: [A-ZÅÄÖÉÜ][\w'’\-]+){1,4} \([A-ZÅÄÖ]{1,4}\)")
REPLACES_WORD_RE = re.compile(r"\b(?:ers|ersätter|ersättare|för|tjg|tjänstgör)\b", re.I)  # `X (M) ers. Y (M)` is one entry
TOLERANCE = 2  # columns may start a character or two apart from their heading


def unfold_columns(lines: list[Line], is_heading: Callable[[str], bool]) -> list[Line]:
    """Lines with every two-column block (a line of two headings and the rows under
    it) rewritten as the left column followed by the right column."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        columns = _heading_columns(lines[i], is_heading)
        if columns is None:
            out.append(lines[i])
            i += 1
            continue
        (left_heading, right_heading, right_start), head = columns, lines[i]
        left = [_part(head, left_heading, head.indent)]
        right = [_part(head, right_heading, right_start)]
        i += 1
        while i < len(lines) and _in_block(lines[i], is_heading, len(left) + len(right) > 2):
            row = lines[i]
            if row.text:
                for text, start in _cells(row, right_start):
                    (right if start >= right_start - TOLERANCE else left).append(_part(row, text, start))
            i += 1
        out.extend(left + right)
    return out


def _heading_columns(line: Line, is_heading: Callable[[str], bool]) -> tuple[str, str, int] | None:
    """`Ledamöter      Ersättare`: the two headings and where the right one starts."""
    if not line.text or line.header:
        return None
    chunks = [(m.group(0), line.indent + m.start()) for m in CHUNK_RE.finditer(line.raw or "")]
    if len(chunks) != 2 or not all(is_heading(text) for text, _ in chunks):
        return None
    return chunks[0][0], chunks[1][0], chunks[1][1]


def _in_block(line: Line, is_heading: Callable[[str], bool], has_rows: bool) -> bool:
    if line.header:
        return False
    if not line.text:
        return not has_rows  # a blank line after the rows ends the block
    first = CHUNK_RE.search(line.raw or line.text)
    return not is_heading(line.text) and not (first and is_heading(first.group(0)))  # a new heading at the left


def _cells(row: Line, right_start: int) -> list[tuple[str, int]]:
    """The row's cells with their start columns; one wide cell holding two people is
    cut before the second."""
    cells = [(m.group(0), row.indent + m.start()) for m in CHUNK_RE.finditer(row.raw or row.text)]
    if len(cells) == 1:
        text, start = cells[0]
        people = list(PERSON_WITH_PARTY_RE.finditer(text))
        if len(people) == 2 and people[0].start() == 0 and not REPLACES_WORD_RE.search(text[people[0].end():people[1].start()]):
            cut = people[1].start()
            return [(text[:cut].strip(" ,"), start), (text[cut:], max(right_start, start + cut))]
    return cells


def _part(line: Line, text: str, start: int) -> Line:
    return Line(line.no, " ".join(text.split()), raw=text, indent=start)

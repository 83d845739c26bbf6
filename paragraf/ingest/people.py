"""Rosters: lists of people under group headings, as in a notice's invited list
and in the attendance of minutes.

An entry is `Name (P) role`, `Name (P) ers. Other (P)`, `Name, title § 12`;
a wrapped entry continues on the next line (`Mats Bojestig, hälso- och` /
`sjukvårdsdirektör`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from paragraf.ingest.text import PARTY, PERSON_RE, fold, join_lines, split_person

RESTRICTION_RE = re.compile(
    r"\(?\s*((?:fr\.?\s*o\.?\s*m\.?|t\.?\s*o\.?\s*m\.?|från och med|till och med|från|till|ej|endast)?\s*§§?\s*\d+(?:\s*(?:[-–]|och|,)\s*\d+)*(?:\s*,?\s*(?:fr\.?\s*o\.?\s*m\.?|t\.?\s*o\.?\s*m\.?)?\s*§§?\s*\d+(?:\s*[-–]\s*\d+)?)*)\s*\)?\s*\.?$",
    re.I,
)
REPLACES_RE = re.compile(
    rf"^(?:,\s*)?(?:ers\.?|ersätter|tjänstgörande ersättare för|tjänstgör för|tjg\.? för|för|i stället för|istället för|ersättare för)\s+"
    rf"(?P<name>[A-ZÅÄÖÉÜ][^()§]*[^()§\s])\s*(?:\((?P<party>{PARTY})\))?\s*(?P<rest>.*)$",
    re.I,
)


@dataclass
class Entry:
    name: str
    party: str | None
    group: str
    role: str | None
    replaces: str | None
    paragraphs: str | None
    line: int
    _role_parts: list[str]

    def add_role_text(self, text: str) -> None:
        self._role_parts.append(text)
        self.role = join_lines(self._role_parts) or None


def parse_entry(text: str, group: str, line: int) -> Entry | None:
    text = fold(text)
    paragraphs = None
    m = RESTRICTION_RE.search(text)
    if m and m.start() > 0:
        paragraphs = fold(m.group(1))
        text = text[: m.start()].strip(" ,")
    person = split_person(text)
    if person is None:
        return None
    rest = person.rest.strip(" ,")
    replaces = None
    r = REPLACES_RE.match(rest)
    if r and person.party is not None:
        replaces = fold(r.group("name"))
        rest = r.group("rest").strip(" ,")
    role_parts = [rest] if rest else []
    return Entry(person.name, person.party, group, join_lines(role_parts) or None, replaces, paragraphs, line, role_parts)


def is_continuation(text: str) -> bool:
    """A wrapped line of the previous entry: lower case, or a role such as `1:e v ordf.`."""
    return bool(text) and (text[0].islower() or bool(re.match(r"^\d:[ae]\b|^(?:ordf|vice|v\.? ?ordf)", text)))


def read_roster(lines, groups: list[tuple[re.Pattern, str | None]], stop: re.Pattern) -> list[Entry]:
    """Entries under group headings. `groups` maps a heading (matched at the start of a
    line, the first entry may follow on the same line) to a group; a group of None is a
    heading whose entries are not collected. Reading stops at a line matching `stop`."""
    entries: list[Entry] = []
    group: str | None = None
    last: Entry | None = None
    for line in lines:
        text = line.text
        if not text:
            continue
        if group is not None and stop.match(text):
            break
        heading = _group_heading(text, groups)
        if heading is not None:
            group, text = heading
            last = None
            if not text:
                continue
        if group is None:
            continue
        if last is not None and is_continuation(text):
            last.add_role_text(text)
            continue
        *listed, text = people_list(text)
        entries.extend(e for e in (parse_entry(part, group, line.no) for part in listed) if e)
        entry = parse_entry(text, group, line.no)
        if entry is None:
            if last is not None and not _looks_like_heading(text):
                last.add_role_text(text)
            continue
        entries.append(entry)
        last = entry
    return entries


LIST_SEPARATOR = re.compile(r",\s*|\s+och\s+")


def people_list(text: str) -> list[str]:
    """`Anna Ek (S), Bo Al (M) och Siv Ry (C)`: one part per person. A part ends
    at a comma or `och` that the next `Name (P)` follows."""
    parts: list[str] = []
    start = 0
    for m in LIST_SEPARATOR.finditer(text):
        if m.start() > start and text[m.start() - 1] == ")" and PERSON_RE.match(text[m.end():]):
            parts.append(text[start:m.start()])
            start = m.end()
    parts.append(text[start:])
    return parts


def _group_heading(text: str, groups) -> tuple[str | None, str] | None:
    for pattern, group in groups:
        m = pattern.match(text)
        if m:
            return group, text[m.end():].strip(" :")
    return None


def _looks_like_heading(text: str) -> bool:
    return len(text.split()) <= 3 and text[0].isupper() and "(" not in text and "," not in text

"""One § of minutes: title, case number, and the sections under their headings."""
from __future__ import annotations

import re

from paragraf.ingest.cleanup import Line, blocks
from paragraf.ingest.elections import read_elections
from paragraf.ingest.headings import DNR_RE, inline_section, paragraph_heading, section_heading
from paragraf.ingest.model import Paragraph, Proposal, Statement
from paragraf.ingest.text import PERSON_RE, case_number, ends_open, fold, join_lines, split_person
from paragraf.ingest.votes import read_votes

TITLE_MAX_LINES = 4
SENTENCE_END = re.compile(r"[.:!?]$")
SPEECH_END = re.compile(r"[.:!?][”\"’)]?$")  # a sentence end, maybe inside a closing quote
PERSON_START = re.compile(r"^(?:Ordföranden|Ordförande)\b|^[A-ZÅÄÖ][\w\-]+(?: [A-ZÅÄÖ][\w\-]+){0,3} \([A-ZÅÄÖ]{1,4}\)")


def read_paragraph(chunk: list[Line]) -> Paragraph:
    head = chunk[0]
    number, rest = paragraph_heading(head.text)
    body = [line for line in chunk[1:] if not line.header]
    title, case, body = _title_and_case(rest, body)
    sections = _sections(body)
    para = Paragraph(number=number, title=title, case_number=case, decision=None,
                     first_line=head.no, last_line=max(line.last_no for line in chunk))
    preamble = _text(sections.get("", []))
    decision = _text(sections.get("decision", [])) or preamble or _text(sections.get("proposed", []))
    para.decision = decision or None
    para.summary = _text(sections.get("summary", [])) or None
    para.basis = _items(sections.get("basis", []))
    para.proposals = _proposals(sections.get("proposals", []))
    para.procedure = _text(sections.get("procedure", [])) or None
    para.recipients = _recipients(sections.get("recipients", []))
    para.pages = _pages(sections.get("pages", []))
    para.reservations = _reservations(sections)
    para.statements = _statements(sections.get("statements", []))
    vote_lines = sections.get("procedure", []) + sections.get("votes", []) + sections.get("", []) + sections.get("decision", [])
    para.votes = read_votes(vote_lines)
    para.elections = read_elections(title or "", sections.get("decision", []) or sections.get("", []), _all_text(sections))
    return para


def _title_and_case(rest: str, body: list[Line]) -> tuple[str | None, str | None, list[Line]]:
    case = None
    title_parts: list[str] = []
    if rest:
        m = re.search(r"(?:\b(?:Dnr|Diarienummer|Diarienr)|Ärendenummer)\.?\s*:?\s*(.+)$", rest, re.I)
        if m:
            case = case_number(m.group(1))
            rest = rest[: m.start()].strip()
        if rest:
            title_parts.append(rest)
    lines = [line for line in body if line.text]
    index = 0
    # A title on the lines after the § heading: up to a case number line, a section
    # heading or the first sentence of the body text.
    while index < len(lines) and len(title_parts) < TITLE_MAX_LINES:
        text = lines[index].text
        dnr = DNR_RE.match(text)
        if dnr:
            case = case or case_number(dnr.group("case"))
            index += 1
            continue
        if section_heading(text) or inline_section(text):
            break
        if title_parts and not _title_continues(title_parts, lines, index):
            break
        if not title_parts and case is None and _bare_case_line(text):
            case = case_number(text)
            index += 1
            continue
        title_parts.append(text)
        index += 1
        if SENTENCE_END.search(text) and not text.endswith(("m.m.", "etc.")):
            break
    used = {id(line) for line in lines[:index]}
    remaining = [line for line in body if id(line) not in used]
    title = join_lines(title_parts) or None
    if title and case is None:
        m = re.search(r"\(?\b(?:Dnr\.?\s*)?([A-ZÅÄÖ]{1,5}\s*(?:19|20)\d\d/\d+)\)?\s*$", title)
        if m:
            case = case_number(m.group(1))
            if not title[: m.start()].rstrip().endswith(","):  # after a comma it is part of the printed title
                title = title[: m.start()].strip(" ,-–")
    return title, case, remaining


def _bare_case_line(text: str) -> bool:
    return bool(re.fullmatch(r"(?:Dnr\.?\s*)?[A-ZÅÄÖ]{0,5}\s*(?:19|20)\d\d/\d+", text))


def _title_continues(title_parts: list[str], lines: list[Line], index: int) -> bool:
    """A wrapped title goes on while a case number line or a heading comes within the
    next lines and no line before it ends a sentence."""
    if SENTENCE_END.search(title_parts[-1]):
        return False
    if ends_open(title_parts[-1]) or lines[index].text[0].islower():
        return True
    for line in lines[index:index + 3]:
        text = line.text
        if DNR_RE.match(text) or section_heading(text) or _bare_case_line(text):
            return True
        if SENTENCE_END.search(text) or PERSON_START.match(text):
            return False
    return False


def _sections(body: list[Line]) -> dict[str, list[Line]]:
    sections: dict[str, list[Line]] = {"": []}
    current = ""
    for line in body:
        text = line.text
        if text:
            name = section_heading(text)
            if name:
                current = name
                sections.setdefault(current, [])
                continue
            inline = inline_section(text)
            if inline:
                current = inline[0]
                sections.setdefault(current, []).append(Line(line.no, inline[1]))
                continue
        if current == "pages" and sections.get("pages") and any(l.text for l in sections["pages"]):
            current = "after"
        sections.setdefault(current, []).append(line)
    sections.pop("after", None)
    return sections


def _text(lines: list[Line]) -> str:
    return join_lines([line.text for line in lines if line.text])


def _all_text(sections: dict[str, list[Line]]) -> str:
    return " ".join(_text(lines) for lines in sections.values())


def _items(lines: list[Line]) -> list[str]:
    """Bulleted items, wrapped lines joined."""
    items: list[list[str]] = []
    for line in lines:
        if not line.text:
            continue
        if line.text.startswith(("•", "-", "–", "")) or not items:
            items.append([line.text.lstrip("•-–  ")])
        else:
            items[-1].append(line.text)
    return [join_lines(item) for item in items if join_lines(item)]


def _recipients(lines: list[Line]) -> list[str]:
    out: list[str] = []
    for line in lines:
        text = fold(line.text.lstrip("•-– "))
        if not text:
            continue
        parts = [p.strip() for p in re.split(r",\s+|;\s*", text)]
        if len(parts) > 1 and all(p[:1].isupper() for p in parts if p):
            out.extend(p for p in parts if p)
        else:
            out.append(text)
    return out


def _pages(lines: list[Line]) -> int | None:
    for line in lines:
        m = re.match(r"^(\d{1,3})\b", line.text)
        if m:
            return int(m.group(1))
    return None


def _by_speaker(lines: list[Line]) -> list[list[Line]]:
    """Blank-line blocks, each cut again where a line after a finished sentence
    opens with a speaker (`Anna Berg (S) yrkar …` right under the previous yrkande)."""
    out: list[list[Line]] = []
    for block in blocks(lines):
        out.append([block[0]])
        for previous, line in zip(block, block[1:]):
            if SPEECH_END.search(previous.text) and PERSON_START.match(line.text):
                out.append([])
            out[-1].append(line)
    return out


def _proposals(lines: list[Line]) -> list[Proposal]:
    out = []
    for block in _by_speaker(lines):
        text = _text(block)
        if not re.search(r"\byrka[rd]?\b|\bföreslå[r]?\b|\byrkande\b|ändringsyrkande|tilläggsyrkande", text, re.I):
            continue
        person = split_person(text) if PERSON_RE.match(text) else None
        by, party = (person.name, person.party) if person else (_leading_speaker(text), None)
        out.append(Proposal(by, party, text, block[0].no))
    return out


def _leading_speaker(text: str) -> str | None:
    m = re.match(r"^(Ordföranden|Ordförande|[A-ZÅÄÖ][\w\-]+(?: [A-ZÅÄÖ][\w\-]+){1,3})\b", text)
    return m.group(1) if m else None


RESERVES_RE = re.compile(r"reserverar sig|reservation", re.I)


def _reservations(sections: dict[str, list[Line]]) -> list[str]:
    out = [_text(block) for block in blocks(sections.get("reservations", []))]
    for name, lines in sections.items():
        if name in ("reservations", "summary", "basis"):
            continue
        for block in blocks(lines):
            text = _text(block)
            if re.search(r"reserverar sig\b", text, re.I) and text not in out:
                out.append(text)
    return [t for t in out if t]


def _statements(lines: list[Line]) -> list[Statement]:
    out = []
    for block in _by_speaker(lines):
        text = _text(block)
        person = split_person(text) if PERSON_RE.match(text) else None
        out.append(Statement(person.name if person else _leading_speaker(text), text, block[0].no))
    return out


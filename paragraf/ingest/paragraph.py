"""One § of minutes: title, case number, and the sections under their headings.

The § heading gives the number and maybe the case number and the title; a title
may go on over the next lines (`(V) till ny ledamot i …` goes on, so does a line
after one that stops on a preposition). Below it, each known section heading
(`sections.HEADINGS`) opens a section that runs to the next one; the text before
the first heading is the preamble, the decision of a § that has no headings.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from paragraf.ingest.cleanup import Line, blocks
from paragraf.ingest.dates import is_date
from paragraf.ingest.elections import read_appointments
from paragraf.ingest.headings import (DNR_RE, ParagraphHeading, inline_section, margin_heading, next_text_line,
                                     paragraph_heading, section_heading, split_case)
from paragraf.ingest.model import Paragraph, Proposal, Proposer, Statement, Vote
from paragraf.ingest.text import (BODY_WORD, PARTY, PERSON_RE, case_number, case_parts, ends_open, fold, heading_case_number, join_lines,
                                  looks_like_name, split_person)
from paragraf.ingest.votes import read_votes, vote_warnings, voters

TITLE_MAX_LINES = 6
# Headings that are titles as often, right under a § number without one: `§ 1 Information`, `§ 2 Justering`
TITLE_LIKE = {"information", "justering", "jäv", "ajournering", "redogörelse"}
TITLE_LOOKAHEAD = 5  # lines looked at for a heading that ends a wrapped title
SENTENCE_END = re.compile(r"[.:!?]$")
SPEECH_END = re.compile(r"[.:!?][”\"’)]?$")  # a sentence end, maybe inside a closing quote
PERSON_START = re.compile(r"^(?:Ordföranden|Ordförande)\b|^[A-ZÅÄÖ][\w\-]+(?: [A-ZÅÄÖ][\w\-]+){0,3} \([A-ZÅÄÖ]{1,4}\)")
# Sections whose text is read for votes, in the order written (not the case history or the basis).
VOTE_ROLES = ("", "decision", "procedure", "votes", "proposals")
VOTE_ASKED = re.compile(r"\b(?:omröstning|votering)\s+(?:begärs|begärdes|verkställs|genomförs|genomfördes)", re.I)
VOTE_ELSEWHERE = re.compile(r"framgår av (?:bilaga|omröstningslista|voteringslista|bifogad)|se bilaga|se omröstnings", re.I)


@dataclass
class Section:
    role: str  # "" for the preamble, else a role of `sections.ROLES`
    lines: list[Line] = field(default_factory=list)
    heading: str = ""  # as written


@dataclass
class ParagraphText:
    """A § read up to its sections: the heading, title, case number and the lines under them."""

    heading: ParagraphHeading
    first_line: int
    last_line: int
    title: str | None
    case: str | None
    body: list[Line]


def paragraph_text(chunk: list[Line]) -> ParagraphText:
    """The § whose heading is the chunk's first line, up to its sections."""
    heading = paragraph_heading(chunk[0].text)
    title, case, body = _title_and_case(heading.rest, [line for line in chunk[1:] if not line.header])
    return ParagraphText(heading, chunk[0].no, max(line.last_no for line in chunk), title, case, body)


def read_paragraph(chunk: list[Line], warnings: list[str] | None = None,
                   learned: frozenset[str] = frozenset(), meeting_body: str | None = None) -> Paragraph:
    """The § whose heading is the chunk's first line (see `read_text`)."""
    return read_text(paragraph_text(chunk), warnings, learned, meeting_body)


def read_text(text: ParagraphText, warnings: list[str] | None = None,
              learned: frozenset[str] = frozenset(), meeting_body: str | None = None) -> Paragraph:
    """The § and its sections; what could not be placed is added to `warnings`. `learned`
    are headings of the document that the table does not know (`learned_headings`): each
    ends the section before it. `meeting_body` is the body whose minutes these are, where
    known (its own proposal to another body is its decision)."""
    order = _sections(text.body, learned)
    sections = _by_role(order)
    para = Paragraph(number=text.heading.number, title=text.title, case_number=text.case, decision=None,
                     first_line=text.first_line, last_line=text.last_line)
    para.decision = _decision(order, sections, meeting_body) or None
    para.summary = _text(sections.get("background", [])) or None
    para.basis = _items(sections.get("basis", []))
    para.proposals = _proposals(sections.get("proposals", []))
    para.procedure = _text(sections.get("procedure", [])) or None
    para.recipients = _recipients(sections.get("recipients", []))
    para.pages = _pages(sections.get("pages", []))
    para.reservations = _reservations(sections)
    para.statements = _statements(sections.get("statements", []))
    para.disqualifications = [_text(block) for block in blocks(sections.get("disqualification", []))]
    para.signoff = _text(sections.get("signoff", [])) or None
    para.votes = _votes(order)
    para.elections, para.nominations = read_appointments(text.title or "", sections.get("decision", []) or sections.get("", []),
                                                         _all_text(sections))
    if warnings is not None:
        warnings.extend(_warnings(para, order))
    return para


RECAP = re.compile(r"\b(?:alltså|således|sålunda|därmed)\b|\bhar\b.{0,60}?\bbeslutat\b", re.I)


# `Kommunfullmäktige beslutar`, `Nämnden beslutar att …`: a decision without a heading of its own
DECIDES = re.compile(rf"^(?:[A-ZÅÄÖ][\wåäöé\- ]{{0,60}}?(?:{BODY_WORD.pattern})\w*|Nämnden|Styrelsen|Utskottet|Fullmäktige)"
                     r"\s+(?:beslutar|beslöt|beslutade)\b(?!\s+(?:härefter|därefter|först|sedan|också)\b)")
TO_A_BODY = re.compile(rf"\bförslag till [\wåäöé\- ]*(?:{BODY_WORD.pattern})", re.I)


def _decision(order: list[Section], sections: dict[str, list[Line]], body: str | None) -> str:
    """The text under the decision headings. Without them: the sentence `<Body> beslutar …`
    and what follows it, a body's own proposal to another body (`Kommunstyrelsens förslag
    till kommunfullmäktige`: in a board's minutes, its decision), the text under the
    title (a § that has no headings at all), a proposed decision."""
    written = _text(sections.get("decision", []))
    if written:
        return written
    intro = _decision_sentence(order)
    if intro:
        return intro
    to_bodies = [s for s in order if s.role == "proposed" and TO_A_BODY.search(s.heading)]
    own = [s for s in to_bodies if body and s.heading.casefold().startswith(body.casefold())]
    if own or to_bodies:
        return _text((own or to_bodies)[-1].lines)
    return _text(sections.get("", [])) or _text(next((s.lines for s in order if s.role == "proposed"), []))


def _decision_sentence(order: list[Section]) -> str:
    """The last `<Body> beslutar` that opens a line after a finished sentence (or stands
    alone on its line, `Kultur- och fritidsnämnden beslutar` over its `att`-clauses, even
    under the basis list), and the rest of its section."""
    for section in reversed(order):
        if section.role not in ("", "background", "procedure", "basis"):
            continue
        texts = [line for line in section.lines if line.text]
        for k in range(len(texts) - 1, -1, -1):
            m = DECIDES.match(texts[k].text)
            if m is None:
                continue
            alone = not texts[k].text[m.end():].strip(" :")
            if alone or section.role != "basis" and (k == 0 or texts[k - 1].text[-1] in ".:!?"):
                return _text(texts[k:])
    return ""


def _votes(order: list[Section]) -> list[Vote]:
    """The votes of the §, section by section in the order written. A count without
    names that repeats the vote of an earlier section, in a sentence that tells what
    was decided (`… har alltså med 43 ja-röster mot 38 nej-röster beslutat`) under
    another heading than a vote's, is that vote told again, not a vote of its own."""
    votes: list[Vote] = []
    for section in order:
        if section.role not in VOTE_ROLES:
            continue
        earlier = votes[-1] if votes else None
        recap = section.role != "votes" and bool(RECAP.search(_text(section.lines)))
        for vote in read_votes(section.lines):
            if (recap and earlier is not None and not (vote.yes_names or vote.no_names)
                    and (vote.method, vote.yes, vote.no, vote.abstain) == (earlier.method, earlier.yes, earlier.no, earlier.abstain)):
                continue
            votes.append(vote)
    return votes


def _title_and_case(rest: str, body: list[Line]) -> tuple[str | None, str | None, list[Line]]:
    title_rest, case = split_case(rest)
    title_parts = [title_rest] if title_rest and not is_date(title_rest) else []  # `KSAU § 45 2024-02-13`
    lines = [line for line in body if line.text]
    index = 0
    # A title on the lines after the § heading: up to a case number line, a section
    # heading or the first sentence of the body text.
    while index < len(lines) and len(title_parts) < TITLE_MAX_LINES:
        text = lines[index].text
        dnr = DNR_RE.match(text)
        if dnr:
            case = case or heading_case_number(dnr.group("case"), labelled=True) or case_number(dnr.group("case"))
            index += 1
            continue
        role = section_heading(text)
        if (role and (title_parts or _heading_key(text) not in TITLE_LIKE)) or inline_section(text):
            break
        if _bare_case_line(text):  # a case number on a line of its own, over or under the title
            case = case or heading_case_number(re.sub(r"^Dnr\.?\s*:?\s*", "", text))
            index += 1
            continue
        if title_parts and not _title_continues(title_parts, lines, index):
            break
        title_parts.append(text)
        index += 1
        if SENTENCE_END.search(text) and not text.endswith(("m.m.", "etc.", "m.fl.")):
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
        else:  # `Lex Sarah-anmälan    SN.2024.0101`: the case number in the right column of the title
            title, case = split_case(title)
            title = title or None
    return title, case, remaining


def _bare_case_line(text: str) -> bool:
    """A line that is a case number and nothing else (`Dnr KS 2021/123`, `1435/22`)."""
    text = re.sub(r"^Dnr\.?\s*:?\s*", "", text)
    parts = case_parts(text)
    return parts is not None and parts.written == text


def _title_continues(title_parts: list[str], lines: list[Line], index: int) -> bool:
    """A wrapped title goes on while a case number line or a heading comes within the
    next lines and no line before it ends a sentence; a line that goes on in lower
    case or in parentheses (`(V) till …`) is always part of it."""
    if SENTENCE_END.search(title_parts[-1]):
        return False
    text = lines[index].text
    if ends_open(title_parts[-1]) or text[0].islower() or text[0] == "(" or _name_goes_on(title_parts[-1], text):
        return True
    for line in lines[index:index + TITLE_LOOKAHEAD]:
        text = line.text
        if DNR_RE.match(text) or section_heading(text) or _bare_case_line(text):
            return True
        if SENTENCE_END.search(text) or PERSON_START.match(text):
            return False
    return False


SURNAME_FIRST = re.compile(rf"^[A-ZÅÄÖÉ][\w'\-]+ \((?:{PARTY})\)")
ENDS_CAPITALISED = re.compile(r"\s[A-ZÅÄÖÉ][\w'\-]+$")


def _name_goes_on(previous: str, text: str) -> bool:
    """`… att utse Abdullahi` over `Mohamed (MP) till …`: a name wrapped in the title.
    (A body text opens with the whole name: `Axel Josefson (M) ställer …`.)"""
    return bool(ENDS_CAPITALISED.search(previous) and SURNAME_FIRST.match(text))


SEPARATOR = re.compile(r"^[_\-–=.·*]{5,}$")  # `_____` under a §'s text in some templates
# A sentence that enters a reservation where no heading says so: it ends the section above it
RESERVATION_SENTENCE = re.compile(
    r"^Reservation(?:er)?\s+(?:anmäls|anmäldes|anfördes|lämnas|lämnades|mot beslutet)\b"
    r"|\b(?:reserverar|reserverade) (?:sig|oss)\b|\banmäler (?:en )?(?:skriftlig )?reservation\b", re.I)


def _sections(body: list[Line], learned: frozenset[str] = frozenset()) -> list[Section]:
    """The body cut at every known heading, in order; the preamble first (role ""). A
    heading may stand alone, carry its text after a colon, or stand in a left margin
    column with its text beside it (`Beslut          Nämnden godkänner …`)."""
    order = [Section("")]
    previous = ""
    for k, line in enumerate(body):
        text = line.text
        if text:
            role = section_heading(text) or ("other" if learned and _heading_key(text) in learned else None)
            if role:
                order.append(Section(role, heading=text))
                previous = text
                continue
            beside = inline_section(text) or margin_heading(line, next_text_line(body, k))
            if beside:
                order.append(Section(beside[0], [Line(line.no, beside[1])], heading=text))
                previous = text
                continue
            if SEPARATOR.match(text):
                order.append(Section("other", heading=text))
                previous = ""
                continue
            if (order[-1].role not in ("reservations", "background", "basis") and RESERVATION_SENTENCE.search(text)
                    and (not previous or previous[-1] in ".:!?")):
                order.append(Section("reservations", heading=""))
            previous = text
        current = order[-1]
        if current.role == "pages" and any(l.text for l in current.lines):
            order.append(Section("after"))  # what follows the page count is no part of the §
            current = order[-1]
        current.lines.append(line)
    return [section for section in order if section.role != "after"]


PARTY_FIRST = re.compile(rf"^\((?:{PARTY})\)\s+[A-ZÅÄÖÉ]")  # `(C) Ewa Engdahl`
LEARN_MIN = 3  # § in which an unknown heading must recur to be learned
LEARN_SHARE = 0.1  # … and this share of the § of a long document,
LEARN_MAX = 5  # … but never more § than this
LIST_ROLES = ("recipients", "basis", "statements", "reservations", "pages")  # their lines are items, not headings
HEADING_LIKE = re.compile(r"^[A-ZÅÄÖ][a-zåäöé]+(?: [\wåäöé\-/]+){0,3}$")
NOT_A_HEADING = re.compile(
    r"nämnd|styrelse|fullmäktige|utskott|beredning|presidi|kommun|region|stad\b|bolag|förvaltning|kontor|enhet|avdelning"
    r"|förbund|\bAB\b|länsstyrelse|revisor|rådet|\b(?:och|samt)$"
    r"|^(?:ordinarie|ersättare|ledamöter|ledamot|suppleanter|suppleant|ordförande|vice ordförande)$", re.I)  # heads of lists of people


def learned_headings(texts: list[ParagraphText]) -> frozenset[str]:
    """Headings the table does not know, learned from a document's own § (`Ärendets
    beredning` of a new template): a short line that stands alone, under a finished
    sentence or a blank line, with text after it, in LEARN_MIN § or more (more in a long
    document, never more than LEARN_MAX). Lines in lists (recipients, basis) and names
    of bodies are no headings."""
    seen: Counter[str] = Counter()
    for text in texts:
        found = set()
        for section in _sections(text.body):
            if section.role not in LIST_ROLES:
                found.update(_heading_key(section.lines[i].text) for i in range(len(section.lines))
                             if _stands_alone(section.lines, i))
        seen.update(found)
    wanted = min(LEARN_MAX, max(LEARN_MIN, LEARN_SHARE * len(texts)))
    return frozenset(key for key, count in seen.items() if count >= wanted)


def _heading_key(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(" :")


def _stands_alone(lines: list[Line], i: int) -> bool:
    text = lines[i].text
    if not text or len(text) > 40 or not HEADING_LIKE.match(text) or NOT_A_HEADING.search(text):
        return False
    if looks_like_name(text) or section_heading(text) or paragraph_heading(text):
        return False
    before = next((line.text for line in reversed(lines[:i]) if line.text), None)
    after = next((line.text for line in lines[i + 1:] if line.text), None)
    if before is None or text.endswith(":"):
        return False  # the first line under a heading, or a line that opens what follows (`Enligt X:s förslag:`)
    if after is None or looks_like_name(after) or PERSON_RE.match(after) or PARTY_FIRST.match(after):
        return False  # the head of a list of people (`Ordinarie` over `Ewa Engdahl  Diana Bergeskans`)
    return not lines[i - 1].text or before[-1] in ".!?:"


def _by_role(order: list[Section]) -> dict[str, list[Line]]:
    """The lines of each role; a heading of a role seen before opens a block of its own (a blank line
    between), so each `Reservation` or `Protokollsanteckning` under its own heading is one item even
    where no blank line parts them (the text of a PDF has none)."""
    out: dict[str, list[Line]] = {}
    for section in order:
        lines = out.setdefault(section.role, [])
        if lines and section.lines and lines[-1].text:
            lines.append(Line(section.lines[0].no, ""))
        lines.extend(section.lines)
    return out


def _text(lines: list[Line]) -> str:
    return join_lines([line.text for line in lines if line.text])


def _all_text(sections: dict[str, list[Line]]) -> str:
    return " ".join(_text(lines) for lines in sections.values())


BULLETS = ("•", "-", "–", "\uf0b7", "\uf0a7")  # the last two: bullets of the Symbol and Wingdings fonts


def _items(lines: list[Line]) -> list[str]:
    """The items of a list, wrapped lines joined: in a bulleted list a line without a bullet
    goes on with the item above; in a list without bullets, a line in lower case or after
    a line that stops open (`… med`)."""
    texts = [line.text for line in lines if line.text]
    bulleted = any(text.startswith(BULLETS) for text in texts)
    items: list[list[str]] = []
    for text in texts:
        starts = text.startswith(BULLETS) if bulleted else not (text[:1].islower() or (items and ends_open(items[-1][-1])))
        if starts or not items:
            items.append([text.lstrip("".join(BULLETS) + " \u00a0")])
        else:
            items[-1].append(text)
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


PROPOSES = re.compile(r"\byrka[rd]?\b|\bföreslå[r]?\b|\bföreslog\b|\byrkande\b|ändringsyrkande|tilläggsyrkande", re.I)


def _proposals(lines: list[Line]) -> list[Proposal]:
    out = []
    for block in _by_speaker(lines):
        text = _text(block)
        verb = PROPOSES.search(text)
        if not verb:
            continue
        person = split_person(text) if PERSON_RE.match(text) else None
        by, party = (person.name, person.party) if person else (_leading_speaker(text), None)
        proposal = Proposal(by, party, text, block[0].no)
        proposal.proposers = proposers(text) or ([Proposer(by, party)] if by else [])
        out.append(proposal)
    return out


def proposers(text: str) -> list[Proposer]:
    """Everyone a proposal names before its verb: `Maria Frisk (KD), Per Eriksson (C) och
    Jimmy Ekström (L) yrkar …` (a role word before a name is no part of it)."""
    verb = PROPOSES.search(text)
    return [Proposer(name, party) for name, party in voters(text[: verb.start()])] if verb else []


def _leading_speaker(text: str) -> str | None:
    m = re.match(r"^(Ordföranden|Ordförande|[A-ZÅÄÖ][\w\-]+(?: [A-ZÅÄÖ][\w\-]+){1,3})\b", text)
    return m.group(1) if m else None


def _reservations(sections: dict[str, list[Line]]) -> list[str]:
    out = [_text(block) for block in blocks(sections.get("reservations", []))]
    for name, lines in sections.items():
        if name in ("reservations", "background", "basis", "recipients"):
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


def _warnings(para: Paragraph, order: list[Section]) -> list[str]:
    """What the § holds that could not be placed: no decision, a vote that was asked
    for or headed but not counted, counts that disagree with the names."""
    where = f"§ {para.number} (line {para.first_line})"
    out = []
    if not para.decision:
        out.append(f"{where}: no decision found")
    asked = [s for s in order if s.role in VOTE_ROLES and VOTE_ASKED.search(_text(s.lines))]
    headed = [s for s in order if s.role == "votes"]
    if (asked or headed) and not para.votes and not any(VOTE_ELSEWHERE.search(_text(s.lines)) for s in order):
        out.append(f"{where}: a vote is recorded but could not be counted")
    for vote in para.votes:
        out.extend(f"{where}: {problem}" for problem in vote_warnings(vote))
    return out

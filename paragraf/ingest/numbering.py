"""Which § headings open a §: the run of rising numbers that reads best as minutes.

A line that opens with `§ 12` is not always a § of these minutes: a table of
contents lists them all first, a § cites an earlier decision (`KU § 317
06-12-05`), a page header repeats the § going on. The § of a set of minutes
follow each other with rising numbers, mostly one by one, and under each a
section heading (`Beslut` …) soon follows. So every candidate heading gets a
weight (`STRONG` when a section heading follows it before the next candidate,
less when its body prefix differs from the other headings'), every step from one
number to the next a cost (none for +1, more for a gap), and the chain of
headings with the highest sum is the § of the minutes (dynamic programming over
the candidates in text order). A heading with the number of the § being read is
that § going on.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from paragraf.ingest.cleanup import Line, PageHeader
from paragraf.ingest.headings import ParagraphHeading, inline_section, paragraph_heading, section_heading, split_case

PLAIN = 1.0  # a candidate heading
STRONG = 2.0  # a candidate with a section heading under it
OTHER_PREFIX = 0.8  # taken off a candidate whose body prefix (`KU §`) is not the usual one (`KS §`)
SECTION_WINDOW = 12  # text lines under a heading looked at for a section heading


def step_cost(gap: int) -> float:
    """The cost of going from § n to § n + gap."""
    if gap == 1:
        return 0.0
    if gap <= 3:
        return 0.3
    if gap <= 10:
        return 0.6
    return 1.5


@dataclass
class Candidate:
    index: int  # in the lines
    heading: ParagraphHeading
    weight: float = PLAIN


def rising_chain(lines: list[Line], candidates: list[tuple[int, ParagraphHeading]]) -> set[int]:
    """The line indices of the headings that open a § (see the module's docstring)."""
    found = [Candidate(index, heading) for index, heading in candidates if not heading.continued]
    if not found:
        return set()
    usual = _usual_prefix([c.heading for c in found])
    for k, candidate in enumerate(found):
        end = found[k + 1].index if k + 1 < len(found) else len(lines)
        candidate.weight = STRONG if _section_follows(lines, candidate.index + 1, end) else PLAIN
        if usual and (candidate.heading.prefix or "").casefold() != usual:
            candidate.weight -= OTHER_PREFIX
    best = [c.weight for c in found]
    before: list[int | None] = [None] * len(found)
    for j, b in enumerate(found):
        for i in range(j):
            a = found[i]
            gap = b.heading.number - a.heading.number
            if gap <= 0:
                continue
            score = best[i] - step_cost(gap) + b.weight
            if score > best[j]:
                best[j], before[j] = score, i
    chain = set()
    k: int | None = max(range(len(found)), key=lambda n: (best[n], -n))
    while k is not None:
        chain.add(found[k].index)
        k = before[k]
    return chain


def _usual_prefix(headings: list[ParagraphHeading]) -> str | None:
    """The body prefix most headings carry (`ks` of `Ks § 12`), when most carry one."""
    prefixes = Counter((h.prefix or "").casefold() for h in headings)
    prefix, count = prefixes.most_common(1)[0]
    return prefix if prefix and count * 2 > len(headings) else None


def _section_follows(lines: list[Line], start: int, end: int) -> bool:
    seen = 0
    for line in lines[start:end]:
        if not line.text:
            continue
        if section_heading(line.text) or inline_section(line.text):
            return True
        seen += 1
        if seen >= SECTION_WINDOW:
            return False
    return False


def in_range(number: int, headers: list[PageHeader]) -> bool:
    """A § number fits the `§§ a-b` range the page headers give (any number if none)."""
    ranges = [(h.first_paragraph, h.last_paragraph) for h in headers if h.first_paragraph is not None]
    return not ranges or any(lo <= number <= hi for lo, hi in ranges)


def paragraph_candidates(lines: list[Line], headers: list[PageHeader]) -> list[tuple[int, ParagraphHeading]]:
    """The lines that may open a § (outside a table of contents, in the page headers' § range)."""
    toc = table_of_contents(lines)
    out = []
    for index, line in enumerate(lines):
        heading = None if toc[index] or not line.text else paragraph_heading(line.text)
        if heading and in_range(heading.number, headers):
            out.append((index, heading))
    return out


TOC_START = re.compile(r"^(?:Innehållsförteckning|Innehåll|Ärendeförteckning|Paragrafer)\b")
TOC_ENTRY = re.compile(r"^§\s*\d+\s+\S.*\s\d{1,3}(?:\s*[-–]\s*\d{1,3})?$")


def table_of_contents(lines: list[Line]) -> list[bool]:
    """Which lines belong to a table of contents: from `Innehållsförteckning` to the
    next page or to the first § heading that is no entry (no page number on it or
    soon under it), and on over a page break while the next page goes on listing §;
    and wherever they are, a line that ends in a dot leader and a page number with the
    § heading and title lines above it (`§ 106 Dnr KS-2025-00305` / `Uppföljning … 4`)."""
    flags = []
    inside = False
    after_header = False
    for index, line in enumerate(lines):
        if line.header:
            after_header = inside
            inside = False
        elif line.text and TOC_START.match(line.text):
            inside = True
        elif line.text and after_header:
            inside = bool(TOC_ENTRY.match(line.text))
            after_header = False
        elif inside and line.text and paragraph_heading(line.text) and not _entry_ends_soon(lines, index):
            inside = False
        flags.append(inside)
    _dotted_entries(lines, flags)
    return flags


def _entry_ends_soon(lines: list[Line], index: int) -> bool:
    """A contents entry: its § line, or a line soon under it (before the next §), ends
    with the page number (`2022/2739 49`, `… ........ 4`)."""
    texts = [line.text for line in lines[index:index + 2 * ENTRY_LINES] if line.text][:ENTRY_LINES]
    if TOC_ENTRY.match(texts[0]):
        return True
    for text in texts[1:]:
        if paragraph_heading(text):
            return False
        if DOT_LEADER.search(text) or PAGE_NUMBER_END.search(text):
            return True
    return False


PAGE_NUMBER_END = re.compile(r"(?:^|\s)\d{1,3}(?:\s*[-–]\s*\d{1,3})?$")
DOT_LEADER = re.compile(r"(?:\.{5,}|(?:\. ){4,}|…{2,})\s*\d{1,3}$")
ENTRY_LINES = 4  # lines of one entry: the § and case line, the title wrapped


def _dotted_entries(lines: list[Line], flags: list[bool]) -> None:
    for index, line in enumerate(lines):
        text = line.text
        if not text or not text[-1].isdigit() or not DOT_LEADER.search(text):
            continue
        flags[index] = True
        above = [i for i in range(index - 1, max(-1, index - 3 * ENTRY_LINES), -1) if lines[i].text][:ENTRY_LINES - 1]
        for i in above:
            if DOT_LEADER.search(lines[i].text):
                break
            flags[i] = True
            if paragraph_heading(lines[i].text):
                break


TITLE_ABOVE_SHARE = 0.6  # of the § headings without a title of their own
TITLE_ABOVE_LINES = 3


def titles_moved_down(lines: list[Line], headers: list[PageHeader]) -> list[Line]:
    """The lines of minutes whose template prints each § title on the line(s) above the
    § number, with the titles moved under the number where the reader expects them. The
    template is told by its shape: most § headings carry no title, a section heading
    follows right under them, and a title-like line stands right above."""
    candidates = paragraph_candidates(lines, headers)
    chain = sorted(rising_chain(lines, candidates))
    headings = dict(candidates)
    bare = [i for i in chain if not split_case(headings[i].rest)[0]]
    if len(bare) < 2 or len(bare) < TITLE_ABOVE_SHARE * len(chain):
        return lines
    blocks = {i: _title_block(lines, i) for i in bare}
    fits = sum(1 for i in bare if blocks[i] and section_heading(_next_text(lines, i)))
    if fits < TITLE_ABOVE_SHARE * len(bare):
        return lines
    moved = {k for block in blocks.values() for k in block}
    out = []
    for index, line in enumerate(lines):
        if index in moved:
            continue
        out.append(line)
        out.extend(lines[k] for k in blocks.get(index, []))
    return out


def _title_block(lines: list[Line], heading: int) -> list[int]:
    """The indices of the text lines right above a § heading that read as a title:
    no sentence end, no heading, after a blank line, a page header or a finished sentence."""
    block: list[int] = []
    for k in range(heading - 1, -1, -1):
        line = lines[k]
        if line.header or not line.text:
            if block or line.header:
                break
            continue
        text = line.text
        if text[-1] in ".:;!?" or section_heading(text) or paragraph_heading(text) or len(block) == TITLE_ABOVE_LINES:
            break
        block.insert(0, k)
    return block if block and lines[block[0]].text[0].isupper() else []


def _next_text(lines: list[Line], index: int) -> str:
    return next((line.text for line in lines[index + 1:] if line.text), "")

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
from paragraf.ingest.headings import (DNR_RE, ParagraphHeading, inline_section, margin_heading, next_text_line,
                                     paragraph_heading, section_heading, split_case)
from paragraf.ingest.text import ends_open

PLAIN = 1.0  # a candidate heading
STRONG = 2.0  # a candidate with a section heading under it
OTHER_PREFIX = 0.8  # taken off a candidate whose body prefix (`KU §`) is not the usual one (`KS §`)
SECTION_WINDOW = 12  # text lines under a heading looked at for a section heading


NEAR = 10  # gaps up to this are costed one by one; longer ones cost FAR_COST
FAR_COST = 1.5


def step_cost(gap: int) -> float:
    """The cost of going from § n to § n + gap."""
    if gap == 1:
        return 0.0
    if gap <= 3:
        return 0.3
    if gap <= NEAR:
        return 0.6
    return FAR_COST


@dataclass
class Candidate:
    index: int  # in the lines
    heading: ParagraphHeading
    weight: float = PLAIN


def left_out(lines: list[Line], candidates: list[tuple[int, ParagraphHeading]], chain: set[int]) -> list[int]:
    """Headings outside the chain that read as § all the same (a section heading under
    them) and are no repetition of the § before them: what the reader should be told of."""
    out = []
    number = None
    for k, (index, heading) in enumerate(candidates):
        if index in chain:
            number = heading.number
            continue
        end = candidates[k + 1][0] if k + 1 < len(candidates) else len(lines)
        if not heading.continued and heading.number != number and _section_follows(lines, index + 1, end):
            out.append(index)
    return out


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
    best: list[float] = []
    before: list[int | None] = []
    near: dict[int, tuple[float, int]] = {}  # § number -> best chain ending at a candidate with it
    far = _PrefixMax(max(c.heading.number for c in found) + 1)  # the same, for gaps of more than NEAR
    for j, b in enumerate(found):
        score, previous = b.weight, None
        for gap in range(1, NEAR + 1):
            seen = near.get(b.heading.number - gap)
            if seen is not None and seen[0] - step_cost(gap) + b.weight > score:
                score, previous = seen[0] - step_cost(gap) + b.weight, seen[1]
        seen = far.get(b.heading.number - NEAR - 1)
        if seen is not None and seen[0] - FAR_COST + b.weight > score:
            score, previous = seen[0] - FAR_COST + b.weight, seen[1]
        best.append(score)
        before.append(previous)
        if score > near.get(b.heading.number, (float("-inf"), 0))[0]:
            near[b.heading.number] = (score, j)
        far.put(b.heading.number, (score, j))
    chain = set()
    k: int | None = max(range(len(found)), key=lambda n: (best[n], -n))
    while k is not None:
        chain.add(found[k].index)
        k = before[k]
    return chain


class _PrefixMax:
    """The best (score, candidate) among § numbers up to n, in O(log n) (a Fenwick tree)."""

    def __init__(self, size: int) -> None:
        self.tree: list[tuple[float, int] | None] = [None] * (size + 1)

    def put(self, number: int, value: tuple[float, int]) -> None:
        i = number + 1
        while i < len(self.tree):
            if self.tree[i] is None or value[0] > self.tree[i][0]:
                self.tree[i] = value
            i += i & -i

    def get(self, number: int) -> tuple[float, int] | None:
        found = None
        i = min(number + 1, len(self.tree) - 1)
        while i > 0:
            if self.tree[i] is not None and (found is None or self.tree[i][0] > found[0]):
                found = self.tree[i]
            i -= i & -i
        return found


def minutes_shaped(lines: list[Line]) -> bool:
    """Text without a known header that reads as minutes: a § heading (outside a table of
    contents) with a section heading of minutes (`Beslut`, `Yrkanden` …) under it."""
    candidates = paragraph_candidates(lines, [])
    return any(_section_follows(lines, index + 1, len(lines)) for index, _ in candidates)


def _usual_prefix(headings: list[ParagraphHeading]) -> str | None:
    """The body prefix most headings carry (`ks` of `Ks § 12`), when most carry one."""
    prefixes = Counter((h.prefix or "").casefold() for h in headings)
    prefix, count = prefixes.most_common(1)[0]
    return prefix if prefix and count * 2 > len(headings) else None


def _section_follows(lines: list[Line], start: int, end: int) -> bool:
    seen = 0
    for k in range(start, min(end, len(lines))):
        line = lines[k]
        if not line.text:
            continue
        if section_heading(line.text) or inline_section(line.text) or margin_heading(line, next_text_line(lines, k)):
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
    found = [(index, heading) for index, line in enumerate(lines)
             if line.text and "§" in line.text and (heading := paragraph_heading(line.text))
             and in_range(heading.number, headers)]
    if not found:
        return []
    toc = table_of_contents(lines)
    return [(index, heading) for index, heading in found if not toc[index]]


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
        elif inside and line.text and (section_heading(line.text)
                                       or paragraph_heading(line.text) and not _entry_ends_soon(lines, index)):
            inside = False  # the contents end at the first heading of the text
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
        if paragraph_heading(text) or section_heading(text):
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
    blocks = {i: _case_line_above(lines, i) for i in chain if split_case(headings[i].rest)[1] is None}
    blocks = {i: block for i, block in blocks.items() if block}  # `Dnr KS 2024/301` printed over `Kf § 87`
    bare = [i for i in chain if not split_case(headings[i].rest)[0]]
    if len(bare) >= 2 and len(bare) >= TITLE_ABOVE_SHARE * len(chain):
        titles = {i: _title_block(lines, i) for i in bare}
        fits = sum(1 for i in bare if titles[i] and section_heading(_next_text(lines, i)))
        if fits >= TITLE_ABOVE_SHARE * len(bare):
            for i, block in titles.items():
                blocks[i] = blocks.get(i, []) + block
    if not blocks:
        return lines
    moved = {k for block in blocks.values() for k in block}
    out = []
    for index, line in enumerate(lines):
        if index in moved:
            continue
        out.append(line)
        out.extend(lines[k] for k in blocks.get(index, []))
    return out


def _case_line_above(lines: list[Line], heading: int) -> list[int]:
    """A `Dnr …` line right above a § heading (raw text order of some layouts)."""
    k = heading - 1
    while k >= 0 and not lines[k].text and not lines[k].header:
        k -= 1
    return [k] if k >= 0 and lines[k].text and DNR_RE.match(lines[k].text) else []


def _title_block(lines: list[Line], heading: int) -> list[int]:
    """The indices of the title right above a § heading: the nearest text line, when it
    reads as a title (no sentence end, no heading), and the lines above it that wrap
    into it (`Bygglov för Ekeby 1:2,` over `nybyggnad av garage`). A line of the §
    before (its last recipient) stays there."""
    k = heading - 1
    while k >= 0 and not lines[k].text and not lines[k].header:
        k -= 1
    if k < 0 or not _title_line(lines[k]):
        return []
    block = [k]
    while len(block) < TITLE_ABOVE_LINES and k > 0:
        upper, lower = lines[k - 1], lines[k]
        if not (_title_line(upper) and (ends_open(upper.text) or lower.text[0].islower() or lower.text[0] == "(")):
            break
        k -= 1
        block.insert(0, k)
    return block if lines[block[0]].text[0].isupper() else []


def _title_line(line: Line) -> bool:
    text = line.text
    return bool(text) and not line.header and text[-1] not in ".:;!?" and not section_heading(text) \
        and not paragraph_heading(text) and not DNR_RE.match(text)


def _next_text(lines: list[Line], index: int) -> str:
    return next((line.text for line in lines[index + 1:] if line.text), "")

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

from collections import Counter
from dataclasses import dataclass

from paragraf.ingest.cleanup import Line
from paragraf.ingest.headings import ParagraphHeading, inline_section, section_heading

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

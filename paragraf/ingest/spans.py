"""The § a restriction of attendance admits: `§§ 1-13`, `§ 10`, `t.o.m. § 114`,
`fr.o.m. § 115`, `§§ 112–116`, `§§ 1-5, 7`, `ej § 5`, `§ 3 och 7`."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

SIGN = r"(?:§\s*)+"  # `§`, `§§`, `§ §`
FROM = re.compile(rf"\b(?:fr\.?\s*o\.?\s*m\.?|från och med|från)\s*{SIGN}(\d+)", re.I)
UNTIL = re.compile(rf"\b(?:t\.?\s*o\.?\s*m\.?|till och med|till)\s*{SIGN}(\d+)", re.I)
NOT = re.compile(rf"\b(?:ej|inte|utom)\b[^§]*((?:{SIGN}\d+(?:\s*(?:[-–,]|och)\s*\d+)*\s*)+)", re.I)
NUMBERS = re.compile(r"(\d+)(?:\s*[-–]\s*(\d+))?")


@dataclass(frozen=True)
class Span:
    """The § numbers a restriction admits (every § when it says nothing)."""

    first: int | None = None
    last: int | None = None
    only: frozenset[int] | None = None
    ranges: tuple[tuple[int, int], ...] = field(default_factory=tuple)
    excluded: frozenset[int] = frozenset()

    def admits(self, number: int) -> bool:
        if number in self.excluded:
            return False
        if self.first is not None and number < self.first or self.last is not None and number > self.last:
            return False
        if self.only is not None or self.ranges:
            return number in (self.only or ()) or any(a <= number <= b for a, b in self.ranges)
        return True


EVERY = Span()


def parse_span(text: str | None) -> Span:
    """`§§ 1-13` → 1..13; `t.o.m. § 114` → ..114; `fr.o.m. § 115` → 115..; `ej § 5` → all but 5."""
    if not text or "§" not in text:
        return EVERY
    first = FROM.search(text)
    last = UNTIL.search(text)
    excluded = frozenset()
    rest = text
    m = NOT.search(text)
    if m:
        excluded = frozenset(_numbers(m.group(1))[0])
        rest = text[: m.start()] + text[m.end():]
    rest = FROM.sub(" ", UNTIL.sub(" ", rest))
    only, ranges = _numbers(rest) if "§" in rest else (set(), [])
    return Span(int(first.group(1)) if first else None, int(last.group(1)) if last else None,
                frozenset(only) if only else None, tuple(ranges), excluded)


def _numbers(text: str) -> tuple[set[int], list[tuple[int, int]]]:
    single: set[int] = set()
    ranges: list[tuple[int, int]] = []
    for a, b in NUMBERS.findall(text[text.index("§"):] if "§" in text else text):
        if b:
            ranges.append((int(a), int(b)))
        else:
            single.add(int(a))
    return single, ranges

"""Which organisation (region or municipality) a packet belongs to.

Letterheads, page headers and signatures name the organisation on almost every
page (`Region Jönköpings län`, `Sundsvalls kommun`, `Region Gotland`, `Ekby stad`):
the name written most often at the start of a line wins.
"""
from __future__ import annotations

import re
from collections import Counter

# `Region <Name>[ län]`, `<Name>[s] kommun` or `<Name>[s] stad` at the start of a line, as a letterhead writes it.
ORGANIZATION_RE = re.compile(
    r"^\s*((?:Region|REGION)\s+[A-ZÅÄÖ][\wåäöéÅÄÖÉ-]+(?:\s+(?:län|LÄN))?|[A-ZÅÄÖ][\wåäöéÅÄÖÉ-]+\s+(?:kommun|KOMMUN)"
    r"|[A-ZÅÄÖ][\wåäöéÅÄÖÉ-]+\s+(?:Stad|stad|STAD))(?![\wåäöÅÄÖ])"
)
# Generic words that precede `kommun` in running text, not a place name.
NOT_A_PLACE = {"god", "varje", "hela", "annan", "egen", "sveriges", "övriga", "flertalet", "utveckla", "vilken", "samma",
               "denna", "vår", "en", "hållbar", "trygg"}


def find_organization(lines: list[str]) -> str | None:
    counts: Counter[str] = Counter()
    for line in lines:
        match = ORGANIZATION_RE.match(line)
        if match is None:
            continue
        name = _letter_case(" ".join(match.group(1).split()))
        if name.split()[0].casefold() in NOT_A_PLACE:
            continue
        counts[name] += 1
    if not counts:
        return None
    name, _ = counts.most_common(1)[0]
    return name


def _letter_case(name: str) -> str:
    """`NORRVIKS KOMMUN` → `Norrviks kommun`, `REGION GOTLAND` → `Region Gotland`."""
    if not name.isupper():
        return name
    words = name.split()
    if words[-1] == "STAD":
        return " ".join([w.capitalize() for w in words[:-1]] + ["stad"])
    if words[0] == "REGION":
        return " ".join(["Region", *(w.capitalize() if w != "LÄN" else "län" for w in words[1:])])
    return " ".join([w.capitalize() for w in words[:-1]] + ["kommun"])

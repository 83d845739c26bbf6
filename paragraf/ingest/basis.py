"""An item of a §'s basis list (beslutsunderlag): which document it names, and when.

`Tjänsteskrivelse daterad 2022-11-15` names a staff report of that date;
`Protokollsutdrag regionfullmäktiges presidium 2022-06-02` names an extract of
another body's minutes: a step of the case's path that the packet cites but does
not hold (`body`, the body as written).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from paragraf.ingest.dates import find_date

KINDS = [
    (re.compile(r"^protokollsutdrag\b", re.I), "protokollsutdrag"),
    (re.compile(r"^(?:protokoll)\b", re.I), "protokoll"),
    (re.compile(r"^tjänsteskrivelse\b", re.I), "tjansteskrivelse"),
    (re.compile(r"^missiv\b", re.I), "missiv"),
    (re.compile(r"^skrivelse\b", re.I), "skrivelse"),
    (re.compile(r"^(?:rapport|granskningsrapport)\b", re.I), "rapport"),
    (re.compile(r"^(?:förteckning|sammanställning)\b", re.I), "forteckning"),
]
# `Protokollsutdrag nämnd FS 2022-12-14`, `Protokoll regionstyrelsens arbetsutskott 2022-12-13, § 12`
CITED = re.compile(r"^(?:protokollsutdrag|protokoll)\s+(?:från\s+)?(?P<body>.+?)\s*,?\s*(?:daterat?d?\s+)?$", re.I)


@dataclass(frozen=True)
class BasisItem:
    kind: str  # a document kind of the contract
    date: str | None  # YYYY-MM-DD
    body: str | None  # for an extract or minutes of a body: the body as written


def read_basis_item(text: str) -> BasisItem | None:
    """The document a basis item names, or None when it names no kind the contract knows."""
    text = text.strip().lstrip("•-– ").strip()
    kind = next((kind for pattern, kind in KINDS if pattern.match(text)), None)
    if kind is None:
        return None
    found = find_date(text)
    body = None
    if kind in ("protokollsutdrag", "protokoll") and found is not None:
        m = CITED.match(text[: found.start].strip())
        body = m.group("body").strip() if m and m.group("body") else None
    return BasisItem(kind, found.iso if found else None, body)

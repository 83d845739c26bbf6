"""What a ja and a nej vote stood for in an open vote, as the minutes put it (the voteringsproposition).

- `Godkänd voteringsproposition: ”Ja för avslag och Nej för bifall till yrkandet från M.”`
- `JA – för att anse motionens första att-sats vara besvarad röstar 9 ledamöter: …`
- `Den som vill bifalla arbetsutskottets förslag röstar ja, den som vill … röstar nej.`

Each option is kept as written, without its leading `för`; `offset` is where it stands in the
joined text of the §, so that the votes reader can give it to the vote it belongs to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

LABEL = r"(?P<side>ja|nej)(?:-?\s?röst(?:er)?)?"
NEXT_LABEL = r"\b(?:ja|nej)(?:-?\s?röst(?:er)?)?\s*[–\-:]?\s*(?:för|innebär|betyder)\b"
# An option ends at the other side's label, a sentence end (not the dots of `m.fl.`, `bl.a.`),
# a closing quote, or where its voters are counted.
OPTION_END = rf"(?=\s*[,;]?\s*(?:och\s+)?{NEXT_LABEL}|\.?[”\"][.,;]?(?:\s|$)|(?<!m\.fl)(?<!bl\.a)(?<!t\.ex)\.(?:\s|$)|;|\s+(?:röstar|röstade)\s+\d|$)"
# not a count: `4 nej-röster för bifall` counts a vote, it does not propose one
LABEL_FIRST_RE = re.compile(
    rf"(?<!\d)(?<!\d\s)\b{LABEL}\s*[–\-:]?\s*(?:för|innebär|betyder)\s+(?P<option>[^”\"]+?){OPTION_END}", re.I)
WHO_WANTS_RE = re.compile(
    r"\b(?:den|de|ledamöter|ledamot)\s+som\s+vill\s+(?P<option>[^.;”\"]+?)\s+röstar\s+(?P<side>ja|nej)\b", re.I)


@dataclass(frozen=True)
class Proposition:
    side: str  # yes | no
    option: str
    offset: int


def read_propositions(text: str) -> list[Proposition]:
    """Every `Ja för …` / `Nej för …` of a text, in text order."""
    found = [
        Proposition("yes" if m.group("side").lower() == "ja" else "no", _clean(m.group("option")), m.start())
        for pattern in (LABEL_FIRST_RE, WHO_WANTS_RE)
        for m in pattern.finditer(text)
    ]
    return sorted((p for p in found if p.option), key=lambda p: p.offset)


def _clean(option: str) -> str:
    return " ".join(option.split()).strip(" ,:–-")

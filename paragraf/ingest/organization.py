"""Which organisation (region or municipality) a packet belongs to.

Letterheads, page headers and signatures name the organisation on almost every
page (`Region Jönköpings län`, `Sundsvalls kommun`, `Region Gotland`, `Ekby stad`,
`Upplands Väsby kommun`, `Region Jämtland Härjedalen`, `Västra Götalandsregionen`):
the name written most often at the start of a line wins.
"""
from __future__ import annotations

import re
from collections import Counter

_WORD = r"[A-ZÅÄÖ][\wåäöéÅÄÖÉ-]+"
# The first word of a two-word place name is a genitive (`Upplands Väsby`) or a weak adjective (`Östra Göinge`,
# `Lilla Edet`): it ends in -s or -a. That keeps `Protokoll Tranås kommun` or `Kommunstyrelsen Ekby kommun` out.
_FIRST_OF_TWO = r"[A-ZÅÄÖ][\wåäöéÅÄÖÉ-]*(?:s|a|S|A)"
_NAME = (
    rf"(?:Region|REGION)\s+{_WORD}\s+(?:län|LÄN|Län)(?![\wåäöÅÄÖ])"
    rf"|(?:Region|REGION) {_WORD} (?!(?:län|LÄN|Län)\b){_WORD}(?![\wåäöÅÄÖ])"
    rf"|(?:Region|REGION)\s+{_WORD}(?![\wåäöÅÄÖ])"
    rf"|{_FIRST_OF_TWO} {_WORD}(?:regionen|REGIONEN)(?![\wåäöÅÄÖ])"
    rf"|(?:{_FIRST_OF_TWO} )?{_WORD}\s+(?:kommun|KOMMUN)(?![\wåäöÅÄÖ])"
    rf"|(?:{_FIRST_OF_TWO} )?{_WORD}\s+(?:Stad|stad|STAD)(?![\wåäöÅÄÖ])"
)
ORGANIZATION_RE = re.compile(rf"^\s*({_NAME})")
# Minutes without their page furniture name the organisation only in running text (`… i Mölndals stad …`).
MENTION_RE = re.compile(rf"(?<![\wåäöÅÄÖ-])({_NAME})")
# Generic words that precede `kommun` in running text, not a place name.
NOT_A_PLACE = {"god", "varje", "hela", "annan", "egen", "sveriges", "övriga", "flertalet", "utveckla", "vilken", "samma",
               "denna", "vår", "en", "hållbar", "trygg", "bilaga", "alla", "andra", "vissa", "flera", "enligt", "dess",
               "dennes", "deras", "sina", "hennes", "hans", "vars", "bara", "mellan", "inklusive", "exklusive",
               "ska", "tillsammans", "också", "även", "vidare", "kommunens", "nya", "stora", "mindre", "svenska"}
# Words of a page header that may follow the name on its line (`Region Gotland Protokoll`).
DOCUMENT_WORDS = {"protokoll", "sammanträdesprotokoll", "kallelse", "föredragningslista", "handling", "handlingar",
                  "tjänsteskrivelse", "beslut", "beslutsunderlag", "utdrag", "protokollsutdrag", "bilaga", "sida", "sid",
                  "datum", "diarienummer", "dnr", "justering", "justerat", "anslag", "underskrifter", "ärende",
                  "paragraf", "rapport", "yttrande", "missiv", "remiss", "plats", "tid", "dagordning"}

# Parts of a body's or an office's name (`Regionstyrelsen`, `Hälso- och sjukvårdsnämnden`, `Regionledningskontoret`).
BODY_STEMS = ("styrelse", "nämnd", "fullmäktige", "utskott", "presidi", "förvaltning", "kontor", "avdelning", "enhet",
              "ledning", "kansli", "revision", "beredning", "råd")


def find_organization(lines: list[str]) -> str | None:
    """The name most often at the start of a line, as letterheads, page headers and signatures write it."""
    return _most_common(name for name in map(_name_on, lines) if name is not None)


def find_mentioned_organization(lines: list[str]) -> str | None:
    """The name most often mentioned anywhere: for minutes without their letterhead, after any hint."""
    return _most_common(name for line in lines for name in _names_in(line))


def _most_common(names) -> str | None:
    counts = Counter(names)
    return counts.most_common(1)[0][0] if counts else None


def _name_on(line: str) -> str | None:
    match = ORGANIZATION_RE.match(line)
    return None if match is None else _accepted(match.group(1))


def _names_in(line: str) -> list[str]:
    return [name for name in map(_accepted, (m.group(1) for m in MENTION_RE.finditer(line))) if name is not None]


def _accepted(found: str) -> str | None:
    words = _letter_case(" ".join(found.split())).split()
    if words[0] == "Region" and len(words) == 3 and _names_a_document_or_body(words[2]):
        words = words[:2]  # `Region Gotland Protokoll`, `Region Gotland Regionstyrelsen`
    if len(words) == 3 and words[0].casefold() in DOCUMENT_WORDS:
        words = words[1:]  # `Protokoll Ekby kommun`
    if any(word.casefold() in NOT_A_PLACE | DOCUMENT_WORDS for word in words[:-1]):
        return None
    return " ".join(words)


def _names_a_document_or_body(word: str) -> bool:
    folded = word.casefold()
    return folded in DOCUMENT_WORDS or any(stem in folded for stem in BODY_STEMS)


def _letter_case(name: str) -> str:
    """`NORRVIKS KOMMUN` → `Norrviks kommun`, `REGION GOTLAND` → `Region Gotland`, `MALUNG-SÄLENS KOMMUN` →
    `Malung-Sälens kommun`; `Region Jönköpings Län` → `Region Jönköpings län`."""
    words = name.split()
    if not name.isupper():
        return " ".join(word if word != "Län" else "län" for word in words)
    if words[-1] in ("STAD", "KOMMUN"):
        return " ".join([_capitalize(w) for w in words[:-1]] + [words[-1].lower()])
    if words[0] == "REGION":
        return " ".join(["Region", *(_capitalize(w) if w != "LÄN" else "län" for w in words[1:])])
    return " ".join(_capitalize(w) for w in words)


def _capitalize(word: str) -> str:
    """Each part of a hyphenated name keeps its capital: `UPPLANDS-BRO` → `Upplands-Bro`."""
    return "-".join(part.capitalize() for part in word.split("-"))

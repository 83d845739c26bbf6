"""Who a sentence of minutes means: people named with their party, or party groups.

`Ledamöterna för Kristdemokraterna, Centerpartiet, Liberalerna och Sverigedemokraterna
reserverar sig …`, `Ledamöterna från M, D, L och KD …`, `Samtliga ledamöter från
Liberalerna …`, `Moderaterna och Kristdemokraterna reserverar sig …`: a party group
means the members of those parties who took part at that § (resolved by the records,
which know who served). `Jörgen Fogelklou (SD) reserverar sig …` means the person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from paragraf.ingest.text import PARTY

# The parliamentary parties by name (also in the genitive: `Sverigedemokraternas ledamöter`).
PARTY_NAMES = {
    "S": "Socialdemokraterna",
    "M": "Moderaterna",
    "SD": "Sverigedemokraterna",
    "C": "Centerpartiet",
    "V": "Vänsterpartiet",
    "KD": "Kristdemokraterna",
    "L": "Liberalerna",
    "MP": "Miljöpartiet de gröna",
}
NAME_STEMS = {"S": "socialdemokrat", "M": "moderat", "SD": "sverigedemokrat", "C": "centerpartiet", "V": "vänsterpartiet",
              "KD": "kristdemokrat", "L": "liberal", "MP": "miljöpartiet"}
NAMED_PERSON = re.compile(rf"([A-ZÅÄÖÉ][\w'\-]+(?:\s+[A-ZÅÄÖÉ][\w'\-]+){{1,4}})\s*\(({PARTY})\)")
# A group: `ledamöterna`, `representanterna`, `gruppen`, `partierna`, `samtliga`, or a party named as such.
GROUP_WORD = re.compile(r"\b(?:ledamöterna|ledamöter|representanterna|företrädarna|gruppen|grupperna|partierna|samtliga)\b", re.I)
ABBREVIATION = re.compile(r"(?<![(\w])([A-ZÅÄÖ]{1,3})(?![\w)])")


@dataclass(frozen=True)
class Meant:
    people: list[tuple[str, str]]  # (name, party) as written
    parties: set[str]  # abbreviations of the party groups meant


def meant(text: str, known: set[str] = frozenset()) -> Meant:
    """The people and party groups a sentence names before its verb. `known` are the
    party abbreviations in use (local parties: `D`, `BA`)."""
    subject = re.split(r"\b(?:reserverar|reserverade|anmäler|lämnar|yrkar|deltar|avstår|röstar)\b", text, maxsplit=1)[0]
    people = [(name, party) for name, party in NAMED_PERSON.findall(subject)]
    parties: set[str] = set()
    lowered = subject.casefold()
    for abbreviation, stem in NAME_STEMS.items():
        if stem in lowered:
            parties.add(abbreviation)
    if GROUP_WORD.search(subject) or parties:
        without_people = NAMED_PERSON.sub(" ", subject)
        parties |= {a for a in ABBREVIATION.findall(without_people) if a in (known or PARTY_NAMES)}
    return Meant(people, parties)

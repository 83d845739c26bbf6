"""What a notice and a meeting packet are made of: plain frozen dataclasses.

The secretariat's Django models are converted into these; nothing here knows Django.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class NoticeItem:
    number: int
    title: str
    case_number: str = ""  # e.g. "RS 2023/217", printed to the right of the title
    section: str = ""  # section heading the item falls under ("" = before any section)
    presenter: str = ""  # optional, printed under the title in smaller type if set


@dataclass(frozen=True)
class CalledPerson:
    name: str
    party: str = ""  # abbreviation, printed "Name (S)"
    role: str = ""  # "ordförande", "1:e v ordf" for members; an official's title, printed "Name, regiondirektör"


@dataclass(frozen=True)
class CalledGroup:
    heading: str  # "Ordinarie ledamöter", "Ersättare", "Adjungerad", "Tjänstemän"
    people: tuple[CalledPerson, ...]


@dataclass(frozen=True)
class Notice:
    organisation: str  # "Region Jönköpings län"
    body: str  # "Regionstyrelsen"
    date: datetime.date
    start_time: datetime.time | None
    place: str
    items: tuple[NoticeItem, ...]
    called: tuple[CalledGroup, ...]  # under the heading "Kallade"
    for_information: tuple[CalledGroup, ...] = ()  # under "För kännedom"
    amendment: str = ""  # non-empty for an amended notice ("Ändrad kallelse"): what changed


@dataclass(frozen=True)
class PacketDocument:
    title: str
    data: bytes  # a PDF


@dataclass(frozen=True)
class PacketItem:
    number: int
    title: str
    documents: tuple[PacketDocument, ...]

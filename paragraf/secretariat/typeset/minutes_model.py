"""What the minutes (protokoll) of one meeting are made of: plain frozen dataclasses.

The secretariat converts its records into these; nothing here knows Django. `minutes_to_dict` and
`minutes_from_dict` give and take the JSON form (dates and times as ISO strings) a draft is stored in.

Texts are printed as given. A line break in a text (decision, summary, procedure …) starts a new
paragraph; whitespace within a line is folded. Names are written without party, the party
separately as its abbreviation (`S`, `KD`), as in the packet contract (`paragraf.packet/1`).
"""
from __future__ import annotations

import dataclasses
import datetime
import typing
from dataclasses import dataclass

CHOICES = ("yes", "no", "abstain")
METHODS = ("open", "secret")


@dataclass(frozen=True)
class Present:
    """One person at the meeting, printed `Name (S) ers. Other role §§ 1-13` or `Name, title § 10`."""

    name: str
    party: str = ""  # abbreviation; an official has none
    role: str = ""  # "ordförande", "1:e vice ordförande"; an official's title ("regiondirektör")
    replaces: str = ""  # the ordinary member a substitute serves for, printed after `ers.` (maybe with "(S)")
    paragraphs: str = ""  # a § restriction as printed: "§§ 1-13", "§ 10"


@dataclass(frozen=True)
class Ballot:
    """One member's vote in an open vote."""

    name: str
    party: str
    choice: str  # "yes" | "no" | "abstain"

    def __post_init__(self) -> None:
        if self.choice not in CHOICES:
            raise ValueError(f"ballot of {self.name!r}: choice {self.choice!r} is not one of {CHOICES}")


@dataclass(frozen=True)
class VoteRecord:
    """A vote of the Beslutsgång.

    An open vote (votering) prints each side with its count and, where `ballots` are given, every
    voter: `JA – för <yes_option> röstar 9 ledamöter: …`, `NEJ – …`, `AVSTÅR – …`; without ballots,
    the counts in a sentence. A secret ballot (sluten omröstning) between candidates prints
    `4 ledamöter röstar för <candidate>` per option and the blank ballots; its `yes`, `no` and
    `abstain` are not printed (a reader counts the leading option's votes, the others', the blank).
    `outcome` is the text after the vote: its result in words and what the chair put next.
    """

    method: str  # "open" | "secret"
    yes_option: str = ""  # what a ja stood for, as written after `för`: "att anse motionen besvarad"
    no_option: str = ""
    yes: int = 0
    no: int = 0
    abstain: int = 0
    ballots: tuple[Ballot, ...] = ()
    options: tuple[tuple[str, int], ...] = ()  # a secret ballot: (candidate as printed, "Per Eriksson (C)"; votes)
    blank: int = 0  # a secret ballot: members who voted blank or did not vote
    outcome: str = ""

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"vote method {self.method!r} is not one of {METHODS}")
        if min(self.yes, self.no, self.abstain, self.blank, *(count for _, count in self.options)) < 0:
            raise ValueError("a vote count is negative")


@dataclass(frozen=True)
class ElectionRecord:
    """Someone appointed (or nominated) to a post: `Per Eriksson (C)`, ledamot, Regionstyrelsens
    arbetsutskott, 2023-2026. A decision text that names the person (`Name (P)`) states it; one
    it does not name is printed under the decision."""

    name: str
    party: str
    post: str  # "ledamot", "ersättare", "ordförande"
    organisation: str = ""
    period: str = ""  # "2023-2026"
    sub_body: str = ""  # the part of the organisation ("Regional utveckling" of an utskott)


@dataclass(frozen=True)
class MinutesParagraph:
    """One § of the minutes, its sections in the order printed."""

    number: int
    title: str
    case_number: str  # "RJL 2022/1409" as printed after `Diarienummer:`; "" for none
    decision: str
    summary: str = ""  # Sammanfattning
    basis: tuple[str, ...] = ()  # Beslutsunderlag, one document a line
    proposals: tuple[str, ...] = ()  # Yrkanden, each as written ("Ordföranden yrkar att …")
    procedure: str = ""  # Beslutsgång before the votes
    votes: tuple[VoteRecord, ...] = ()
    elections: tuple[ElectionRecord, ...] = ()
    dissents: tuple[str, ...] = ()  # Reservation, each as written ("Ledamöterna för KD reserverar sig …")
    statements: tuple[str, ...] = ()  # Protokollsanteckning, each as written
    recipients: tuple[str, ...] = ()  # Beslutet skickas till, one a line
    nominations: tuple[ElectionRecord, ...] = ()  # proposed for another body to appoint
    disqualifications: tuple[str, ...] = ()  # Jäv, each as written


@dataclass(frozen=True)
class Minutes:
    """The minutes of one meeting. `deciding` serve (members, and substitutes serving with
    `replaces`), `substitutes` attend without serving, `co_opted` (adjungerade) and
    `staff_representatives` attend, `others` are officials; the secretary, chair and adjusters sign
    (names without party)."""

    organisation: str  # "Region Jönköpings län"
    body: str  # "Regionstyrelsen"
    date: datetime.date
    start_time: datetime.time | None
    end_time: datetime.time | None
    place: str
    deciding: tuple[Present, ...]
    substitutes: tuple[Present, ...]
    others: tuple[Present, ...]
    secretary: str
    chair: str
    adjusters: tuple[str, ...]
    paragraphs: tuple[MinutesParagraph, ...]
    adjournment: str = ""  # "14:20-14:40"
    justering_place: str = ""
    justering_date: datetime.date | None = None
    co_opted: tuple[Present, ...] = ()
    staff_representatives: tuple[Present, ...] = ()

    def __post_init__(self) -> None:
        numbers = [p.number for p in self.paragraphs]
        if len(set(numbers)) != len(numbers):
            raise ValueError(f"§ numbers repeat: {numbers}")

    def paragraph(self, number: int) -> MinutesParagraph:
        """The § numbered `number` (KeyError if the minutes have none)."""
        for paragraph in self.paragraphs:
            if paragraph.number == number:
                return paragraph
        raise KeyError(f"the minutes have no § {number}")


def minutes_to_dict(minutes: Minutes) -> dict:
    """The minutes as JSON values (dates and times as ISO strings, tuples as lists)."""
    return _plain(dataclasses.asdict(minutes))


def minutes_from_dict(data: dict) -> Minutes:
    """The minutes from `minutes_to_dict`'s form (a missing field takes its default)."""
    return _build(Minutes, data)


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


def _build(cls, data: dict):
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    return cls(**{name: _value(hints[name], item) for name, item in data.items() if name in known})


def _value(hint, value):
    """`value` of JSON as the type `hint` wants it."""
    if value is None:
        return None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        item = args[0]
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_value(item, v) for v in value)
        return tuple(_value(a, v) for a, v in zip(args, value))
    if origin is not None and type(None) in args:  # X | None
        return _value(next(a for a in args if a is not type(None)), value)
    if dataclasses.is_dataclass(hint):
        return _build(hint, value)
    if hint is datetime.date:
        return datetime.date.fromisoformat(value)
    if hint is datetime.time:
        return datetime.time.fromisoformat(value)
    return value

"""The minutes as the secretary records them, during and after the meeting: the roll call and, per §,
the decision, proposals, procedure, a vote, elections, reservations, protocol notes and recipients.
Typed data classes kept as one JSON document (`MinutesDraft.content`), saved with optimistic locking:
a save names the revision it was made from, and a save from an older revision is refused with a clear
message, so two secretaries never overwrite each other's changes. The rules of `rollcall.py` check
votes and reservations against who serves at each §.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from django.db import transaction

from paragraf.records.models import Meeting
from paragraf.secretariat import agenda
from paragraf.secretariat.models import MinutesDraft
from paragraf.secretariat.rollcall import (
    Called, Presence, RecordingError, check_open_vote, check_reservation, decided_by_vote, propose_substitutes, serving_at,
    substitute_for_jav,
)


@dataclass
class RollEntry:
    name: str
    party: str
    ordinary: bool
    role: str = ""  # "ordförande" …
    present: bool = True
    serves_for: str = ""
    first: int | None = None
    last: int | None = None
    disqualified: list[int] = field(default_factory=list)
    stands_in: list[list] = field(default_factory=list)  # [§, key]: serving at that § only, for a member with jäv

    @property
    def key(self) -> str:
        """`Name (S)`: who the entry is (rollcall.Called.key); votes, reservations and `serves_for` name it so."""
        return Called(self.name, self.party, self.ordinary).key

    def presence(self) -> Presence:
        return Presence(Called(self.name, self.party, self.ordinary), self.present, self.serves_for, self.first, self.last,
                        frozenset(self.disqualified), tuple((n, k) for n, k in self.stands_in))


@dataclass
class RecordedVote:
    method: str  # "open" | "secret"
    yes_option: str = ""
    no_option: str = ""
    ballots: dict[str, str] = field(default_factory=dict)  # open: name → "yes" | "no" | "abstain"
    options: list[list] = field(default_factory=list)  # secret: [candidate, count]
    blank: int = 0
    outcome: str = ""  # what the minutes say after the vote (its result, what the chair put next)


@dataclass
class RecordedElection:
    name: str
    party: str = ""
    post: str = ""
    organisation: str = ""
    period: str = ""


@dataclass
class RecordedReservation:
    names: list[str]
    text: str


@dataclass
class Attending:
    """Someone present who is not called as member or substitute: co-opted (adjungerad), an official
    (övriga), printed under their heading."""

    name: str
    party: str = ""
    role: str = ""  # an official's title
    group: str = "övriga"  # "övriga" | "adjungerad"
    paragraphs: str = ""  # "§§ 1-13"


@dataclass
class RecordedParagraph:
    number: int
    title: str
    case_number: str = ""
    decision: str = ""
    summary: str = ""
    basis: list[str] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)
    procedure: str = ""
    vote: RecordedVote | None = None
    elections: list[RecordedElection] = field(default_factory=list)
    nominations: list[RecordedElection] = field(default_factory=list)  # proposed to the body that appoints
    reservations: list[RecordedReservation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    disqualifications: list[str] = field(default_factory=list)  # jäv, as written


@dataclass
class Recording:
    roll: list[RollEntry]
    paragraphs: list[RecordedParagraph]
    chair: str = ""  # the key of the roll entry (`Name (S)`), as the adjusters
    adjusters: list[str] = field(default_factory=list)
    secretary: str = ""
    end_time: str = ""  # HH:MM
    adjournment: str = ""  # "14:20-14:40"
    attending: list[Attending] = field(default_factory=list)

    def name_of(self, key: str) -> str:
        return next((e.name for e in self.roll if e.key == key), key)

    def party_of(self, key: str) -> str:
        return next((e.party for e in self.roll if e.key == key), "")

    def serving(self, number: int) -> list[str]:
        return serving_at([e.presence() for e in self.roll], number)

    def paragraph(self, number: int) -> RecordedParagraph:
        found = next((p for p in self.paragraphs if p.number == number), None)
        if found is None:
            raise RecordingError(f"Paragraf {number} finns inte.")
        return found


class Conflict(RecordingError):
    """Someone else saved the minutes since this copy was read."""


def to_json(recording: Recording) -> dict:
    return dataclasses.asdict(recording)


def from_json(data: dict) -> Recording:
    paragraphs = []
    for p in data.get("paragraphs", []):
        vote = RecordedVote(**p["vote"]) if p.get("vote") else None
        paragraphs.append(RecordedParagraph(**{**p, "vote": vote, "elections": [RecordedElection(**e) for e in p.get("elections", [])],
                                               "nominations": [RecordedElection(**e) for e in p.get("nominations", [])],
                                               "reservations": [RecordedReservation(**r) for r in p.get("reservations", [])]}))
    return Recording(roll=[RollEntry(**e) for e in data.get("roll", [])], paragraphs=paragraphs,
                     attending=[Attending(**a) for a in data.get("attending", [])],
                     **{k: data[k] for k in ("chair", "adjusters", "secretary", "end_time", "adjournment") if k in data})


def initial(meeting: Meeting) -> Recording:
    """The called of the notice (ordinary members, then substitutes in the order of service) and one §
    per agenda item, numbered on from 1."""
    roll = [RollEntry(name=c.name, party=c.party, ordinary=c.group == "ledamot", role=c.role)
            for c in agenda.called(meeting) if c.group in ("ledamot", "ersättare")]
    paragraphs = [RecordedParagraph(number=i.number, title=i.title, case_number=i.case_number) for i in agenda.items(meeting)]
    chair = next((e.key for e in roll if e.role == "ordförande"), "")
    return Recording(roll=roll, paragraphs=paragraphs, chair=chair)


def draft_of(meeting: Meeting) -> MinutesDraft:
    draft, created = MinutesDraft.objects.get_or_create(meeting=meeting, defaults={"content": {}})
    if created or not draft.content:
        draft.content = to_json(initial(meeting))
        draft.save()
    return draft


def save(draft: MinutesDraft, recording: Recording, revision: int, user) -> MinutesDraft:
    """Store the recording if nobody saved since `revision`; else `Conflict`. Each save is a row of the
    draft's history (django-simple-history), with the user."""
    with transaction.atomic():
        current = MinutesDraft.objects.select_for_update().get(pk=draft.pk)
        if current.revision != revision:
            who = current.updated_by.get_username() if current.updated_by else "någon annan"
            raise Conflict(f"{who} sparade protokollet medan du ändrade det (version {current.revision}, din var {revision}). "
                           "Läs in sidan igen och gör din ändring på nytt; inget av det som sparats har gått förlorat.")
        current.content = to_json(recording)
        current.revision += 1
        current.updated_by = user
        current._history_user = user
        current.save()
    return current


def roll_call(recording: Recording, present: set[str], serves_for: dict[str, str]) -> Recording:
    """Who of the called is here (keys, `Name (S)`), and whom each substitute serves for (key → key: the
    secretary's choice, else Paragraf's proposal: the order of service, the same party first)."""
    for entry in recording.roll:
        entry.present = entry.key in present
        entry.serves_for = serves_for.get(entry.key, "") if entry.present and not entry.ordinary else ""
    proposed = propose_substitutes([e.presence() for e in recording.roll])
    for entry, presence in zip(recording.roll, proposed):
        entry.serves_for = presence.serves_for
    return recording


def record_open_vote(recording: Recording, number: int, ballots: dict[str, str], yes_option: str, no_option: str,
                     chair_choice: str | None = None, outcome: str = "") -> tuple[int, int, int, str]:
    """An open vote at § `number`: every serving member once; the totals and the outcome ('yes'/'no')."""
    paragraph = recording.paragraph(number)
    yes, no, abstain = check_open_vote(recording.serving(number), ballots)
    outcome = decided_by_vote(yes, no, chair_choice if chair_choice is not None else ballots.get(recording.chair))
    paragraph.vote = RecordedVote("open", yes_option, no_option, dict(ballots), outcome=outcome)
    return yes, no, abstain, outcome


def record_secret_ballot(recording: Recording, number: int, options: list[tuple[str, int]], blank: int, outcome: str = "") -> None:
    """A secret ballot at § `number`: as many ballots as members serving there."""
    cast = sum(count for _name, count in options) + blank
    serving = len(recording.serving(number))
    if cast != serving:
        raise RecordingError(f"{cast} valsedlar men {serving} tjänstgörande ledamöter vid paragrafen.")
    recording.paragraph(number).vote = RecordedVote("secret", options=[[name, count] for name, count in options], blank=blank,
                                                    outcome=outcome)


def record_jav(recording: Recording, number: int, keys: list[str]) -> list[str]:
    """These members have jäv at § `number` (KL 6 kap. 24-28 §§): they leave for it, and a substitute
    serves there for each ordinary member (the same party first). Returns who stands in, one line each."""
    said = []
    for entry in recording.roll:
        entry.disqualified = sorted({n for n in entry.disqualified if n != number} | ({number} if entry.key in keys else set()))
        entry.stands_in = [[n, k] for n, k in entry.stands_in if n != number]
    for entry in recording.roll:
        if entry.key in keys and entry.ordinary:
            stand_in = substitute_for_jav([e.presence() for e in recording.roll], number, entry.key, entry.party)
            if stand_in is None:
                said.append(f"Ingen ersättare är ledig för {entry.key} vid § {number}.")
                continue
            chosen = next(e for e in recording.roll if e.key == stand_in.called.key)
            if chosen.serves_for != entry.key:
                chosen.stands_in.append([number, entry.key])
            said.append(f"{chosen.key} tjänstgör för {entry.key} vid § {number}.")
    paragraph = recording.paragraph(number)
    paragraph.disqualifications = [f"{key} anmäler jäv och deltar inte i handläggningen av ärendet." for key in keys]
    return said


def record_reservation(recording: Recording, number: int, names: list[str], text: str) -> None:
    check_reservation(recording.serving(number), names)
    recording.paragraph(number).reservations.append(RecordedReservation(list(names), text))

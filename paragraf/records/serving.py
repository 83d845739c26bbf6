"""Who served at each § of a meeting, and who was absent: the one place that says it.

Attendance, vote checks, group reservations, person and party statistics (and the
review of minutes) all ask the same question, and all ask it here. The answer comes
from the minutes' attendance (the voting members, `Nena Stamenkovic (S) ers. Annelie
Borgström (S)`, § restrictions `§§ 1-13`, `t.o.m. § 114`, `fr.o.m. § 115`), the
notice's called members, and who had jäv at a §.

A seat is one person's part in a meeting:

- `serving`: an ordinary member who served (maybe for part of the meeting: `span`);
- `substitute`: a substitute who served for an absent member (`serves_for`);
- `replaced`: an ordinary member absent, a substitute serving in their place (`replaced_by`);
- `absent`: an ordinary member called to the meeting, absent, nobody serving for them;
- `present`: present without serving (a substitute not called in, a co-opted member);
- `called`: an ordinary member the notice calls to a meeting whose minutes are not read (yet).

Each person's seat (the one that says most, `by_person`) is also stored as a `models.Seat` row
(`store_seats`), which the person and party facts count (`facts.py`).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from paragraf.ingest.spans import EVERY, Span, parse_span
from paragraf.records.changes import touch_people
from paragraf.records.models import Attendance, Invitation, Meeting
from paragraf.records.models import Seat as StoredSeat

Status = StoredSeat.Status
SERVING, SUBSTITUTE, REPLACED, ABSENT, PRESENT, CALLED = (
    Status.SERVING, Status.SUBSTITUTE, Status.REPLACED, Status.ABSENT, Status.PRESENT, Status.CALLED)
MEMBER_STATUSES = (SERVING, REPLACED, ABSENT)  # an ordinary member's meeting: what attendance rates count
SERVES = (SERVING, SUBSTITUTE)
PRESENT_GROUPS = ("ersättare", "adjungerad")
PRECEDENCE = [SERVING, SUBSTITUTE, PRESENT, REPLACED, ABSENT, CALLED]


@dataclass
class Seat:
    person_id: int | None
    name: str
    party: str
    status: str
    span: Span = EVERY
    paragraphs: str = ""  # the restriction as written
    serves_for_id: int | None = None
    serves_for: str = ""
    replaced_by: list[tuple[int | None, str]] = field(default_factory=list)

    def serves_at(self, number: int) -> bool:
        return self.status in SERVES and self.span.admits(number)


@dataclass
class Service:
    """The seats of one meeting."""

    meeting_id: int
    seats: list[Seat]

    def serving_at(self, number: int, disqualified: set[int] = frozenset()) -> list[Seat]:
        """Who served at § `number`: the members and substitutes serving then, less those with jäv."""
        return [s for s in self.seats if s.serves_at(number) and s.person_id not in disqualified]

    def seat_of(self, person_id: int) -> Seat | None:
        return self.by_person().get(person_id)

    def by_person(self) -> dict[int, Seat]:
        """Each person's part in the meeting; serving wins over being replaced for part of it."""
        out: dict[int, Seat] = {}
        for seat in self.seats:
            if seat.person_id is None:
                continue
            known = out.get(seat.person_id)
            if known is None or PRECEDENCE.index(seat.status) < PRECEDENCE.index(known.status):
                out[seat.person_id] = seat
        return out


def service(meeting: Meeting) -> Service:
    return services([meeting.pk])[meeting.pk]


def services(meeting_ids: list[int], attendance=Attendance, invitation=Invitation) -> dict[int, Service]:
    """The seats of every meeting asked for, from two queries (the models may be a migration's)."""
    attendances = defaultdict(list)
    for a in attendance.objects.filter(meeting_id__in=meeting_ids).order_by("meeting_id", "position"):
        attendances[a.meeting_id].append(a)
    called = defaultdict(list)
    for i in invitation.objects.filter(meeting_id__in=meeting_ids, group="ledamot").order_by("meeting_id", "position"):
        called[i.meeting_id].append(i)
    return {pk: seats(pk, attendances[pk], called[pk]) for pk in meeting_ids}


STORE_BATCH = 500  # meetings whose seats are computed and written together


def store_seats(meeting_ids: list[int], models=None) -> int:
    """Each person's seat at these meetings written anew as `Seat` rows (what the person and
    party facts count); `models` the (Attendance, Invitation, Seat) of a migration. Returns the rows written."""
    attendance, invitation, seat_model = models or (Attendance, Invitation, StoredSeat)
    written = 0
    ids = sorted(set(meeting_ids))
    for start in range(0, len(ids), STORE_BATCH):
        batch = ids[start:start + STORE_BATCH]
        rows = [
            seat_model(meeting_id=meeting_id, person_id=person_id, status=seat.status, paragraphs=seat.paragraphs[:100],
                       serves_for=seat.serves_for[:200], replaced_by=[name for _, name in seat.replaced_by])
            for meeting_id, found in services(batch, attendance, invitation).items()
            for person_id, seat in found.by_person().items()
        ]
        old = seat_model.objects.filter(meeting_id__in=batch)
        before = {(*row[:5], tuple(row[5])) for row in
                  old.values_list("meeting_id", "person_id", "status", "paragraphs", "serves_for", "replaced_by")}
        old.delete()
        seat_model.objects.bulk_create(rows)
        written += len(rows)
        if models is None:  # not in a migration: the people whose seats changed show new counts
            after = {(r.meeting_id, r.person_id, r.status, r.paragraphs, r.serves_for, tuple(r.replaced_by)) for r in rows}
            touch_people(row[1] for row in before ^ after)
    return written


def seats(meeting_id: int, attendances: list[Attendance], called: list[Invitation]) -> Service:
    """The seats from the attendance rows of the minutes and the members the notice called.
    Without minutes (no attendance), the members called are only that: nobody is taken for absent."""
    out: list[Seat] = []
    by_person: dict[int, Seat] = {}
    for a in attendances:
        span = parse_span(a.paragraphs)
        if a.group == "beslutande":
            if a.replaces_name:
                out.append(Seat(a.person_id, a.name, a.party, SUBSTITUTE, span, a.paragraphs,
                                serves_for_id=a.replaces_id, serves_for=a.replaces_name))
            else:
                seat = Seat(a.person_id, a.name, a.party, SERVING, span, a.paragraphs)
                out.append(seat)
                if a.person_id:
                    by_person[a.person_id] = seat
        elif a.group in PRESENT_GROUPS:
            out.append(Seat(a.person_id, a.name, a.party, PRESENT, span, a.paragraphs))
    replaced: dict[object, Seat] = {}
    for substitute in [s for s in out if s.status == SUBSTITUTE]:
        member = by_person.get(substitute.serves_for_id)  # a member who served part of the meeting keeps that seat
        if member is None:
            key = substitute.serves_for_id or substitute.serves_for
            member = replaced.get(key)
            if member is None:
                member = replaced[key] = Seat(substitute.serves_for_id, substitute.serves_for, substitute.party, REPLACED)
                out.append(member)
        member.replaced_by.append((substitute.person_id, substitute.name))
    seated = {s.person_id for s in out if s.person_id}
    for invitation in called:
        if invitation.person_id and invitation.person_id not in seated:
            out.append(Seat(invitation.person_id, invitation.name, invitation.party, ABSENT if attendances else CALLED))
            seated.add(invitation.person_id)
    return Service(meeting_id, out)

"""Who the people named in a § are, and who a reservation means.

A name in a § (a proposer, a voter, someone with jäv) means the chair for `Ordföranden`,
else the one person present at the meeting written so, else the one person known by that
name. A reservation means the people it names and the members of the party groups it
names (`ingest/groups.py`) who served at that § (`serving.py`). The importer resolves
every meeting it stores; the admin does it again for a meeting whose attendance staff correct.
"""
from __future__ import annotations

from paragraf.ingest import groups
from paragraf.records import serving
from paragraf.records.models import Attendance, Dissent, Meeting, Person
from paragraf.records.resolve import People

CHAIR_WORDS = {"ordföranden", "ordförande"}


class Speakers:
    def __init__(self, people: People) -> None:
        self.people = people
        self.present: dict[int, list[Attendance]] = {}  # per meeting

    def attendances(self, meeting: Meeting) -> list[Attendance]:
        if meeting.pk not in self.present:
            self.present[meeting.pk] = list(meeting.attendances.all())
        return self.present[meeting.pk]

    def person(self, meeting: Meeting, name: str | None, party: str | None) -> Person | None:
        """The person a name in a § means: the chair for `Ordföranden`, else someone present, else anyone known."""
        if not name:
            return None
        if name.strip().casefold() in CHAIR_WORDS:
            name, party = meeting.chair or None, None
            if not name:
                return None
        present = [a for a in self.attendances(meeting) if a.person_id and _same_written(a.name, a.party, name, party)]
        if len({a.person_id for a in present}) == 1:
            return present[0].person
        return self.people.lookup(name, party)


def resolve_dissents(meeting: Meeting, speakers: Speakers) -> None:
    """Who each reservation of the meeting means (see the module)."""
    dissents = list(Dissent.objects.filter(paragraph__meeting=meeting).select_related("paragraph")
                    .prefetch_related("paragraph__disqualified"))
    if not dissents:
        return
    seats = serving.seats(meeting.pk, speakers.attendances(meeting), [])
    known = {s.party for s in seats.seats if s.party}
    for dissent in dissents:
        disqualified = {p.pk for p in dissent.paragraph.disqualified.all()}
        at = seats.serving_at(dissent.paragraph.number, disqualified)
        named = groups.meant(dissent.text, known)
        by_name = (speakers.person(meeting, name, party) for name, party in named.people)
        people = {person.pk for person in by_name if person is not None}
        people |= {s.person_id for s in at if s.party in named.parties and s.person_id}
        dissent.people.set(people)


def _same_written(name: str, party: str, other: str, other_party: str | None) -> bool:
    if other_party and party and other_party != party:
        return False
    return " ".join(name.split()).casefold() == " ".join(other.split()).casefold()

"""The public facts about a person and a party: how they acted, counted one way for every page.

The portal, the native API and OParl all show these, from here, so they cannot differ:

- meetings: per meeting where the person was an ordinary member (called or serving), a
  substitute who served, or present: what they did (`serving.py`), for whom, replaced by whom;
  a meeting whose minutes are not read yet only says who was called;
- attendance: of the meetings as an ordinary member, those they served at (all or part)
  against those held (served + absent, replaced or not): `attended` / `expected`;
- proposals they made or joined, reservations that mean them (by name or by their
  party group while they served), their named ballots in open votes, elections and
  nominations of them.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q

from paragraf.records import serving
from paragraf.records.models import Attendance, Ballot, Dissent, Election, Invitation, Meeting, Party, Person, Proposal


@dataclass
class MeetingFact:
    meeting: Meeting
    status: str  # a status of `serving.py`
    paragraphs: str  # the restriction as written (`§§ 1-13`), or ""
    serves_for: str  # a substitute: the member served for
    replaced_by: list[str]  # an absent member: the substitutes who served instead


@dataclass
class Facts:
    meetings: list[MeetingFact] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    reservations: list[Dissent] = field(default_factory=list)
    ballots: list[Ballot] = field(default_factory=list)
    elections: list[Election] = field(default_factory=list)
    nominations: list[Election] = field(default_factory=list)

    @property
    def expected(self) -> int:
        """Meetings as an ordinary member: served, replaced or absent."""
        return sum(1 for m in self.meetings if m.status in serving.MEMBER_STATUSES)

    @property
    def attended(self) -> int:
        """Of those, the meetings served at (the whole meeting or part of it)."""
        return sum(1 for m in self.meetings if m.status == serving.SERVING)

    @property
    def absent(self) -> int:
        return sum(1 for m in self.meetings if m.status in (serving.REPLACED, serving.ABSENT))

    @property
    def as_substitute(self) -> int:
        """Meetings served at as a substitute for an absent member."""
        return sum(1 for m in self.meetings if m.status == serving.SUBSTITUTE)

    @property
    def called(self) -> int:
        """Meetings the person is called to as an ordinary member whose minutes are not read (yet)."""
        return sum(1 for m in self.meetings if m.status == serving.CALLED)

    @property
    def present_not_serving(self) -> int:
        return sum(1 for m in self.meetings if m.status == serving.PRESENT)

    @property
    def rate(self) -> float | None:
        return self.attended / self.expected if self.expected else None

    @property
    def ballot_counts(self) -> dict[str, int]:
        counts = Counter(b.choice for b in self.ballots)
        return {choice: counts.get(choice, 0) for choice in ("yes", "no", "abstain")}

    def summary(self) -> dict[str, int]:
        """The counts every surface shows, under one set of names."""
        return {
            "meetings_as_member": self.expected,
            "attended_as_member": self.attended,
            "absent_as_member": self.absent,
            "served_as_substitute": self.as_substitute,
            "present_not_serving": self.present_not_serving,
            "called_without_minutes": self.called,
            "proposals": len(self.proposals),
            "reservations": len(self.reservations),
            "elections": len(self.elections),
            "nominations": len(self.nominations),
            **{f"ballots_{choice}": n for choice, n in self.ballot_counts.items()},
        }


def person_facts(person: Person) -> Facts:
    return people_facts([person.pk])[person.pk]


def people_facts(person_ids: list[int]) -> dict[int, Facts]:
    """The facts of several people, from one query per kind of record."""
    wanted = set(person_ids)
    meeting_ids = set(Attendance.objects.filter(Q(person_id__in=wanted) | Q(replaces_id__in=wanted)).values_list("meeting_id", flat=True))
    meeting_ids |= set(Invitation.objects.filter(person_id__in=wanted, group="ledamot").values_list("meeting_id", flat=True))
    meetings = {m.pk: m for m in Meeting.objects.filter(pk__in=meeting_ids).select_related("body")}
    out = {pk: Facts() for pk in person_ids}
    for meeting_id, service in serving.services(sorted(meeting_ids)).items():
        for pk, seat in service.by_person().items():
            if pk in wanted:
                out[pk].meetings.append(MeetingFact(meetings[meeting_id], seat.status, seat.paragraphs, seat.serves_for,
                                                    [name for _, name in seat.replaced_by]))
    for facts in out.values():
        facts.meetings.sort(key=lambda m: (m.meeting.date, m.meeting.body.name), reverse=True)
    by_paragraph = "paragraph__meeting__body"
    for proposal in Proposal.objects.filter(proposers__in=wanted).select_related(by_paragraph).prefetch_related("proposers").distinct():
        for person in proposal.proposers.all():
            if person.pk in wanted:
                out[person.pk].proposals.append(proposal)
    for dissent in Dissent.objects.filter(people__in=wanted).select_related(by_paragraph).prefetch_related("people").distinct():
        for person in dissent.people.all():
            if person.pk in wanted:
                out[person.pk].reservations.append(dissent)
    for ballot in Ballot.objects.filter(person_id__in=wanted, vote__method="open").select_related("vote__paragraph__meeting__body"):
        out[ballot.person_id].ballots.append(ballot)
    for election in Election.objects.filter(person_id__in=wanted).select_related(by_paragraph):
        (out[election.person_id].elections if election.kind == Election.Kind.ELECTION
         else out[election.person_id].nominations).append(election)
    for facts in out.values():
        for records, date in ((facts.proposals, lambda r: r.paragraph.meeting.date),
                              (facts.reservations, lambda r: r.paragraph.meeting.date),
                              (facts.ballots, lambda r: r.vote.paragraph.meeting.date),
                              (facts.elections, lambda r: r.paragraph.meeting.date),
                              (facts.nominations, lambda r: r.paragraph.meeting.date)):
            records.sort(key=date, reverse=True)
    return out


@dataclass
class PartyFacts:
    party: Party
    people: list[tuple[Person, Facts]]

    def summary(self) -> dict[str, int]:
        """The people's counts summed; a proposal or reservation that several members share counts once."""
        totals: Counter[str] = Counter()
        for _, facts in self.people:
            totals.update(facts.summary())
        totals["proposals"] = len({p.pk for _, f in self.people for p in f.proposals})
        totals["reservations"] = len({d.pk for _, f in self.people for d in f.reservations})
        return dict(totals)

    @property
    def rate(self) -> float | None:
        summary = self.summary()
        return summary["attended_as_member"] / summary["meetings_as_member"] if summary.get("meetings_as_member") else None


def party_facts(party: Party) -> PartyFacts:
    people = list(party.people.order_by("name"))
    facts = people_facts([p.pk for p in people])
    return PartyFacts(party, [(p, facts[p.pk]) for p in people])

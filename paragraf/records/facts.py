"""The public facts about a person and a party: how they acted, counted one way for every page.

The portal, the native API and OParl all show these, from here, so they cannot differ:

- meetings: each meeting where the person was an ordinary member (called or serving), a
  substitute who served, or present, with their part in it (`serving.py`, stored as `Seat`):
  served (maybe `§§ 1-13`), for whom, absent and replaced by whom; a meeting whose minutes are
  not read yet only says who was called;
- attendance: of the meetings as an ordinary member, those served at (all or part) against
  those held (served + absent, replaced or not): `attended_as_member` / `meetings_as_member`;
- proposals made or joined, reservations that mean them (by name, or by their party group
  while they served), their named ballots in open votes, elections and nominations of them.

The counts are aggregates over the whole record (a few queries whatever the number of
meetings); the lists hold the latest `LIST_LIMIT` of each, newest first.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from paragraf.records import serving
from paragraf.records.models import Ballot, Dissent, Election, Party, Person, Proposal, Seat

LIST_LIMIT = 50
SEAT_COUNTS = {  # summary key: the seat statuses it counts
    "meetings_as_member": serving.MEMBER_STATUSES,
    "attended_as_member": (serving.SERVING,),
    "absent_as_member": (serving.REPLACED, serving.ABSENT),
    "served_as_substitute": (serving.SUBSTITUTE,),
    "present_not_serving": (serving.PRESENT,),
    "called_without_minutes": (serving.CALLED,),
}
SUMMARY_KEYS = [*SEAT_COUNTS, "proposals", "reservations", "elections", "nominations",
                "ballots_yes", "ballots_no", "ballots_abstain"]
BY_DATE = ("-paragraph__meeting__date", "paragraph__meeting__body__name", "-paragraph__number")


@dataclass
class Facts:
    counts: dict[str, int]
    meetings: list[Seat] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    reservations: list[Dissent] = field(default_factory=list)
    ballots: list[Ballot] = field(default_factory=list)
    elections: list[Election] = field(default_factory=list)
    nominations: list[Election] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        """The counts every surface shows, under one set of names."""
        return dict(self.counts)

    @property
    def expected(self) -> int:
        return self.counts["meetings_as_member"]

    @property
    def attended(self) -> int:
        return self.counts["attended_as_member"]

    @property
    def absent(self) -> int:
        return self.counts["absent_as_member"]

    @property
    def as_substitute(self) -> int:
        return self.counts["served_as_substitute"]

    @property
    def called(self) -> int:
        return self.counts["called_without_minutes"]

    @property
    def rate(self) -> float | None:
        return self.attended / self.expected if self.expected else None

    @property
    def meeting_count(self) -> int:
        """Meetings with a part of the person's: each is counted once under one of the seat counts."""
        return sum(self.counts[key] for key in ("meetings_as_member", "served_as_substitute", "present_not_serving",
                                                "called_without_minutes"))

    @property
    def ballot_count(self) -> int:
        return sum(self.ballot_counts.values())

    @property
    def ballot_counts(self) -> dict[str, int]:
        return {choice: self.counts[f"ballots_{choice}"] for choice in ("yes", "no", "abstain")}


def summaries(person_ids: list[int]) -> dict[int, dict[str, int]]:
    """The counts of several people, from one aggregate query per kind of record."""
    out = {pk: dict.fromkeys(SUMMARY_KEYS, 0) for pk in person_ids}
    if out:
        for pk, key, n in _counted({"person_id__in": list(out)}, by_person=True):
            out[pk][key] += n
    return out


def _counted(people: dict, by_person: bool):
    """(person id or None, summary key, count) for the people the filter `people` selects (on a
    row's `person`), per person or all together. Proposals and reservations count each record
    once however many of the people share it."""
    group = ["person_id"] if by_person else []
    for *who, status, n in Seat.objects.filter(**people).values_list(*group, "status").annotate(n=Count("id")):
        for key, statuses in SEAT_COUNTS.items():
            if status in statuses:
                yield _one(who), key, n
    for model, key, column in ((Proposal.proposers.through, "proposals", "proposal_id"),
                               (Dissent.people.through, "reservations", "dissent_id")):
        links = model.objects.filter(**people)
        if by_person:
            for pk, n in links.values_list("person_id").annotate(n=Count(column, distinct=True)):
                yield pk, key, n
        else:
            yield None, key, links.values(column).distinct().count()
    ballots = Ballot.objects.filter(**people, vote__method="open")
    for *who, choice, n in ballots.values_list(*group, "choice").annotate(n=Count("id")):
        yield _one(who), f"ballots_{choice}", n
    for *who, kind, n in Election.objects.filter(**people).values_list(*group, "kind").annotate(n=Count("id")):
        yield _one(who), "elections" if kind == Election.Kind.ELECTION else "nominations", n


def _one(grouped_by: list[int]) -> int | None:
    """The person id a row is grouped by, or None when counted all together."""
    return grouped_by[0] if grouped_by else None


def person_facts(person: Person, limit: int = LIST_LIMIT) -> Facts:
    """A person's counts and the latest `limit` records of each kind."""
    paragraph = "paragraph__meeting__body"
    elections = Election.objects.filter(person=person).select_related(paragraph).order_by(*BY_DATE)
    return Facts(
        counts=summaries([person.pk])[person.pk],
        meetings=list(Seat.objects.filter(person=person).select_related("meeting__body")
                      .order_by("-meeting__date", "meeting__body__name")[:limit]),
        proposals=list(Proposal.objects.filter(proposers=person).select_related(paragraph).order_by(*BY_DATE)[:limit]),
        reservations=list(Dissent.objects.filter(people=person).select_related(paragraph).order_by(*BY_DATE)[:limit]),
        ballots=list(Ballot.objects.filter(person=person, vote__method="open").select_related("vote__paragraph__meeting__body")
                     .order_by("-vote__paragraph__meeting__date", "vote__paragraph__meeting__body__name",
                               "-vote__paragraph__number")[:limit]),
        elections=list(elections.filter(kind=Election.Kind.ELECTION)[:limit]),
        nominations=list(elections.filter(kind=Election.Kind.NOMINATION)[:limit]),
    )


@dataclass
class PartyFacts:
    party: Party
    counts: dict[str, int]  # all its representatives together
    people: list[tuple[Person, dict[str, int]]]  # a page of its representatives, each with their counts
    people_count: int
    proposals: list[Proposal]
    reservations: list[Dissent]

    def summary(self) -> dict[str, int]:
        return dict(self.counts)

    @property
    def rate(self) -> float | None:
        return self.counts["attended_as_member"] / self.counts["meetings_as_member"] if self.counts["meetings_as_member"] else None


PEOPLE_PAGE = 100


def party_facts(party: Party, page: int = 1, limit: int = LIST_LIMIT) -> PartyFacts:
    """The counts of all the party's representatives together (a proposal or reservation that
    several of them share counts once), a page of them by name with their own counts, and the
    latest proposals and reservations."""
    totals = dict.fromkeys(SUMMARY_KEYS, 0)
    for _, key, n in _counted({"person__party": party}, by_person=False):
        totals[key] += n
    everyone = party.people.select_related("organization").order_by("name", "organization__name", "pk")
    people = list(everyone[(page - 1) * PEOPLE_PAGE:page * PEOPLE_PAGE])
    counts = summaries([p.pk for p in people])
    proposal_ids = Proposal.proposers.through.objects.filter(person__party=party).values("proposal_id")
    dissent_ids = Dissent.people.through.objects.filter(person__party=party).values("dissent_id")
    paragraph = "paragraph__meeting__body"
    return PartyFacts(
        party, totals, [(p, counts[p.pk]) for p in people], everyone.count(),
        list(Proposal.objects.filter(pk__in=proposal_ids).select_related(paragraph).order_by(*BY_DATE)[:limit]),
        list(Dissent.objects.filter(pk__in=dissent_ids).select_related(paragraph).order_by(*BY_DATE)[:limit]),
    )

"""A person (roles over time, attendance, proposals, dissents, votes) and a party (the same, aggregated)."""
from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from paragraf.records.models import Attendance, Ballot, Dissent, Meeting, Membership, Party, Person, Proposal

VOTING_ROLES = ["member", "chair", "first_vice_chair", "second_vice_chair", "vice_chair"]


def attendance_rate(person_ids: list[int]) -> tuple[int, int]:
    """(meetings attended, meetings held with minutes) of the bodies where they were voting members, while seen there."""
    held = 0
    attended = 0
    memberships = Membership.objects.filter(person_id__in=person_ids, role__in=VOTING_ROLES)
    for m in memberships.values("person_id", "body_id", "first_seen", "last_seen").distinct():
        meetings = Meeting.objects.filter(
            body_id=m["body_id"], date__range=(m["first_seen"], m["last_seen"]), minutes_source__isnull=False
        )
        held += meetings.count()
        attended += meetings.filter(attendances__person_id=m["person_id"]).distinct().count()
    return attended, held


def person(request, slug: str):
    person = get_object_or_404(Person.objects.select_related("party"), slug=slug)
    attended, held = attendance_rate([person.pk])
    context = {
        "person": person,
        "memberships": person.memberships.select_related("body", "term").order_by("-last_seen", "body__name"),
        "aliases": person.aliases.exclude(name=person.name),
        "attended": attended,
        "held": held,
        "rate": attended / held if held else None,
        "proposals": person.proposals.select_related("paragraph__meeting__body").order_by("-paragraph__meeting__date")[:50],
        "dissents": person.dissents.select_related("paragraph__meeting__body").order_by("-paragraph__meeting__date")[:50],
        "ballots": person.ballots.select_related("vote__paragraph__meeting__body").order_by("-vote__paragraph__meeting__date")[:50],
        "attendances": person.attendances.select_related("meeting__body").order_by("-meeting__date")[:50],
    }
    return render(request, "portal/person.html", context)


def party(request, abbreviation: str):
    party = get_object_or_404(Party, abbreviation=abbreviation)
    people = party.people.annotate(n_proposals=Count("proposals", distinct=True), n_dissents=Count("dissents", distinct=True)).order_by("name")
    ids = [p.pk for p in people]
    attended, held = attendance_rate(ids)
    ballots = Ballot.objects.filter(Q(person__party=party) | Q(party=party.abbreviation))
    context = {
        "party": party,
        "people": people,
        "attended": attended,
        "held": held,
        "rate": attended / held if held else None,
        "proposals": Proposal.objects.filter(Q(person__party=party) | Q(party=party.abbreviation))
        .select_related("paragraph__meeting__body").order_by("-paragraph__meeting__date")[:50],
        "dissents": Dissent.objects.filter(people__party=party).distinct()
        .select_related("paragraph__meeting__body").order_by("-paragraph__meeting__date")[:50],
        "ballot_counts": {row["choice"]: row["n"] for row in ballots.values("choice").annotate(n=Count("id"))},
        "seats": Attendance.objects.filter(person__party=party, group="beslutande").values("meeting").distinct().count(),
    }
    return render(request, "portal/party.html", context)

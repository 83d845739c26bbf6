"""A person (roles over time, each meeting's part, proposals, reservations, votes, elections) and a
party (the same, summed). Every number comes from `records.facts`, as in the APIs."""
from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from paragraf.records.facts import party_facts, person_facts
from paragraf.records.models import Party, Person


def person(request, slug: str):
    person = get_object_or_404(Person.objects.select_related("party"), slug=slug)
    facts = person_facts(person)
    context = {
        "person": person,
        "memberships": person.memberships.select_related("body", "term").order_by("-last_seen", "body__name"),
        "aliases": person.aliases.exclude(name=person.name),
        "facts": facts,
        "summary": facts.summary(),
    }
    return render(request, "portal/person.html", context)


def party(request, abbreviation: str):
    party = get_object_or_404(Party, abbreviation=abbreviation)
    facts = party_facts(party)
    proposals = {p.pk: p for _, f in facts.people for p in f.proposals}
    reservations = {d.pk: d for _, f in facts.people for d in f.reservations}
    by_date = lambda record: record.paragraph.meeting.date  # noqa: E731
    context = {
        "party": party,
        "facts": facts,
        "summary": facts.summary(),
        "proposals": sorted(proposals.values(), key=by_date, reverse=True)[:50],
        "reservations": sorted(reservations.values(), key=by_date, reverse=True)[:50],
    }
    return render(request, "portal/party.html", context)

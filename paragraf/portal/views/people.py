"""A person (roles over time, each meeting's part, proposals, reservations, votes, elections) and a
party (the same, summed). Every number comes from `records.facts`, as in the APIs."""
from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from paragraf.portal.params import number, printable
from paragraf.records.facts import PEOPLE_PAGE, party_facts, person_facts
from paragraf.records.models import Party, Person
from paragraf.portal import crumbs


def person(request, slug: str):
    person = get_object_or_404(Person.objects.select_related("party", "organization"), slug=slug)
    facts = person_facts(person)
    context = {
        "person": person,
        "memberships": person.memberships.select_related("body", "term").order_by("-last_seen", "body__name"),
        "aliases": person.aliases.exclude(name=person.name),
        "facts": facts,
        "summary": facts.summary(),
        "crumbs": crumbs.page(person.name),
    }
    return render(request, "portal/person.html", context)


def party(request, abbreviation: str):
    party = get_object_or_404(Party, abbreviation=printable(abbreviation))
    pages = max(1, -(-party.people.count() // PEOPLE_PAGE))
    page = number(request.GET, "sida", maximum=pages)
    facts = party_facts(party, page)
    context = {
        "party": party,
        "facts": facts,
        "summary": facts.summary(),
        "previous_url": f"?sida={page - 1}" if 1 < page <= pages else None,
        "next_url": f"?sida={page + 1}" if page < pages else None,
        "crumbs": crumbs.page(party.name or party.abbreviation),
    }
    return render(request, "portal/party.html", context)

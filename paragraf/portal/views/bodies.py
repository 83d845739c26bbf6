"""An organisation's bodies, and a body's members per term and its meetings."""
from __future__ import annotations

from itertools import groupby

from django.shortcuts import get_object_or_404, render

from paragraf.records.models import Body, Membership, Organization, OrganizationSettings
from paragraf.portal import crumbs

ROLE_ORDER = ["chair", "first_vice_chair", "second_vice_chair", "vice_chair", "member", "commissioner", "co_opted", "substitute"]


def organization(request, org: str):
    organization = get_object_or_404(Organization, slug=org)
    bodies = organization.bodies.select_related("parent").order_by("kind", "name")
    groups = [(kind, list(items)) for kind, items in groupby(bodies, key=lambda b: b.get_kind_display())]
    return render(request, "portal/organization.html", {"organization": organization, "groups": groups,
                                                       "own": OrganizationSettings.of(organization),
                                                       "crumbs": crumbs.here(crumbs.organization(organization))})


def body(request, body: str):
    body = get_object_or_404(Body.objects.select_related("organization", "parent"), slug=body)
    memberships = Membership.objects.filter(body=body).select_related("person", "party", "term")
    terms = []
    for term, items in groupby(sorted(memberships, key=lambda m: (-m.term.start.year, ROLE_ORDER.index(m.role), m.person.name)), key=lambda m: m.term):
        terms.append((term, list(items)))
    context = {
        "body": body,
        "terms": terms,
        "meetings": body.meetings.order_by("-date"),
        "children": body.children.order_by("name"),
        "crumbs": crumbs.here(crumbs.body(body)),
    }
    return render(request, "portal/body.html", context)

"""Breadcrumbs (`portal/_crumbs.html`): where a page stands, from the start page down; the page
itself last, without a link. Each function gives the trail to a record, its own link included."""
from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format

Crumbs = list[tuple[str | None, str]]


def here(trail: Crumbs) -> Crumbs:
    """The trail with its last step as the current page (no link)."""
    return [*trail[:-1], (None, trail[-1][1])] if trail else trail


def organization(org) -> Crumbs:
    return [(reverse("portal:organization", args=[org.slug]), org.name)]


def body(body_) -> Crumbs:
    return organization(body_.organization) + [(reverse("portal:body", args=[body_.slug]), body_.name)]


def meeting(meeting_) -> Crumbs:
    return body(meeting_.body) + [(reverse("portal:meeting", args=[meeting_.body.slug, meeting_.date]),
                                   date_format(meeting_.date, "j F Y"))]


def paragraph(paragraph_) -> Crumbs:
    return meeting(paragraph_.meeting) + [(None, f"§ {paragraph_.number}")]


def case(case_) -> Crumbs:
    return organization(case_.organization) + [(None, f"Ärende {case_.number}")]


def document(document_) -> Crumbs:
    trail = organization(document_.organization)
    if document_.source_file_id:
        trail.append((reverse("portal:source", args=[document_.source_file_id]), document_.source_file.name))
    return trail + [(None, document_.title or document_.get_kind_display())]


def original(source) -> Crumbs:
    return [(reverse("portal:source", args=[source.pk]), source.name), (None, "Originalsidor")]


def indicators(org, report_name: str | None = None) -> Crumbs:
    trail = organization(org) + [(reverse("portal:indicator_reports", args=[org.slug]), "Mätetal")]
    return trail + [(None, report_name)] if report_name else here(trail)


def page(name: str) -> Crumbs:
    """A page of its own under the start page (a person, a party, a packet, search)."""
    return [(None, name)]

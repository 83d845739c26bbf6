"""An organisation's internal control: each year's report, its control points with what they noted and
the actions they propose, and the other years the same control point was checked."""
from __future__ import annotations

from collections import defaultdict

from django.shortcuts import get_object_or_404, render

from paragraf.portal import crumbs
from paragraf.records.models import ControlPoint, Organization


def internal_control(request, org: str):
    organization = get_object_or_404(Organization, slug=org)
    points = list(ControlPoint.objects.filter(report__organization=organization).select_related("report")
                  .order_by("-report__year", "report__position", "number"))
    years = defaultdict(set)
    for point in points:
        years[_key(point.title)].add(point.report.year)
    reports: dict[int, tuple] = {}
    for point in points:
        point.other_years = sorted(y for y in years[_key(point.title)] if y and y != point.report.year)
        reports.setdefault(point.report_id, (point.report, []))[1].append(point)
    return render(request, "portal/internal_control.html", {
        "organization": organization, "reports": list(reports.values()),
        "crumbs": crumbs.organization(organization) + [(None, "Intern kontroll")],
    })


def _key(title: str) -> str:
    return " ".join(title.split()).casefold()

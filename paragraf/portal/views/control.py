"""An organisation's internal control: each year's plan (its controls with their risk, purpose, method, who makes
them and when they are reported, and what became of each: the report's control point that follows it up), each
year's report, its control points with what they noted and the actions they propose, and the other years the same
control point was checked."""
from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from paragraf.portal import crumbs
from paragraf.records.models import ControlPoint, InternalControlPlan, Organization, PlannedControl


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
        "organization": organization, "reports": list(reports.values()), "plans": _plans(organization),
        "crumbs": crumbs.organization(organization) + [(None, "Intern kontroll")],
    })


def _plans(organization: Organization) -> list[tuple[InternalControlPlan, list[PlannedControl], list[PlannedControl]]]:
    """Each plan, the latest year first: its controls in the plan's order, and the same by risk (consequence ×
    probability, the highest first; a risk the words do not score last), each with the control points that
    report on it."""
    reported = Prefetch("reported_as", queryset=ControlPoint.objects.select_related("report").order_by("report__year", "number"))
    controls = Prefetch("controls", queryset=PlannedControl.objects.order_by("position").prefetch_related(reported))
    out = []
    for plan in (InternalControlPlan.objects.filter(organization=organization).select_related("body")
                 .prefetch_related(controls).order_by("-year", "position")):
        listed = list(plan.controls.all())
        for number, control in enumerate(listed, 1):
            control.number = number
        by_risk = sorted(listed, key=lambda c: (c.risk_score is None, -(c.risk_score or 0), c.position))
        out.append((plan, listed, by_risk))
    return out


def _key(title: str) -> str:
    return " ".join(title.split()).casefold()

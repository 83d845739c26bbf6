"""Indicators (mätetal) of an organisation's reports: target, result, and a chart where several years exist."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from paragraf.records.models import Document, Indicator, Organization
from paragraf.portal import crumbs

NUMBER_RE = re.compile(r"-?\d+(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?")


@dataclass
class Series:
    """One indicator label of a report across years."""

    label: str
    perspective: str
    level: str
    points: list[tuple[int | None, Indicator]] = field(default_factory=list)

    @property
    def latest(self) -> Indicator:
        return self.points[-1][1]

    @property
    def latest_year(self) -> int | None:
        return self.points[-1][0]

    @property
    def chart(self) -> list[tuple[int, float]] | None:
        values = [(year, number(i.result)) for year, i in self.points if year is not None and number(i.result) is not None]
        return values if len({y for y, _ in values}) > 1 else None


def number(text: str) -> float | None:
    m = NUMBER_RE.search(text or "")
    if not m:
        return None
    return float(re.sub(r"[ \u00a0\u202f]", "", m.group()).replace(",", "."))


def report_list(request, org: str):
    organization = get_object_or_404(Organization, slug=org)
    reports = sorted({r for r in Indicator.objects.filter(organization=organization).values_list("report", flat=True)})
    return render(request, "portal/indicator_reports.html", {
        "organization": organization,
        "reports": [(r or "Utan rapportnamn", slugify(r) or "utan-namn") for r in reports],
        "crumbs": crumbs.indicators(organization),
    })


def report(request, org: str, report: str):
    organization = get_object_or_404(Organization, slug=org)
    rows = Indicator.objects.filter(organization=organization)
    names = [r for r in rows.order_by().values_list("report", flat=True).distinct() if (slugify(r) or "utan-namn") == report]
    indicators = list(rows.filter(report__in=names).order_by("position"))
    if not indicators:
        raise Http404("Inga mätetal")
    years = _years(indicators)
    series: dict[tuple[str, str], Series] = {}
    for i in indicators:
        key = (i.level, i.label)
        series.setdefault(key, Series(i.label, i.perspective, i.level)).points.append((years.get(i.pk), i))
    for s in series.values():
        s.points.sort(key=lambda p: (p[0] or 0))
    by_perspective = defaultdict(list)
    for s in series.values():
        by_perspective[s.perspective or "Övrigt"].append(s)
    return render(request, "portal/indicators.html", {
        "organization": organization,
        "report_name": indicators[0].report or "Utan rapportnamn",
        "perspectives": list(by_perspective.items()),
        "crumbs": crumbs.indicators(organization, indicators[0].report or "Utan rapportnamn"),
    })


def _years(indicators: list[Indicator]) -> dict[int, int]:
    """The year of each indicator: of its report, else the date of the document its line stands in."""
    out = {i.pk: i.year for i in indicators if i.year}
    documents = defaultdict(list)
    for d in Document.objects.filter(source_file_id__in={i.source_file_id for i in indicators}).exclude(date=None):
        documents[d.source_file_id].append(d)
    for i in indicators:
        around = [d for d in documents[i.source_file_id] if d.first_line and d.first_line <= (i.first_line or 0) <= (d.last_line or 0)]
        if around and i.pk not in out:
            out[i.pk] = around[-1].date.year
    return out

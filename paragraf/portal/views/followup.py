"""A body's follow-up (uppföljning): the goals and indicators of the reports it was reported, each as a tree
with its charts and their tables, downloadable as one file, and the internal control reported to it."""
from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from paragraf.portal import crumbs
from paragraf.portal.views.indicators import COLUMNS, report_view, row_of, table_download
from paragraf.records.models import Body, DelegatedDecision
from paragraf.records.reporting import indicator_reports_of, internal_control_reports_of


def followup(request, body: str):
    body = get_object_or_404(Body.objects.select_related("organization"), slug=body)
    reports = [(report_view(body.organization, [name]), slugify(name) or "utan-namn") for name in indicator_reports_of(body)]
    return render(request, "portal/followup.html", {
        "body": body,
        "organization": body.organization,
        "reports": reports,
        "control_reports": internal_control_reports_of(body),
        "delegated": DelegatedDecision.objects.filter(body=body).count(),
        "unreported": DelegatedDecision.objects.filter(body=body, reported_at=None).count(),
        "crumbs": crumbs.body(body) + [(None, "Uppföljning")],
    })


def followup_download(request, body: str, format: str):
    """Every year of every indicator of every report reported to the body, with the report's name first."""
    body = get_object_or_404(Body.objects.select_related("organization"), slug=body)
    rows = []
    for name in indicator_reports_of(body):
        view = report_view(body.organization, [name])
        rows += [(view.name, *row_of(s, year, indicator)) for s in view.series for year, indicator in s.points]
    return table_download(("Rapport", *COLUMNS), rows, f"uppfoljning-{body.slug}", format)

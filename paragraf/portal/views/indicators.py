"""Indicators (mätetal) of an organisation's reports: target, result, and a chart where several years exist."""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from openpyxl import Workbook

from paragraf.followup import status
from paragraf.ingest.polarity import HIGHER, LOWER
from paragraf.records.models import Document, Indicator, Organization, StatedFulfilment
from paragraf.portal import crumbs

STATUS_TEXT = {status.MET: "uppfyllt", status.PARTLY: "delvis uppfyllt", status.NOT_MET: "inte uppfyllt"}
POLARITY_TEXT = {HIGHER: "högre är bättre", LOWER: "lägre är bättre"}


@dataclass
class Series:
    """One indicator label of a report across years, with its status: computed from the latest figures
    (`followup.status`) and as the report states it."""

    label: str
    perspective: str
    level: str
    points: list[tuple[int | None, Indicator]] = field(default_factory=list)
    stated: str | None = None

    @property
    def goal(self) -> str:
        return self.latest.goal

    @property
    def polarity(self) -> str | None:
        return self.latest.polarity or None

    @property
    def status(self) -> str | None:
        return status.computed_status(self.latest.target, self.latest.result, self.polarity)

    @property
    def status_text(self) -> str:
        return STATUS_TEXT.get(self.status, "kan inte bedömas")

    @property
    def stated_text(self) -> str:
        return STATUS_TEXT.get(self.stated, "")

    @property
    def latest(self) -> Indicator:
        return self.points[-1][1]

    @property
    def latest_year(self) -> int | None:
        return self.points[-1][0]

    @property
    def chart(self) -> list[tuple[int, float]] | None:
        values = [(year, status.number(i.result)) for year, i in self.points if year is not None and status.number(i.result) is not None]
        return values if len({y for y, _ in values}) > 1 else None


def report_list(request, org: str):
    organization = get_object_or_404(Organization, slug=org)
    reports = sorted({r for r in Indicator.objects.filter(organization=organization).values_list("report", flat=True)})
    return render(request, "portal/indicator_reports.html", {
        "organization": organization,
        "reports": [(r or "Utan rapportnamn", slugify(r) or "utan-namn") for r in reports],
        "crumbs": crumbs.indicators(organization),
    })


@dataclass
class ReportView:
    """A report's indicators as a tree (perspective → strategic goal → indicators), what it states of its
    fulfilment, and where the two disagree."""

    organization: Organization
    name: str
    tree: list[tuple[str, list[tuple[str, list[Series]]]]]
    series: list[Series]
    contradictions: list[status.Contradiction]


def read_report(org: str, report: str) -> ReportView:
    organization = get_object_or_404(Organization, slug=org)
    rows = Indicator.objects.filter(organization=organization)
    names = [r for r in rows.order_by().values_list("report", flat=True).distinct() if (slugify(r) or "utan-namn") == report]
    return report_view(organization, names)


def report_view(organization: Organization, names: list[str]) -> ReportView:
    """The indicators of the organisation's reports of these names (one report, under each name it was read)."""
    indicators = list(Indicator.objects.filter(organization=organization, report__in=names).select_related("source_file")
                      .defer("source_file__text", "source_file__data").order_by("position"))
    if not indicators:
        raise Http404("Inga mätetal")
    years = _years(indicators)
    series: dict[tuple[str, str], Series] = {}
    for i in indicators:
        key = (i.level, i.label)
        series.setdefault(key, Series(i.label, i.perspective, i.level)).points.append((years.get(i.pk), i))
    for s in series.values():
        s.points.sort(key=lambda p: (p[0] or 0))
    statements = [_statement(f) for f in StatedFulfilment.objects.filter(organization=organization, report__in=names)]
    figures = [status.Figure(s.latest.report, s.label, s.latest.target, s.latest.result, s.latest.first_line or 0, s.polarity) for s in series.values()]
    for s, figure in zip(series.values(), figures):
        s.stated = status.stated_status(figure, statements)
    tree: dict[str, dict[str, list[Series]]] = defaultdict(lambda: defaultdict(list))
    for s in series.values():
        tree[s.perspective or "Övrigt"][s.goal or "Utan angivet mål"].append(s)
    return ReportView(organization, indicators[0].report or "Utan rapportnamn",
                      [(p, list(goals.items())) for p, goals in tree.items()], list(series.values()),
                      status.contradictions(figures, statements))


COLUMNS = ("Perspektiv", "Strategiskt mål", "Framgångsfaktor", "Uppdrag", "Nivå", "Mätetal", "År", "Målvärde", "Resultat",
           "Enhet", "Riktning", "Status", "Status enligt rapporten", "Källa", "Rad")


def download(request, org: str, report: str, format: str):
    """Every year of every indicator of the report, one row each, as CSV or XLSX (openpyxl)."""
    view = read_report(org, report)
    return table_download(COLUMNS, [row_of(s, year, indicator) for s in view.series for year, indicator in s.points],
                          f"matetal-{report}", format)


def table_download(columns: tuple[str, ...], rows: list[tuple], name: str, format: str) -> HttpResponse:
    """Rows under their column names as a CSV (semicolons, UTF-8 with a byte order mark) or XLSX file."""
    if format not in ("csv", "xlsx"):
        raise Http404("Okänt format")
    name = f"{name}.{format}"
    if format == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # Excel reads the file as UTF-8
        writer = csv.writer(response, delimiter=";")
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        book = Workbook()
        sheet = book.active
        sheet.title = "Mätetal"
        sheet.append(columns)
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
        content = io.BytesIO()
        book.save(content)
        response = HttpResponse(content.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def row_of(series: Series, year: int | None, indicator: Indicator) -> tuple:
    computed = status.computed_status(indicator.target, indicator.result, indicator.polarity or None)
    return (indicator.perspective, indicator.goal, indicator.success_factor, indicator.assignment, indicator.level, indicator.label,
            year, indicator.target, indicator.result, indicator.unit, POLARITY_TEXT.get(series.polarity, ""),
            STATUS_TEXT.get(computed, ""), series.stated_text if indicator is series.latest else "",
            indicator.source_file.name if indicator.source_file_id else "", indicator.first_line)


def _statement(row: StatedFulfilment) -> status.Statement:
    return status.Statement(row.report, row.first_line or 0, row.met, row.partly, row.not_met, row.measured,
                            {status.MET: tuple(row.met_labels), status.PARTLY: tuple(row.partly_labels),
                             status.NOT_MET: tuple(row.not_met_labels)})


def report(request, org: str, report: str):
    view = read_report(org, report)
    return render(request, "portal/indicators.html", {
        "organization": view.organization,
        "report_name": view.name,
        "report_slug": report,
        "tree": view.tree,
        "contradictions": view.contradictions,
        "crumbs": crumbs.indicators(view.organization, view.name),
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

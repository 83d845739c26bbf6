"""The body a report of a packet was reported to: its goals and indicators and its internal control are
that body's follow-up.

A report stands in a document of a packet. The body is that of a § listing the document in its basis
(`Verksamhetsberättelse 2022 …` under § 30 of the arbetsutskott), else of the meeting the packet is the
notice of (the board the notice calls, which the packet's documents are sent to)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from paragraf.records.models import Body, Document, Indicator, InternalControlReport, Meeting, Organization


@dataclass(frozen=True)
class Placed:
    """Where a report's lines stand: its source file and first line."""

    source_file_id: int | None
    line: int | None


def bodies_of(organization: Organization, places: list[Placed]) -> dict[Placed, Body | None]:
    """The body each place was reported to (None when neither a § nor a notice of the packet says)."""
    files = {p.source_file_id for p in places if p.source_file_id}
    documents = defaultdict(list)
    for document in (Document.objects.filter(organization=organization, source_file_id__in=files)
                     .prefetch_related("paragraphs__meeting__body").only("id", "source_file_id", "first_line", "last_line")):
        documents[document.source_file_id].append(document)
    noticed = {m.notice_source_id: m.body for m in Meeting.all_objects.filter(notice_source_id__in=files).select_related("body")}
    out = {}
    for place in places:
        around = [d for d in documents[place.source_file_id]
                  if d.first_line and d.last_line and d.first_line <= (place.line or 0) <= d.last_line]
        listed = [p.meeting.body for d in around for p in d.paragraphs.all()]
        out[place] = listed[0] if listed else noticed.get(place.source_file_id)
    return out


def indicator_reports_of(body: Body) -> list[str]:
    """The names of the indicator reports reported to the body, in the order they were read."""
    first: dict[str, Placed] = {}
    for report, file_id, line in (Indicator.objects.filter(organization=body.organization).order_by("source_file_id", "position")
                                  .values_list("report", "source_file_id", "first_line")):
        first.setdefault(report, Placed(file_id, line))
    placed = bodies_of(body.organization, list(first.values()))
    return [report for report, place in first.items() if placed[place] == body]


def internal_control_reports_of(body: Body) -> list[InternalControlReport]:
    reports = list(InternalControlReport.objects.filter(organization=body.organization).prefetch_related("control_points"))
    placed = bodies_of(body.organization, [Placed(r.source_file_id, r.first_line) for r in reports])
    return [r for r in reports if placed[Placed(r.source_file_id, r.first_line)] == body]

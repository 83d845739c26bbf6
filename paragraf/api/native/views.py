"""The native JSON API: what OParl has no place for (every ballot, elections, dissents, proposals,
recorded statements, attendance with substitutions, indicators, source line spans).

Every view goes through `api_view` and answers an `ApiResponse` with its Last-Modified; lists are
keyset pages (`pages.py`); shapes are in `shapes.py`, their schema in `schema.py`.
"""
from __future__ import annotations

import datetime as dt
from itertools import chain

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest

from paragraf.api import spread
from paragraf.api.http import ApiError, ApiResponse, api_view
from paragraf.api.native import shapes
from paragraf.api.native.pages import Page, keyset_page
from paragraf.api.native.params import (
    date_param,
    id_filter,
    modified_since,
    record_id,
    slug_param,
    text_param,
    whole_number,
)
from paragraf.api.native.schema import openapi_document
from paragraf.records.cases import case_path
from paragraf.review.engine import review
from paragraf.review.models import ReviewSetting
from paragraf.records.facts import person_facts
from paragraf.records.texts import text_lines
from paragraf.records.models import (
    Case,
    Indicator,
    Meeting,
    Membership,
    Organization,
    Paragraph,
    ParagraphCopy,
    Person,
    SourceFile,
    Tombstone,
    Vote,
)

MAX_LINES = 5000  # lines of a source file in one response


def latest(*groups) -> dt.datetime | None:
    """The newest `modified` among records: the Last-Modified of a response built from them."""
    stamps = [record.modified for record in chain(*groups) if getattr(record, "modified", None)]
    return max(stamps, default=None)


def listing(page: Page, results: list[dict]) -> ApiResponse:
    return ApiResponse({"results": results, "next": page.next_url}, last_modified=latest(page.rows))


def one(queryset: QuerySet, pk: str, what: str):
    record = queryset.filter(pk=record_id(pk)).first()
    if record is None:
        raise ApiError(404, f"no {what} with id {pk}")
    return record


def changed_since(request: HttpRequest, queryset: QuerySet) -> QuerySet:
    since = modified_since(request)
    return queryset if since is None else queryset.filter(modified__gte=since)


@api_view
def index(request: HttpRequest) -> ApiResponse:
    links = shapes.Links(request)
    names = ["meetings", "paragraphs", "people", "cases", "indicators", "removed"]
    data = {
        "name": "Paragraf native API",
        "version": "1",
        "openapi": links.api("openapi"),
        "oparl": request.build_absolute_uri("/oparl/v1.1/"),
        "collections": {name: links.api(name) for name in names},
    }
    return ApiResponse(data)


@api_view
def openapi(request: HttpRequest) -> ApiResponse:
    return ApiResponse(openapi_document(), holds_records=False)


@api_view
def not_found(request: HttpRequest, rest: str = "") -> ApiResponse:
    raise ApiError(404, f"no API address {request.path}; see {request.build_absolute_uri('/api/v1/')}")


# Meetings


@api_view
def meetings(request: HttpRequest) -> ApiResponse:
    queryset = Meeting.objects.select_related("body__organization")
    if organization := slug_param(request, "organization"):
        queryset = queryset.filter(body__organization__slug=organization)
    if body := slug_param(request, "body"):
        queryset = queryset.filter(body__slug=body)
    if date_from := date_param(request, "date_from"):
        queryset = queryset.filter(date__gte=date_from)
    if date_to := date_param(request, "date_to"):
        queryset = queryset.filter(date__lte=date_to)
    page = keyset_page(request, changed_since(request, queryset))
    links = shapes.Links(request)
    return listing(page, [shapes.meeting_summary(links, meeting) for meeting in page.rows])


@api_view
def meeting(request: HttpRequest, pk: str) -> ApiResponse:
    meeting = one(Meeting.objects.select_related("body__organization"), pk, "meeting")
    attendance = list(meeting.attendances.select_related("person", "replaces").order_by("position"))
    invitations = list(meeting.invitations.select_related("person").order_by("position"))
    agenda = list(meeting.agenda_items.select_related("case").order_by("position"))
    paragraphs = list(meeting.paragraphs.select_related("case").order_by("number"))
    data = shapes.meeting_detail(shapes.Links(request), meeting, attendance, invitations, agenda, paragraphs)
    return ApiResponse(data, last_modified=latest([meeting], attendance, invitations, agenda, paragraphs))


@api_view
def meeting_findings(request: HttpRequest, pk: str) -> ApiResponse:
    """The review's findings of a meeting, where the organisation makes its review public (else 404)."""
    meeting = one(Meeting.objects.select_related("body__organization"), pk, "meeting")
    if not ReviewSetting.objects.filter(organization=meeting.body.organization, public=True).exists():
        raise ApiError(404, "the review of this organisation's minutes is not public")
    found = [f.as_json() for f in review(Meeting.objects.filter(pk=meeting.pk))]
    links = shapes.Links(request)
    data = {"meeting": shapes.meeting_ref(links, meeting),
            "findings": [{key: f[key] for key in ("rule", "rule_title", "rule_source", "severity", "paragraph", "explanation",
                                                 "first_line", "last_line")} | {"source_file": f["source_file_id"]} for f in found]}
    return ApiResponse(data, last_modified=meeting.modified)


# Paragraphs (§)


@api_view
def paragraphs(request: HttpRequest) -> ApiResponse:
    queryset = Paragraph.objects.select_related("meeting__body", "case")
    if (meeting_id := id_filter(request, "meeting")) is not None:
        queryset = queryset.filter(meeting_id=meeting_id)
    if (case_id := id_filter(request, "case")) is not None:
        queryset = queryset.filter(case_id=case_id)
    # The meetings first, then § by their meeting ids: no join of every § to its body (1 s at
    # 1,000,000 § on PostgreSQL). A small share of the meetings: their § may sit anywhere in the
    # ids (one organisation's are often one run), so they are read by meeting and sorted.
    meetings = Meeting.objects.all()
    if body := slug_param(request, "body"):
        meetings = meetings.filter(body__slug=body)
    if organization := slug_param(request, "organization"):
        meetings = meetings.filter(body__organization__slug=organization)
    walk = True
    if body or organization:
        ids = list(meetings.values_list("id", flat=True))
        queryset = queryset.filter(meeting_id__in=ids)
        walk = spread.is_spread(Meeting, len(ids))
    page = keyset_page(request, changed_since(request, queryset), walk=walk)
    links = shapes.Links(request)
    return listing(page, [shapes.paragraph_summary(links, paragraph) for paragraph in page.rows])


@api_view
def paragraph(request: HttpRequest, pk: str) -> ApiResponse:
    votes = Prefetch("votes", queryset=Vote.objects.prefetch_related("ballots__person").order_by("position"))
    copies = Prefetch("copies", queryset=ParagraphCopy.objects.order_by("source_file_id", "pk"))
    queryset = Paragraph.objects.select_related("meeting__body", "case").prefetch_related(
        votes, copies, "proposals__person", "proposals__proposers", "elections__person", "dissents__people", "statements__person"
    )
    paragraph = one(queryset, pk, "paragraph")
    parts = [paragraph.votes.all(), paragraph.copies.all(), paragraph.proposals.all(), paragraph.elections.all(),
             paragraph.dissents.all(), paragraph.statements.all()]
    return ApiResponse(shapes.paragraph_detail(shapes.Links(request), paragraph), last_modified=latest([paragraph], *parts))


# People


@api_view
def people(request: HttpRequest) -> ApiResponse:
    queryset = Person.objects.select_related("party", "organization")
    if organization := slug_param(request, "organization"):
        queryset = queryset.filter(organization__slug=organization)
    if party := text_param(request, "party"):
        queryset = queryset.filter(party__abbreviation=party)
    page = keyset_page(request, changed_since(request, queryset))
    links = shapes.Links(request)
    return listing(page, [shapes.person_summary(links, person) for person in page.rows])


@api_view
def person(request: HttpRequest, pk: str) -> ApiResponse:
    person = one(Person.objects.select_related("party", "organization").prefetch_related("aliases"), pk, "person")
    memberships = list(
        Membership.objects.filter(person=person)
        .select_related("body", "term", "party")
        .order_by("term__start", "body__name", "role")
    )
    data = shapes.person_detail(shapes.Links(request), person, memberships, person_facts(person))
    return ApiResponse(data, last_modified=latest([person], memberships))


# Cases


@api_view
def cases(request: HttpRequest) -> ApiResponse:
    queryset = Case.objects.select_related("organization")
    if organization := slug_param(request, "organization"):
        queryset = queryset.filter(organization__slug=organization)
    if "year" in request.GET:
        queryset = queryset.filter(year=whole_number(request, "year", 0, maximum=9999))
    walk = spread.is_spread(Case, queryset.count()) if organization else True
    page = keyset_page(request, changed_since(request, queryset), walk=walk)
    links = shapes.Links(request)
    return listing(page, [shapes.case_summary(links, case) for case in page.rows])


@api_view
def case(request: HttpRequest, pk: str) -> ApiResponse:
    case = one(Case.objects.select_related("organization"), pk, "case")
    path = case_path(case)
    data = shapes.case_detail(shapes.Links(request), case, path)
    return ApiResponse(data, last_modified=latest([case], [step.record for step in path]))


# Indicators


@api_view
def indicators(request: HttpRequest) -> ApiResponse:
    queryset = Indicator.objects.select_related("organization")
    if organization := slug_param(request, "organization"):
        queryset = queryset.filter(organization__slug=organization)
    if report := text_param(request, "report"):
        queryset = queryset.filter(report=report)
    page = keyset_page(request, changed_since(request, queryset))
    links = shapes.Links(request)
    return listing(page, [shapes.indicator(links, row) for row in page.rows])


# Removed records


@api_view
def removed(request: HttpRequest) -> ApiResponse:
    """Records removed (by a re-import, staff or a restore), oldest removal first: a client that keeps
    a copy drops them (`modified_since`: removed at or after)."""
    queryset = Tombstone.objects.all()
    if organization := slug_param(request, "organization"):
        queryset = queryset.filter(organization_id__in=Organization.objects.filter(slug=organization).values("pk"))
    since = modified_since(request)
    page = keyset_page(request, queryset if since is None else queryset.filter(deleted__gte=since))
    links = shapes.Links(request)
    return ApiResponse({"results": [shapes.removed(links, row) for row in page.rows], "next": page.next_url},
                       last_modified=max((row.deleted for row in page.rows), default=None))


# Source files


@api_view
def source_file(request: HttpRequest, pk: str) -> ApiResponse:
    file = one(SourceFile.objects.defer("data", "text"), pk, "source file")
    lines = source_lines(request, file)
    stamp = file.updated_at
    return ApiResponse(shapes.source_file(shapes.Links(request), file, lines), last_modified=stamp)


def source_lines(request: HttpRequest, file: SourceFile) -> list[tuple[int, str]] | None:
    """`?first_line=&last_line=`: those lines of the text read (1-based, inclusive), cut to the file and to MAX_LINES.

    Only first_line: that one line. Only last_line: from line 1. A span outside the file gives no lines.
    """
    if "first_line" not in request.GET and "last_line" not in request.GET:
        return None
    first = whole_number(request, "first_line", 1)
    last = whole_number(request, "last_line", first if "first_line" in request.GET else 1)
    last = min(last, file.line_count, first + MAX_LINES - 1)
    if first > last:
        return []
    return list(enumerate(text_lines(file.pk, first, last), start=first))

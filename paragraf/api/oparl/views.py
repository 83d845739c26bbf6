"""OParl 1.1 endpoints: the System, one view per object type, and the external object lists."""
from __future__ import annotations

import datetime as dt

from django.db.models import Max, Min
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from paragraf.api.http import ApiResponse, api_view
from paragraf.api.oparl import agenda, build, deleted, lists, objects
from paragraf.api.oparl.deleted import Gone
from paragraf.api.oparl.links import Links
from paragraf.api.oparl.locations import places
from paragraf.api.oparl.meetings import location
from paragraf.records.models import (
    AgendaItem, Body, Case, Document, Meeting, Membership, Organization, Paragraph, Party, Person,
    SourceFile, Term, Tombstone,
)

# OParl 1.1 § Filter: what `omit_internal=true` leaves out.
INTERNAL = {
    "AgendaItem": ("auxiliaryFile",), "Meeting": ("auxiliaryFile", "agendaItem"),
    "Paper": ("auxiliaryFile", "location"), "Person": ("membership",), "Body": ("legislativeTerm",),
}

MEETINGS = Meeting.objects.select_related("body").order_by("pk")
PEOPLE = Person.objects.select_related("party").order_by("pk")
MEMBERSHIPS = Membership.objects.select_related("party").order_by("pk")
CASES = Case.objects.select_related("organization").order_by("pk")
DOCUMENTS = Document.objects.order_by("pk")
SOURCES = SourceFile.objects.defer("data", "text").order_by("pk")


def respond(data: dict) -> ApiResponse:
    return ApiResponse(data, last_modified=newest(data))


def newest(data) -> dt.datetime | None:
    """The latest `modified` anywhere in an object or list, embedded objects included."""
    stamps = []
    if isinstance(data, dict):
        if isinstance(data.get("modified"), str):
            stamps.append(dt.datetime.fromisoformat(data["modified"]))
        stamps += [newest(value) for value in data.values() if isinstance(value, (dict, list))]
    elif isinstance(data, list):
        stamps += [newest(value) for value in data]
    return lists.last_modified(stamps)


def one(request, rows, to_dicts, gone: Gone, pk: int) -> ApiResponse:
    """The object at its address; a removed one as its stub (OParl: never a 404 for it)."""
    record = rows.filter(pk=pk).first()
    if record is not None:
        return respond(to_dicts(Links(request), [record])[0])
    tombstone = gone.find(pk)
    if tombstone is None:
        raise Http404(f"no {gone.type_name} {pk}")
    return respond(gone.stub(Links(request), tombstone))


def listing(request, sources, to_dicts, gone: Gone | None = None, organization_id: int | None = None,
            created: str = "created", modified: str = "modified", default_limit: int = lists.DEFAULT_LIMIT,
            max_limit: int = lists.MAX_LIMIT) -> ApiResponse:
    """An external object list: querysets are filtered in SQL, Python lists were built from `filters` already;
    asked for changes since a time, the records removed since then follow as stubs (`gone`)."""
    filters = lists.read_filters(request, default_limit, max_limit)
    filtered = [lists.filtered(s, filters, created, modified) if hasattr(s, "filter") else s for s in sources]
    removed = gone.since(filters, organization_id) if gone else None
    page = lists.page_of(filtered + ([removed] if removed is not None else []), filters)
    links = Links(request)
    if gone is None:  # the list builds its own objects, removed ones too (locations)
        data = to_dicts(links, page.items)
    else:
        data = to_dicts(links, [item for item in page.items if not isinstance(item, Tombstone)])
        data += [gone.stub(links, item) for item in page.items if isinstance(item, Tombstone)]
    if filters.omit_internal:
        data = [_without_internal(item) for item in data]
    return respond(lists.list_body(request, page, data))


def _without_internal(item: dict) -> dict:
    omitted = INTERNAL.get(item["type"].rsplit("/", 1)[-1], ())
    return {key: value for key, value in item.items() if key not in omitted}


@api_view
def system(request):
    stamps = Organization.objects.aggregate(first=Min("created"), last=Max("modified"))
    data = objects.system(Links(request), stamps["first"], stamps["last"])
    # no text of the records: the operator's contact address is meant to be read, not masked
    return ApiResponse(data, last_modified=newest(data), holds_records=False)


@api_view
def bodies(request):
    return listing(request, [Organization.objects.select_related("settings").order_by("pk")], _body_dicts, deleted.ORGANIZATIONS)


@api_view
def body(request, pk: int):
    return one(request, Organization.objects.select_related("settings"), _body_dicts, deleted.ORGANIZATIONS, pk)


def _body_dicts(links, rows):
    terms = list(Term.objects.order_by("start"))
    return [objects.body(links, org, terms) for org in rows]


@api_view
def legislative_term(request, organization: int, pk: int):
    org = get_object_or_404(Organization, pk=organization)
    term = get_object_or_404(Term, pk=pk)
    return respond(objects.legislative_term(Links(request), org.pk, term, standalone=True))


@api_view
def body_legislative_terms(request, pk: int):
    org = get_object_or_404(Organization, pk=pk)
    filters = lists.read_filters(request)
    terms = [t for t in Term.objects.order_by("pk") if lists.in_range(t.created, t.modified, filters)]
    return listing(request, [terms], lambda links, rows: [objects.legislative_term(links, org.pk, t, standalone=True) for t in rows])


@api_view
def body_organizations(request, pk: int):
    """The organisation's bodies (`Gremium`), then the parties of its people (`Partei`)."""
    org = _org(pk)
    parties = Party.objects.filter(pk__in=_members_of(org).values("party")).order_by("pk")
    return listing(request, [Body.objects.filter(organization=org).order_by("pk"), parties],
                   lambda links, rows: build.organization_dicts(links, rows, org.pk), deleted.BODIES, pk)


def _people_of(org: Organization):
    """The organisation's people (the register is kept per organisation)."""
    return PEOPLE.filter(organization=org)


def _members_of(org: Organization):
    """The people with a membership of a body of the organisation: the members of its parties."""
    return PEOPLE.filter(pk__in=Membership.objects.filter(body__organization=org).values("person"))


@api_view
def body_people(request, pk: int):
    org = _org(pk)
    return listing(request, [_people_of(org)], build.person_dicts, deleted.PEOPLE, pk)


@api_view
def party(request, organization: int, pk: int):
    org = _org(organization)
    party_ = get_object_or_404(Party, pk=pk, pk__in=_members_of(org).values("party"))
    return respond(build.organization_dicts(Links(request), [party_], org.pk)[0])


@api_view
def party_membership(request, organization: int, pk: int):
    org = _org(organization)
    person_ = get_object_or_404(_members_of(org).filter(party__isnull=False), pk=pk)
    return respond(build.membership_dicts(Links(request), [person_], org.pk)[0])


@api_view
def body_meetings(request, pk: int):
    return listing(request, [MEETINGS.filter(body__organization=_org(pk))], build.meeting_dicts, deleted.MEETINGS, pk,
                   default_limit=lists.MEETING_LIMIT, max_limit=lists.EMBEDDING_MAX_LIMIT)


@api_view
def body_papers(request, pk: int):
    return listing(request, [CASES.filter(organization=_org(pk))], build.paper_dicts, deleted.PAPERS, pk,
                   max_limit=lists.EMBEDDING_MAX_LIMIT)


@api_view
def body_agenda_items(request, pk: int):
    org = _org(pk)
    return listing(request, _agenda_sources(body__organization=org), build.agenda_item_dicts, deleted.AGENDA_ITEMS, pk)


@api_view
def body_consultations(request, pk: int):
    return listing(request, _agenda_sources(with_case=True, body__organization=_org(pk)), build.consultation_dicts,
                   deleted.CONSULTATIONS, pk)


def _agenda_sources(with_case: bool = False, **meeting_filter) -> list:
    """§ then notice items of the meetings matching the filter, each counted in its cheaper form.

    `with_case`: only items carrying a case (consultations). The page tests it as COALESCE(case_id, 0) > 0,
    which no index serves: with `case_id IS NOT NULL` SQLite reads the case index and sorts every match
    (99 ms for the first page of 50 000 §) instead of walking the ids and stopping after a page."""
    sources = []
    for rows, model in ((agenda.paragraphs(**meeting_filter), Paragraph), (agenda.notice_items(**meeting_filter), AgendaItem)):
        count = agenda.counted(model, **meeting_filter)
        if with_case:
            rows = rows.alias(case_or_0=Coalesce("case_id", 0)).filter(case_or_0__gt=0)
            count = count.filter(case__isnull=False)
        sources.append(lists.Counted(rows, count))
    return sources


@api_view
def body_files(request, pk: int):
    """The documents of the organisation, then the packets they were read from."""
    org = _org(pk)
    filters = lists.read_filters(request, lists.FILE_LIMIT, lists.EMBEDDING_MAX_LIMIT)
    documents = lists.filtered(DOCUMENTS.filter(organization=org), filters)
    packets = SOURCES.filter(pk__in=Document.objects.filter(organization=org).values("source_file"))
    packets = lists.filtered(packets, filters, "imported_at", "updated_at")
    removed = deleted.FILES.since(filters, org.pk)
    page = lists.page_of([documents, packets] + ([removed] if removed is not None else []), filters)
    links = Links(request)
    data = build.document_dicts(links, [r for r in page.items if isinstance(r, Document)])
    data += build.source_dicts(links, [r for r in page.items if isinstance(r, SourceFile)])
    data += [deleted.FILES.stub(links, r) for r in page.items if isinstance(r, Tombstone)]
    return respond(lists.list_body(request, page, data))


@api_view
def body_locations(request, pk: int):
    org = _org(pk)
    filters = lists.read_filters(request)
    present = places(org.pk)
    found = [p for p in present if lists.in_range(p.first_created, p.last_modified, filters)]
    gone = deleted.removed_places(org.pk, filters, {p.slug for p in present})
    return listing(request, [found + gone], lambda links, rows: [
        deleted.location_stub(links, org.pk, row) if isinstance(row, Tombstone) else location(links, org.pk, row) for row in rows])


@api_view
def body_memberships(request, pk: int):
    org = _org(pk)
    party_members = _members_of(org).filter(party__isnull=False)
    return listing(request, [MEMBERSHIPS.filter(body__organization=org), party_members],
                   lambda links, rows: build.membership_dicts(links, rows, org.pk), deleted.MEMBERSHIPS, pk)


def _org(pk: int) -> Organization:
    return get_object_or_404(Organization, pk=pk)


@api_view
def organization(request, pk: int):
    return one(request, Body.objects.all(), build.organization_dicts, deleted.BODIES, pk)


@api_view
def organization_meetings(request, pk: int):
    return listing(request, [MEETINGS.filter(body=get_object_or_404(Body, pk=pk))], build.meeting_dicts,
                   default_limit=lists.MEETING_LIMIT, max_limit=lists.EMBEDDING_MAX_LIMIT)


@api_view
def organization_consultations(request, pk: int):
    return listing(request, _agenda_sources(with_case=True, body=get_object_or_404(Body, pk=pk)), build.consultation_dicts)


@api_view
def person(request, pk: int):
    return one(request, PEOPLE, build.person_dicts, deleted.PEOPLE, pk)


@api_view
def membership(request, pk: int):
    return one(request, MEMBERSHIPS, build.membership_dicts, deleted.MEMBERSHIPS, pk)


@api_view
def meeting(request, pk: int):
    return one(request, MEETINGS, build.meeting_dicts, deleted.MEETINGS, pk)


@api_view
def agenda_item_paragraph(request, pk: int):
    return one(request, agenda.paragraphs(), build.agenda_item_dicts, deleted.PARAGRAPH_ITEMS, pk)


@api_view
def agenda_item_notice(request, pk: int):
    return one(request, agenda.notice_items(), build.agenda_item_dicts, deleted.NOTICE_ITEMS, pk)


@api_view
def consultation_paragraph(request, pk: int):
    return one(request, agenda.paragraphs().filter(case__isnull=False), build.consultation_dicts, deleted.PARAGRAPH_CONSULTATIONS, pk)


@api_view
def consultation_notice(request, pk: int):
    return one(request, agenda.notice_items().filter(case__isnull=False), build.consultation_dicts, deleted.NOTICE_CONSULTATIONS, pk)


@api_view
def paper(request, pk: int):
    return one(request, CASES, build.paper_dicts, deleted.PAPERS, pk)


@api_view
def file_document(request, pk: int):
    return one(request, DOCUMENTS, lambda links, rows: build.document_dicts(links, rows, with_text=True), deleted.DOCUMENT_FILES, pk)


@api_view
def file_source(request, pk: int):
    return one(request, SOURCES, build.source_dicts, deleted.SOURCE_FILES, pk)


@api_view
def location_view(request, organization: int, slug: str):
    org = get_object_or_404(Organization, pk=organization)
    found = places(org.pk, slug)
    if found:
        return respond(location(Links(request), org.pk, found[0]))
    gone = deleted.removed_places(org.pk, None, set(), slug)
    if not gone:
        raise Http404(f"no place {slug!r} in {org.name}")
    return respond(deleted.location_stub(Links(request), org.pk, gone[-1]))


@api_view
def not_found(request):
    raise Http404(f"no OParl object or list at {request.path}")

"""Records to OParl dicts a page at a time: each function loads what its objects refer to in a
fixed number of queries, whatever the number of objects (detail views pass a list of one)."""
from __future__ import annotations

from collections import defaultdict

from paragraf.api.oparl import agenda, files, meetings, objects
from paragraf.api.oparl.links import Links
from paragraf.api.oparl.related import document_uses, meeting_files
from paragraf.api.oparl.texts import document_text
from paragraf.records.cases import MEETING_DOCUMENTS
from paragraf.records.facts import summaries
from paragraf.records.models import (
    AgendaItem, Attendance, Body, Case, Document, Invitation, Meeting, Membership, Paragraph, Person, SourceFile,
)


def meeting_dicts(links: Links, rows: list[Meeting]) -> list[dict]:
    ids = [m.pk for m in rows]
    paragraphs, notice_items = agenda.embedded(rows)
    items = defaultdict(list)
    for item in paragraphs + notice_items:
        items[item.meeting_id].append(item)
    people = defaultdict(set)
    for meeting_id, person_id in Attendance.objects.filter(meeting__in=ids, person__isnull=False).values_list("meeting", "person"):
        people[meeting_id].add(person_id)
    found = meeting_files(rows, paragraphs)
    return [meetings.meeting(links, m, found[m.pk], items[m.pk], sorted(people[m.pk])) for m in rows]


def agenda_item_dicts(links: Links, items: list) -> list[dict]:
    paragraphs = [item for item in items if isinstance(item, Paragraph)]
    agenda.attach_votes(paragraphs)
    extracts = _extracts(paragraphs)
    return [meetings.agenda_item(links, item, extracts.get(item.pk) if isinstance(item, Paragraph) else None, standalone=True) for item in items]


def _extracts(paragraphs: list[Paragraph]) -> dict:
    by_meeting = {p.meeting_id: p.meeting for p in paragraphs}
    extracts = {}
    for found in meeting_files(list(by_meeting.values()), paragraphs).values():
        extracts.update(found.extracts)
    return extracts


def consultation_dicts(links: Links, items: list) -> list[dict]:
    return [meetings.consultation(links, item) for item in items]


def paper_dicts(links: Links, cases: list[Case]) -> list[dict]:
    ids = [c.pk for c in cases]
    documents = defaultdict(list)
    for doc in Document.objects.filter(case__in=ids).order_by("date", "position", "pk"):
        documents[doc.case_id].append(doc)
    items = defaultdict(list)
    paragraphs = agenda.paragraphs().filter(case__in=ids).order_by("meeting__date", "pk")
    for item in list(paragraphs) + list(agenda.notice_items().filter(case__in=ids).order_by("meeting__date", "pk")):
        items[item.case_id].append(item)
    dates = defaultdict(list)
    for doc in (d for docs in documents.values() for d in docs):
        if doc.date and doc.kind not in MEETING_DOCUMENTS:
            dates[doc.case_id].append(doc.date)
    for model in (Paragraph, AgendaItem):
        for case_id, date in model.objects.filter(case__in=ids).values_list("case", "meeting__date"):
            dates[case_id].append(date)
    return [objects.paper(links, c, documents[c.pk], items[c.pk], min(dates[c.pk], default=None)) for c in cases]


def document_dicts(links: Links, rows: list[Document], with_text: bool = False) -> list[dict]:
    """Files of documents; `with_text` (the File object itself) adds the text and its checksums. A list
    page leaves them out (OParl: `text` is optional): its size stays bounded whatever the documents hold."""
    uses = document_uses(rows)
    return [files.document_file(links, doc, document_text(doc) if with_text else None, uses[doc.pk])
            for doc in rows]


def source_dicts(links: Links, rows: list[SourceFile]) -> list[dict]:
    ids = [s.pk for s in rows]
    derived = defaultdict(list)
    for source_id, doc_id in Document.objects.filter(source_file__in=ids).order_by("pk").values_list("source_file", "pk"):
        derived[source_id].append(doc_id)
    used = defaultdict(set)
    for pk, notice in Meeting.objects.filter(notice_source__in=ids).values_list("pk", "notice_source"):
        used[notice].add(pk)
    for pk, minutes in Meeting.objects.filter(minutes_source__in=ids).values_list("pk", "minutes_source"):
        used[minutes].add(pk)
    return [files.source_file(links, s, derived[s.pk], sorted(used[s.pk])) for s in rows]


def person_dicts(links: Links, rows: list[Person], organization_id: int | None = None) -> list[dict]:
    ids = [p.pk for p in rows]
    held = defaultdict(list)
    for m in Membership.objects.filter(person__in=ids).select_related("party", "body").order_by("first_seen", "pk"):
        held[m.person_id].append(m)
    homes = {pk: organization_id for pk in ids} if organization_id else person_organizations(ids, held)
    counts = summaries(ids)
    return [objects.person(links, p, homes.get(p.pk), held[p.pk], counts[p.pk]) for p in rows]


def person_organizations(ids: list[int], held: dict) -> dict[int, int]:
    """The organisation a person belongs to: of their first membership, else of a meeting they attended or were invited to."""
    homes = {pk: held[pk][0].body.organization_id for pk in ids if held.get(pk)}
    for model in (Attendance, Invitation):
        rest = [pk for pk in ids if pk not in homes]
        seen = model.objects.filter(person__in=rest).order_by("pk").values_list("person", "meeting__body__organization")
        for person_id, organization_id in seen if rest else []:
            homes.setdefault(person_id, organization_id)
    return homes


def membership_dicts(links: Links, rows: list[Membership]) -> list[dict]:
    return [objects.membership(links, m, standalone=True) for m in rows]


def organization_dicts(links: Links, rows: list[Body]) -> list[dict]:
    ids = [b.pk for b in rows]
    held = defaultdict(list)
    for body_id, pk in Membership.objects.filter(body__in=ids).order_by("pk").values_list("body", "pk"):
        held[body_id].append(pk)
    return [objects.organization(links, b, held[b.pk]) for b in rows]


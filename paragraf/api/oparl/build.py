"""Records to OParl dicts a page at a time: each function loads what its objects refer to in a
fixed number of queries, whatever the number of objects (detail views pass a list of one)."""
from __future__ import annotations

from collections import defaultdict

from paragraf.api.oparl import agenda, files, meetings, objects
from paragraf.api.oparl.links import Links
from paragraf.records.placing import document_uses, meeting_files
from paragraf.api.oparl.texts import document_text, embedded_texts
from paragraf.records.cases import MEETING_DOCUMENTS
from paragraf.records.facts import summaries
from paragraf.records.models import (
    AgendaItem, Attendance, Body, Case, Document, Meeting, Membership, Paragraph, Party, Person, SourceFile,
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
    texts = embedded_texts(doc for files_ in found.values() for doc in files_.documents())
    return [meetings.meeting(links, m, found[m.pk], items[m.pk], sorted(people[m.pk]), texts) for m in rows]


def agenda_item_dicts(links: Links, items: list) -> list[dict]:
    paragraphs = [item for item in items if isinstance(item, Paragraph)]
    agenda.attach_votes(paragraphs)
    extracts = _extracts(paragraphs)
    texts = embedded_texts(extracts.values())
    return [meetings.agenda_item(links, item, extracts.get(item.pk) if isinstance(item, Paragraph) else None, standalone=True,
                                 texts=texts) for item in items]


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
    texts = embedded_texts(doc for docs in documents.values() for doc in docs)
    return [objects.paper(links, c, documents[c.pk], items[c.pk], min(dates[c.pk], default=None), texts) for c in cases]


def document_dicts(links: Links, rows: list[Document], with_text: bool = False) -> list[dict]:
    """Files of documents with their text and checksums: the File object itself (`with_text`) always, a
    list page when the document is short enough to embed (`texts.EMBEDDED_TEXT_LINES`), so that a page's
    size stays bounded whatever the documents hold."""
    uses = document_uses(rows)
    texts = {doc.pk: document_text(doc) for doc in rows} if with_text else embedded_texts(rows)
    return [files.document_file(links, doc, texts.get(doc.pk), uses[doc.pk]) for doc in rows]


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


def person_dicts(links: Links, rows: list[Person]) -> list[dict]:
    """People, each in the OParl Body of their organisation."""
    ids = [p.pk for p in rows]
    held = defaultdict(list)
    for m in Membership.objects.filter(person__in=ids).select_related("party", "body").order_by("first_seen", "pk"):
        held[m.person_id].append(m)
    counts = summaries(ids)
    return [objects.person(links, p, p.organization_id, held[p.pk], counts[p.pk]) for p in rows]


def membership_dicts(links: Links, rows: list, organization_id: int | None = None) -> list[dict]:
    """Memberships of bodies, and (a Person in `rows`, with the organisation) of the person's party."""
    return [objects.membership(links, m, standalone=True) if isinstance(m, Membership)
            else objects.party_membership(links, organization_id, m, standalone=True) for m in rows]


def organization_dicts(links: Links, rows: list, organization_id: int | None = None) -> list[dict]:
    """Bodies (`Gremium`) and, with the organisation they are seen in, parties (`Partei`)."""
    ids = [b.pk for b in rows if isinstance(b, Body)]
    held = defaultdict(list)
    for body_id, pk in Membership.objects.filter(body__in=ids).order_by("pk").values_list("body", "pk"):
        held[body_id].append(pk)
    parties = [p.pk for p in rows if isinstance(p, Party)]
    members = defaultdict(list)
    if parties:
        people = Person.objects.filter(party__in=parties, pk__in=Membership.objects.filter(
            body__organization=organization_id).values("person")).order_by("pk")
        for person_id, party_id in people.values_list("pk", "party"):
            members[party_id].append(person_id)
    return [objects.organization(links, row, held[row.pk]) if isinstance(row, Body)
            else objects.party_organization(links, organization_id, row, members[row.pk]) for row in rows]


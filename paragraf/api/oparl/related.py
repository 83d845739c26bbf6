"""Which documents belong to which meetings and §, loaded for a whole page at once (no N+1).

A meeting's notice is the `kallelse` document of its notice packet dated the meeting day, its
minutes the `protokoll` document of its minutes packet; an extract belongs to the § whose first
line lies in the extract's span of the same packet.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from paragraf.records.models import Document, Meeting, Paragraph

NOTICE, MINUTES, EXTRACT = Document.Kind.NOTICE, Document.Kind.MINUTES, Document.Kind.EXTRACT


@dataclass
class MeetingFiles:
    invitation: Document | None = None
    minutes: Document | None = None
    extracts: dict[int, Document] = field(default_factory=dict)  # paragraph pk → extract


def meeting_files(meetings: list[Meeting], paragraphs: list[Paragraph]) -> dict[int, MeetingFiles]:
    files = {m.pk: MeetingFiles() for m in meetings}
    sources = {m.notice_source_id for m in meetings} | {m.minutes_source_id for m in meetings}
    sources |= {p.source_file_id for p in paragraphs}
    dates = {m.date for m in meetings}
    documents = Document.objects.filter(source_file_id__in=sources - {None}, kind__in=[NOTICE, MINUTES, EXTRACT], date__in=dates)
    documents = list(documents.select_related("case__organization").order_by("pk"))
    for meeting in meetings:
        for doc in documents:
            if doc.date != meeting.date:
                continue
            if doc.kind == NOTICE and doc.source_file_id == meeting.notice_source_id and not files[meeting.pk].invitation:
                files[meeting.pk].invitation = doc
            if doc.kind == MINUTES and doc.source_file_id == meeting.minutes_source_id and not files[meeting.pk].minutes:
                files[meeting.pk].minutes = doc
    extracts = defaultdict(list)
    for doc in documents:
        if doc.kind == EXTRACT:
            extracts[doc.source_file_id].append(doc)
    for paragraph in paragraphs:
        extract = next((d for d in extracts[paragraph.source_file_id] if _holds(d, paragraph)), None)
        if extract and paragraph.meeting_id in files:
            files[paragraph.meeting_id].extracts[paragraph.pk] = extract
    return files


def _holds(document: Document, paragraph: Paragraph) -> bool:
    return (
        document.source_file_id == paragraph.source_file_id
        and document.date == paragraph.meeting.date
        and paragraph.first_line is not None
        and document.first_line <= paragraph.first_line <= document.last_line
    )


@dataclass
class FileUses:
    meetings: set[int] = field(default_factory=set)
    paragraphs: set[int] = field(default_factory=set)


def document_uses(documents: list[Document]) -> dict[int, FileUses]:
    """For each document: the meetings it is the notice, minutes or an extract of, and the § it extracts."""
    uses = {d.pk: FileUses() for d in documents}
    sources = {d.source_file_id for d in documents if d.kind in (NOTICE, MINUTES, EXTRACT)} - {None}
    if not sources:
        return uses
    meetings = Meeting.objects.filter(Q(notice_source_id__in=sources) | Q(minutes_source_id__in=sources))
    meetings = list(meetings.only("pk", "date", "notice_source_id", "minutes_source_id"))
    extracts = [d for d in documents if d.kind == EXTRACT]
    paragraphs = list(
        Paragraph.objects.filter(source_file_id__in={d.source_file_id for d in extracts}, meeting__date__in={d.date for d in extracts})
        .select_related("meeting")
        .only("pk", "source_file_id", "first_line", "meeting__date", "meeting__id")
    ) if extracts else []
    by_paragraph_source = defaultdict(list)
    for paragraph in paragraphs:
        by_paragraph_source[paragraph.source_file_id].append(paragraph)
    for doc in documents:
        for meeting in meetings:
            if meeting.date == doc.date and (
                (doc.kind == NOTICE and meeting.notice_source_id == doc.source_file_id)
                or (doc.kind == MINUTES and meeting.minutes_source_id == doc.source_file_id)
            ):
                uses[doc.pk].meetings.add(meeting.pk)
        if doc.kind == EXTRACT:
            for paragraph in by_paragraph_source[doc.source_file_id]:
                if _holds(doc, paragraph):
                    uses[doc.pk].paragraphs.add(paragraph.pk)
                    uses[doc.pk].meetings.add(paragraph.meeting_id)
    return uses

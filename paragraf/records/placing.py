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
    others: list[Document] = field(default_factory=list)  # the packet's documents of no case and no other meeting

    def documents(self) -> list[Document]:
        return [doc for doc in (self.invitation, self.minutes, *self.extracts.values(), *self.others) if doc is not None]


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
    _place_others(meetings, files)
    return files


def _place_others(meetings: list[Meeting], files: dict[int, MeetingFiles]) -> None:
    """A packet's documents that belong to no case and to no meeting as its notice, minutes or an
    extract (a budget, an annual report sent with the notice) belong to the meeting the packet is about."""
    sources = {m.notice_source_id for m in meetings} | {m.minutes_source_id for m in meetings}
    candidates = list(Document.objects.filter(source_file_id__in=sources - {None}, case__isnull=True).order_by("pk"))
    uses = document_uses(candidates)
    for doc in candidates:
        for meeting_id in sorted(uses[doc.pk].meetings & set(files)):
            placed = files[meeting_id]
            if doc not in (placed.invitation, placed.minutes) and doc.pk not in {d.pk for d in placed.extracts.values()}:
                placed.others.append(doc)


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
    """For each document: the meetings it is the notice, minutes or an extract of, and the § it extracts;
    a document of no case and none of these, the meetings its packet is about (`packet_meetings`)."""
    uses = {d.pk: FileUses() for d in documents}
    _direct_uses(documents, uses)
    unplaced = [d for d in documents if not d.case_id and not uses[d.pk].meetings]
    about = packet_meetings({d.source_file_id for d in unplaced} - {None})
    for doc in unplaced:
        uses[doc.pk].meetings.update(about.get(doc.source_file_id, ()))
    return uses


def packet_meetings(source_ids: set[int]) -> dict[int, list[int]]:
    """The meetings a packet is about: those it is the notice of, else those it holds the minutes of."""
    if not source_ids:
        return {}
    noticed, minuted = defaultdict(list), defaultdict(list)
    rows = Meeting.objects.filter(Q(notice_source_id__in=source_ids) | Q(minutes_source_id__in=source_ids)).order_by("pk")
    for pk, notice, minutes in rows.values_list("pk", "notice_source_id", "minutes_source_id"):
        if notice in source_ids:
            noticed[notice].append(pk)
        if minutes in source_ids:
            minuted[minutes].append(pk)
    return {source: noticed.get(source) or minuted.get(source) for source in source_ids if noticed.get(source) or minuted.get(source)}


def _direct_uses(documents: list[Document], uses: dict[int, FileUses]) -> None:
    sources = {d.source_file_id for d in documents if d.kind in (NOTICE, MINUTES, EXTRACT)} - {None}
    if not sources:
        return
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

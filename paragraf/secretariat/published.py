"""What the portal shows of a published notice: its version, what changed, the PDFs, and each agenda
item's documents that the reader may open (confidential ones to those with the right, docs/roles.md)."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse

from paragraf.records.models import Meeting
from paragraf.secretariat.models import AgendaDocument, Correction, NoticeVersion, Posting


@dataclass(frozen=True)
class ItemDocument:
    title: str
    kind: str
    pages: int
    confidential: bool
    url: str


@dataclass(frozen=True)
class PublishedNotice:
    version: int
    published: datetime.datetime
    changes: list[str]
    withheld: int
    notice_url: str
    packet_url: str
    documents: dict[int, list[ItemDocument]]  # agenda item id → its documents the reader may open

    @property
    def amended(self) -> bool:
        return self.version > 1


def published_notice(meeting: Meeting, user) -> PublishedNotice | None:
    version = NoticeVersion.objects.filter(meeting=meeting).order_by("-version").first()
    if version is None:
        return None
    confidential_too = user.has_perm("secretariat.view_confidential_documents", meeting)
    links = AgendaDocument.objects.filter(agenda_item__meeting=meeting).select_related("document").defer("document__data")
    if not confidential_too:
        links = links.filter(document__confidential=False)
    documents: dict[int, list[ItemDocument]] = {}
    for link in links.order_by("agenda_item__position", "position"):
        d = link.document
        documents.setdefault(link.agenda_item_id, []).append(ItemDocument(
            title=d.title, kind=d.get_kind_display(), pages=d.pages, confidential=d.confidential,
            url=reverse("secretariat:document", kwargs={"pk": d.pk})))
    where = {"body": meeting.body.slug, "date": meeting.date}
    return PublishedNotice(
        version=version.version, published=version.published, changes=version.changes, withheld=version.withheld,
        notice_url=reverse("secretariat:notice", kwargs=where), packet_url=reverse("secretariat:packet", kwargs=where),
        documents=documents)


@dataclass(frozen=True)
class CorrectionLink:
    number: int
    text: str
    justered: datetime.date
    url: str


@dataclass(frozen=True)
class PostedMinutes:
    justered: datetime.date
    posted: datetime.date
    appeal_last_day: datetime.date
    taken_down: datetime.date
    minutes_url: str
    corrections: tuple[CorrectionLink, ...] = ()


def posted_minutes(meeting: Meeting) -> PostedMinutes | None:
    """The justering and posting of the meeting's minutes, when they are on the notice board."""
    posting = Posting.objects.filter(meeting=meeting, meeting__justering__completed__isnull=False).select_related("meeting__justering").defer(
        "meeting__justering__signed_pdf").first()
    if posting is None:
        return None
    return PostedMinutes(
        justered=posting.meeting.justering.completed.date(), posted=posting.posted, appeal_last_day=posting.appeal_last_day,
        taken_down=posting.taken_down,
        minutes_url=reverse("secretariat:signed_minutes", kwargs={"body": meeting.body.slug, "date": meeting.date}),
        corrections=tuple(CorrectionLink(c.number, c.text, c.completed.date(), reverse("secretariat:correction_pdf", kwargs={"pk": c.pk}))
                          for c in Correction.objects.filter(meeting=meeting, completed__isnull=False).defer("signed_pdf")))

"""Removed objects as OParl 1.1 wants them (§ Gelöschte Objekte): at their old address a stub with
`id`, `type`, `created`, `modified` (the time of removal) and `deleted: true`, never a 404; in every
list asked for what changed since a time (`modified_since`), so that a client's copy loses them.
The tombstones are written by `records/changes.py` in the transaction that removed the record."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from paragraf.api.oparl.links import Links, date_time, oparl_type
from paragraf.api.oparl.lists import Filters
from paragraf.api.oparl.meetings import location_slug
from paragraf.records.models import Tombstone

K = Tombstone.Kind


@dataclass(frozen=True)
class Gone:
    """What a list or an address shows of removed records: their kinds, the address of each, the type."""

    views: dict[str, str]  # tombstone kind → OParl URL name
    type_name: str
    with_case: bool = False  # Consultations: only § and items that carried a case

    def stub(self, links: Links, tombstone: Tombstone) -> dict:
        return {
            "id": links.oparl(self.views[tombstone.kind], tombstone.object_id),
            "type": oparl_type(self.type_name),
            "created": date_time(tombstone.created),
            "modified": date_time(tombstone.deleted),
            "deleted": True,
        }

    def find(self, pk: int) -> Tombstone | None:
        rows = Tombstone.objects.filter(kind__in=list(self.views), object_id=pk)
        return (rows.filter(had_case=True) if self.with_case else rows).order_by("-deleted").first()

    def since(self, filters: Filters, organization_id: int | None = None) -> QuerySet | None:
        """The removed records a list shows: only when the client asks what changed since a time."""
        if filters.modified_since is None:
            return None
        rows = Tombstone.objects.filter(kind__in=list(self.views), deleted__gte=filters.modified_since).order_by("pk")
        if filters.modified_until:
            rows = rows.filter(deleted__lte=filters.modified_until)
        if filters.created_since:
            rows = rows.filter(created__gte=filters.created_since)
        if filters.created_until:
            rows = rows.filter(created__lte=filters.created_until)
        if organization_id is not None:
            rows = rows.filter(Q(organization_id=organization_id) | Q(organization_id__isnull=True))
        return rows.filter(had_case=True) if self.with_case else rows


ORGANIZATIONS = Gone({K.ORGANIZATION: "body"}, "Body")
BODIES = Gone({K.BODY: "organization"}, "Organization")
PEOPLE = Gone({K.PERSON: "person"}, "Person")
MEMBERSHIPS = Gone({K.MEMBERSHIP: "membership"}, "Membership")
MEETINGS = Gone({K.MEETING: "meeting"}, "Meeting")
AGENDA_ITEMS = Gone({K.PARAGRAPH: "agenda_item_paragraph", K.AGENDA_ITEM: "agenda_item_notice"}, "AgendaItem")
CONSULTATIONS = Gone({K.PARAGRAPH: "consultation_paragraph", K.AGENDA_ITEM: "consultation_notice"}, "Consultation", with_case=True)
PAPERS = Gone({K.CASE: "paper"}, "Paper")
DOCUMENT_FILES = Gone({K.DOCUMENT: "file_document"}, "File")
SOURCE_FILES = Gone({K.SOURCE_FILE: "file_source"}, "File")
FILES = Gone({K.DOCUMENT: "file_document", K.SOURCE_FILE: "file_source"}, "File")
# one kind each, for the address of one object
PARAGRAPH_ITEMS = Gone({K.PARAGRAPH: "agenda_item_paragraph"}, "AgendaItem")
NOTICE_ITEMS = Gone({K.AGENDA_ITEM: "agenda_item_notice"}, "AgendaItem")
PARAGRAPH_CONSULTATIONS = Gone({K.PARAGRAPH: "consultation_paragraph"}, "Consultation", with_case=True)
NOTICE_CONSULTATIONS = Gone({K.AGENDA_ITEM: "consultation_notice"}, "Consultation", with_case=True)


def removed_places(organization_id: int, filters: Filters | None, present: set[str], slug: str | None = None) -> list[Tombstone]:
    """The organisation's meeting places no meeting is held at any more (`present`: the slugs still in
    use), the latest removal of each; all of them for an address (`filters` None), else those a list
    asked `modified_since` shows."""
    if filters is not None and filters.modified_since is None:
        return []
    rows = Tombstone.objects.filter(kind=K.LOCATION, organization_id=organization_id).order_by("deleted", "pk")
    if filters is not None:
        rows = rows.filter(deleted__gte=filters.modified_since)
        if filters.modified_until:
            rows = rows.filter(deleted__lte=filters.modified_until)
    latest = {}
    for row in rows:
        key = location_slug(row.place)
        if key not in present and (slug is None or key == slug):
            latest[key] = row
    return [latest[key] for key in sorted(latest)]


def location_stub(links: Links, organization_id: int, tombstone: Tombstone) -> dict:
    return {
        "id": links.oparl("location", organization_id, location_slug(tombstone.place)),
        "type": oparl_type("Location"),
        "created": date_time(tombstone.created),
        "modified": date_time(tombstone.deleted),
        "deleted": True,
    }

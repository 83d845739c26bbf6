"""Locations: the distinct meeting places of an organisation, one per slug of the place text."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Max, Min

from paragraf.api.oparl.links import date_time
from paragraf.api.oparl.meetings import location_slug
from paragraf.records.models import Meeting


@dataclass
class Place:
    slug: str
    description: str
    first_created: object = None
    last_modified: object = None
    bodies: list[int] = field(default_factory=list)
    meetings: list[int] = field(default_factory=list)

    @property
    def created(self) -> str:
        return date_time(self.first_created)

    @property
    def modified(self) -> str:
        return date_time(self.last_modified)


def places(organization_id: int, slug: str | None = None) -> list[Place]:
    """The organisation's places in slug order (spellings with one slug are one place, named by the first)."""
    rows = (
        Meeting.objects.filter(body__organization_id=organization_id).exclude(place="")
        .values("place").annotate(first=Min("created"), last=Max("modified")).order_by("place")
    )
    found: dict[str, Place] = {}
    for row in rows:
        key = location_slug(row["place"])
        if slug is not None and key != slug:
            continue
        place = found.setdefault(key, Place(key, row["place"], row["first"], row["last"]))
        place.first_created = min(place.first_created, row["first"])
        place.last_modified = max(place.last_modified, row["last"])
    texts = {row["place"] for row in rows if location_slug(row["place"]) in found}
    meetings = Meeting.objects.filter(body__organization_id=organization_id, place__in=texts).order_by("pk")
    for pk, place_text, body_id in meetings.values_list("pk", "place", "body_id"):
        place = found[location_slug(place_text)]
        place.meetings.append(pk)
        if body_id not in place.bodies:
            place.bodies.append(body_id)
    for place in found.values():
        place.bodies.sort()
    return [found[key] for key in sorted(found)]

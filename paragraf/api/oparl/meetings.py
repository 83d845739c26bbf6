"""OParl Meeting, AgendaItem, Consultation and Location objects as dicts."""
from __future__ import annotations

import datetime as dt

from django.utils.text import slugify

from paragraf.api.oparl import agenda
from paragraf.api.oparl.files import embedded_file
from paragraf.api.oparl.links import Links, common, compact, meeting_time, oparl_type
from paragraf.records.placing import MeetingFiles
from paragraf.records.models import Meeting, Paragraph


def meeting(links: Links, meeting: Meeting, files: MeetingFiles, items: list, participants: list[int],
            texts: dict[int, str]) -> dict:
    """`items`: the meeting's § when it has minutes, else its notice's agenda items (see agenda.py);
    `texts`: the texts of its Files (`texts.embedded_texts`), as consumers read only the embedded copy.
    A meeting whose minutes give no time starts at midnight of its day, `paragraf:startTimeKnown` false."""
    body = meeting.body
    data = common("Meeting", links.oparl("meeting", meeting.pk), meeting, links.portal("meeting", body.slug, meeting.date))
    has_minutes = any(isinstance(item, Paragraph) for item in items) or files.minutes is not None
    extracts = sorted({doc.pk: doc for doc in files.extracts.values()}.values(), key=lambda doc: doc.pk)
    data.update(
        name=f"{body.name} {meeting.date.isoformat()}",
        meetingState="genomfört" if has_minutes else "kallat",
        cancelled=False,
        start=meeting_time(meeting.date, meeting.start_time or dt.time(0, 0)),
        end=meeting_time(meeting.date, meeting.end_time) if meeting.end_time else None,
        location=location_stub(links, body.organization_id, meeting.place) if meeting.place else None,
        organization=[links.oparl("organization", body.pk)],
        participant=[links.oparl("person", pk) for pk in participants],
        invitation=embedded_file(links, files.invitation, texts) if files.invitation else None,
        resultsProtocol=embedded_file(links, files.minutes, texts) if files.minutes else None,
        auxiliaryFile=[embedded_file(links, doc, texts) for doc in extracts + files.others],
        agendaItem=[agenda_item(links, item, files.extracts.get(item.pk) if isinstance(item, Paragraph) else None, texts=texts)
                    for item in items],
        **{"paragraf:startTimeKnown": meeting.start_time is not None},
    )
    return compact(data)


def agenda_item(links: Links, item, extract=None, standalone: bool = False, texts: dict[int, str] | None = None) -> dict:
    kind = agenda.kind_of(item)
    meeting_ = item.meeting
    if kind == "paragraph":
        web = links.portal("paragraph", meeting_.body.slug, meeting_.date, item.number)
        fields = dict(
            number=str(item.number),
            order=item.number,
            resolutionText=item.decision,
            result=agenda.vote_result(item),
            resolutionFile=embedded_file(links, extract, texts or {}) if extract else None,
        )
    else:
        web = links.portal("meeting", meeting_.body.slug, meeting_.date)
        fields = dict(number=str(item.number), order=item.position)
    data = common("AgendaItem", links.oparl(f"agenda_item_{kind}", item.pk), item, web)
    data.update(
        name=item.title or f"§ {item.number}",
        public=True,
        consultation=links.oparl(f"consultation_{kind}", item.pk) if item.case_id else None,
        **fields,
    )
    if standalone:
        data["meeting"] = links.oparl("meeting", meeting_.pk)
    return compact(data)


def consultation(links: Links, item, in_paper: bool = False) -> dict:
    """An agenda item carrying a case; inside its paper without the back reference to it."""
    kind = agenda.kind_of(item)
    data = common("Consultation", links.oparl(f"consultation_{kind}", item.pk), item)
    data.update(
        agendaItem=links.oparl(f"agenda_item_{kind}", item.pk),
        meeting=links.oparl("meeting", item.meeting_id),
        organization=[links.oparl("organization", item.meeting.body_id)],
        role=agenda.consultation_role(item),
        authoritative=agenda.is_authoritative(item),
    )
    if not in_paper:
        data["paper"] = links.oparl("paper", item.case_id)
    return compact(data)


def location_slug(place: str) -> str:
    return slugify(place)[:100] or "plats"


def location_stub(links: Links, organization_id: int, place: str) -> dict:
    return {
        "id": links.oparl("location", organization_id, location_slug(place)),
        "type": oparl_type("Location"),
        "description": place,
    }


def location(links: Links, organization_id: int, place) -> dict:
    """`place`: a locations.Place (the text, its meetings and bodies, first created, last modified)."""
    data = location_stub(links, organization_id, place.description)
    data.update(
        created=place.created,
        modified=place.modified,
        deleted=False,
        bodies=[links.oparl("body", organization_id)],
        organizations=[links.oparl("organization", pk) for pk in place.bodies],
        meetings=[links.oparl("meeting", pk) for pk in place.meetings],
    )
    return compact(data)

"""Feeds: iCal calendars of meetings (all, per body) and Atom feeds of decisions (per body, per saved search)."""
from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from icalendar import Calendar, Event

from paragraf.records.models import Body, Meeting, Paragraph

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DEFAULT_START = dt.time(9, 0)
NOT_XML_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")  # XML 1.0 § 2.2 Char


def xml_safe(value):
    """A string without the characters XML 1.0 cannot hold (control characters, U+FFFE …); other values as they are."""
    return NOT_XML_RE.sub("", value) if isinstance(value, str) else value


class XmlSafeAtom1Feed(Atom1Feed):
    """Atom whatever the text: a query parameter or a record that holds a control character is
    written without it (Django's XML writer refuses it)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*map(xml_safe, args), **{key: xml_safe(value) for key, value in kwargs.items()})

    def add_item(self, *args, **kwargs) -> None:
        super().add_item(*map(xml_safe, args), **{key: xml_safe(value) for key, value in kwargs.items()})


def calendar_all(request):
    meetings = Meeting.objects.select_related("body").order_by("date")
    return _calendar(request, meetings, "Paragraf – alla sammanträden")


def calendar_body(request, body: str):
    body = get_object_or_404(Body, slug=body)
    return _calendar(request, body.meetings.select_related("body").order_by("date"), f"{body.name} – sammanträden")


def _calendar(request, meetings, name: str) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", "-//Paragraf//paragraf//SV")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(_event(request, meeting))
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


def _event(request, meeting: Meeting) -> Event:
    event = Event()
    url = request.build_absolute_uri(reverse("portal:meeting", args=[meeting.body.slug, meeting.date]))
    event.add("uid", f"meeting-{meeting.pk}@{request.get_host()}")
    event.add("summary", f"{meeting.body.name} – sammanträde")
    start = dt.datetime.combine(meeting.date, meeting.start_time or DEFAULT_START, STOCKHOLM)
    if meeting.start_time:
        event.add("dtstart", start)
        if meeting.end_time:  # without one the event has no end (RFC 5545: it ends as it starts), none invented
            event.add("dtend", dt.datetime.combine(meeting.date, meeting.end_time, STOCKHOLM))
    else:
        event.add("dtstart", meeting.date)  # an all-day event when the time is not known
    if meeting.place:
        event.add("location", meeting.place)
    event.add("url", url)
    event.add("description", url)
    event.add("dtstamp", dt.datetime(meeting.date.year, meeting.date.month, meeting.date.day, tzinfo=dt.timezone.utc))
    return event


class DecisionFeed(Feed):
    """New decisions (§ with a decision) of one body, newest meeting first."""

    feed_type = XmlSafeAtom1Feed

    def get_object(self, request, body: str):
        return get_object_or_404(Body, slug=body)

    def title(self, body: Body) -> str:
        return f"{body.name} – beslut"

    def link(self, body: Body) -> str:
        return reverse("portal:body", args=[body.slug])

    def subtitle(self, body: Body) -> str:
        return f"Nya beslut i {body.name}"

    def items(self, body: Body):
        return Paragraph.objects.filter(meeting__body=body).exclude(decision="").select_related("meeting__body").order_by("-meeting__date", "-number")[:50]

    def item_title(self, item: Paragraph) -> str:
        return f"§ {item.number} {item.title}"

    def item_description(self, item: Paragraph) -> str:
        return item.decision  # masked with the whole feed (paragraf.privacy.layer)

    def item_link(self, item: Paragraph) -> str:
        return reverse("portal:paragraph", args=[item.meeting.body.slug, item.meeting.date, item.number])

    def item_pubdate(self, item: Paragraph) -> dt.datetime:
        return dt.datetime.combine(item.meeting.date, item.meeting.start_time or DEFAULT_START, STOCKHOLM)

    def item_updateddate(self, item: Paragraph) -> dt.datetime:
        return self.item_pubdate(item)

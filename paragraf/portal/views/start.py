"""The start page: upcoming and latest meetings, latest decisions, the search box."""
from __future__ import annotations

import datetime as dt

from django.shortcuts import render

from paragraf.records.models import Meeting, Organization, Paragraph

LATEST = 10
RECENT_MEETINGS = 50  # the latest decisions are looked for in the newest meetings first


def start(request):
    today = dt.date.today()
    meetings = Meeting.objects.select_related("body")
    context = {
        "upcoming": meetings.filter(date__gte=today).order_by("date")[:LATEST],
        "latest": meetings.filter(date__lt=today).order_by("-date")[:LATEST],
        "decisions": latest_decisions(LATEST),
        "organizations": Organization.objects.order_by("name"),
    }
    return render(request, "portal/start.html", context)


def latest_decisions(n: int) -> list[Paragraph]:
    """The n newest § with a decision (newest meeting first, then the highest number).

    Sorting every § by its meeting's date is slow on a large database: the newest
    meetings are taken first (all meetings on or after the date of the
    RECENT_MEETINGS-th newest, so ties stay in), and every meeting only when those hold
    fewer than n decisions."""
    decisions = Paragraph.objects.select_related("meeting__body").exclude(decision="").order_by("-meeting__date", "-number")
    dates = list(Meeting.objects.order_by("-date").values_list("date", flat=True)[:RECENT_MEETINGS])
    if len(dates) == RECENT_MEETINGS:
        recent = list(decisions.filter(meeting__in=Meeting.objects.filter(date__gte=dates[-1]))[:n])
        if len(recent) == n:
            return recent
    return list(decisions[:n])

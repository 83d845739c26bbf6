"""The start page: upcoming and latest meetings, latest decisions, the search box."""
from __future__ import annotations

import datetime as dt

from django.shortcuts import render

from paragraf.records.models import Meeting, Organization, Paragraph


def start(request):
    today = dt.date.today()
    meetings = Meeting.objects.select_related("body")
    context = {
        "upcoming": meetings.filter(date__gte=today).order_by("date")[:10],
        "latest": meetings.filter(date__lt=today).order_by("-date")[:10],
        "decisions": Paragraph.objects.select_related("meeting__body")
        .exclude(decision="")
        .order_by("-meeting__date", "-number")[:10],
        "organizations": Organization.objects.order_by("name"),
    }
    return render(request, "portal/start.html", context)

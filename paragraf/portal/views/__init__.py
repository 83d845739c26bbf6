"""Public pages. For now: the index of meetings with their §, linking to the admin."""
from __future__ import annotations

from django.db.models import Count, Prefetch
from django.shortcuts import render

from paragraf.records.models import Meeting, Paragraph


def meeting_index(request):
    meetings = (
        Meeting.objects.select_related("body", "body__organization")
        .annotate(paragraph_count=Count("paragraphs"))
        .prefetch_related(Prefetch("paragraphs", queryset=Paragraph.objects.only("id", "meeting_id", "number", "title", "case_number")))
        .order_by("-date", "body__name")
    )
    return render(request, "portal/meeting_index.html", {"meetings": meetings})

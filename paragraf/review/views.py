"""The review of a meeting, and a summary per body and year (staff, auditors; the public where allowed)."""
from __future__ import annotations

from collections import Counter

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from paragraf.records.models import Body, Meeting
from paragraf.review.access import may_see
from paragraf.review.engine import review


def _allowed(request, organization):
    if may_see(request.user, organization):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied("review")


def meeting(request, body: str, date):
    m = get_object_or_404(Meeting.objects.select_related("body__organization"), body__slug=body, date=date)
    if (refused := _allowed(request, m.body.organization)) is not None:
        return refused
    findings = list(review(Meeting.objects.filter(pk=m.pk)))
    return render(request, "review/meeting.html", {"meeting": m, "findings": findings,
                                                   "counts": Counter(f.severity.value for f in findings)})


def body_year(request, body: str, year: int):
    if not 1 <= year <= 9999:
        raise Http404("Inget sådant år.")
    b = get_object_or_404(Body.objects.select_related("organization"), slug=body)
    if (refused := _allowed(request, b.organization)) is not None:
        return refused
    meetings = Meeting.objects.filter(body=b, date__year=year)
    rows: dict[int, Counter] = {}
    names: dict[int, Meeting] = {m.pk: m for m in meetings}
    for finding in review(meetings):
        rows.setdefault(finding.meeting_id, Counter())[finding.severity.value] += 1
    summary = [(names[pk], rows.get(pk, Counter())) for pk in sorted(names, key=lambda pk: names[pk].date)]
    return render(request, "review/body_year.html", {"body": b, "year": year, "summary": summary})

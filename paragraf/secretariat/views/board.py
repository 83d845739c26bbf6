"""The digital notice board (anslagstavla, Kommunallagen 8 kap. 12 §): that a meeting's minutes are
justerade, when they were posted, the last day to appeal (13 kap. 5 §) and when the notice comes down;
a page, an Atom feed, and the justerade minutes as signed PDF."""
from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats
from django.utils.feedgenerator import Atom1Feed

from paragraf.records.models import Meeting
from paragraf.secretariat.models import Justering, Posting
from paragraf.secretariat.views.pdf import pdf_response


def current_postings(today: datetime.date | None = None):
    """The notices on the board today: posted, not yet taken down."""
    today = today or datetime.date.today()
    return (Posting.objects.filter(posted__lte=today, taken_down__gt=today, meeting__published=True)
            .select_related("meeting__body__organization", "meeting__justering").defer("meeting__justering__signed_pdf")
            .order_by("-posted", "meeting__body__name"))


def board(request):
    return render(request, "secretariat/board.html", {"postings": current_postings(),
                                                       "earlier": Posting.objects.filter(taken_down__lte=datetime.date.today())
                                                       .select_related("meeting__body").order_by("-posted")[:50]})


def _text(posting: Posting) -> str:
    meeting = posting.meeting
    day = lambda d: formats.date_format(d, "j F Y")  # noqa: E731
    return (f"Protokollet från {meeting.body.name} {day(meeting.date)} är justerat. Anslaget {day(posting.posted)}. "
            f"Sista dag att överklaga (laglighetsprövning): {day(posting.appeal_last_day)}. Anslaget tas ned {day(posting.taken_down)}.")


class BoardFeed(Feed):
    feed_type = Atom1Feed
    title = "Anslagstavlan – justerade protokoll"
    description = "Tillkännagivanden av justerade protokoll (kommunallagen 8 kap. 12 §)."

    def link(self):
        return reverse("secretariat:board")

    def items(self):
        return current_postings()

    def item_title(self, posting: Posting) -> str:
        return f"Justerat protokoll: {posting.meeting.body.name} {posting.meeting.date.isoformat()}"

    def item_description(self, posting: Posting) -> str:
        return _text(posting)

    def item_link(self, posting: Posting) -> str:
        return reverse("portal:meeting", args=[posting.meeting.body.slug, posting.meeting.date])

    def item_pubdate(self, posting: Posting) -> datetime.datetime:
        return datetime.datetime.combine(posting.posted, datetime.time(8, 0))


def signed_minutes(request, body: str, date):
    """The justerade minutes, signed, as posted."""
    meeting = get_object_or_404(Meeting.objects, body__slug=body, date=date)
    data = Justering.objects.filter(meeting=meeting, completed__isnull=False).values_list("signed_pdf", flat=True).first()
    if data is None:
        raise Http404("Protokollet är inte justerat.")
    return pdf_response(data, f"protokoll-{body}-{date.isoformat()}-justerat.pdf")

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

from paragraf.records.models import Meeting, Organization, OrganizationSettings
from paragraf.secretariat.models import Justering, Posting
from paragraf.secretariat.views.pdf import pdf_response


def current_postings(today: datetime.date | None = None, organization: Organization | None = None):
    """The notices on the board today: posted, not yet taken down; of one organisation, or of all."""
    today = today or datetime.date.today()
    postings = (Posting.objects.filter(posted__lte=today, taken_down__gt=today, meeting__published=True)
                .select_related("meeting__body__organization__settings", "meeting__justering").defer("meeting__justering__signed_pdf")
                .order_by("-posted", "meeting__body__name"))
    return postings if organization is None else postings.filter(meeting__body__organization=organization)


def _organization(org: str | None) -> Organization | None:
    return get_object_or_404(Organization, slug=org) if org else None


def board(request, org: str | None = None):
    """The board of every organisation, or of one (`/anslagstavla/<organisation>/`): each its own notice board."""
    organization = _organization(org)
    earlier = Posting.objects.filter(taken_down__lte=datetime.date.today()).select_related("meeting__body")
    if organization is not None:
        earlier = earlier.filter(meeting__body__organization=organization)
    return render(request, "secretariat/board.html", {
        "organization": organization, "organizations": Organization.objects.filter(bodies__meetings__posting__isnull=False).distinct(),
        "postings": current_postings(organization=organization), "earlier": earlier.order_by("-posted")[:50]})


def _text(posting: Posting) -> str:
    meeting = posting.meeting
    day = lambda d: formats.date_format(d, "j F Y")  # noqa: E731
    return (f"Protokollet från {meeting.body.name} {day(meeting.date)} är justerat. Anslaget {day(posting.posted)}. "
            f"Sista dag att överklaga (laglighetsprövning): {day(posting.appeal_last_day)}. Anslaget tas ned {day(posting.taken_down)}."
            + (f" Protokollet förvaras: {kept_at}." if (kept_at := minutes_kept_at(posting)) else ""))


def minutes_kept_at(posting: Posting) -> str:
    """Where the organisation keeps its minutes (its settings), as the notice must say; empty when not set."""
    return OrganizationSettings.of(posting.meeting.body.organization).minutes_kept_at


class BoardFeed(Feed):
    feed_type = Atom1Feed
    description = "Tillkännagivanden av justerade protokoll (kommunallagen 8 kap. 12 §)."

    def get_object(self, request, org: str | None = None) -> Organization | None:
        return _organization(org)

    def title(self, organization: Organization | None) -> str:
        return f"Anslagstavlan – justerade protokoll{f' – {organization.name}' if organization else ''}"

    def link(self, organization: Organization | None) -> str:
        return reverse("secretariat:organization_board", args=[organization.slug]) if organization else reverse("secretariat:board")

    def items(self, organization: Organization | None):
        return current_postings(organization=organization)

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

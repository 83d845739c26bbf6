"""OParl agenda items and consultations, read from two kinds of record.

A meeting with minutes has one agenda item per § (`paragraph`); a meeting known only from its
notice has the notice's agenda items (`notice`). A consultation is such an item carrying a case.
Ids keep the two apart: `agenda-item/paragraph/<pk>/`, `agenda-item/notice/<pk>/`.
"""
from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from paragraf.records.models import AgendaItem, Body, Paragraph, Vote

PREPARING_KINDS = {Body.Kind.COMMITTEE, Body.Kind.PRESIDIUM, Body.Kind.DRAFTING}


def paragraphs(**meeting_filter) -> QuerySet[Paragraph]:
    votes = Prefetch("votes", queryset=Vote.objects.order_by("position"))
    rows = Paragraph.objects.filter(**{f"meeting__{k}": v for k, v in meeting_filter.items()})
    return rows.select_related("meeting__body", "case__organization").prefetch_related(votes).order_by("pk")


def notice_items(**meeting_filter) -> QuerySet[AgendaItem]:
    """Agenda items of the notices of meetings that have no minutes (§) yet."""
    minutes = Paragraph.objects.filter(meeting=OuterRef("meeting"))
    rows = AgendaItem.objects.filter(**{f"meeting__{k}": v for k, v in meeting_filter.items()})
    return rows.filter(~Exists(minutes)).select_related("meeting__body", "case__organization").order_by("pk")


def kind_of(item) -> str:
    return "paragraph" if isinstance(item, Paragraph) else "notice"


def consultation_role(item) -> str:
    """`beredning` when the body prepares the case for another, `beslut` when it decides."""
    if item.meeting.body.kind in PREPARING_KINDS:
        return "beredning"
    decision = getattr(item, "decision", "")
    if decision and "föreslår" in decision[:200].lower():
        return "beredning"
    return "beslut"


def is_authoritative(item) -> bool:
    return isinstance(item, Paragraph) and consultation_role(item) == "beslut" and bool(item.decision)


def vote_result(paragraph: Paragraph) -> str:
    """The counts of the votes taken on a §, in Swedish: `Omröstning: 9 ja, 6 nej, 0 avstår`."""
    votes = list(paragraph.votes.all())
    return "; ".join(f"Omröstning: {v.yes} ja, {v.no} nej, {v.abstain} avstår" for v in votes)

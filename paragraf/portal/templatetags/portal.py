"""Template filters of the portal: masking personal data, Swedish numbers, addresses of records."""
from __future__ import annotations

from django import template
from django.urls import reverse

from paragraf.records.privacy import mask_personal_data

register = template.Library()


@register.filter
def public(text, show_private: bool = False) -> str:
    """Text as the public may see it: personal data masked unless staff are logged in."""
    if text is None:
        return ""
    return str(text) if show_private else mask_personal_data(str(text))


@register.filter
def sv_number(value) -> str:
    """1234567 → `1 234 567` (Swedish: a narrow no-break space between thousands)."""
    try:
        return f"{int(value):,}".replace(",", "\u202f")
    except (TypeError, ValueError):
        return "" if value is None else str(value)


@register.filter
def percent(value) -> str:
    """0.857 → `86 %`."""
    if value is None:
        return "–"
    return f"{round(value * 100)}\u00a0%"


@register.simple_tag
def meeting_url(meeting) -> str:
    return reverse("portal:meeting", args=[meeting.body.slug, meeting.date])


@register.simple_tag
def paragraph_url(paragraph) -> str:
    meeting = paragraph.meeting
    return reverse("portal:paragraph", args=[meeting.body.slug, meeting.date, paragraph.number])


@register.simple_tag
def case_url(case) -> str:
    return reverse("portal:case", args=[case.organization.slug, case.year, case.serial])

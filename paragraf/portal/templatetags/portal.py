"""Template filters of the portal: masking personal data, Swedish numbers, addresses of records."""
from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from paragraf.portal import follow as following
from paragraf.portal.lines import line_url

register = template.Library()


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


@register.simple_tag(takes_context=True)
def follow(context, kind: str, *what) -> SafeString:
    """The ways to follow the page other apps offer (`portal/follow.py`): `{% follow "body" body %}`,
    `"case" case`, `"person" person`, `"search" query_string words`; nothing when none is offered."""
    made = {"body": following.body, "case": following.case, "person": following.person, "search": following.search}
    followed = made[kind](*what)
    return following.panels(context.get("request"), followed)


@register.simple_tag
def source_line_url(source_id: int, line: int | None) -> str:
    """The source page at a line, on the page of lines that holds it (`/kallor/3/?fran=2001#L2345`)."""
    return line_url(source_id, line)


@register.simple_tag
def numbered_lines(lines) -> SafeString:
    """Text lines with their source line numbers as anchors (`#L123`); the view masked them
    (`lines.masked_span`), with the lines around the page. Built here rather than in a template
    loop: a page of a packet has 1000 lines."""
    parts = []
    for n, text in lines:
        shown = escape(text)
        parts.append(f'<span id="L{n}"><a class="ln" href="#L{n}" aria-label="rad {n}">{n}</a> {shown}</span>\n')
    return mark_safe("".join(parts))

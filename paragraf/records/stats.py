"""Plain-text summaries for the command line: what the database holds, and why names were merged."""
from __future__ import annotations

from django.db.models import Count, Q

from paragraf.records.models import Body, Meeting, Organization, Person


def stats_lines() -> list[str]:
    lines = []
    for org in Organization.objects.order_by("name"):
        bodies = Body.objects.filter(organization=org).order_by("name")
        lines.append(f"{org.name}: {bodies.count()} bodies, {org.cases.count()} cases, {org.documents.count()} documents")
        for body in bodies:
            meetings = (
                Meeting.objects.filter(body=body)
                .annotate(n=Count("paragraphs", distinct=True), copies=Count("paragraphs__copies__source_file", distinct=True))
                .order_by("date")
            )
            for meeting in meetings:
                packets = _packets(meeting)
                times = "once" if packets <= 1 else f"from {packets} packets"
                lines.append(f"  {body.name} {meeting.date.isoformat()}: {meeting.n} §, {times} ({', '.join(meeting.sources)})")
    people = Person.objects.count()
    lines.append(f"{people} people, {Meeting.objects.count()} meetings")
    return lines


def _packets(meeting: Meeting) -> int:
    files = set(meeting.paragraphs.values_list("copies__source_file", flat=True))
    files |= {meeting.notice_source_id, meeting.minutes_source_id}
    return len(files - {None})


def explain_person_lines(name: str) -> list[str]:
    people = (Person.objects.filter(Q(name__icontains=name) | Q(aliases__name__icontains=name)).distinct()
              .select_related("party", "organization"))
    lines = []
    for person in people.order_by("name", "organization__name"):
        where = f" in {person.organization.name}" if person.organization_id else ""
        lines.append(f"{person.name} ({person.party or 'inget parti'}){where} [{person.slug}]")
        for alias in person.aliases.order_by("pk"):
            lines.append(f"  as {alias.name!r}: {alias.reason}")
        roles = person.memberships.select_related("body", "term").order_by("first_seen")
        for m in roles:
            lines.append(f"  {m.get_role_display()} in {m.body.name} {m.first_seen} – {m.last_seen}")
    return lines


def explain_body_lines(name: str) -> list[str]:
    bodies = Body.objects.filter(Q(name__icontains=name) | Q(aliases__name__icontains=name)).distinct()
    lines = []
    for body in bodies.order_by("name"):
        parent = f", part of {body.parent.name}" if body.parent else ""
        lines.append(f"{body.name} ({body.get_kind_display()}{parent}) in {body.organization.name}")
        for alias in body.aliases.order_by("pk"):
            lines.append(f"  as {alias.name!r}: {alias.reason}")
    return lines

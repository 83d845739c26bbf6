"""Records as the native API shows them: JSON-ready dicts with integer ids and absolute `url`s to follow.

Every field is always present; what the records leave blank is null. Free text (decisions, proposals,
dissents, source lines …) has personal data masked; names as written are kept. Each shape here has
its schema under the same name in `schema.py`.
"""
from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from paragraf.privacy.layer import mask_lines
from paragraf.privacy.rules import current_masker


class Links:
    """Absolute addresses: `api` for the native API, `web` for the portal page of the same record."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def api(self, name: str, *args) -> str:
        return self.request.build_absolute_uri(reverse(f"native:{name}", args=args))

    def web(self, name: str, *args) -> str:
        return self.request.build_absolute_uri(reverse(f"portal:{name}", args=args))


def text(value: str | None) -> str | None:
    return value or None


def public(value: str | None) -> str | None:
    """Free text: personal data is masked for the whole API in `paragraf.api.http` (one layer)."""
    return value or None


def span(links: Links, record) -> dict | None:
    """Where a record was read: the source file and its 1-based line span, with the address of those lines."""
    if not record.source_file_id:
        return None
    url = links.api("source_file", record.source_file_id)
    if record.first_line and record.last_line:
        url += f"?first_line={record.first_line}&last_line={record.last_line}"
    return {"source_file": record.source_file_id, "first_line": record.first_line, "last_line": record.last_line, "url": url}


def file_ref(links: Links, file_id: int | None) -> dict | None:
    return None if file_id is None else {"id": file_id, "url": links.api("source_file", file_id)}


def organization_ref(organization) -> dict:
    return {"id": organization.pk, "slug": organization.slug, "name": organization.name}


def body_ref(body) -> dict:
    return {"id": body.pk, "slug": body.slug, "name": body.name, "kind": body.kind}


def person_ref(links: Links, person) -> dict | None:
    return None if person is None else {"id": person.pk, "name": person.name, "url": links.api("person", person.pk)}


def case_ref(links: Links, case) -> dict | None:
    return None if case is None else {"id": case.pk, "number": case.number, "title": text(case.title), "url": links.api("case", case.pk)}


def meeting_ref(links: Links, meeting) -> dict:
    return {"id": meeting.pk, "url": links.api("meeting", meeting.pk), "date": meeting.date, "body": body_ref(meeting.body)}


# Meetings


def meeting_summary(links: Links, meeting) -> dict:
    body = meeting.body
    return {
        "id": meeting.pk,
        "url": links.api("meeting", meeting.pk),
        "web_url": links.web("meeting", body.slug, meeting.date),
        "organization": organization_ref(body.organization),
        "body": body_ref(body),
        "date": meeting.date,
        "start_time": meeting.start_time,
        "end_time": meeting.end_time,
        "place": text(meeting.place),
        "modified": meeting.modified,
    }


def meeting_detail(links: Links, meeting, attendance, invitations, agenda, paragraphs) -> dict:
    return meeting_summary(links, meeting) | {
        "adjournment": text(meeting.adjournment),
        "signatories": {"chair": text(meeting.chair), "secretary": text(meeting.secretary), "adjusters": list(meeting.adjusters)},
        "sources": {"notice": file_ref(links, meeting.notice_source_id), "minutes": file_ref(links, meeting.minutes_source_id)},
        "attendance": [attendance_row(links, row) for row in attendance],
        "invited": [invitation_row(links, row) for row in invitations],
        "agenda": [agenda_row(links, row) for row in agenda],
        "paragraphs": [paragraph_line(links, row) for row in paragraphs],
    }


def attendance_row(links: Links, row) -> dict:
    replaces = None
    if row.replaces_id or row.replaces_name:
        replaces = {"person": person_ref(links, row.replaces), "name": text(row.replaces_name)}
    return {
        "position": row.position,
        "name": row.name,
        "party": text(row.party),
        "group": row.group,
        "role": text(row.role),
        "person": person_ref(links, row.person),
        "replaces": replaces,
        "paragraphs": text(row.paragraphs),
        "source": span(links, row),
    }


def invitation_row(links: Links, row) -> dict:
    return {
        "position": row.position,
        "name": row.name,
        "party": text(row.party),
        "group": row.group,
        "role": text(row.role),
        "person": person_ref(links, row.person),
        "source": span(links, row),
    }


def agenda_row(links: Links, row) -> dict:
    return {
        "position": row.position,
        "number": row.number,
        "title": public(row.title),
        "section": text(row.section),
        "presenter": public(row.presenter),
        "case_number": text(row.case_number),
        "case": case_ref(links, row.case),
        "source": span(links, row),
    }


def paragraph_line(links: Links, paragraph) -> dict:
    return {
        "id": paragraph.pk,
        "url": links.api("paragraph", paragraph.pk),
        "number": paragraph.number,
        "title": public(paragraph.title),
        "case_number": text(paragraph.case_number),
        "case": case_ref(links, paragraph.case),
    }


# Paragraphs (§)


def paragraph_summary(links: Links, paragraph) -> dict:
    meeting = paragraph.meeting
    return paragraph_line(links, paragraph) | {
        "web_url": links.web("paragraph", meeting.body.slug, meeting.date, paragraph.number),
        "meeting": meeting_ref(links, meeting),
        "modified": paragraph.modified,
    }


def paragraph_detail(links: Links, paragraph) -> dict:
    return paragraph_summary(links, paragraph) | {
        "decision": public(paragraph.decision),
        "summary": public(paragraph.summary),
        "basis": [public(item) for item in paragraph.basis if item],
        "procedure": public(paragraph.procedure),
        "recipients": [public(item) for item in paragraph.recipients if item],
        "pages": paragraph.pages,
        "proposals": [proposal(links, row) for row in paragraph.proposals.all()],
        "votes": [vote(links, row) for row in paragraph.votes.all()],
        "elections": [election(links, row) for row in paragraph.elections.all()],
        "dissents": [dissent(links, row) for row in paragraph.dissents.all()],
        "statements": [statement(links, row) for row in paragraph.statements.all()],
        "copies": [span(links, copy) for copy in paragraph.copies.all() if copy.source_file_id],
        "source": span(links, paragraph),
    }


def proposal(links: Links, row) -> dict:
    return {
        "position": row.position,
        "by": text(row.by),
        "person": person_ref(links, row.person),
        "party": text(row.party),
        "proposers": [person_ref(links, person) for person in row.proposers.all()],
        "text": public(row.text) or "",
        "source": span(links, row),
    }


def vote(links: Links, row) -> dict:
    return {
        "position": row.position,
        "method": row.method,
        "yes": row.yes,
        "no": row.no,
        "abstain": row.abstain,
        "options": [{"label": option["label"], "party": option.get("party"), "count": option["count"]} for option in row.options],
        "yes_option": public(row.yes_option),
        "no_option": public(row.no_option),
        "ballots": [ballot(links, b) for b in row.ballots.all()],
        "source": span(links, row),
    }


def ballot(links: Links, row) -> dict:
    return {"position": row.position, "name": row.name, "party": text(row.party), "person": person_ref(links, row.person), "choice": row.choice}


def election(links: Links, row) -> dict:
    return {
        "position": row.position,
        "kind": row.kind,
        "name": row.name,
        "person": person_ref(links, row.person),
        "party": text(row.party),
        "post": text(row.post),
        "organisation": text(row.organisation),
        "sub_body": text(row.sub_body),
        "period": text(row.period),
        "source": span(links, row),
    }


def dissent(links: Links, row) -> dict:
    return {
        "position": row.position,
        "text": public(row.text) or "",
        "people": [person_ref(links, person) for person in row.people.all()],
        "source": span(links, row),
    }


def statement(links: Links, row) -> dict:
    return {
        "position": row.position,
        "by": text(row.by),
        "person": person_ref(links, row.person),
        "text": public(row.text) or "",
        "source": span(links, row),
    }


# People


def person_summary(links: Links, person) -> dict:
    return {
        "id": person.pk,
        "url": links.api("person", person.pk),
        "web_url": links.web("person", person.slug),
        "name": person.name,
        "party": person.party.abbreviation if person.party else None,
        "organization": organization_ref(person.organization) if person.organization_id else None,
        "modified": person.modified,
    }


def person_detail(links: Links, person, memberships, facts) -> dict:
    party = person.party
    return person_summary(links, person) | {
        "party_name": text(party.name) if party else None,
        "aliases": sorted(alias.name for alias in person.aliases.all()),
        "memberships": [membership(row) for row in memberships],
        "ballots": facts.ballot_counts,
        "facts": facts.summary(),
        "meetings": [meeting_part(links, m) for m in facts.meetings],
        "reservations": [{"paragraph": links.api("paragraph", d.paragraph_id), "text": public(d.text) or ""}
                         for d in facts.reservations],
        "proposals": [{"paragraph": links.api("paragraph", p.paragraph_id), "text": public(p.text) or ""}
                      for p in facts.proposals],
        "votes": [{"paragraph": links.api("paragraph", b.vote.paragraph_id), "choice": b.choice,
                   "option": public(b.option)} for b in facts.ballots],
    }


def meeting_part(links: Links, seat) -> dict:
    """One meeting of a person: what they did there (`records.serving`, a stored `Seat`)."""
    meeting = seat.meeting
    return {
        "meeting": links.api("meeting", meeting.pk),
        "body": meeting.body.name,
        "date": meeting.date,
        "status": seat.status,
        "serves_for": text(seat.serves_for),
        "replaced_by": list(seat.replaced_by),
        "paragraphs": text(seat.paragraphs),
    }


def membership(row) -> dict:
    return {
        "body": body_ref(row.body),
        "term": row.term.name,
        "role": row.role,
        "party": row.party.abbreviation if row.party else None,
        "first_seen": row.first_seen,
        "last_seen": row.last_seen,
    }


# Cases


def case_summary(links: Links, case) -> dict:
    organization = case.organization
    return {
        "id": case.pk,
        "url": links.api("case", case.pk),
        "web_url": links.web("case", organization.slug, case.year, case.serial),
        "organization": organization_ref(organization),
        "number": case.number,
        "year": case.year,
        "serial": case.serial,
        "title": text(case.title),
        "modified": case.modified,
    }


def case_detail(links: Links, case, path) -> dict:
    return case_summary(links, case) | {"prefixes": list(case.prefixes), "path": [step(links, s) for s in path]}


def step(links: Links, s) -> dict:
    """One step of a case's path: a document, a § or an agenda item, or a step a § cites (`cited`:
    `url` and `web_url` are the § that cites it)."""
    record = s.record
    if s.kind == "cited":
        meeting = record.paragraph.meeting
        return {
            "date": s.date, "kind": s.kind, "label": s.label, "body": s.body, "id": record.pk,
            "title": public(record.text), "url": links.api("paragraph", record.paragraph_id),
            "web_url": links.web("paragraph", meeting.body.slug, meeting.date, record.paragraph.number),
            "source": span(links, record),
        }
    if s.kind == "paragraph":
        meeting = record.meeting
        url = links.api("paragraph", record.pk)
        web_url = links.web("paragraph", meeting.body.slug, meeting.date, record.number)
    elif s.kind == "agenda_item":
        meeting = record.meeting
        url = links.api("meeting", meeting.pk)
        web_url = links.web("meeting", meeting.body.slug, meeting.date)
    else:
        url, web_url = None, links.web("document", record.pk)
    return {
        "date": s.date,
        "kind": s.kind,
        "label": s.label,
        "body": s.body,
        "id": record.pk,
        "title": public(record.title),
        "url": url,
        "web_url": web_url,
        "source": span(links, record),
    }


# Indicators and source files


def indicator(links: Links, row) -> dict:
    return {
        "id": row.pk,
        "organization": organization_ref(row.organization),
        "report": text(row.report),
        "perspective": text(row.perspective),
        "level": text(row.level),
        "label": public(row.label) or "",
        "target": text(row.target),
        "result": text(row.result),
        "year": row.year,
        "unit": text(row.unit),
        "source": span(links, row),
        "modified": row.modified,
    }


def source_file(links: Links, file, lines: list[tuple[int, str]] | None) -> dict:
    return {
        "id": file.pk,
        "url": links.api("source_file", file.pk),
        "web_url": links.web("source", file.pk),
        "name": file.name,
        "kind": file.kind,
        "line_count": file.line_count,
        "parser_version": file.parser_version,
        "imported_at": file.imported_at,
        "updated_at": file.updated_at,
        "lines": None if lines is None else [{"number": n, "text": line} for n, line in mask_lines(lines, current_masker())],
    }


# What the native API calls each kind of removed record, and where it was (None: it had no address)
REMOVED_ADDRESSES = {"meeting": "meeting", "paragraph": "paragraph", "person": "person", "case": "case", "source_file": "source_file"}


def removed(links: Links, row) -> dict:
    address = REMOVED_ADDRESSES.get(row.kind)
    return {
        "id": row.pk,
        "kind": row.kind,
        "record": row.object_id,
        "url": links.api(address, row.object_id) if address else None,
        "created": row.created,
        "removed": row.deleted,
    }

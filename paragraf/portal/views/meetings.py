"""A meeting (header, notice, attendance, every §) and one § with its source lines."""
from __future__ import annotations

import re

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from paragraf.portal.lines import masked_span
from paragraf.privacy.layer import masker_for
from paragraf.privacy.masking import Masker
from paragraf.records.basis import BasisLink, link_basis
from paragraf.records.models import CitedStep, Document, Election, Meeting, Paragraph, SourceFile, Vote
from paragraf.records.registers import reported_at, reported_under
from paragraf.secretariat.published import posted_minutes, published_notice
from paragraf.portal import crumbs
from paragraf.portal.original import line_pages
from paragraf.records.placing import meeting_files

ATTENDANCE_GROUPS = [
    ("beslutande", "Beslutande"),
    ("ersättare", "Ersättare"),
    ("adjungerad", "Adjungerade"),
    ("personalrepresentant", "Personalrepresentanter"),
    ("övriga", "Övriga närvarande"),
]
INVITED_GROUPS = [
    ("ledamot", "Ledamöter"),
    ("ersättare", "Ersättare"),
    ("adjungerad", "Adjungerade"),
    ("regionråd", "Regionråd"),
    ("tjänsteman", "Tjänstemän"),
    ("personalrepresentant", "Personalrepresentanter"),
]


def _grouped(rows, groups):
    by_group = {}
    for row in rows:
        by_group.setdefault(row.group, []).append(row)
    known = [(label, by_group.pop(key)) for key, label in groups if key in by_group]
    return known + [(key, rows) for key, rows in by_group.items()]


def get_meeting(body: str, date) -> Meeting:
    packets = Meeting.objects.select_related("body__organization", "notice_source", "minutes_source").defer(
        "notice_source__text", "notice_source__data", "minutes_source__text", "minutes_source__data")
    return get_object_or_404(packets, body__slug=body, date=date)


def meeting(request, body: str, date):
    meeting = get_meeting(body, date)
    # Each § is shown with its link and its case's link: the meeting and the cases' organisations
    # come with the rows, not one query per §.
    paragraphs = list(meeting.paragraphs.select_related("case__organization").order_by("number")
                      .annotate(n_votes=Count("votes", distinct=True), n_dissents=Count("dissents", distinct=True),
                                n_elections=Count("elections", filter=Q(elections__kind=Election.Kind.ELECTION), distinct=True)))
    for p in paragraphs:
        p.meeting = meeting
        p.markers = markers(p)
    agenda = list(meeting.agenda_items.select_related("case__organization").order_by("position"))
    attendance = meeting.attendances.select_related("person", "replaces").order_by("position")
    invited = meeting.invitations.select_related("person").order_by("position")
    case_ids = {p.case_id for p in paragraphs if p.case_id} | {a.case_id for a in agenda if a.case_id}
    documents = Document.objects.filter(case_id__in=case_ids).exclude(kind__in=["protokoll", "protokollsutdrag", "kallelse"]).order_by("date", "title")
    sources = SourceFile.objects.filter(pk__in={meeting.notice_source_id, meeting.minutes_source_id} | set(
        meeting.paragraphs.values_list("copies__source_file", flat=True))).only("id", "name")
    notice = published_notice(meeting, request.user)  # a notice published from the secretariat, with its documents
    for item in agenda:
        item.secretariat_documents = notice.documents.get(item.pk, []) if notice else []
    files = meeting_files([meeting], [])[meeting.pk]
    context = {
        "meeting": meeting,
        "files": files,
        "downloads": [(label, doc) for label, doc in (("Protokollet", files.minutes), ("Kallelsen", files.invitation)) if doc],
        "agenda": agenda,
        "attendance_groups": _grouped(attendance, ATTENDANCE_GROUPS),
        "invited_groups": _grouped(invited, INVITED_GROUPS),
        "paragraphs": paragraphs,
        "documents": documents,
        "sources": sources,
        "notice": notice,
        "posted": posted_minutes(meeting),
        "registers": reported_at(meeting),
        "crumbs": crumbs.here(crumbs.meeting(meeting)),
    }
    return render(request, "portal/meeting.html", context)


# `Regionstyrelsen föreslår regionfullmäktige att …`: a decision that goes on to fullmäktige
TO_ASSEMBLY = re.compile(r"\bföreslå(?:r|s)?\b[^.]{0,60}?fullmäktige", re.I)


def markers(paragraph: Paragraph) -> list[str]:
    """What a reader of the meeting's overview looks for in a §, in words: a vote, a reservation, an
    election, a decision that goes on to fullmäktige (a proposal to it, or sent to it)."""
    found = []
    if paragraph.n_votes:
        found.append("omröstning")
    if paragraph.n_dissents:
        found.append("reservation")
    if paragraph.n_elections:
        found.append("val")
    if any("fullmäktige" in r.lower() for r in paragraph.recipients) or TO_ASSEMBLY.search(paragraph.decision or ""):
        found.append("till fullmäktige")
    return found


def paragraph(request, body: str, date, number: int):
    votes = Prefetch("votes", queryset=Vote.objects.prefetch_related("ballots__person").order_by("position"))
    paragraph = get_object_or_404(
        Paragraph.objects.select_related("meeting__body__organization", "case__organization", "source_file").prefetch_related(
            votes, "proposals__person", "proposals__proposers", "elections__person", "dissents__people", "statements__person",
            "disqualified", "documents", "cited_steps"
        ).defer("source_file__text", "source_file__data"),
        meeting__body__slug=body,
        meeting__date=date,
        number=number,
    )
    meeting = paragraph.meeting
    elections = list(paragraph.elections.all())
    context = {
        "meeting": meeting,
        "paragraph": paragraph,
        "votes": [(vote, _sides(vote)) for vote in paragraph.votes.all()],
        "appointments": [("Val", [e for e in elections if e.kind == Election.Kind.ELECTION]),
                         ("Nomineringar (inget val: förslag till den som utser)", [e for e in elections if e.kind == Election.Kind.NOMINATION])],
        "basis": _basis(paragraph),
        "source_lines": _source_lines(paragraph, masker_for(request)),
        "original_page": _original_page(paragraph),
        "previous": meeting.paragraphs.filter(number__lt=paragraph.number).order_by("-number").only("number").first(),
        "next": meeting.paragraphs.filter(number__gt=paragraph.number).order_by("number").only("number").first(),
        "register": reported_under(paragraph),
        "crumbs": crumbs.paragraph(paragraph),
    }
    return render(request, "portal/paragraph.html", context)


def _basis(paragraph: Paragraph) -> list[tuple[BasisLink, CitedStep | None]]:
    """Each basis item with the document it names, or the step of the case it cites."""
    cited = {step.text: step for step in paragraph.cited_steps.all()}
    return [(link, cited.get(link.text)) for link in link_basis(paragraph.basis, list(paragraph.documents.all()))]


def _sides(vote: Vote) -> list[tuple[str, list]]:
    sides = {"yes": [], "no": [], "abstain": []}
    for ballot in vote.ballots.all():
        sides[ballot.choice].append(ballot)
    return [("Ja", sides["yes"]), ("Nej", sides["no"]), ("Avstår", sides["abstain"])]


def _original_page(paragraph: Paragraph) -> int | None:
    """The page of a PDF packet the § begins on (None for a text packet)."""
    if not (paragraph.source_file_id and paragraph.first_line and paragraph.source_file.kind == "pdf"):
        return None
    return line_pages(paragraph.source_file_id, paragraph.first_line, paragraph.first_line).start


def _source_lines(paragraph: Paragraph, masker: Masker | None) -> list[tuple[int, str]]:
    """The lines of the packet the § was read from ('så stod det i handlingen')."""
    if not (paragraph.source_file_id and paragraph.first_line and paragraph.last_line):
        return []
    return masked_span(paragraph.source_file_id, paragraph.first_line, paragraph.last_line, masker)

"""Delegated decisions in the secretariat: a delegate records one (checked against the body's delegation
scheme in force on the decision date, by the review's own judgement: `review.delegation_facts`), and
the register for a meeting is made from what is unreported: the decisions taken by the meeting's date
are reported at it, under the agenda item `Anmälan av delegationsbeslut`, with the register as a PDF
attached to the item (so it goes into the packet like any document)."""
from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from paragraf.records.models import AgendaItem, Body, Case, DelegatedDecision, Meeting, OrganizationSettings
from paragraf.review.delegation_facts import Judgement, check_decision
from paragraf.secretariat import agenda
from paragraf.secretariat.models import AgendaDocument, CaseDocument, Justering
from paragraf.secretariat.numbering import register_case
from paragraf.secretariat.typeset.packet import pdf_page_count
from paragraf.secretariat.typeset.register import TITLE as REGISTER_TITLE
from paragraf.secretariat.typeset.register import DelegationRegister, RegisterRow, register_pdf

REGISTER_ITEM = "Anmälan av delegationsbeslut"  # the standard item's title (agenda.DEFAULT_STANDARD_ITEMS)


class NotInPreparation(ValueError):
    """The meeting is justerad or its justering has begun: what was reported at it stays as it is."""


def decisions_of(body: Body) -> tuple[list[DelegatedDecision], list[DelegatedDecision]]:
    """The body's delegated decisions: the unreported (oldest first) and the reported (latest meeting first)."""
    rows = DelegatedDecision.objects.filter(body=body).select_related("case", "reported_at")
    unreported = list(rows.filter(reported_at__isnull=True).order_by("decided_on", "position", "pk"))
    reported = list(rows.filter(reported_at__isnull=False).order_by("-reported_at__date", "decided_on", "position", "pk"))
    return unreported, reported


def record(body: Body, user, *, point: str, title: str, case: Case | None, decided_on: datetime.date, delegate: str,
           delegate_role: str) -> tuple[DelegatedDecision, Judgement]:
    """A decision taken on the body's behalf, recorded whatever the scheme says (a delegation scheme may be
    out of date), with the judgement of it against the scheme in force on `decided_on`."""
    with transaction.atomic():
        last = (DelegatedDecision.objects.filter(organization=body.organization, source_file__isnull=True)
                .aggregate(n=Max("position"))["n"] or 0)
        decision = DelegatedDecision.objects.create(
            organization=body.organization, body=body, recorded_by=user, source_file=None, position=last + 1,
            point=point, title=title, case=case, decided_on=decided_on, delegate=delegate, delegate_role=delegate_role)
    return decision, check_decision(body.pk, decided_on, point, title, delegate_role)


@dataclass(frozen=True)
class Report:
    added: int  # decisions newly reported at the meeting
    total: int  # all reported at it
    item: AgendaItem | None  # None when there was nothing to report


def in_preparation(meeting: Meeting) -> bool:
    """Not justerad and its justering not begun: what it reports may still change."""
    return not meeting.locked and not Justering.objects.filter(meeting=meeting).exists()


def report_at(meeting: Meeting, user) -> Report:
    """Report at the meeting every unreported decision of its body taken by its date: `reported_at` set,
    the item `Anmälan av delegationsbeslut` found by its title (or added, with a case of its own for the
    register, as the seed registers have), the register PDF made anew and attached to it. Decisions
    reported at another meeting are never moved. One transaction."""
    if not in_preparation(meeting):
        raise NotInPreparation(f"{meeting} är justerat; det som anmäldes vid sammanträdet ändras inte.")
    with transaction.atomic():
        new = list(DelegatedDecision.objects.select_for_update()
                   .filter(body=meeting.body, reported_at__isnull=True, decided_on__lte=meeting.date))
        reported = DelegatedDecision.objects.filter(reported_at=meeting)
        if not new and not reported.exists():
            return Report(0, 0, None)
        item = _register_item(meeting)
        for decision in new:  # saved one by one: `records.changes` moves what lists them forward
            decision.reported_at, decision.register_case = meeting, item.case
            decision.save(update_fields=["reported_at", "register_case", "modified"])
        rows = list(reported.select_related("case").order_by("decided_on", "position", "pk"))
        _attach_register(meeting, item, rows, user)
    return Report(len(new), len(rows), item)


def _register_item(meeting: Meeting) -> AgendaItem:
    item = AgendaItem.all_objects.filter(meeting=meeting, title=REGISTER_ITEM).select_related("case").order_by("position").first()
    if item is None:
        item = agenda.add_item(meeting, title=REGISTER_ITEM)
    if item.case is None:
        organization = meeting.body.organization
        item.case = register_case(organization, meeting.date.year, OrganizationSettings.of(organization).case_prefix,
                                  f"{REGISTER_ITEM} till {meeting.body.name} {meeting.date.isoformat()}")
        item.case_number = item.case.number
        item.save(update_fields=["case", "case_number", "modified"])
    return item


def _attach_register(meeting: Meeting, item: AgendaItem, rows: list[DelegatedDecision], user) -> None:
    register = DelegationRegister(
        organisation=meeting.body.organization.name, body=meeting.body.name, date=meeting.date,
        rows=tuple(RegisterRow(point=d.point, title=d.title, case_number=d.case.number if d.case else "",
                               decided_on=d.decided_on, delegate=d.delegate) for d in rows))
    data = register_pdf(register)
    fields = dict(date=datetime.date.today(), pages=pdf_page_count(data), size=len(data),
                  sha256=hashlib.sha256(data).hexdigest(), data=data, uploaded_by=user)
    link = AgendaDocument.objects.filter(agenda_item=item, document__title=REGISTER_TITLE).first()
    if link is not None:  # made anew in place: the same document, its change in its history
        document = CaseDocument.with_data.get(pk=link.document_id)
        for name, value in fields.items():
            setattr(document, name, value)
        document.save()
        return
    document = CaseDocument.with_data.create(
        case=item.case, title=REGISTER_TITLE, kind=CaseDocument.Kind.REPORT, confidential=False,
        file_name=f"delegationsbeslut-{meeting.body.slug}-{meeting.date.isoformat()}.pdf", **fields)
    last = AgendaDocument.objects.filter(agenda_item=item).count()
    AgendaDocument.objects.create(agenda_item=item, document=document, position=last + 1)

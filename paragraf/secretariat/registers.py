"""The registers a meeting is told of, made in the secretariat from what is unreported: delegated
decisions (`Anmälan av delegationsbeslut`, `delegation.py`) and information documents (`Anmälan av
informationshandlingar`, `information.py`). What the body has on record, dated by the meeting's date and
not yet reported, is reported at it under the register's agenda item (found by its title, or added with
a case of its own for the register, as the seed registers have), with the register typeset as a PDF
attached to the item (so it goes into the packet like any document). The kinds differ only in their
`RegisterKind`: the model, the item's title, the date that says by when, the PDF's layout and row."""
from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import Max

from paragraf.records.models import AgendaItem, Body, Meeting, OrganizationSettings
from paragraf.secretariat import agenda
from paragraf.secretariat.models import AgendaDocument, CaseDocument, Justering
from paragraf.secretariat.numbering import register_case
from paragraf.secretariat.typeset.packet import pdf_page_count
from paragraf.secretariat.typeset.register import Layout, Register, register_pdf


@dataclass(frozen=True)
class RegisterKind:
    model: type[models.Model]  # DelegatedDecision or InformationDocument: `body`, `reported_at`, `register_case`
    item_title: str  # the agenda item that reports them (agenda.DEFAULT_STANDARD_ITEMS)
    dated_by: str  # the model's date field: reported at the first meeting on or after it
    layout: Layout  # the register PDF's title and columns
    file_stem: str  # the PDF's file name: `<stem>-<body>-<date>.pdf`
    cells: Callable[[models.Model], tuple[str, ...]]  # one row of the register, a text a column of the layout

    @property
    def order(self) -> tuple[str, ...]:
        return (self.dated_by, "position", "pk")


class NotInPreparation(ValueError):
    """The meeting is justerad or its justering has begun: what was reported at it stays as it is."""


@dataclass(frozen=True)
class Report:
    added: int  # entries newly reported at the meeting
    total: int  # all reported at it
    item: AgendaItem | None  # None when there was nothing to report


def entries_of(kind: RegisterKind, body: Body) -> tuple[list, list]:
    """The body's entries of the kind: the unreported (oldest first) and the reported (latest meeting first)."""
    rows = kind.model.objects.filter(body=body).select_related("case", "reported_at__body")
    unreported = list(rows.filter(reported_at__isnull=True).order_by(*kind.order))
    reported = list(rows.filter(reported_at__isnull=False).order_by("-reported_at__date", *kind.order))
    return unreported, reported


def unreported_by(kind: RegisterKind, meeting: Meeting) -> models.QuerySet:
    """The entries of the meeting's body not yet reported, dated by its date."""
    return kind.model.objects.filter(body=meeting.body, reported_at__isnull=True, **{f"{kind.dated_by}__lte": meeting.date})


def create(kind: RegisterKind, body: Body, user, **fields) -> models.Model:
    """An entry recorded in the secretariat for the body, after the last one recorded here in its organisation."""
    with transaction.atomic():
        last = (kind.model.objects.filter(organization=body.organization, source_file__isnull=True)
                .aggregate(n=Max("position"))["n"] or 0)
        return kind.model.objects.create(organization=body.organization, body=body, recorded_by=user, source_file=None,
                                         position=last + 1, **fields)


def in_preparation(meeting: Meeting) -> bool:
    """Not justerad and its justering not begun: what it reports may still change."""
    return not meeting.locked and not Justering.objects.filter(meeting=meeting).exists()


def report_at(kind: RegisterKind, meeting: Meeting, user) -> Report:
    """Report at the meeting every unreported entry of its body dated by its date: `reported_at` set, the
    register's item found by its title (or added, with a case of its own), the register PDF made anew and
    attached to it. Entries reported at another meeting are never moved. One transaction."""
    if not in_preparation(meeting):
        raise NotInPreparation(f"{meeting} är justerat; det som anmäldes vid sammanträdet ändras inte.")
    with transaction.atomic():
        # Locked in id order and without the join the model's ordering brings (PostgreSQL locks no outer join).
        new = list(unreported_by(kind, meeting).order_by("pk").select_for_update(of=("self",)))
        reported = kind.model.objects.filter(reported_at=meeting)
        if not new and not reported.exists():
            return Report(0, 0, None)
        item = _register_item(kind, meeting)
        for entry in new:  # saved one by one: `records.changes` moves what lists them forward
            entry.reported_at, entry.register_case = meeting, item.case
            entry.save(update_fields=["reported_at", "register_case", "modified"])
        rows = list(reported.select_related("case").order_by(*kind.order))
        _attach_register(kind, meeting, item, rows, user)
    return Report(len(new), len(rows), item)


def _register_item(kind: RegisterKind, meeting: Meeting) -> AgendaItem:
    item = (AgendaItem.all_objects.filter(meeting=meeting, title=kind.item_title).select_related("case")
            .order_by("position").first())
    if item is None:
        item = agenda.add_item(meeting, title=kind.item_title)
    if item.case is None:
        organization = meeting.body.organization
        item.case = register_case(organization, meeting.date.year, OrganizationSettings.of(organization).case_prefix,
                                  f"{kind.item_title} till {meeting.body.name} {meeting.date.isoformat()}")
        item.case_number = item.case.number
        item.save(update_fields=["case", "case_number", "modified"])
    return item


def _attach_register(kind: RegisterKind, meeting: Meeting, item: AgendaItem, rows: list, user) -> None:
    register = Register(layout=kind.layout, organisation=meeting.body.organization.name, body=meeting.body.name,
                        date=meeting.date, rows=tuple(kind.cells(row) for row in rows))
    data = register_pdf(register)
    fields = dict(date=datetime.date.today(), pages=pdf_page_count(data), size=len(data),
                  sha256=hashlib.sha256(data).hexdigest(), data=data, uploaded_by=user)
    link = AgendaDocument.objects.filter(agenda_item=item, document__title=kind.layout.title).first()
    if link is not None:  # made anew in place: the same document, its change in its history
        document = CaseDocument.with_data.get(pk=link.document_id)
        for name, value in fields.items():
            setattr(document, name, value)
        document.save()
        return
    document = CaseDocument.with_data.create(
        case=item.case, title=kind.layout.title, kind=CaseDocument.Kind.REPORT, confidential=False,
        file_name=f"{kind.file_stem}-{meeting.body.slug}-{meeting.date.isoformat()}.pdf", **fields)
    last = AgendaDocument.objects.filter(agenda_item=item).count()
    AgendaDocument.objects.create(agenda_item=item, document=document, position=last + 1)


def case_number(entry) -> str:
    """The number of the entry's own case, empty when it has none."""
    return entry.case.number if entry.case else ""

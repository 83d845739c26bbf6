"""Information documents in the secretariat: the body's secretary registers a document the body is to be
told of (received or sent, with its category, case and sender or recipient), and the register for a
meeting is made from what is unreported: the documents dated by the meeting's date are reported at it,
under the agenda item `Anmälan av informationshandlingar`, with the register as a PDF attached to the
item (`registers.py`, shared with the delegated decisions)."""
from __future__ import annotations

import datetime

from paragraf.records.models import Body, Case, InformationDocument, Meeting
from paragraf.secretariat import registers
from paragraf.secretariat.typeset import register

REGISTER_ITEM = "Anmälan av informationshandlingar"  # the standard item's title (agenda.DEFAULT_STANDARD_ITEMS)
COUNTERPART = {InformationDocument.Direction.IN: "Från", InformationDocument.Direction.OUT: "Till"}


def _counterpart(document: InformationDocument) -> str:
    """`Från Trafikverket`, `Till Jönköpings kommun`: the direction said with the sender or recipient."""
    said = COUNTERPART.get(document.direction, "")
    return f"{said} {document.counterpart}".strip() if document.counterpart else said


def _cells(document: InformationDocument) -> tuple[str, ...]:
    return (document.category, document.title, registers.case_number(document), register.date_cell(document.date),
            _counterpart(document))


INFORMATION = registers.RegisterKind(model=InformationDocument, item_title=REGISTER_ITEM, dated_by="date",
                                     layout=register.INFORMATION, file_stem="informationshandlingar", cells=_cells)


def documents_of(body: Body) -> tuple[list[InformationDocument], list[InformationDocument]]:
    """The body's information documents: the unreported (oldest first) and the reported (latest meeting first)."""
    return registers.entries_of(INFORMATION, body)


def record(body: Body, user, *, direction: str, category: str, title: str, case: Case | None, counterpart: str,
           date: datetime.date) -> InformationDocument:
    """A document the body is to be told of, registered by its secretary."""
    return registers.create(INFORMATION, body, user, direction=direction, category=category, title=title, case=case,
                            counterpart=counterpart, date=date)


def report_at(meeting: Meeting, user) -> registers.Report:
    """Report at the meeting every unreported document of its body dated by its date, under the item
    `Anmälan av informationshandlingar` with the register attached (`registers.report_at`)."""
    return registers.report_at(INFORMATION, meeting, user)

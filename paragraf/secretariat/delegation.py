"""Delegated decisions in the secretariat: a delegate records one (checked against the body's delegation
scheme in force on the decision date, by the review's own judgement: `review.delegation_facts`), and
the register for a meeting is made from what is unreported: the decisions taken by the meeting's date
are reported at it, under the agenda item `Anmälan av delegationsbeslut`, with the register as a PDF
attached to the item (so it goes into the packet like any document): `registers.py`, shared with the
information documents."""
from __future__ import annotations

import datetime

from paragraf.records.models import Body, Case, DelegatedDecision, Meeting
from paragraf.review.delegation_facts import Judgement, check_decision
from paragraf.secretariat import registers
from paragraf.secretariat.typeset import register

REGISTER_ITEM = "Anmälan av delegationsbeslut"  # the standard item's title (agenda.DEFAULT_STANDARD_ITEMS)


def _cells(decision: DelegatedDecision) -> tuple[str, ...]:
    return (decision.point, decision.title, registers.case_number(decision), register.date_cell(decision.decided_on),
            decision.delegate)


DELEGATION = registers.RegisterKind(model=DelegatedDecision, item_title=REGISTER_ITEM, dated_by="decided_on",
                                    layout=register.DELEGATION, file_stem="delegationsbeslut", cells=_cells)


def decisions_of(body: Body) -> tuple[list[DelegatedDecision], list[DelegatedDecision]]:
    """The body's delegated decisions: the unreported (oldest first) and the reported (latest meeting first)."""
    return registers.entries_of(DELEGATION, body)


def record(body: Body, user, *, point: str, title: str, case: Case | None, decided_on: datetime.date, delegate: str,
           delegate_role: str) -> tuple[DelegatedDecision, Judgement]:
    """A decision taken on the body's behalf, recorded whatever the scheme says (a delegation scheme may be
    out of date), with the judgement of it against the scheme in force on `decided_on`."""
    decision = registers.create(DELEGATION, body, user, point=point, title=title, case=case, decided_on=decided_on,
                                delegate=delegate, delegate_role=delegate_role)
    return decision, check_decision(body.pk, decided_on, point, title, delegate_role)


def report_at(meeting: Meeting, user) -> registers.Report:
    """Report at the meeting every unreported decision of its body taken by its date, under the item
    `Anmälan av delegationsbeslut` with the register attached (`registers.report_at`)."""
    return registers.report_at(DELEGATION, meeting, user)

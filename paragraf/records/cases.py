"""A case's path through the bodies: every document, § and agenda item carrying its number, in date order,
and the steps the documents cite (`Protokollsutdrag regionfullmäktiges presidium 2022-06-02` in a basis
list) where no packet holds that step itself, marked as cited."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from paragraf.records.models import AgendaItem, Case, CitedStep, Document, Paragraph
from paragraf.records.names import read_body_name


MEETING_DOCUMENTS = ["protokoll", "protokollsutdrag", "kallelse"]


@dataclass
class Step:
    date: dt.date | None
    kind: str  # document | paragraph | agenda_item | cited
    label: str  # what happened, in Swedish: "Tjänsteskrivelse", "§ 12 i Regionstyrelsen", "Kallelse …"
    body: str | None
    record: object


def case_path(case: Case) -> list[Step]:
    steps: list[Step] = []
    # Minutes, extracts and notices are the § and agenda items below; the other documents are steps of their own.
    documents = Document.objects.filter(case=case).exclude(kind__in=MEETING_DOCUMENTS)
    for doc in documents.select_related("source_file").defer("source_file__text", "source_file__data"):
        steps.append(Step(doc.date, "document", doc.get_kind_display(), None, doc))
    for par in Paragraph.objects.filter(case=case).select_related("meeting__body"):
        steps.append(Step(par.meeting.date, "paragraph", f"§ {par.number}", par.meeting.body.name, par))
    for item in AgendaItem.objects.filter(case=case).select_related("meeting__body"):
        steps.append(Step(item.meeting.date, "agenda_item", f"punkt {item.number} på kallelsen", item.meeting.body.name, item))
    held = [(s.date, s.record.meeting.body) for s in steps if s.kind in ("paragraph", "agenda_item")]
    seen = {(date, body.pk) for date, body in held}
    seen_kinds = {(date, body.kind) for date, body in held}
    cited: set[tuple] = set()
    for step in CitedStep.objects.filter(case=case).select_related("body", "paragraph__meeting__body"):
        key = (step.date, step.body_id or step.body_name.casefold())
        if _seen(step, seen, seen_kinds) or key in cited:
            continue  # the step itself is in a packet, or cited already
        cited.add(key)
        steps.append(Step(step.date, "cited", "citerat", step.body.name if step.body else step.body_name, step))
    order = {"cited": 0, "document": 1, "paragraph": 2, "agenda_item": 3}
    steps.sort(key=lambda s: (s.date or dt.date.max, order[s.kind]))
    return steps


def _seen(step: CitedStep, seen: set[tuple], seen_kinds: set[tuple]) -> bool:
    """Whether a packet holds the cited step itself: the same body that day, or, for a body
    cited only by its kind (`presidiet`, `arbetsutskottet`), a body of that kind that day."""
    if step.body_id is not None:
        return (step.date, step.body_id) in seen
    return (step.date, read_body_name(step.body_name).kind) in seen_kinds


# `Regionstyrelsen föreslår regionfullmäktige att …`: the decision is a proposal to that body
PROPOSES_TO = re.compile(r"\bföreslår\s+(?P<body>[a-zåäö]*(?:fullmäktige|styrelsen|nämnden))\b", re.I)


@dataclass
class Status:
    """Where a case stands, read from its path: open (prepared, on an agenda) or decided, and what comes next."""

    open: bool
    text: str  # `Beslutat av Regionstyrelsen 31 januari 2023`, in Swedish, without the date's form
    next_body: str | None = None  # the body a decision was sent on to, as written (`Regionfullmäktige`)
    step: Step | None = None


def case_status(path: list[Step]) -> Status:
    """The last step of the path that says something: a § (decided; sent on when it proposes to or is
    sent to a fullmäktige or a styrelse), an agenda item (on the agenda), else the case is prepared."""
    for step in reversed(path):
        if step.kind == "agenda_item":
            return Status(True, f"På dagordningen hos {step.body}", step=step)
        if step.kind == "paragraph":
            onward = _sent_on_to(step.record)
            if onward:
                return Status(True, f"Behandlat av {step.body}, skickat vidare till {onward}", onward, step)
            return Status(False, f"Beslutat av {step.body}", step=step)
    return Status(True, "Under beredning" if path else "Inget känt om ärendets gång")


def _sent_on_to(paragraph: Paragraph) -> str | None:
    """The body a § hands its case on to: the one its decision proposes to (`föreslår
    regionfullmäktige`), named as the recipients write it when they list it."""
    proposes = PROPOSES_TO.search(paragraph.decision or "")
    if proposes is None:
        return None
    body = proposes.group("body")
    written = next((r for r in paragraph.recipients if body.casefold() in r.casefold()), None)
    return written or body[:1].upper() + body[1:]

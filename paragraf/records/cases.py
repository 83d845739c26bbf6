"""A case's path through the bodies: every document, § and agenda item carrying its number, in date order,
and the steps the documents cite (`Protokollsutdrag regionfullmäktiges presidium 2022-06-02` in a basis
list) where no packet holds that step itself, marked as cited."""
from __future__ import annotations

import datetime as dt
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

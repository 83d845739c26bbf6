"""A case's path through the bodies: every document, § and agenda item carrying its number, in date order."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from paragraf.records.models import AgendaItem, Case, Document, Paragraph


MEETING_DOCUMENTS = ["protokoll", "protokollsutdrag", "kallelse"]


@dataclass
class Step:
    date: dt.date | None
    kind: str  # document | paragraph | agenda_item
    label: str  # what happened, in Swedish: "Tjänsteskrivelse", "§ 12 i Regionstyrelsen", "Kallelse …"
    body: str | None
    record: object


def case_path(case: Case) -> list[Step]:
    steps: list[Step] = []
    # Minutes, extracts and notices are the § and agenda items below; the other documents are steps of their own.
    documents = Document.objects.filter(case=case).exclude(kind__in=MEETING_DOCUMENTS)
    for doc in documents.select_related("source_file"):
        steps.append(Step(doc.date, "document", doc.get_kind_display(), None, doc))
    for par in Paragraph.objects.filter(case=case).select_related("meeting__body"):
        steps.append(Step(par.meeting.date, "paragraph", f"§ {par.number}", par.meeting.body.name, par))
    for item in AgendaItem.objects.filter(case=case).select_related("meeting__body"):
        steps.append(Step(item.meeting.date, "agenda_item", f"punkt {item.number} på kallelsen", item.meeting.body.name, item))
    order = {"document": 0, "paragraph": 1, "agenda_item": 2}
    steps.sort(key=lambda s: (s.date or dt.date.max, order[s.kind]))
    return steps

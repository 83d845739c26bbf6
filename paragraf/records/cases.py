"""A case's path through the bodies: every document, § and agenda item carrying its number, in date order,
and the steps the documents cite (`Protokollsutdrag regionfullmäktiges presidium 2022-06-02` in a basis
list) where no packet holds that step itself, marked as cited."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Count

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
    outcome: str = ""  # a §'s outcome in a line: its decision's first sentence, how it was reached


def case_path(case: Case) -> list[Step]:
    steps: list[Step] = []
    # Minutes, extracts and notices are the § and agenda items below; the other documents are steps of their own.
    documents = Document.objects.filter(case=case).exclude(kind__in=MEETING_DOCUMENTS)
    for doc in documents.select_related("source_file").defer("source_file__text", "source_file__data"):
        steps.append(Step(doc.date, "document", doc.get_kind_display(), None, doc))
    paragraphs = Paragraph.objects.filter(case=case).select_related("meeting__body").annotate(
        n_votes=Count("votes", distinct=True), n_dissents=Count("dissents", distinct=True))
    for par in paragraphs:
        steps.append(Step(par.meeting.date, "paragraph", f"§ {par.number}", par.meeting.body.name, par, outcome(par)))
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


OUTCOME_CHARS = 220
# The first sentence of at least 60 characters; a sentence that leads into a numbered list
# (`… föreslår regionfullmäktige. 1. Godkänna …`) goes on through the list.
FIRST_SENTENCE = re.compile(r"(.{60,}?(?<!\s\d)(?<!\s\d\d)[.;])(?:\s+(?!\d{1,2}[.)]\s|•)|$)", re.S)


def outcome(paragraph: Paragraph) -> str:
    """What a § decided, in a line: the decision's first sentence (cut at OUTCOME_CHARS), then
    whether it took a vote and reservations (`n_votes`, `n_dissents` annotated, or counted)."""
    decision = " ".join((paragraph.decision or "").split())
    first = FIRST_SENTENCE.match(decision)
    line = first.group(1) if first else decision
    if len(line) > OUTCOME_CHARS:
        line = line[:OUTCOME_CHARS].rsplit(" ", 1)[0] + " …"
    votes = paragraph.n_votes if hasattr(paragraph, "n_votes") else paragraph.votes.count()
    dissents = paragraph.n_dissents if hasattr(paragraph, "n_dissents") else paragraph.dissents.count()
    how = [word for word, n in (("efter omröstning", votes), ("med reservation", dissents)) if n]
    return line + (f" ({', '.join(how)})" if how else "")


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

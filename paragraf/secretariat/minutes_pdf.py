"""The minutes of a recorded meeting as `typeset.minutes_model.Minutes`, and their PDF: who served (with
§ restrictions and for whom), each § with its vote, every ballot, elections, reservations, notes and
recipients, as the secretary recorded them (recording.py)."""
from __future__ import annotations

import datetime

from paragraf.records.models import Meeting
from paragraf.secretariat.recording import Attending, RecordedParagraph, Recording, RollEntry
from paragraf.secretariat.typeset.minutes import extract_pdf, minutes_pdf, typeset_minutes
from paragraf.secretariat.typeset.minutes_model import Ballot, ElectionRecord, Minutes, MinutesParagraph, Present, VoteRecord


def minutes_of(meeting: Meeting, recording: Recording) -> bytes:
    return minutes_pdf(as_minutes(meeting, recording))


def for_signing(meeting: Meeting, recording: Recording) -> tuple[bytes, dict[str, list]]:
    """The minutes PDF and where each signer's visible signature goes (name → [page, x1, y1, x2, y2])."""
    typeset = typeset_minutes(as_minutes(meeting, recording))
    return typeset.pdf, {box.name: [box.page_index, box.x1, box.y1, box.x2, box.y2] for box in typeset.signature_boxes}


def extract_of(meeting: Meeting, recording: Recording, numbers: list[int], certified_by: str, on: datetime.date) -> bytes:
    """A protokollsutdrag of these § with its Utdragsbestyrkande."""
    return extract_pdf(as_minutes(meeting, recording), numbers, certified_by, on)


def as_minutes(meeting: Meeting, recording: Recording) -> Minutes:
    numbers = [p.number for p in recording.paragraphs] or [1]
    first, last = min(numbers), max(numbers)
    serving_somewhere = {key for number in numbers for key in recording.serving(number)}
    deciding = tuple(_present(e, first, last) for e in recording.roll if e.key in serving_somewhere)
    substitutes = tuple(_present(e, first, last) for e in recording.roll if e.present and not e.ordinary and e.key not in serving_somewhere)
    return Minutes(
        organisation=meeting.body.organization.name, body=meeting.body.name, date=meeting.date, start_time=meeting.start_time,
        end_time=datetime.time.fromisoformat(recording.end_time) if recording.end_time else None, place=meeting.place,
        deciding=deciding, substitutes=substitutes, adjournment=recording.adjournment,
        others=tuple(_attending(a) for a in recording.attending if a.group != "adjungerad"),
        co_opted=tuple(_attending(a) for a in recording.attending if a.group == "adjungerad"), secretary=recording.secretary, chair=recording.name_of(recording.chair),
        adjusters=tuple(recording.name_of(key) for key in recording.adjusters),
        paragraphs=tuple(_paragraph(p, recording) for p in recording.paragraphs))


def _present(entry: RollEntry, first: int, last: int) -> Present:
    restricted = entry.first not in (None, first) or entry.last not in (None, last)
    paragraphs = f"§§ {entry.first or first}-{entry.last or last}" if restricted else ""
    replaces = entry.serves_for
    if entry.stands_in and not replaces:  # serving only where a member has jäv
        numbers = sorted(n for n, _key in entry.stands_in)
        replaces = entry.stands_in[0][1]
        paragraphs = f"§ {numbers[0]}" if len(numbers) == 1 else "§§ " + ", ".join(map(str, numbers))
    return Present(name=entry.name, party=entry.party, role=entry.role if entry.ordinary else "", replaces=replaces,
                   paragraphs=paragraphs)


def _attending(a: Attending) -> Present:
    return Present(name=a.name, party=a.party, role=a.role, paragraphs=a.paragraphs)


def _paragraph(p: RecordedParagraph, recording: Recording) -> MinutesParagraph:
    return MinutesParagraph(
        number=p.number, title=p.title, case_number=p.case_number, decision=p.decision, summary=p.summary, basis=tuple(p.basis),
        disqualifications=tuple(p.disqualifications), proposals=tuple(p.proposals),
        procedure=p.procedure, votes=_votes(p, recording),
        elections=tuple(ElectionRecord(e.name, e.party, e.post, e.organisation, e.period) for e in p.elections),
        nominations=tuple(ElectionRecord(e.name, e.party, e.post, e.organisation, e.period) for e in p.nominations),
        dissents=tuple(_dissent(r.names, r.text) for r in p.reservations),
        statements=tuple(p.notes), recipients=tuple(p.recipients))


def _votes(p: RecordedParagraph, recording: Recording) -> tuple[VoteRecord, ...]:
    vote = p.vote
    if vote is None:
        return ()
    if vote.method == "secret":
        return (VoteRecord("secret", options=tuple((name, count) for name, count in vote.options), blank=vote.blank,
                           outcome=vote.outcome),)
    order = recording.serving(p.number)
    ballots = tuple(Ballot(recording.name_of(key), recording.party_of(key), vote.ballots[key]) for key in order if key in vote.ballots)
    choices = [b.choice for b in ballots]
    return (VoteRecord("open", vote.yes_option, vote.no_option, choices.count("yes"), choices.count("no"), choices.count("abstain"),
                       ballots=ballots, outcome=vote.outcome),)


def _dissent(keys: list[str], text: str) -> str:
    """The reservation as written; composed with the names (`Name (S)`) when the text does not say who."""
    if "reserverar" in text:
        return text
    who = list(keys)
    listed = who[0] if len(who) == 1 else ", ".join(who[:-1]) + " och " + who[-1]
    return f"{listed} reserverar sig mot beslutet." + (f" {text}" if text else "")

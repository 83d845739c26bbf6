"""The minutes of a recorded meeting as `typeset.minutes_model.Minutes`, and their PDF: who served (with
§ restrictions and for whom), each § with its vote, every ballot, elections, reservations, notes and
recipients, as the secretary recorded them (recording.py)."""
from __future__ import annotations

import datetime

from paragraf.records.models import Meeting
from paragraf.secretariat.recording import RecordedParagraph, Recording, RollEntry
from paragraf.secretariat.typeset.minutes import minutes_pdf
from paragraf.secretariat.typeset.minutes_model import Ballot, ElectionRecord, Minutes, MinutesParagraph, Present, VoteRecord


def minutes_of(meeting: Meeting, recording: Recording) -> bytes:
    return minutes_pdf(as_minutes(meeting, recording))


def as_minutes(meeting: Meeting, recording: Recording) -> Minutes:
    numbers = [p.number for p in recording.paragraphs] or [1]
    first, last = min(numbers), max(numbers)
    serving_somewhere = {name for number in numbers for name in recording.serving(number)}
    parties = {e.name: e.party for e in recording.roll}
    deciding = tuple(_present(e, parties, first, last) for e in recording.roll if e.name in serving_somewhere)
    substitutes = tuple(_present(e, parties, first, last) for e in recording.roll
                        if e.present and not e.ordinary and e.name not in serving_somewhere)
    return Minutes(
        organisation=meeting.body.organization.name, body=meeting.body.name, date=meeting.date, start_time=meeting.start_time,
        end_time=datetime.time.fromisoformat(recording.end_time) if recording.end_time else None, place=meeting.place,
        deciding=deciding, substitutes=substitutes, others=(), secretary=recording.secretary, chair=recording.chair,
        adjusters=tuple(recording.adjusters), paragraphs=tuple(_paragraph(p, recording, parties) for p in recording.paragraphs))


def _present(entry: RollEntry, parties: dict[str, str], first: int, last: int) -> Present:
    restricted = entry.first not in (None, first) or entry.last not in (None, last)
    paragraphs = f"§§ {entry.first or first}-{entry.last or last}" if restricted else ""
    replaces = f"{entry.serves_for} ({parties[entry.serves_for]})" if entry.serves_for and parties.get(entry.serves_for) else entry.serves_for
    return Present(name=entry.name, party=entry.party, role=entry.role if entry.ordinary else "", replaces=replaces, paragraphs=paragraphs)


def _paragraph(p: RecordedParagraph, recording: Recording, parties: dict[str, str]) -> MinutesParagraph:
    return MinutesParagraph(
        number=p.number, title=p.title, case_number=p.case_number, decision=p.decision, proposals=tuple(p.proposals),
        procedure=p.procedure, votes=_votes(p, recording, parties),
        elections=tuple(ElectionRecord(e.name, e.party, e.post, e.organisation, e.period) for e in p.elections),
        dissents=tuple(_dissent(r.names, r.text, parties) for r in p.reservations),
        statements=tuple(p.notes), recipients=tuple(p.recipients))


def _votes(p: RecordedParagraph, recording: Recording, parties: dict[str, str]) -> tuple[VoteRecord, ...]:
    vote = p.vote
    if vote is None:
        return ()
    if vote.method == "secret":
        return (VoteRecord("secret", options=tuple((name, count) for name, count in vote.options), blank=vote.blank),)
    order = recording.serving(p.number)
    ballots = tuple(Ballot(name, parties.get(name, ""), vote.ballots[name]) for name in order if name in vote.ballots)
    choices = [b.choice for b in ballots]
    return (VoteRecord("open", vote.yes_option, vote.no_option, choices.count("yes"), choices.count("no"), choices.count("abstain"),
                       ballots=ballots),)


def _dissent(names: list[str], text: str, parties: dict[str, str]) -> str:
    """The reservation as written; composed with the names when the text does not say who."""
    if "reserverar" in text:
        return text
    who = [f"{name} ({parties[name]})" if parties.get(name) else name for name in names]
    listed = who[0] if len(who) == 1 else ", ".join(who[:-1]) + " och " + who[-1]
    return f"{listed} reserverar sig mot beslutet." + (f" {text}" if text else "")

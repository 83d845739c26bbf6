"""The review's rules on minutes being recorded, before justering: the recording as the facts the rules
read (paragraf/review/facts.py), people numbered by their place in the roll call."""
from __future__ import annotations

from paragraf.ingest.spans import Span
from paragraf.records.models import Meeting
from paragraf.records.serving import ABSENT, PRESENT, REPLACED, SERVING, SUBSTITUTE, Seat, Service
from paragraf.review.engine import check
from paragraf.review.facts import MeetingFacts, ParagraphFacts, VoteFacts
from paragraf.review.findings import Finding
from paragraf.secretariat.recording import RecordedParagraph, Recording

AFTER_JUSTERING = ("justering", "posting")  # rules about what happens after: not yet


def findings_before_justering(meeting: Meeting, recording: Recording) -> list[Finding]:
    return check(facts_of(meeting, recording), skip=AFTER_JUSTERING)


def facts_of(meeting: Meeting, recording: Recording) -> MeetingFacts:
    ids = {entry.key: i for i, entry in enumerate(recording.roll)}
    facts = MeetingFacts(meeting.pk, f"{meeting.body.name} {meeting.date.isoformat()}", meeting.body_id, meeting.date,
                         service=Service(meeting.pk, _seats(recording, ids)), chair=recording.name_of(recording.chair),
                         adjusters=tuple(recording.name_of(k) for k in recording.adjusters))
    facts.paragraphs = [_paragraph(p, recording, ids) for p in recording.paragraphs]
    return facts


def _seats(recording: Recording, ids: dict[str, int]) -> list[Seat]:
    replaced = {e.serves_for for e in recording.roll if e.serves_for}
    seats = []
    for i, e in enumerate(recording.roll):
        span = Span(first=e.first, last=e.last)
        if e.ordinary:
            status = SERVING if e.present else (REPLACED if e.key in replaced else ABSENT)
        elif e.present:
            status = SUBSTITUTE if e.serves_for else PRESENT
        else:
            continue
        seats.append(Seat(i, e.key, e.party, status, span, serves_for_id=ids.get(e.serves_for), serves_for=e.serves_for))
        for number, member in e.stands_in:
            seats.append(Seat(i, e.key, e.party, SUBSTITUTE, Span(only=frozenset({number})), serves_for_id=ids.get(member),
                              serves_for=member))
    return seats


def _paragraph(p: RecordedParagraph, recording: Recording, ids: dict[str, int]) -> ParagraphFacts:
    votes = ()
    if p.vote and p.vote.method == "open":
        choices = list(p.vote.ballots.values())
        votes = (VoteFacts("open", choices.count("yes"), choices.count("no"), choices.count("abstain"),
                           tuple((ids.get(k), k, c) for k, c in p.vote.ballots.items()), ()),)
    elif p.vote:
        votes = (VoteFacts("secret", 0, 0, p.vote.blank, (), tuple((n, int(c)) for n, c in p.vote.options)),)
    jav = frozenset(i for i, e in enumerate(recording.roll) if p.number in e.disqualified)
    return ParagraphFacts(p.number, p.title, None, None, None, votes, jav, len(p.elections) + len(p.nominations),
                          tuple((r.text, tuple((ids.get(k), k) for k in r.names)) for r in p.reservations),
                          p.case_number, p.decision, tuple(p.recipients))

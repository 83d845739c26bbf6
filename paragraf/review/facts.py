"""The facts of one meeting the rules read, loaded together for many meetings at a time (a few
queries per batch, whatever the number of §): its §, each § with its votes and ballots and who had jäv,
and who served at each § (records/serving.py)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, OuterRef, Subquery

from paragraf.records.models import AgendaItem, Ballot, Body, Dissent, Election, Meeting, Paragraph, Vote
from paragraf.records.serving import MEMBER_STATUSES, Service, services
from paragraf.review import delegation_facts
from paragraf.review.delegation_facts import DelegationFacts


@dataclass(frozen=True)
class VoteFacts:
    method: str
    yes: int
    no: int
    abstain: int
    ballots: tuple[tuple[int | None, str, str], ...]  # (person id, name as written, choice)
    options: tuple[tuple[str, int], ...]  # a secret ballot: (candidate, votes)


@dataclass(frozen=True)
class ParagraphFacts:
    number: int
    title: str
    source_file_id: int | None
    first_line: int | None
    last_line: int | None
    votes: tuple[VoteFacts, ...] = ()
    disqualified: frozenset[int] = frozenset()  # person ids with jäv
    elections: int = 0  # elections and nominations recorded at the §
    dissents: tuple[tuple[str, tuple[tuple[int, str], ...]], ...] = ()  # (text, ((person id, name), …))
    case_number: str = ""
    decision: str = ""
    recipients: tuple[str, ...] = ()
    case_id: int | None = None
    reached_assembly: bool = False  # the case has a § of fullmäktige after this one


@dataclass
class MeetingFacts:
    meeting_id: int
    name: str  # "Regionstyrelsen 2023-01-31"
    body_id: int
    date: object
    paragraphs: list[ParagraphFacts] = field(default_factory=list)
    service: Service | None = None
    agenda: list[tuple[int, str, str]] = field(default_factory=list)  # the notice's items: (number, title, case number)
    chair: str = ""
    adjusters: tuple[str, ...] = ()
    justered_on: object = None
    posted_on: object = None
    previous: tuple[object, int] | None = None  # the body's meeting before: (date, its last § number)
    delegation: DelegationFacts | None = None  # the delegated decisions reported at it, when any

    @property
    def has_attendance(self) -> bool:
        return self.service is not None and any(s.status in MEMBER_STATUSES for s in self.service.seats)

    def members(self) -> int:
        """The body's ordinary members at the meeting: serving, replaced or absent."""
        return sum(1 for s in self.service.seats if s.status in MEMBER_STATUSES) if self.service else 0

    def serving_at(self, paragraph: ParagraphFacts) -> list:
        return self.service.serving_at(paragraph.number, set(paragraph.disqualified)) if self.service else []


def load(meetings: list[Meeting]) -> list[MeetingFacts]:
    ids = [m.pk for m in meetings]
    seats = services(ids)
    votes = defaultdict(list)
    ballots = defaultdict(list)
    for b in Ballot.objects.filter(vote__paragraph__meeting_id__in=ids).values_list("vote_id", "person_id", "name", "choice").order_by("vote_id", "position"):
        ballots[b[0]].append(b[1:])
    for v in Vote.objects.filter(paragraph__meeting_id__in=ids).order_by("paragraph_id", "position"):
        options = tuple((o.get("label", ""), int(o.get("count") or 0)) for o in v.options or [] if isinstance(o, dict))
        votes[v.paragraph_id].append(VoteFacts(v.method, v.yes, v.no, v.abstain, tuple(ballots[v.pk]), options))
    jav = defaultdict(set)
    for paragraph_id, person_id in Paragraph.disqualified.through.objects.filter(paragraph__meeting_id__in=ids).values_list("paragraph_id", "person_id"):
        jav[paragraph_id].add(person_id)
    elections = defaultdict(int)
    for paragraph_id in Election.objects.filter(paragraph__meeting_id__in=ids).values_list("paragraph_id", flat=True):
        elections[paragraph_id] += 1
    dissents = defaultdict(list)
    people = defaultdict(list)
    for dissent_id, person_id, name in Dissent.people.through.objects.filter(dissent__paragraph__meeting_id__in=ids).values_list(
            "dissent_id", "person_id", "person__name"):
        people[dissent_id].append((person_id, name))
    for d in Dissent.objects.filter(paragraph__meeting_id__in=ids).order_by("paragraph_id", "position").only("pk", "paragraph_id", "text"):
        dissents[d.paragraph_id].append((d.text, tuple(people[d.pk])))
    assembly = _assembly_dates(ids)
    by_meeting = {m.pk: MeetingFacts(m.pk, f"{m.body.name} {m.date.isoformat()}", m.body_id, m.date, service=seats.get(m.pk),
                                     chair=m.chair, adjusters=tuple(m.adjusters or ()), justered_on=m.justered_on, posted_on=m.posted_on)
                  for m in meetings}
    for p in (Paragraph.objects.filter(meeting_id__in=ids).order_by("meeting_id", "number", "pk")
              .only("pk", "meeting_id", "number", "title", "source_file_id", "first_line", "last_line", "case_number", "decision",
                    "recipients", "case_id")):
        by_meeting[p.meeting_id].paragraphs.append(ParagraphFacts(
            p.number, p.title, p.source_file_id, p.first_line, p.last_line, tuple(votes[p.pk]), frozenset(jav[p.pk]), elections[p.pk],
            tuple(dissents[p.pk]), p.case_number, p.decision, tuple(p.recipients or ()), p.case_id,
            p.case_id is not None and any(date > by_meeting[p.meeting_id].date for date in assembly.get(p.case_id, ()))))
    for pk, previous in _previous(meetings).items():
        by_meeting[pk].previous = previous
    for pk, delegation in delegation_facts.load(meetings).items():
        by_meeting[pk].delegation = delegation
    for item in AgendaItem.objects.filter(meeting_id__in=ids).order_by("meeting_id", "position").only("meeting_id", "number", "title", "case_number"):
        by_meeting[item.meeting_id].agenda.append((item.number, item.title, item.case_number))
    return [by_meeting[pk] for pk in ids]


def _previous(meetings: list[Meeting]) -> dict[int, tuple[object, int]]:
    """Each meeting's previous meeting of its body that has § (its date and last § number)."""
    earlier = Meeting.objects.filter(body=OuterRef("body"), date__lt=OuterRef("date"), paragraphs__isnull=False).order_by("-date")
    pairs = dict(Meeting.objects.filter(pk__in=[m.pk for m in meetings]).annotate(prev=Subquery(earlier.values("pk")[:1]))
                 .values_list("pk", "prev"))
    wanted = {prev for prev in pairs.values() if prev}
    last = dict(Paragraph.objects.filter(meeting_id__in=wanted).values("meeting_id").annotate(n=Max("number")).values_list("meeting_id", "n"))
    dates = dict(Meeting.objects.filter(pk__in=wanted).values_list("pk", "date"))
    return {pk: (dates[prev], last[prev]) for pk, prev in pairs.items() if prev in last}


def _assembly_dates(meeting_ids: list[int]) -> dict[int, list]:
    """For the cases of these meetings' §: the dates fullmäktige dealt with them."""
    cases = Paragraph.objects.filter(meeting_id__in=meeting_ids, case__isnull=False).values("case_id")
    dates = defaultdict(list)
    for case_id, date in Paragraph.objects.filter(case_id__in=cases, meeting__body__kind=Body.Kind.ASSEMBLY).values_list(
            "case_id", "meeting__date"):
        dates[case_id].append(date)
    return dates

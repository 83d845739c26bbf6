"""Which new § each confirmed subscription matches: the body of its meeting, the case it handles, a person
who proposed, reserved, voted, was elected or nominated, made a statement or served at it, and a saved
search run over the new § only (the search engine of the portal, narrowed to their days)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db.models import Q

from paragraf.alerts.targets import Target
from paragraf.records import serving
from paragraf.records.models import Ballot, Dissent, Election, Paragraph, Proposal, RecordedStatement
from paragraf.search import search as run_search
from paragraf.search.contract import MAX_PAGE, MAX_PER_PAGE, SearchQuery

# What a person did at a §, in the order a mail names it.
PROPOSED, RESERVED, ELECTED, NOMINATED, STATEMENT, SERVED = (
    "yrkade", "reserverade sig", "valdes", "nominerades", "lämnade en protokollsanteckning", "tjänstgjorde")
VOTED = {"yes": "röstade ja", "no": "röstade nej", "abstain": "avstod från att rösta"}
ORDER = [PROPOSED, RESERVED, *VOTED.values(), ELECTED, NOMINATED, STATEMENT, SERVED]


@dataclass(frozen=True)
class NewParagraph:
    """A § made public by an import, as matching and the mail need it (texts unmasked)."""

    id: int
    meeting_id: int
    body_id: int
    case_id: int | None
    number: int
    date: dt.date
    created: dt.datetime
    body_name: str
    body_slug: str
    title: str
    decision: str


@dataclass(frozen=True)
class Matched:
    paragraph: NewParagraph
    reasons: tuple[str, ...] = ()


def new_paragraphs(source_file_ids: Iterable[int] | None, created_since: dt.datetime) -> list[NewParagraph]:
    """The public § of these source files (every copy counts), or of all files when None, stored since then."""
    found = Paragraph.objects.filter(meeting__published=True, created__gte=created_since)
    if source_file_ids is not None:
        ids = list(source_file_ids)
        found = found.filter(Q(source_file_id__in=ids) | Q(copies__source_file_id__in=ids))
    rows = found.distinct().order_by("meeting__date", "meeting__body__name", "number").values_list(
        "id", "meeting_id", "meeting__body_id", "case_id", "number", "meeting__date", "created",
        "meeting__body__name", "meeting__body__slug", "title", "decision")
    return [NewParagraph(*row) for row in rows]


def match(subscriptions, paragraphs: list[NewParagraph]) -> dict[int, list[Matched]]:
    """For each subscription (by id), the new § it matches that were stored after it was confirmed."""
    people = _people({s.person_id for s in subscriptions if s.kind == "person"}, paragraphs)
    searches: dict[str, set[int]] = {}
    out: dict[int, list[Matched]] = {}
    for subscription in subscriptions:
        fresh = [p for p in paragraphs if p.created >= subscription.confirmed]
        if subscription.kind == "body":
            found = [Matched(p) for p in fresh if p.body_id == subscription.body_id]
        elif subscription.kind == "case":
            found = [Matched(p) for p in fresh if p.case_id is not None and p.case_id == subscription.case_id]
        elif subscription.kind == "person":
            did = people.get(subscription.person_id, {})
            found = [Matched(p, tuple(sorted(did[p.id], key=ORDER.index))) for p in fresh if p.id in did]
        else:
            if subscription.search not in searches:
                searches[subscription.search] = search_matches(subscription.search, paragraphs)
            found = [Matched(p) for p in fresh if p.id in searches[subscription.search]]
        if found:
            out[subscription.pk] = found
    return out


def search_matches(query_string: str, paragraphs: list[NewParagraph]) -> set[int]:
    """The ids of the new § a saved search finds: the search as the search page runs it, for § only, within
    the days of the new § (and the search's own period), every page read."""
    query = Target("search", search=query_string).query()
    if query is None or query.kind not in (None, "paragraph") or not paragraphs:
        return set()
    first, last = min(p.date for p in paragraphs), max(p.date for p in paragraphs)
    start = max(first, query.date_from) if query.date_from else first
    end = min(last, query.date_to) if query.date_to else last
    if start > end:
        return set()
    wanted = {p.id for p in paragraphs}
    narrowed: SearchQuery = replace(query, kind="paragraph", date_from=start, date_to=end, sort="date",
                                    per_page=MAX_PER_PAGE, page=1)
    found: set[int] = set()
    for page in range(1, MAX_PAGE + 1):
        result = run_search(replace(narrowed, page=page))
        found |= {hit.record_id for hit in result.hits if hit.kind == "paragraph"} & wanted
        if not result.hits or page >= result.pages:
            break
    return found


def _people(person_ids: set[int], paragraphs: list[NewParagraph]) -> dict[int, dict[int, set[str]]]:
    """person id → § id → what the person did there, for the people followed and the new §."""
    did: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    if not person_ids or not paragraphs:
        return did
    ids = [p.id for p in paragraphs]

    def note(rows, reason) -> None:
        for paragraph_id, person_id, *rest in rows:
            did[person_id][paragraph_id].add(reason(*rest) if callable(reason) else reason)

    note(Proposal.objects.filter(paragraph_id__in=ids, person_id__in=person_ids).values_list("paragraph_id", "person_id"),
         PROPOSED)
    note(Proposal.proposers.through.objects.filter(proposal__paragraph_id__in=ids, person_id__in=person_ids)
         .values_list("proposal__paragraph_id", "person_id"), PROPOSED)
    note(Dissent.people.through.objects.filter(dissent__paragraph_id__in=ids, person_id__in=person_ids)
         .values_list("dissent__paragraph_id", "person_id"), RESERVED)
    note(Ballot.objects.filter(vote__paragraph_id__in=ids, person_id__in=person_ids)
         .values_list("vote__paragraph_id", "person_id", "choice"), lambda choice: VOTED[choice])
    note(Election.objects.filter(paragraph_id__in=ids, person_id__in=person_ids)
         .values_list("paragraph_id", "person_id", "kind"),
         lambda kind: ELECTED if kind == Election.Kind.ELECTION else NOMINATED)
    note(RecordedStatement.objects.filter(paragraph_id__in=ids, person_id__in=person_ids)
         .values_list("paragraph_id", "person_id"), STATEMENT)
    disqualified = defaultdict(set)
    for paragraph_id, person_id in Paragraph.disqualified.through.objects.filter(
            paragraph_id__in=ids, person_id__in=person_ids).values_list("paragraph_id", "person_id"):
        disqualified[paragraph_id].add(person_id)
    seats = serving.services(sorted({p.meeting_id for p in paragraphs}))
    for p in paragraphs:
        for seat in seats[p.meeting_id].serving_at(p.number, disqualified[p.id]):
            if seat.person_id in person_ids:
                did[seat.person_id][p.id].add(SERVED)
    return did

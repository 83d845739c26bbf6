"""What the delegation rule reads of a meeting: the delegated decisions reported at it, its body's delegation
schemes (each decision is judged under the one in force on the day it was taken, as the secretariat judges it
when it is recorded), and the body's meeting dates (to tell a late report).

`against_scheme` is the one judgement of a decision under a scheme's points (the point exists, the role
matches); the rule asks it for every reported decision, the secretariat when a delegate records one
(`check_decision`)."""
from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass

from paragraf.records.models import DelegatedDecision, DelegationScheme, Meeting

POINT_NUMBER = re.compile(r"\d+(?:\.\d+)*[a-z]?")


def point_key(written: str) -> str:
    """A delegation point as compared: its number without the series letters (`FS 4.5.4` is `4.5.4`)."""
    found = POINT_NUMBER.search(written or "")
    return found.group() if found else " ".join((written or "").split()).casefold()


@dataclass(frozen=True)
class ReportedDecision:
    point: str
    title: str
    decided_on: datetime.date | None
    delegate: str
    delegate_role: str
    source_file_id: int | None
    line: int | None


@dataclass(frozen=True)
class SchemeFacts:
    title: str
    valid_from: datetime.date
    points: dict[str, str]  # point key → the delegate's role


@dataclass
class DelegationFacts:
    decisions: list[ReportedDecision]
    schemes: list[SchemeFacts]  # the body's schemes in Paragraf, any order; empty when it has none
    body_dates: list[datetime.date]  # every meeting date of the body, in order

    def scheme_on(self, date: datetime.date) -> SchemeFacts | None:
        return scheme_in_force(self.schemes, date)


def scheme_in_force(schemes, date: datetime.date):
    """The scheme of `schemes` (any order) in force on `date`: the latest valid from that day or before."""
    return max((s for s in schemes if s.valid_from <= date), key=lambda s: s.valid_from, default=None)


def point_roles(scheme) -> dict[str, str]:
    """A scheme's points as compared: point key → the delegate's role."""
    return {point_key(p.number): p.delegate_role for p in scheme.points.all()}


def against_scheme(point: str, title: str, delegate_role: str, scheme: str, points: dict[str, str]) -> str | None:
    """What is wrong with a decision taken under `point` by `delegate_role` (when said) against the
    points of the scheme titled `scheme`, in Swedish; None when nothing is."""
    role = points.get(point_key(point))
    if role is None:
        return f"Beslutet ”{title}” anges fattat enligt punkt {point or '(ingen)'}, som inte finns i {scheme}."
    if delegate_role and role.casefold() != delegate_role.casefold():
        return f"Beslutet ”{title}” fattades av {delegate_role}, men punkt {point} delegerar till {role}."
    return None


@dataclass(frozen=True)
class Judgement:
    scheme: str | None  # the title of the scheme in force on the decision date; None: the body has none
    problem: str | None  # what `against_scheme` found


def check_decision(body_id: int, decided_on: datetime.date, point: str, title: str, delegate_role: str) -> Judgement:
    """One decision of a body against the body's scheme in force on the decision date."""
    schemes = DelegationScheme.objects.filter(body_id=body_id, valid_from__lte=decided_on).prefetch_related("points")
    scheme = scheme_in_force(schemes, decided_on)
    if scheme is None:
        return Judgement(None, None)
    return Judgement(scheme.title, against_scheme(point, title, delegate_role, scheme.title, point_roles(scheme)))


def load(meetings: list[Meeting]) -> dict[int, DelegationFacts]:
    """For the meetings that have delegated decisions reported at them (a few queries for all)."""
    decisions: dict[int, list[ReportedDecision]] = defaultdict(list)
    for d in (DelegatedDecision.objects.filter(reported_at__in=[m.pk for m in meetings])
              .order_by("reported_at_id", "source_file_id", "position")):
        decisions[d.reported_at_id].append(ReportedDecision(d.point, d.title, d.decided_on, d.delegate, d.delegate_role,
                                                            d.source_file_id, d.first_line))
    reporting = [m for m in meetings if m.pk in decisions]
    bodies = {m.body_id for m in reporting}
    schemes = defaultdict(list)
    for scheme in DelegationScheme.objects.filter(body_id__in=bodies).prefetch_related("points"):
        schemes[scheme.body_id].append(scheme)
    dates = defaultdict(list)
    for body_id, date in Meeting.all_objects.filter(body_id__in=bodies).order_by("date").values_list("body_id", "date"):
        dates[body_id].append(date)
    facts = {}
    for meeting in reporting:
        body_schemes = [SchemeFacts(s.title, s.valid_from, point_roles(s)) for s in schemes[meeting.body_id]]
        facts[meeting.pk] = DelegationFacts(decisions[meeting.pk], body_schemes, dates[meeting.body_id])
    return facts

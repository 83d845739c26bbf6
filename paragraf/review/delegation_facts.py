"""What the delegation rule reads of a meeting: the delegated decisions reported at it, the points of its
body's delegation scheme in force that day, and the body's meeting dates (to tell a late report)."""
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


@dataclass
class DelegationFacts:
    decisions: list[ReportedDecision]
    scheme: str | None  # the title of the scheme in force, None when the body has none in Paragraf
    points: dict[str, str]  # point key → the delegate's role
    body_dates: list[datetime.date]  # every meeting date of the body, in order


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
    for scheme in DelegationScheme.objects.filter(body_id__in=bodies).prefetch_related("points").order_by("-valid_from"):
        schemes[scheme.body_id].append(scheme)
    dates = defaultdict(list)
    for body_id, date in Meeting.all_objects.filter(body_id__in=bodies).order_by("date").values_list("body_id", "date"):
        dates[body_id].append(date)
    facts = {}
    for meeting in reporting:
        scheme = next((s for s in schemes[meeting.body_id] if s.valid_from <= meeting.date), None)
        points = {point_key(p.number): p.delegate_role for p in scheme.points.all()} if scheme else {}
        facts[meeting.pk] = DelegationFacts(decisions[meeting.pk], scheme.title if scheme else None, points, dates[meeting.body_id])
    return facts

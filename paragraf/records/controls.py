"""Which planned control a report's control point follows up: the control of the same organisation's plan for
the report's year whose title is the point's (written alike, or one containing the other). Run after a report or a
plan is imported, so the order of imports does not matter; a point no plan names is left unlinked."""
from __future__ import annotations

import re

from paragraf.records.models import ControlPoint, Organization, PlannedControl

MIN_KEY = 4  # a title shorter than this (after folding) is contained in too much to mean anything


def title_key(title: str) -> str:
    """A title folded for comparison: case, spaces (also around `/` and dashes) and a final full stop."""
    text = " ".join(title.split()).casefold().replace("–", "-").replace("—", "-")
    text = re.sub(r"\s*([/-])\s*", r"\1", text)
    return text.rstrip(" .:")


def planned_for(title: str, planned: list[PlannedControl]) -> PlannedControl | None:
    """The planned control a title names: the same title, else the first whose title contains it or is
    contained in it."""
    key = title_key(title)
    if len(key) < MIN_KEY:
        return None
    keys = [(title_key(p.title), p) for p in planned]
    same = next((p for k, p in keys if k == key), None)
    if same is not None:
        return same
    return next((p for k, p in keys if len(k) >= MIN_KEY and (k in key or key in k)), None)


def link_planned_controls(organization: Organization) -> int:
    """Link every control point of the organisation's reports to its planned control (or to none); the number
    of points linked."""
    by_year: dict[int | None, list[PlannedControl]] = {}
    for control in (PlannedControl.objects.filter(plan__organization=organization)
                    .select_related("plan").order_by("plan__year", "plan__position", "position")):
        by_year.setdefault(control.plan.year, []).append(control)
    changed, linked = [], 0
    for point in ControlPoint.objects.filter(report__organization=organization).select_related("report"):
        year = point.report.year
        planned = planned_for(point.title, by_year.get(year, [])) if year is not None else None
        planned_id = planned.pk if planned is not None else None
        linked += planned_id is not None
        if point.planned_id != planned_id:
            point.planned_id = planned_id
            changed.append(point)
    if changed:
        ControlPoint.objects.bulk_update(changed, ["planned"])
    return linked

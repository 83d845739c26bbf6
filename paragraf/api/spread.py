"""Pages of a list that may be a small part of its table, for both APIs.

A page is cut by walking the primary key and filtering, which the planner chooses because it
assumes the rows are spread evenly through the table: it then meets a page of them soon. A
small part may sit anywhere (one organisation's § are often one run of ids, imported
together), and the walk passes over the rest of the table first (750 ms for one organisation
of 25 at a million §, PostgreSQL). Such a part is read by its filter's own index and its ids
sorted instead.
"""
from __future__ import annotations

from django.db.models import F, Max, QuerySet

SHARE = 0.2  # rows at least this share of their table (by the highest id): walk the primary key


def is_spread(model, count: int) -> bool:
    """Whether `count` rows of `model` are enough of its table for the walk."""
    highest = model.objects.aggregate(highest=Max("pk"))["highest"] or 0
    return count >= SHARE * highest


def sorted_ids(rows: QuerySet, start: int, stop: int) -> list[int]:
    """The ids of rows[start:stop] in id order, sorted out of all the rows (`pk + 0`: no index is
    in that order, so the planner cannot walk one)."""
    return list(rows.annotate(sort_key=F("pk") + 0).order_by("sort_key").values_list("pk", flat=True)[start:stop])

"""Keyset pagination for every list: rows in id order, `limit` per page, `after` = the last id seen.

Fast at any depth (an index range scan on the primary key, never OFFSET): one query of
limit + 1 rows tells whether there is a next page. A filter that keeps a small part of a
table reads that part by its own index and sorts its ids instead (`walk=False`, see
`paragraf.api.spread`; telling whether the part is small may take a COUNT).
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest

from paragraf.api import spread
from paragraf.api.native.params import whole_number

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


@dataclass
class Page:
    rows: list
    next_url: str | None


def keyset_page(request: HttpRequest, queryset: QuerySet, walk: bool = True) -> Page:
    """`walk`: the rows are a large part of their table, so the primary key is walked from the
    cursor. Else the page's ids are sorted out of the rows (`paragraf.api.spread`)."""
    after = whole_number(request, "after", 0, minimum=0)
    limit = whole_number(request, "limit", DEFAULT_LIMIT, maximum=MAX_LIMIT)
    rows = queryset.filter(pk__gt=after)
    if walk:
        rows = list(rows.order_by("pk")[: limit + 1])
    else:  # the page's ids (only the filter's joins), then its rows
        ids = spread.sorted_ids(rows, 0, limit + 1)
        rows = sorted(queryset.filter(pk__in=ids), key=lambda row: row.pk)
    if len(rows) <= limit:
        return Page(rows, None)
    rows = rows[:limit]
    query = request.GET.copy()
    query["after"] = str(rows[-1].pk)
    return Page(rows, request.build_absolute_uri(f"{request.path}?{query.urlencode()}"))

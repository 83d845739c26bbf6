"""Keyset pagination for every list: rows in id order, `limit` per page, `after` = the last id seen.

Fast at any depth (an index range scan on the primary key, never OFFSET, never COUNT(*)):
one query of limit + 1 rows tells whether there is a next page.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest

from paragraf.api.native.params import whole_number

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


@dataclass
class Page:
    rows: list
    next_url: str | None


def keyset_page(request: HttpRequest, queryset: QuerySet) -> Page:
    after = whole_number(request, "after", 0, minimum=0)
    limit = whole_number(request, "limit", DEFAULT_LIMIT, maximum=MAX_LIMIT)
    rows = list(queryset.filter(pk__gt=after).order_by("pk")[: limit + 1])
    if len(rows) <= limit:
        return Page(rows, None)
    rows = rows[:limit]
    query = request.GET.copy()
    query["after"] = str(rows[-1].pk)
    return Page(rows, request.build_absolute_uri(f"{request.path}?{query.urlencode()}"))

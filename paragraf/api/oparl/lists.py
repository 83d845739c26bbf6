"""OParl object lists: the standard filters, pages of stable order, and the links between pages.

A list may be read from several querysets one after the other (agenda items are § and notice
items); each is ordered by its primary key, so pages are stable and cut with indexed LIMIT/OFFSET.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest

from paragraf.api.http import ApiError, datetime_param, int_param

DEFAULT_LIMIT = 100
MAX_LIMIT = 500  # OParl: a client must not expect the server to honour a larger limit
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


@dataclass
class Filters:
    created_since: dt.datetime | None
    created_until: dt.datetime | None
    modified_since: dt.datetime | None
    modified_until: dt.datetime | None
    omit_internal: bool
    limit: int
    page: int


def read_filters(request: HttpRequest) -> Filters:
    stamps = {name: datetime_param(request, name) for name in FILTERS}
    limit = min(int_param(request, "limit", DEFAULT_LIMIT), MAX_LIMIT)
    return Filters(**stamps, omit_internal=_bool_param(request, "omit_internal"), limit=limit, page=int_param(request, "page", 1))


def _bool_param(request: HttpRequest, name: str) -> bool:
    value = request.GET.get(name, "").lower()
    if value in ("", "false", "0"):
        return False
    if value in ("true", "1"):
        return True
    raise ApiError(400, f"{name} must be true or false, not {value!r}", name)


def filtered(rows: QuerySet, filters: Filters, created: str = "created", modified: str = "modified") -> QuerySet:
    bounds = {
        f"{created}__gte": filters.created_since,
        f"{created}__lte": filters.created_until,
        f"{modified}__gte": filters.modified_since,
        f"{modified}__lte": filters.modified_until,
    }
    return rows.filter(**{lookup: value for lookup, value in bounds.items() if value is not None})


def in_range(created: dt.datetime, modified: dt.datetime, filters: Filters) -> bool:
    """The same filters for objects built in Python (locations, legislative terms)."""
    return not (
        (filters.created_since and created < filters.created_since)
        or (filters.created_until and created > filters.created_until)
        or (filters.modified_since and modified < filters.modified_since)
        or (filters.modified_until and modified > filters.modified_until)
    )


@dataclass
class Page:
    items: list
    total: int
    limit: int
    number: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.limit))


def page_of(sources: list, filters: Filters) -> Page:
    """One page of the concatenated sources (querysets ordered by pk, or lists)."""
    counts = [source.count() if isinstance(source, QuerySet) else len(source) for source in sources]
    page = Page([], sum(counts), filters.limit, filters.page)
    if filters.page > page.pages:
        raise ApiError(404, f"page {filters.page} does not exist: the list has {page.pages} pages", "page")
    start, stop = (filters.page - 1) * filters.limit, filters.page * filters.limit
    for source, count in zip(sources, counts):
        if start < count and stop > 0:
            page.items.extend(source[max(start, 0) : min(stop, count)])
        start, stop = start - count, stop - count
    return page


def list_body(request: HttpRequest, page: Page, data: list[dict]) -> dict:
    """The OParl list: data, pagination, and links that keep the client's filters."""
    links = {"first": _page_url(request, 1), "self": _page_url(request, page.number), "last": _page_url(request, page.pages)}
    if page.number > 1:
        links["prev"] = _page_url(request, page.number - 1)
    if page.number < page.pages:
        links["next"] = _page_url(request, page.number + 1)
    pagination = {"totalElements": page.total, "elementsPerPage": page.limit, "currentPage": page.number, "totalPages": page.pages}
    return {"data": data, "pagination": pagination, "links": links}


def _page_url(request: HttpRequest, number: int) -> str:
    """Canonical: parameters sorted by name, `page` left out on the first page."""
    params = {key: value for key, value in request.GET.items() if key != "page"}
    if number > 1:
        params["page"] = str(number)
    query = urlencode(sorted(params.items()))
    return request.build_absolute_uri(request.path) + (f"?{query}" if query else "")


def last_modified(stamps) -> dt.datetime | None:
    stamps = [stamp for stamp in stamps if stamp is not None]
    return max(stamps) if stamps else None

"""OParl object lists: the standard filters, pages of stable order, and the links between pages.

A list may be read from several querysets one after the other (agenda items are § and notice
items); each is ordered by its primary key, so pages are stable. `links.next` carries a keyset
cursor (`after=<source>-<id>`: the last object of the page) beside the page number, so a client
paging through a list never makes the database skip rows (no OFFSET); `page=N` alone (first, last,
prev and hand-made links) is cut with LIMIT/OFFSET. Every page counts its list (totalElements,
totalPages, last): a list can say how to count itself cheaply (`Counted`).
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest

from paragraf.api import spread
from paragraf.api.http import ApiError, datetime_param, int_param

DEFAULT_LIMIT = 100
# A meeting embeds its agenda items (a § each, often 30-50): a smaller page keeps a response near 1 MB.
MEETING_LIMIT = 20
FILE_LIMIT = 20  # a File in a list carries its text (up to texts.EMBEDDED_TEXT_LINES lines)
# Lists whose objects carry Files with their text (meetings, papers, files): at most this many a
# page whatever `limit` asks, so that a page stays tens of megabytes at worst
EMBEDDING_MAX_LIMIT = 50
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
    after: tuple[int, int] | None = None  # (source, id) of the last object of the page before


def read_filters(request: HttpRequest, default_limit: int = DEFAULT_LIMIT, max_limit: int = MAX_LIMIT) -> Filters:
    stamps = {name: datetime_param(request, name) for name in FILTERS}
    # `limit` (OParl 1.1); `elementsPerPage`, the name of the page size in the answer, as some clients ask
    size = "limit" if request.GET.get("limit") or not request.GET.get("elementsPerPage") else "elementsPerPage"
    limit = min(int_param(request, size, default_limit), max_limit)
    return Filters(**stamps, omit_internal=_bool_param(request, "omit_internal"), limit=limit, page=int_param(request, "page", 1),
                   after=_cursor(request))


def _cursor(request: HttpRequest) -> tuple[int, int] | None:
    value = request.GET.get("after")
    if value is None or value == "":
        return None
    source, _, pk = value.partition("-")
    if not (source.isascii() and source.isdigit() and pk.isascii() and pk.isdigit()) or len(source) > 3 or len(pk) > 18:
        raise ApiError(400, f"after must be a cursor from a links.next address, such as 0-123, not {value!r}", "after")
    return int(source), int(pk)


@dataclass
class Counted:
    """A list's rows, and the same rows written so that COUNT(*) is cheap; filters apply to both."""

    rows: QuerySet
    count_rows: QuerySet

    def filter(self, *args, **kwargs) -> "Counted":
        return Counted(self.rows.filter(*args, **kwargs), self.count_rows.filter(*args, **kwargs))

    def count(self) -> int:
        return self.count_rows.count()


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
    cursor: str | None = None  # of the last object, when every source is a queryset

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.limit))


def page_of(sources: list, filters: Filters) -> Page:
    """One page of the concatenated sources (querysets ordered by pk, `Counted`, or lists).

    With a cursor (`after`), the sources before its own are passed over and its own is read from the
    id after it; the page number tells how many objects are left, so no query reads past the page."""
    counts = [len(source) if isinstance(source, list) else source.count() for source in sources]
    page = Page([], sum(counts), filters.limit, filters.page)
    if filters.page > page.pages and filters.after is None:
        raise ApiError(404, f"page {filters.page} does not exist: the list has {page.pages} pages", "page")
    start, stop = (filters.page - 1) * filters.limit, filters.page * filters.limit
    keyset = filters.after is not None and not any(isinstance(source, list) for source in sources)
    last = None
    for n, (source, count) in enumerate(zip(sources, counts)):
        rows = source.rows if isinstance(source, Counted) else source
        if keyset and n < filters.after[0]:
            pass
        elif keyset and n == filters.after[0]:
            wanted = min(stop, count) - max(start, 0)
            if wanted > 0:
                found = list(rows.filter(pk__gt=filters.after[1])[:wanted])
                page.items.extend(found)
                last = (n, found[-1].pk) if found else last
        elif start < count and stop > 0:
            if not isinstance(source, list) and not spread.is_spread(rows.model, count):
                id_rows = source.count_rows if isinstance(source, Counted) else rows
                found = by_sorted_ids(id_rows, rows, max(start, 0), min(stop, count))
            else:
                found = _slice(rows, max(start, 0), min(stop, count), count)
            page.items.extend(found)
            last = (n, found[-1].pk) if found and not isinstance(source, list) else last
        start, stop = start - count, stop - count
    if last and not any(isinstance(source, list) for source in sources):
        page.cursor = f"{last[0]}-{last[1]}"
    return page


def by_sorted_ids(id_rows: QuerySet, rows: QuerySet, start: int, stop: int) -> list:
    """rows[start:stop] by the ids of the page, sorted out of `id_rows` (the same rows in a form
    an index serves: `spread.sorted_ids`), then the page's rows."""
    ids = spread.sorted_ids(id_rows, start, stop)
    return sorted(rows.filter(pk__in=ids), key=lambda row: row.pk)


def _slice(rows, start: int, stop: int, count: int) -> list:
    """rows[start:stop]; in the second half of a queryset read backwards from its end, so the last
    page (links.last) skips few rows instead of nearly all."""
    if isinstance(rows, list) or start <= count - stop:
        return list(rows[start:stop])
    return list(rows.reverse()[count - stop : count - start])[::-1]


def list_body(request: HttpRequest, page: Page, data: list[dict]) -> dict:
    """The OParl list: data, pagination, and links that keep the client's filters."""
    links = {"first": _page_url(request, 1), "self": _page_url(request, page.number, request.GET.get("after")),
             "last": _page_url(request, page.pages)}
    if page.number > 1:
        links["prev"] = _page_url(request, page.number - 1)
    if page.number < page.pages and page.items:
        links["next"] = _page_url(request, page.number + 1, page.cursor)
    pagination = {"totalElements": page.total, "elementsPerPage": page.limit, "currentPage": page.number, "totalPages": page.pages}
    return {"data": data, "pagination": pagination, "links": links}


def _page_url(request: HttpRequest, number: int, cursor: str | None = None) -> str:
    """Canonical: parameters sorted by name, `page` left out on the first page, `after` only on next (and self)."""
    params = {key: value for key, value in request.GET.items() if key not in ("page", "after")}
    if number > 1:
        params["page"] = str(number)
    if cursor and number > 1:
        params["after"] = cursor
    query = urlencode(sorted(params.items()))
    return request.build_absolute_uri(request.path) + (f"?{query}" if query else "")


def last_modified(stamps) -> dt.datetime | None:
    stamps = [stamp for stamp in stamps if stamp is not None]
    return max(stamps) if stamps else None

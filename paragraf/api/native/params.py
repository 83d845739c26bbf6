"""Query and path parameters of the native API, read strictly: anything malformed is a 400 naming the parameter.

Builds on `paragraf.api.http` (`datetime_param`, `int_param`) and adds what the native API needs on top:
one value per parameter, calendar dates as YYYY-MM-DD, slugs, record ids.
"""
from __future__ import annotations

import datetime as dt
import re

from django.http import HttpRequest

from paragraf.api.http import ApiError, datetime_param, int_param

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
TEXT_RE = re.compile(r"^[^\x00]+$")
ID_RE = re.compile(r"^[0-9]+$")
NUMBER_RE = re.compile(r"^-?[0-9]+$")  # int() would also take " 7", "7_000" and other scripts' digits
MAX_ID = 2**63 - 1  # both databases keep ids as signed 64-bit integers


def single(request: HttpRequest, name: str) -> str | None:
    """The one value of a query parameter, or None when absent; given twice or empty is a 400."""
    values = request.GET.getlist(name)
    if len(values) > 1:
        raise ApiError(400, f"{name} was given {len(values)} times; give it once", name)
    if values == [""]:
        raise ApiError(400, f"{name} is empty; give a value or leave it out", name)
    return values[0] if values else None


def date_param(request: HttpRequest, name: str) -> dt.date | None:
    value = single(request, name)
    if value is None:
        return None
    try:
        if not DATE_RE.match(value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ApiError(400, f"{name} must be a date written YYYY-MM-DD, such as 2023-01-31, not {value!r}", name) from None


def modified_since(request: HttpRequest) -> dt.datetime | None:
    """`modified_since`: an ISO 8601 date-time; an instant beyond what Python holds in UTC is cut to the first or last one."""
    single(request, "modified_since")
    return datetime_param(request, "modified_since")  # in UTC, cut there


def whole_number(request: HttpRequest, name: str, default: int, minimum: int = 1, maximum: int = MAX_ID) -> int:
    value = single(request, name)
    if value is not None and not NUMBER_RE.match(value):
        raise ApiError(400, f"{name} must be a whole number, not {value!r}", name)
    return int_param(request, name, default, minimum=minimum, maximum=maximum)


def id_filter(request: HttpRequest, name: str) -> int | None:
    """An optional filter naming a record by id (`?meeting=12`)."""
    if single(request, name) is None:
        return None
    return whole_number(request, name, 0)


def slug_param(request: HttpRequest, name: str) -> str | None:
    """A slug filter: malformed is a 400; a well-formed slug nobody has simply matches nothing."""
    value = single(request, name)
    if value is not None and not SLUG_RE.match(value):
        raise ApiError(400, f"{name} must be a slug of letters a-z, digits, '-' and '_', not {value!r}", name)
    return value


def text_param(request: HttpRequest, name: str) -> str | None:
    """Free text matched exactly; a NUL character is a 400 (PostgreSQL text cannot hold it)."""
    value = single(request, name)
    if value is not None and "\x00" in value:
        raise ApiError(400, f"{name} must not contain a NUL character", name)
    return value


def record_id(value: str, name: str = "id") -> int:
    """A record id from the path: a whole number from 1; anything else is a 400."""
    if not ID_RE.match(value) or not 1 <= int(value) <= MAX_ID:
        raise ApiError(400, f"{name} must be a whole number from 1 to {MAX_ID}, not {value!r}", name)
    return int(value)

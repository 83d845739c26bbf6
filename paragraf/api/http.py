"""HTTP done right for every API response: JSON, ETag and Last-Modified with 304 on
conditional requests, CORS for read-only GET, and clear JSON errors.

    @api_view
    def thing(request, pk):
        ...                               # raise ApiError(400, "…", parameter="created_since")
        return ApiResponse(data, last_modified=obj.modified)

`api_view` turns the ApiResponse into JSON with the headers, answers OPTIONS (CORS
preflight) and HEAD, refuses other methods with 405, and renders ApiError and Http404
as JSON errors.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from paragraf.privacy.layer import mask_data
from paragraf.privacy.rules import current_masker

ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": ", ".join(ALLOWED_METHODS),
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since, Accept",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Link",
    "Access-Control-Max-Age": "86400",
}
JSON_TYPE = "application/json; charset=utf-8"


class ApiError(Exception):
    """A request the API refuses: the status, a message in plain words, and the parameter at fault."""

    def __init__(self, status: int, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.parameter = parameter

    def body(self) -> dict:
        error = {"status": self.status, "message": self.message}
        if self.parameter:
            error["parameter"] = self.parameter
        return {"error": error}


@dataclass
class ApiResponse:
    data: object
    last_modified: dt.datetime | None = None
    content_type: str = JSON_TYPE
    status: int = 200
    headers: dict[str, str] | None = None  # more headers, e.g. Content-Disposition of a download
    holds_records: bool = True  # False: a document of the API itself (its schema), no text read from packets
    etag: str | None = None  # given when `data` is streamed (an iterable of bytes): no body to hash


def encode(data: object) -> bytes:
    """Stable JSON: the same data always gives the same bytes (and so the same ETag)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_default).encode()


def _default(value):
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def api_view(view):
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            return _with_cors(HttpResponse(status=204))
        if request.method not in ALLOWED_METHODS:
            error = ApiError(405, f"method {request.method} not allowed: the API is read-only")
            response = _error_response(error)
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            return response
        try:
            result = view(request, *args, **kwargs)
        except ApiError as error:
            return _error_response(error)
        except Http404 as missing:
            return _error_response(ApiError(404, str(missing) or "no such object"))
        return conditional(request, result)

    # Read-only and cookie-free: CSRF protection has nothing to guard, and would answer other methods with an HTML 403.
    wrapper.csrf_exempt = True
    return wrapper


def conditional(request: HttpRequest, result: ApiResponse) -> HttpResponse:
    """The response with its validators; personal data masked first (the API is public, staff
    included), so that the ETag and the checksums are those of what is sent. A streamed body
    (given with its own ETag) was masked piece by piece by the view that made it."""
    streamed = result.etag is not None
    body = result.data if streamed else _public_body(result)
    etag = quote_etag(result.etag if streamed else hashlib.sha256(body).hexdigest()[:32])
    last_modified = http_date(result.last_modified.timestamp()) if result.last_modified else None
    if _not_modified(request, etag, result.last_modified):
        response = HttpResponse(status=304)
    elif streamed:
        response = StreamingHttpResponse(() if request.method == "HEAD" else body, content_type=result.content_type,
                                         status=result.status)
    else:
        response = HttpResponse(b"" if request.method == "HEAD" else body, content_type=result.content_type, status=result.status)
        if request.method == "HEAD":
            response["Content-Length"] = str(len(body))
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = last_modified
    response["Cache-Control"] = "public, max-age=60, must-revalidate"
    for name, value in (result.headers or {}).items():
        response[name] = value
    response.personal_data_masked = True
    return _with_cors(response)


def _public_body(result: ApiResponse) -> bytes:
    if not result.holds_records:
        return encode(result.data) if result.content_type == JSON_TYPE else result.data
    masker = current_masker()
    if result.content_type == JSON_TYPE:
        return encode(mask_data(result.data, masker))
    return masker.mask(result.data.decode()).encode() if result.content_type.startswith("text/") else result.data


def _not_modified(request: HttpRequest, etag: str, last_modified: dt.datetime | None) -> bool:
    """RFC 9110: If-None-Match wins over If-Modified-Since."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or etag in tags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return bool(since is not None and last_modified is not None and int(last_modified.timestamp()) <= since)


def _error_response(error: ApiError) -> HttpResponse:
    response = HttpResponse(encode(error.body()), content_type=JSON_TYPE, status=error.status)
    return _with_cors(response)


def _with_cors(response: HttpResponse) -> HttpResponse:
    for name, value in CORS_HEADERS.items():
        response[name] = value
    return response


def datetime_param(request: HttpRequest, name: str) -> dt.datetime | None:
    """An ISO 8601 date-time query parameter with its zone (`2023-01-31T12:00:00+01:00`, `…Z`); 400 naming
    it when malformed or without a zone (OParl: a time without one is no instant; UTC is not to be guessed)."""
    value = request.GET.get(name)
    if value is None or value == "":
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "+"))
    except ValueError:
        raise ApiError(400, f"{name} must be an ISO 8601 date-time such as 2023-01-31T00:00:00+01:00, not {value!r}", name) from None
    if parsed.tzinfo is None:
        raise ApiError(400, f"{name} must say its time zone, such as 2023-01-31T00:00:00+01:00 or 2023-01-30T23:00:00Z, "
                            f"not {value!r}", name)
    try:
        return parsed.astimezone(dt.timezone.utc)
    except OverflowError:  # 0001-01-01T00:00:00+01:00, 9999-12-31T23:59:59-01:00: cut to the first or last instant
        edge = dt.datetime.min if parsed.year == dt.MINYEAR else dt.datetime.max
        return edge.replace(tzinfo=dt.timezone.utc)


def int_param(request: HttpRequest, name: str, default: int, minimum: int = 1, maximum: int | None = None) -> int:
    value = request.GET.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ApiError(400, f"{name} must be a whole number, not {value!r}", name) from None
    if number < minimum or (maximum is not None and number > maximum):
        bounds = f"from {minimum}" + (f" to {maximum}" if maximum is not None else "")
        raise ApiError(400, f"{name} must be {bounds}, not {number}", name)
    return number

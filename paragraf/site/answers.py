"""What the site-wide guards answer instead of the view: a JSON error from the APIs and the export
(the form of `paragraf.api.http`), else the portal's Swedish page `refused.html`."""
from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from paragraf.api.http import CORS_HEADERS, JSON_TYPE, ApiError, encode

JSON_VIEWS = ("oparl:", "native:", "organization_dump")


class Guard:
    """A middleware that acts in `process_view` or `process_exception` only."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)


def refuse(request, status: int, title: str, message: str, retry_after: int | None = None) -> HttpResponse:
    match = request.resolver_match
    if match and match.view_name.startswith(JSON_VIEWS):
        response = HttpResponse(encode(ApiError(status, message).body()), content_type=JSON_TYPE, status=status)
        for name, value in CORS_HEADERS.items():
            response[name] = value
    else:
        response = render(request, "refused.html", {"title": title, "message": message}, status=status)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response

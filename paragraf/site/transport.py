"""How every response travels: a HEAD gets the headers of its GET and no body (a body after the
headers breaks a keep-alive client's next response), and the APIs' JSON is compressed for clients
that accept gzip. HTML pages are not compressed: they carry a CSRF token (BREACH)."""
from __future__ import annotations

from django.middleware.gzip import GZipMiddleware

COMPRESSED_PATHS = ("/oparl/", "/api/", "/export/")


class HeadMiddleware:
    """Outermost: whatever the view and the other layers made, a HEAD leaves without a body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "HEAD":
            return response
        if response.streaming:
            response.streaming_content = []
        else:
            if not response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response


class ApiGZipMiddleware(GZipMiddleware):
    """Django's gzip, for the APIs and the export only."""

    def process_response(self, request, response):
        if not request.path.startswith(COMPRESSED_PATHS):
            return response
        return super().process_response(request, response)

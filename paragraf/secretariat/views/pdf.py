"""A PDF answered inline with its file name (and an ETag when the bytes are a stored version)."""
from __future__ import annotations

from django.http import HttpResponse


def pdf_response(data: bytes, filename: str, etag: str = "") -> HttpResponse:
    response = HttpResponse(bytes(data), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if etag:
        response["ETag"] = f'"{etag}"'
    return response

"""The downloadable dump of one organisation: `/export/<slug>.jsonl`, streamed."""
from __future__ import annotations

from django.http import HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe

from paragraf.api.http import CORS_HEADERS, JSON_TYPE, ApiError, encode
from paragraf.exchange.export import consistent_snapshot, jsonl_lines
from paragraf.records.models import Organization

JSONL_TYPE = "application/jsonl; charset=utf-8"


@require_safe
def organization_dump(request, org: str):
    organization = Organization.objects.filter(slug=org).first()
    if organization is None:
        error = ApiError(404, f"no organisation {org!r}", parameter="org")
        response = HttpResponse(encode(error.body()), content_type=JSON_TYPE, status=404)
    elif request.method == "HEAD":
        response = HttpResponse(content_type=JSONL_TYPE)
    else:
        response = StreamingHttpResponse(_dump(organization), content_type=JSONL_TYPE)
        response.personal_data_masked = True  # the dump masks every free text itself (exchange/values.py)
    response["Content-Disposition"] = f'attachment; filename="{org}.jsonl"'
    for name, value in CORS_HEADERS.items():
        response[name] = value
    return response


def _dump(organization: Organization):
    """The lines in one snapshot, encoded; a client that leaves early ends the snapshot."""
    with consistent_snapshot():
        for line in jsonl_lines(organization):
            yield line.encode("utf-8")

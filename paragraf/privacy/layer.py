"""The one layer between the records and the public: every HTTP response to anyone but logged-in
staff has its personal data masked here, whatever view made it, so a new page, feed or endpoint
cannot forget it. Views that need the masked text before the response exists (the API, for its
ETag; the export, which streams; a source text shown line by line) mask through the same
`masker_for(request)` and mark the response `personal_data_masked`.

Staff see personal data as written; their responses are marked private (never cached in common).
"""
from __future__ import annotations

import json
from functools import partial

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from paragraf.privacy.masking import Masker
from paragraf.privacy.pieces import masked_stream
from paragraf.privacy.rules import current_masker

TEXT_TYPES = ("text/", "application/xml", "application/atom+xml", "application/rss+xml", "application/xhtml+xml")
JSON_TYPES = ("application/json", "application/geo+json", "application/ld+json")
JSONL_TYPES = ("application/jsonl", "application/x-ndjson")


def shows_private(request: HttpRequest) -> bool:
    """Whoever may use the admin (active staff; with PARAGRAF_ADMIN_TOTP, verified by their device)."""
    return getattr(request, "user", None) is not None and admin.site.has_permission(request)


def masker_for(request: HttpRequest | None) -> Masker | None:
    """The masker for what this request may see; None for staff, who see everything."""
    if request is not None and shows_private(request):
        return None
    return current_masker()


def mask_data(data, masker: Masker | None):
    """Every string in JSON-like data masked (keys are names, not data)."""
    if masker is None:
        return data
    if isinstance(data, str):
        return masker.mask(data)
    if isinstance(data, dict):
        return {key: mask_data(value, masker) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [mask_data(item, masker) for item in data]
    return data


class PublicMaskingMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        if shows_private(request):
            patch_cache_control(response, private=True)
            return response
        if getattr(response, "personal_data_masked", False):
            return response
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        masked = _mask_response(response, content_type, current_masker())
        if masked:
            response.personal_data_masked = True
        return response


def _mask_response(response: HttpResponse, content_type: str, masker: Masker) -> bool:
    if not (content_type.startswith(TEXT_TYPES) or content_type in JSON_TYPES or content_type in JSONL_TYPES):
        return False
    charset = response.charset or "utf-8"
    if isinstance(response, StreamingHttpResponse):
        mask = partial(_mask_stream_text, masker=masker, content_type=content_type)
        response.streaming_content = masked_stream(response.streaming_content, mask, charset, content_type in JSONL_TYPES)
        return True
    if not response.content:
        return True
    text = response.content.decode(charset, errors="replace")
    if content_type in JSON_TYPES:
        try:
            text = json.dumps(mask_data(json.loads(text), masker), ensure_ascii=False, separators=(",", ":"))
        except ValueError:
            text = masker.mask(text)
    elif content_type in JSONL_TYPES:
        text = "".join(_mask_jsonl_line(line, masker) for line in text.splitlines(keepends=True))
    else:
        text = masker.mask(text)
    body = text.encode(charset)
    if body != response.content:
        response.content = body
        if response.has_header("ETag"):
            del response["ETag"]
    return True


def _mask_stream_text(text: str, masker: Masker, content_type: str) -> str:
    if content_type in JSONL_TYPES:
        return "".join(_mask_jsonl_line(line, masker) for line in text.splitlines(keepends=True))
    return masker.mask(text)


def _mask_jsonl_line(line: str, masker: Masker) -> str:
    end = "\n" if line.endswith("\n") else ""
    try:
        return json.dumps(mask_data(json.loads(line), masker), ensure_ascii=False, separators=(",", ":")) + end
    except ValueError:
        return masker.mask(line)


def mask_lines(lines: list[tuple[int, str]], masker: Masker | None) -> list[tuple[int, str]]:
    """Numbered lines masked as one text, so a value broken over two lines is found; the mask
    keeps the line breaks, so every line keeps its number."""
    if masker is None or not lines:
        return list(lines)
    texts = masker.mask("\n".join(text for _, text in lines)).split("\n")
    return [(n, text) for (n, _), text in zip(lines, texts, strict=True)]

"""The content of Files: a document's cleaned text or a packet's text, personal data masked.

OParl 1.1 § Dateizugriffe: the accessUrl answers without `Content-Disposition: attachment`, the
downloadUrl with it and the file name. A packet's text is streamed (it may be many megabytes).
"""
from __future__ import annotations

import hashlib

from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from paragraf import __version__
from paragraf.api.http import ApiResponse, api_view
from paragraf.api.oparl.files import document_file_name, source_file_name
from paragraf.api.oparl.texts import document_text
from paragraf.records.models import Document, SourceFile
from paragraf.privacy.pieces import masked_stream
from paragraf.records.texts import text_chunks
from paragraf.privacy.rules import current_masker

TEXT_TYPE = "text/plain; charset=utf-8"


def _document(pk: int) -> tuple[Document, bytes]:
    document = get_object_or_404(Document.objects.select_related("source_file").defer("source_file__data", "source_file__text"), pk=pk)
    return document, document_text(document).encode()


def _source(pk: int, file_name: bool = False) -> ApiResponse:
    """The packet's text streamed, masked piece by piece; its ETag from the file's id and when it was
    read, never from its content (a hash of the original would let a hidden value be guessed)."""
    source = get_object_or_404(SourceFile.objects.defer("data", "text"), pk=pk)
    masker = current_masker()
    pieces = masked_stream(text_chunks(pk), masker.mask)
    # The masks change with staff's rules and by release.
    read = f"{source.pk} {source.parser_version} {source.updated_at.isoformat()} {masker.fingerprint} {__version__}"
    etag = hashlib.sha256(read.encode()).hexdigest()[:32]
    return _text(pieces, source.updated_at, source_file_name(source) if file_name else None, etag)


def _text(body, modified, file_name: str | None = None, etag: str | None = None) -> ApiResponse:
    headers = {"Content-Disposition": content_disposition_header(True, file_name)} if file_name else None
    return ApiResponse(body, last_modified=modified, content_type=TEXT_TYPE, headers=headers, etag=etag)


@api_view
def document_access(request, pk: int):
    document, body = _document(pk)
    return _text(body, document.modified)


@api_view
def document_download(request, pk: int):
    document, body = _document(pk)
    return _text(body, document.modified, document_file_name(document))


@api_view
def source_access(request, pk: int):
    return _source(pk)


@api_view
def source_download(request, pk: int):
    return _source(pk, file_name=True)

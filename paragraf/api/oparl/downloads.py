"""The content of Files: a document's cleaned text or a packet's text, personal data masked.

OParl 1.1 § Dateizugriffe: the accessUrl answers without `Content-Disposition: attachment`, the
downloadUrl with it and the file name.
"""
from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from paragraf.api.http import ApiResponse, api_view
from paragraf.api.oparl.files import document_file_name, source_file_name
from paragraf.api.oparl.texts import document_text, source_text
from paragraf.records.models import Document, SourceFile

TEXT_TYPE = "text/plain; charset=utf-8"


def _document(pk: int) -> tuple[Document, bytes]:
    document = get_object_or_404(Document.objects.select_related("source_file"), pk=pk)
    return document, document_text(document, document.source_file.text if document.source_file_id else "").encode()


def _source(pk: int) -> tuple[SourceFile, bytes]:
    source = get_object_or_404(SourceFile.objects.defer("data"), pk=pk)
    return source, source_text(source).encode()


def _text(body: bytes, modified, file_name: str | None = None) -> ApiResponse:
    headers = {"Content-Disposition": content_disposition_header(True, file_name)} if file_name else None
    return ApiResponse(body, last_modified=modified, content_type=TEXT_TYPE, headers=headers)


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
    source, body = _source(pk)
    return _text(body, source.updated_at)


@api_view
def source_download(request, pk: int):
    source, body = _source(pk)
    return _text(body, source.updated_at, source_file_name(source))

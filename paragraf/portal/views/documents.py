"""A document (cleaned text with line anchors) and the source packet (text a page of lines at a time, download)."""
from __future__ import annotations

from django.db.models import Q
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render

from paragraf.ingest.cleanup import clean_lines
from paragraf.portal.lines import LINES_PER_PAGE, masked_span, page_start
from paragraf.portal.params import number
from paragraf.privacy.layer import mask_lines, masker_for, shows_private
from paragraf.privacy.pieces import masked_stream
from paragraf.privacy.rules import current_masker
from paragraf.portal.views.originals import document_pages
from paragraf.records.models import Document, Meeting, Paragraph, SourceFile
from paragraf.records.placing import document_uses
from paragraf.records.texts import text_chunks, text_lines
from paragraf.portal import crumbs


def document(request, pk: int):
    """The document's cleaned text, LINES_PER_PAGE lines of the packet at a time from its first line
    (`?fran=` a line of it: the page holding that line); each page is cleaned by itself."""
    document = get_object_or_404(Document.objects.select_related("source_file", "case", "organization")
                                 .defer("source_file__text", "source_file__data"), pk=pk)
    top, bottom = document.first_line or 1, document.last_line or 0
    wanted = max(number(request.GET, "fran", maximum=max(bottom, 1)), top)
    first = top + (wanted - top) // LINES_PER_PAGE * LINES_PER_PAGE
    last = min(first + LINES_PER_PAGE - 1, bottom)
    # clean_lines numbers from 1: shift to the page's place in the packet. The lines around the
    # page are masked with it (a value broken over its edge is found whole), then left out.
    before, after = max(first - 1, top), min(last + 1, bottom)
    lines = text_lines(document.source_file_id, before, after) if document.source_file_id else []
    around = [(n + before - 1, t) for n, t in clean_lines(lines) if t]
    cleaned = [(n, t) for n, t in mask_lines(around, masker_for(request)) if first <= n <= last]
    uses = document_uses([document])[document.pk]
    paragraphs = (Paragraph.objects.filter(Q(pk__in=uses.paragraphs) | Q(documents=document))
                  .select_related("meeting__body").distinct().order_by("meeting__date", "number"))
    context = {
        "document": document,
        "paragraphs": paragraphs,
        "meetings": Meeting.objects.filter(pk__in=uses.meetings).select_related("body").order_by("date"),
        "original_pages": document_pages(document) if first == top else [],
        "lines": cleaned,
        "previous": first - LINES_PER_PAGE if first > top else None,
        "next": last + 1 if last < bottom else None,
        "crumbs": crumbs.document(document),
    }
    return render(request, "portal/document.html", context)


def source(request, pk: int):
    """One page of the packet's lines (`?fran=` a line of it: the page holding that line), never the whole."""
    source = get_object_or_404(SourceFile.objects.defer("data", "text"), pk=pk)
    first = page_start(number(request.GET, "fran", maximum=max(source.line_count, 1)))
    last = min(first + LINES_PER_PAGE - 1, source.line_count)
    context = {
        "source": source,
        "lines": masked_span(pk, first, last, masker_for(request)),
        "first": first,
        "last": last,
        "previous": max(1, first - LINES_PER_PAGE) if first > 1 else None,
        "next": last + 1 if last < source.line_count else None,
        "documents": source_documents(source),
        "crumbs": crumbs.page(source.name),
    }
    return render(request, "portal/source.html", context)


def source_documents(source: SourceFile):
    return Document.objects.filter(source_file=source).order_by("position")


def source_download(request, pk: int):
    """Staff get the original file; the public the text read from it, with personal data masked, streamed."""
    if shows_private(request):
        source = get_object_or_404(SourceFile.objects.defer("text"), pk=pk)
        content_type = "application/pdf" if source.kind == "pdf" else "text/plain; charset=utf-8"
        response = HttpResponse(bytes(source.data), content_type=content_type)
        filename = source.name
    else:
        source = get_object_or_404(SourceFile.objects.defer("data", "text"), pk=pk)
        pieces = masked_stream(text_chunks(pk), current_masker().mask)
        response = StreamingHttpResponse(pieces, content_type="text/plain; charset=utf-8")
        response.personal_data_masked = True
        filename = source.name.rsplit(".", 1)[0] + ".txt"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

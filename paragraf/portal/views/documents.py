"""A document (cleaned text with line anchors) and the source packet (text, original download)."""
from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from paragraf.ingest.cleanup import clean_lines
from paragraf.privacy.layer import shows_private
from paragraf.records.models import Document, SourceFile


def document(request, pk: int):
    document = get_object_or_404(Document.objects.select_related("source_file", "case", "organization"), pk=pk)
    text = SourceFile.objects.values_list("text", flat=True).get(pk=document.source_file_id)
    lines = text.split("\n", document.last_line)[document.first_line - 1 : document.last_line]
    cleaned = [(n, t) for n, t in clean_lines(lines) if t]
    # clean_lines numbers from 1: shift to the document's place in the packet.
    cleaned = [(n + document.first_line - 1, t) for n, t in cleaned]
    return render(request, "portal/document.html", {"document": document, "lines": cleaned})


def source(request, pk: int):
    source = get_object_or_404(SourceFile.objects.defer("data"), pk=pk)
    lines = list(enumerate(source.text.split("\n"), start=1))
    documents = source_documents(source)
    return render(request, "portal/source.html", {"source": source, "lines": lines, "documents": documents})


def source_documents(source: SourceFile):
    return Document.objects.filter(source_file=source).order_by("position")


def source_download(request, pk: int):
    """Staff get the original file; the public the text read from it (masked by paragraf.privacy.layer)."""
    if shows_private(request):
        source = get_object_or_404(SourceFile, pk=pk)
        content_type = "application/pdf" if source.kind == "pdf" else "text/plain; charset=utf-8"
        response = HttpResponse(bytes(source.data), content_type=content_type)
        filename = source.name
    else:
        source = get_object_or_404(SourceFile.objects.defer("data"), pk=pk)
        response = HttpResponse(source.text, content_type="text/plain; charset=utf-8")
        filename = source.name.rsplit(".", 1)[0] + ".txt"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

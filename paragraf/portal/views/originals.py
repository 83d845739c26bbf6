"""The original pages of a PDF packet (images, personal data painted over for the public) and a
document's pages as a PDF of their own. Text packets have no original pages: their text is the original."""
from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control

from paragraf.portal import crumbs, original
from paragraf.portal.params import number
from paragraf.privacy.layer import masker_for
from paragraf.records.models import Document, SourceFile

PAGES_SHOWN = 10  # original pages on one page of the portal
IMAGE_SECONDS = 3600  # how long a browser keeps a page image


def source_pages(request, pk: int):
    """PAGES_SHOWN pages of a PDF packet from `?sida=` (the first by default)."""
    source = get_object_or_404(SourceFile.objects.defer("text"), pk=pk, kind="pdf")
    data = bytes(source.data)
    count = original.page_count(data)
    first = number(request.GET, "sida", maximum=max(count, 1))
    pages = range(first, min(first + PAGES_SHOWN, count + 1))
    context = {
        "source": source,
        "pages": _shown(data, pages),
        "count": count,
        "previous": max(1, first - PAGES_SHOWN) if first > 1 else None,
        "next": pages.stop if pages.stop <= count else None,
        "crumbs": crumbs.original(source),
    }
    return render(request, "portal/original.html", context)


def page_image(request, pk: int, page: int):
    """Page `page` of a PDF packet as a PNG, personal data painted over for the public."""
    source = get_object_or_404(SourceFile.objects.defer("text", "data"), pk=pk, kind="pdf")
    masker = masker_for(request)
    tag = f'"{source.sha256[:20]}-{page}-{masker.fingerprint if masker else "staff"}"'
    if request.headers.get("If-None-Match") == tag:
        return _cached(HttpResponse(status=304), tag, masker is not None)
    data = bytes(SourceFile.objects.values_list("data", flat=True).get(pk=pk))
    try:
        png = original.render_png(data, page, masker)
    except original.NoSuchPage:
        raise Http404("no such page") from None
    except original.Withheld:
        return _withheld()
    return _cached(HttpResponse(png, content_type="image/png"), tag, masker is not None)


def document_pdf(request, pk: int):
    """The document's pages of its PDF packet as a PDF; for the public, pages with personal data as masked images."""
    document = get_object_or_404(Document.objects.select_related("source_file").defer("source_file__text"),
                                 pk=pk, source_file__kind="pdf")
    pages = original.line_pages(document.source_file_id, document.first_line or 1, document.last_line or 1)
    masker = masker_for(request)
    try:
        pdf = original.document_pdf(bytes(document.source_file.data), pages, masker)
    except original.Withheld:
        return _withheld()
    response = HttpResponse(pdf, content_type="application/pdf")
    response.personal_data_masked = masker is not None
    stem = document.source_file.name.rsplit(".", 1)[0]
    response["Content-Disposition"] = f'attachment; filename="{stem}-sid-{pages.start}-{pages.stop - 1}.pdf"'
    return response


def document_pages(document: Document) -> list[dict]:
    """The original pages of a document of a PDF packet (the first PAGES_SHOWN), for its page."""
    if not document.source_file_id or document.source_file.kind != "pdf":
        return []
    pages = original.line_pages(document.source_file_id, document.first_line or 1, document.last_line or 1)
    data = bytes(SourceFile.objects.values_list("data", flat=True).get(pk=document.source_file_id))
    return _shown(data, range(pages.start, min(pages.stop, pages.start + PAGES_SHOWN)))


def _shown(data: bytes, pages: range) -> list[dict]:
    sizes = original.page_sizes(data, pages)
    return [{"number": n, "width": sizes[n].width, "height": sizes[n].height} for n in pages if n in sizes]


def _cached(response: HttpResponse, tag: str, public: bool) -> HttpResponse:
    response["ETag"] = tag
    response.personal_data_masked = public
    patch_cache_control(response, max_age=IMAGE_SECONDS)
    return response


def _withheld() -> HttpResponse:
    response = HttpResponse("Sidan visas inte: den innehåller personuppgifter som inte kan maskeras i bilden. "
                            "Texten med personuppgifterna dolda finns på handlingens sida.",
                            status=403, content_type="text/plain; charset=utf-8")
    return response

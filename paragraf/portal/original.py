"""The original pages of a PDF packet, as the public may see them: rendered with PDFium to images,
personal data painted over; and a PDF of a document's pages.

A page's personal data is found by the same masker as every public surface, in the text PDFium reads
from that page; each finding's characters are covered by black boxes (their loose boxes, the whole
height of the font). A page whose text PDFium cannot map back to characters, or whose finding has a
character without a place on the page, is withheld (`Withheld`), never shown unmasked. Staff
(`masker` None) see the pages as they are. PDFium is used under the lock of `ingest.pdf.PDFIUM`
(it is not thread-safe), every page and text page closed before the lock is let go.

Which pages a document or § takes is read from the packet's text: the importer joins pages with a
form feed, so the page of line n is the number of form feeds in lines 1..n.
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageDraw

from paragraf.ingest.pdf import PDFIUM
from paragraf.privacy.masking import Masker
from paragraf.records.texts import text_lines

SCALE = 1.5  # pixels per PDF point: an A4 page 893 px wide, sharp on a phone and a laptop
MASK_MARGIN = 1.0  # points around each masked character


class NoSuchPage(LookupError):
    """The PDF has no page of that number."""


class Withheld(Exception):
    """The page holds personal data that cannot be located on it: it is not shown to the public."""


@dataclass(frozen=True)
class PageSize:
    width: int  # pixels, as rendered
    height: int


def line_pages(source_id: int, first: int, last: int) -> range:
    """The pages (from 1) lines `first`..`last` of a PDF packet's text stand on."""
    lines = text_lines(source_id, 1, max(last, first, 1))
    first_page = 1 + sum(1 for line in lines[:first] if line.startswith("\f"))
    last_page = 1 + sum(1 for line in lines[:last] if line.startswith("\f"))
    return range(first_page, max(first_page, last_page) + 1)


def page_count(data: bytes) -> int:
    with _opened(data) as pdf:
        return len(pdf)


def page_sizes(data: bytes, pages: range) -> dict[int, PageSize]:
    """The rendered size of each of `pages` (from 1), for the width and height of its image."""
    sizes = {}
    with _opened(data) as pdf:
        for number in pages:
            if 1 <= number <= len(pdf):
                width, height = pdf.get_page_size(number - 1)
                sizes[number] = PageSize(round(width * SCALE), round(height * SCALE))
    return sizes


def render_png(data: bytes, number: int, masker: Masker | None) -> bytes:
    """Page `number` (from 1) as a grey PNG, personal data painted over (Withheld where it cannot be,
    NoSuchPage beyond the last)."""
    with _opened(data) as pdf:
        if not 1 <= number <= len(pdf):
            raise NoSuchPage(number)
        image = _masked_image(pdf, number - 1, masker)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def document_pdf(data: bytes, pages: range, masker: Masker | None) -> bytes:
    """A PDF of `pages` of the packet: pages without personal data as they are (text layer kept),
    pages with it as masked images. Raises Withheld if a page cannot be masked."""
    with _opened(data) as source, _opened(None) as out:
        for number in pages:
            index = number - 1
            if masker is None or not _has_findings(source, index, masker):
                out.import_pages(source, [index])
                continue
            width, height = source.get_page_size(index)
            image = pdfium.PdfImage.new(out)
            bitmap = pdfium.PdfBitmap.from_pil(_masked_image(source, index, masker).convert("RGB"))
            image.set_bitmap(bitmap)
            image.set_matrix(pdfium.PdfMatrix().scale(width, height))
            page = out.new_page(width, height)
            page.insert_obj(image)
            page.gen_content()
            page.close()
            bitmap.close()
        buffer = io.BytesIO()
        out.save(buffer)
    return buffer.getvalue()


@contextmanager
def _opened(data: bytes | None) -> Iterator[pdfium.PdfDocument]:
    """A PDF (a new one for None) for the time of the block, PDFium locked for this thread throughout."""
    with PDFIUM:
        pdf = pdfium.PdfDocument.new() if data is None else pdfium.PdfDocument(data)
        try:
            yield pdf
        finally:
            pdf.close()


def _masked_image(pdf: pdfium.PdfDocument, index: int, masker: Masker | None) -> Image.Image:
    page = pdf[index]
    try:
        bitmap = page.render(scale=SCALE, grayscale=True)
        image = bitmap.to_pil().copy()  # the bitmap's buffer is PDFium's: copied before it is freed
        bitmap.close()
        boxes = _finding_boxes(page, index + 1, masker) if masker is not None else []
        height = page.get_height()
    finally:
        page.close()
    if boxes:
        draw = ImageDraw.Draw(image)
        for left, bottom, right, top in boxes:
            draw.rectangle([(left - MASK_MARGIN) * SCALE, (height - top - MASK_MARGIN) * SCALE,
                            (right + MASK_MARGIN) * SCALE, (height - bottom + MASK_MARGIN) * SCALE], fill=0)
    return image


def _has_findings(pdf: pdfium.PdfDocument, index: int, masker: Masker) -> bool:
    page = pdf[index]
    textpage = page.get_textpage()
    try:
        return bool(masker.findings(textpage.get_text_range()))
    finally:
        textpage.close()
        page.close()


def _finding_boxes(page: pdfium.PdfPage, number: int, masker: Masker) -> list[tuple[float, float, float, float]]:
    """The box of every character of every finding on the page (Withheld if one has no place)."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        boxes = []
        for finding in masker.findings(text):
            for at in range(finding.start, finding.end):
                if text[at].isspace():
                    continue
                char = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage.raw, at)
                if char < 0:
                    raise Withheld(f"a character of personal data on page {number} has no place on it")
                boxes.append(textpage.get_charbox(char, loose=True))
        return boxes
    finally:
        textpage.close()

"""Original pages of a PDF packet on the portal (issue 17): a document page shows its pages as images,
personal data painted over for the public; the document downloads as a PDF of its pages; a § of a
PDF packet links to its page; a text packet says its text is the original."""
from __future__ import annotations

import io
import re

import pypdfium2 as pdfium
import pytest
from PIL import Image

from paragraf.portal.original import SCALE
from paragraf.records.importer import import_path
from paragraf.records.models import Document, Paragraph, SourceFile
from paragraf.records.texts import text_lines
from tests.original_packet import MARKED_LINE, PERSONAL_NUMBER, write_minutes_pdf


@pytest.fixture
def pdf_packet(db, tmp_path):
    result = import_path(write_minutes_pdf(tmp_path / "protokoll-2022-01-26.pdf", date="2022-01-26"))
    assert result.ok, result.message
    return SourceFile.objects.get(name__endswith="protokoll-2022-01-26.pdf")


def _minutes(source: SourceFile) -> Document:
    return Document.objects.get(source_file=source, kind=Document.Kind.MINUTES)


def _image(response) -> Image.Image:
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    return Image.open(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))


def _number_box(source: SourceFile) -> tuple[int, int, int, int]:
    """The personal number's box on page 1 in pixels of the rendered image."""
    pdf = pdfium.PdfDocument(bytes(source.data))
    page = pdf[0]
    textpage = page.get_textpage()
    found = textpage.search(PERSONAL_NUMBER)
    start, count = found.get_next()
    boxes = [textpage.get_charbox(i) for i in range(start, start + count)]
    height = page.get_height()
    left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
    bottom, top = min(b[1] for b in boxes), max(b[3] for b in boxes)
    box = (int(left * SCALE), int((height - top) * SCALE), int(right * SCALE) + 1, int((height - bottom) * SCALE) + 1)
    pdf.close()
    return box


def test_the_document_page_shows_its_original_pages_first(client, pdf_packet):
    minutes = _minutes(pdf_packet)
    page = client.get(f"/handlingar/{minutes.pk}/").content.decode()
    images = re.findall(r'<img src="/kallor/(\d+)/sidor/(\d+)\.png" width="(\d+)" height="(\d+)"', page)
    assert [int(n) for _, n, _, _ in images] == list(range(1, 11))  # the first ten of its 29 pages
    assert {int(s) for s, _, _, _ in images} == {pdf_packet.pk}
    pdf = pdfium.PdfDocument(bytes(pdf_packet.data))
    sizes = [tuple(str(round(v * SCALE)) for v in pdf[i].get_size()) for i in range(10)]
    pdf.close()
    assert [(w, h) for _, _, w, h in images] == sizes  # each page's own size (a tall page is taller)
    assert page.index('id="original"') < page.index('id="text"')
    assert f'href="/handlingar/{minutes.pk}/handling.pdf"' in page
    assert f'href="/kallor/{pdf_packet.pk}/original/?sida=1"' in page


def test_the_public_image_paints_the_personal_number_over_and_staff_see_it(client, admin_client, pdf_packet):
    box = _number_box(pdf_packet)
    public = _image(client.get(f"/kallor/{pdf_packet.pk}/sidor/1.png")).convert("L").crop(box)
    staff = _image(admin_client.get(f"/kallor/{pdf_packet.pk}/sidor/1.png")).convert("L").crop(box)
    assert public.getextrema() == (0, 0), "every pixel of the number is black for the public"
    assert staff.getextrema()[1] == 255, "staff see the number on a white page"


def test_a_page_image_is_cached_by_its_tag_and_a_missing_page_is_404(client, pdf_packet):
    first = client.get(f"/kallor/{pdf_packet.pk}/sidor/2.png")
    assert first.status_code == 200 and "max-age=3600" in first["Cache-Control"]
    again = client.get(f"/kallor/{pdf_packet.pk}/sidor/2.png", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert client.get(f"/kallor/{pdf_packet.pk}/sidor/30.png").status_code == 404
    text_source = SourceFile.objects.filter(kind="text").first()
    assert client.get(f"/kallor/{text_source.pk}/sidor/1.png").status_code == 404


def test_the_document_pdf_keeps_clean_pages_and_masks_the_page_with_personal_data(client, admin_client, pdf_packet):
    minutes = _minutes(pdf_packet)
    public = client.get(f"/handlingar/{minutes.pk}/handling.pdf")
    assert public["Content-Type"] == "application/pdf"
    pdf = pdfium.PdfDocument(public.content)
    assert len(pdf) == 29
    first, second = (pdf[i].get_textpage().get_text_range() for i in (0, 1))
    assert PERSONAL_NUMBER not in first and first.strip() == ""  # the page with the number is an image
    assert "Nämnd för folkhälsa och sjukvård" in second  # a page without personal data keeps its text
    pdf.close()
    staff = pdfium.PdfDocument(admin_client.get(f"/handlingar/{minutes.pk}/handling.pdf").content)
    assert PERSONAL_NUMBER in staff[0].get_textpage().get_text_range()
    staff.close()


def test_a_paragraph_of_a_pdf_packet_links_to_the_page_it_begins_on(client, pdf_packet):
    paragraph = Paragraph.objects.get(source_file=pdf_packet, number=14)
    page = client.get(f"/{paragraph.meeting.body.slug}/{paragraph.meeting.date}/14/").content.decode()
    link = re.search(rf'href="/kallor/{pdf_packet.pk}/original/\?sida=(\d+)"', page)
    pdf = pdfium.PdfDocument(bytes(pdf_packet.data))
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    pdf.close()
    heading = text_lines(pdf_packet.pk, paragraph.first_line, paragraph.first_line)[0].strip(" \f")
    assert heading.startswith("§ 14")
    begins = [i + 1 for i, text in enumerate(texts) if heading in text.splitlines()]
    assert begins == [int(link.group(1))] and begins != [1]


def test_the_original_pages_view_pages_through_the_packet(client, pdf_packet):
    page = client.get(f"/kallor/{pdf_packet.pk}/original/?sida=21").content.decode()
    shown = [int(n) for n in re.findall(rf'src="/kallor/{pdf_packet.pk}/sidor/(\d+)\.png"', page)]
    assert shown == list(range(21, 30))
    assert 'href="?sida=11"' in page and "Nästa sidor" not in page
    assert MARKED_LINE not in page
    assert client.get(f"/kallor/{pdf_packet.pk}/original/?sida=30").status_code == 404


def test_a_document_of_a_text_packet_says_its_text_is_the_original(db, client):
    document = Document.objects.filter(source_file__kind="text", kind=Document.Kind.MINUTES).first()
    page = client.get(f"/handlingar/{document.pk}/").content.decode()
    assert "Originalet är en textfil" in page
    assert "<img" not in page
    assert client.get(f"/handlingar/{document.pk}/handling.pdf").status_code == 404


def test_a_document_names_its_meeting_and_the_paragraphs_it_belongs_to(db, client):
    extract = Document.objects.filter(kind=Document.Kind.EXTRACT, source_file__kind="text").first()
    page = client.get(f"/handlingar/{extract.pk}/").content.decode()
    assert re.search(r'<dt>Paragraf</dt><dd><a href="/[a-z-]+/\d{4}-\d\d-\d\d/\d+/">§ \d+ ', page)


def test_pages_render_at_once_from_many_threads(pdf_packet):
    """A web server renders in threads; PDFium is not thread-safe (without the lock this corrupts the heap)."""
    from concurrent.futures import ThreadPoolExecutor

    from paragraf.portal.original import render_png
    from paragraf.privacy.masking import Masker

    data = bytes(pdf_packet.data)
    with ThreadPoolExecutor(8) as pool:
        images = list(pool.map(lambda n: render_png(data, n, Masker()), [n % 29 + 1 for n in range(32)]))
    assert images[:29] == [render_png(data, n, Masker()) for n in range(1, 30)]

"""A real PDF of corpus minutes parses to the same meetings and § as its text.

The excerpt is the full minutes of packet 003 (attendance, sign-off, §§ 4-25,
§ 14 running over two pages), rendered page by page with the page header on
every page, the way the region's PDF has it.
"""
import pytest

from paragraf.ingest import parse_path, parse_text
from tests.original_packet import minutes_pages
from tests.pdfs import render_pdf


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    pages = minutes_pages()
    pdf = tmp_path_factory.mktemp("pdf") / "minutes.pdf"
    render_pdf(pages, pdf)
    from_text = parse_text("\n".join(line for page in pages for line in page), "minutes.txt")
    return from_text, parse_path(pdf)


def _paragraphs(packet):
    return {(m["body"], m["date"], p["number"]): p for m in packet["meetings"] for p in m["paragraphs"]}


def test_same_meetings(parsed):
    from_text, from_pdf = parsed
    assert [(m["body"], m["date"]) for m in from_pdf["meetings"]] == [(m["body"], m["date"]) for m in from_text["meetings"]]
    assert from_pdf["source"]["kind"] == "pdf"


def test_same_paragraphs(parsed):
    from_text, from_pdf = parsed
    text_paragraphs, pdf_paragraphs = _paragraphs(from_text), _paragraphs(from_pdf)
    assert sorted(pdf_paragraphs) == sorted(text_paragraphs)
    assert len(text_paragraphs) == 22
    for key, expected in text_paragraphs.items():
        got = pdf_paragraphs[key]
        for field in ("title", "case_number", "decision", "recipients", "pages", "reservations"):
            assert got[field] == expected[field], (key, field)


def test_two_page_paragraph_read_whole(parsed):
    _, from_pdf = parsed
    paragraph = _paragraphs(from_pdf)[("Nämnd för folkhälsa och sjukvård", "2022-01-25", 14)]
    assert paragraph["pages"] == 2
    assert paragraph["recipients"] == ["Folkhälsa och sjukvård"]
    assert any("Sverigedemokraterna" in p["text"] for p in paragraph["proposals"])


def test_same_attendance_and_signatories(parsed):
    from_text, from_pdf = parsed
    people = lambda packet: [(a["name"], a["party"], a["group"], a["replaces"], a["paragraphs"])  # noqa: E731
                             for a in packet["meetings"][0]["attendance"]]
    assert people(from_pdf) == people(from_text)
    assert len(people(from_pdf)) == 33
    assert from_pdf["meetings"][0]["signatories"] == from_text["meetings"][0]["signatories"]


def test_pdf_line_numbers_point_into_extracted_text(parsed, tmp_path):
    _, from_pdf = parsed
    for (_, _, number), paragraph in _paragraphs(from_pdf).items():
        assert paragraph["first_line"] <= paragraph["last_line"] <= from_pdf["source"]["lines"]

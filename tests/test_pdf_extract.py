"""PDF text extraction with pypdfium2 on real PDFs rendered with reportlab."""
from __future__ import annotations

from pathlib import Path

import pytest
import reportlab

from paragraf.ingest import pdf as pdf_module
from paragraf.ingest.pdf import extract_pages, extract_text, page_starts
from paragraf.ingest.source import read_path
from tests.conftest import CORPUS
from tests.pdfs import extracted_lines, paginate, render_pdf

PAGES = [
    [
        "PROTOKOLL 1(3)",
        "Nämnd för folkhälsa och sjukvård",
        "Tid: 2022-01-25 kl. 13:00-16:15",
        "Plats: Sal A, Regionens hus, Jönköping",
        "§ 14 Yttrande över remiss – Åtgärder för ökad tillgänglighet",
        "Diarienummer: RJL 2021/2416",
        "Beslut",
        "Nämnden beslutar att • godkänna yttrandet",
        "Ärendet handlar om ÅÄÖ åäö é § ” “ …",
    ],
    [
        "PROTOKOLL 2(3)",
        "Håkan Karlsson Nyborg (SD) yrkar bifall till förslaget.",
        "Beslutet skickas till",
        "Regionfullmäktige",
    ],
    [
        "PROTOKOLL 3(3)",
        "Beslutets antal sidor: 2",
    ],
]


@pytest.fixture
def rendered(tmp_path) -> Path:
    return render_pdf(PAGES, tmp_path / "packet.pdf")


def test_pages_round_trip(rendered):
    pages = extract_pages(rendered.read_bytes(), rendered.name)
    assert len(pages) == len(PAGES)
    assert [[line.rstrip() for line in page.split("\n")] for page in pages] == PAGES


def test_text_is_pages_joined_with_newline_and_a_form_feed(rendered):
    data = rendered.read_bytes()
    text = extract_text(data, rendered.name)
    assert text == "\n\f".join(extract_pages(data, rendered.name))
    assert "\r" not in text
    lines = text.split("\n")
    # each later page opens with a form feed, as pdftotext marks it; no line is added or moved
    assert [n for n, line in enumerate(lines, 1) if line.startswith("\f")] == page_starts(extract_pages(data, rendered.name))[1:]
    assert [line.lstrip("\f").rstrip() for line in lines] == [line for page in PAGES for line in page]


def test_swedish_and_typographic_characters_intact(rendered):
    text = extract_text(rendered.read_bytes(), rendered.name)
    for word in ["Nämnd för folkhälsa och sjukvård", "Jönköping", "Åtgärder", "ÅÄÖ åäö é", "–", "•", "§ ” “ …"]:
        assert word in text


def test_page_starts(rendered):
    pages = extract_pages(rendered.read_bytes(), rendered.name)
    lines = "\n".join(pages).split("\n")
    starts = page_starts(pages)
    assert starts == [1, 10, 14]
    assert [lines[start - 1] for start in starts] == ["PROTOKOLL 1(3)", "PROTOKOLL 2(3)", "PROTOKOLL 3(3)"]


def test_read_path_of_pdf(rendered):
    source = read_path(rendered)
    assert source.kind == "pdf"
    assert source.name == "packet.pdf"
    assert source.lines[0] == "PROTOKOLL 1(3)"
    assert source.lines[9] == "\fPROTOKOLL 2(3)"
    assert len(source.lines) == sum(len(page) for page in PAGES)


def test_blank_page_keeps_its_place(tmp_path):
    path = render_pdf([["§ 1 Upprop"], [], ["§ 2 Dagordning"]], tmp_path / "blank-page.pdf")
    pages = extract_pages(path.read_bytes(), path.name)
    assert pages == ["§ 1 Upprop", "", "§ 2 Dagordning"]
    assert page_starts(pages) == [1, 2, 3]


def test_hyphen_at_line_end_kept_with_its_line_break(tmp_path):
    """PDFium joins a line ending in '-' to the next (U+FFFE); the extractor gives both lines back."""
    lines = ["arbetet med hälso- och sjukvårds-", "frågor i EU-arenan och IT-centrum –", "ska be-", "handlas"]
    path = render_pdf([lines], tmp_path / "hyphens.pdf")
    text = extract_text(path.read_bytes(), path.name)
    assert "\ufffe" not in text
    assert [line.rstrip() for line in text.split("\n")] == lines


def test_what_extraction_keeps_of_spaces_and_empty_lines(tmp_path):
    """Runs of spaces fold to one and lines without text are not extracted (extracted_lines says so)."""
    lines = ["Ks § 250  Dnr KS 2021/123", "", "    indrag   med   mellanrum", "\tflik", "ej\u00a0brytande", " ", "slut"]
    path = render_pdf([lines], tmp_path / "spaces.pdf")
    got = [line.rstrip() for line in extract_text(path.read_bytes(), path.name).split("\n")]
    assert got == extracted_lines(lines)
    assert got[0] == "Ks § 250 Dnr KS 2021/123"


def test_header_and_footer_on_every_page(tmp_path):
    path = render_pdf([["§ 1"], ["§ 2"]], tmp_path / "hf.pdf", header=["PROTOKOLL {page}({pages})"], footer=["Justerare"])
    pages = extract_pages(path.read_bytes(), path.name)
    assert pages == ["PROTOKOLL 1(2)\n§ 1\nJusterare", "PROTOKOLL 2(2)\n§ 2\nJusterare"]


def test_long_lines_and_long_pages_stay_on_the_page(tmp_path):
    long_line = "Regionstyrelsen beslutar " * 12
    path = render_pdf([[long_line.strip()] + [f"rad {i}" for i in range(90)]], tmp_path / "big.pdf")
    text = extract_text(path.read_bytes(), path.name)
    assert text.split("\n")[0] == long_line.strip()
    assert text.split("\n")[-1] == "rad 89"


def test_embedded_truetype_font(tmp_path):
    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    path = render_pdf(PAGES[:2], tmp_path / "vera.pdf", font=str(vera))
    pages = extract_pages(path.read_bytes(), path.name)
    assert [[line.rstrip() for line in page.split("\n")] for page in pages] == PAGES[:2]


@pytest.mark.parametrize("name", sorted(path.name for path in CORPUS.glob("*.txt")))
def test_whole_corpus_packet_round_trips(tmp_path, corpus_lines, name):
    """Every line of a corpus packet, 50 a page, comes back from the PDF (the few
    characters Helvetica has no glyph for, such as U+F0B7 bullets, drawn as '*')."""
    lines = [_in_winansi(line) for line in corpus_lines(name)]
    pages = paginate(lines, 50)
    path = render_pdf(pages, tmp_path / "packet.pdf")
    extracted = extract_pages(path.read_bytes(), path.name)
    assert len(extracted) == len(pages) > 300
    for number, (page, text) in enumerate(zip(pages, extracted), 1):
        expected = extracted_lines(page) or [""]  # a page without text is one empty line
        assert [line.rstrip() for line in text.split("\n")] == expected, f"page {number}"


def _in_winansi(line: str) -> str:
    return line if line.isascii() else "".join(ch if _winansi(ch) else "*" for ch in line)


def _winansi(ch: str) -> bool:
    try:
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def test_parallel_reading_gives_the_same_text(tmp_path, monkeypatch):
    pages = [[f"§ {p} Sida {p}", "Beslutet skickas till", f"Nämnd {p}"] for p in range(1, 61)]
    path = render_pdf(pages, tmp_path / "long.pdf")
    data = path.read_bytes()
    monkeypatch.setenv("PARAGRAF_PDF_WORKERS", "1")
    assert pdf_module._workers(60) == 1
    one = extract_pages(data, path.name)
    monkeypatch.setenv("PARAGRAF_PDF_WORKERS", "3")
    if pdf_module._workers(60) == 1:
        pytest.skip("parallel reading not available here (no fork, or other threads running)")
    assert pdf_module._workers(60) == 3
    assert extract_pages(data, path.name) == one
    assert [page.split("\n") for page in one] == pages


def test_parallel_reading_survives_failed_fork(tmp_path, monkeypatch):
    pages = [[f"§ {p}"] for p in range(1, 41)]
    path = render_pdf(pages, tmp_path / "nofork.pdf")
    monkeypatch.setenv("PARAGRAF_PDF_WORKERS", "2")
    monkeypatch.setattr(pdf_module, "_fork_reader", lambda data, start, end: None)
    assert extract_pages(path.read_bytes(), path.name) == [f"§ {p}" for p in range(1, 41)]


def test_not_a_pdf_given_to_extract_text():
    from paragraf.ingest import InputError

    with pytest.raises(InputError, match="not a PDF"):
        extract_text(b"Regionstyrelsen", "x.pdf")

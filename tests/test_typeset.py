"""The notice and the meeting packet typeset as PDF (`paragraf.secretariat.typeset`).

The notice of the seed's meeting (Regionstyrelsen 2023-03-07) is typeset from the
seed's parse and read back by the importer, as `paragraf parse` reads a PDF: the
same meeting, agenda and called, scored 1.0 by samples/eval/score.py.
"""
from __future__ import annotations

import dataclasses
import datetime
import io
import json
import subprocess
import sys

import pikepdf
import pypdfium2 as pdfium
import pytest

from paragraf.ingest.pdf import extract_pages
from paragraf.secretariat.typeset.model import CalledGroup, CalledPerson, Notice, NoticeItem, PacketDocument, PacketItem
from paragraf.secretariat.typeset.notice import notice_pdf
from paragraf.secretariat.typeset.packet import InvalidPdf, PacketError, packet_pdf, pdf_page_count
from tests.conftest import ROOT
from tests.pdfs import render_pdf
from tests.secretariat_notice import (
    AGENDA_FIELDS, HEADER_FIELDS, INVITED_FIELDS, corpus_lines, document_pdf, gold_of, notice_from_meeting, only_meeting, read_back,
    scorer, seed_meeting,
)

HOSTILE = [
    "Budget #let x = 1 *fet* _kursiv_ $x^2$ [länk] \\ @ref <etikett> `kod`",
    "Citat \"så\" och 'så' -- eller --- ... ~ // ej /* kommentar */ = + - 100 % & {a} ^ officiell",
    '#include "/etc/passwd" #read("x") )] } \\\\ #sys.inputs',
]


@pytest.fixture(scope="module")
def seed():
    """The seed's parse and its meeting of 2023-03-07."""
    return seed_meeting()


@pytest.fixture(scope="module")
def seed_notice(seed):
    packet, meeting = seed
    return notice_from_meeting(meeting, packet["organization"])


def rows(entries: list[dict], fields: tuple[str, ...]) -> list[tuple]:
    return [tuple(entry[f] for f in fields) for entry in entries]


def folded(text: str) -> str:
    return " ".join(text.split())


def test_notice_round_trip_scores_one(seed, seed_notice, tmp_path):
    _, meeting = seed
    assert (len(meeting["agenda"]), len(meeting["invited"])) == (28, 38)
    parsed = read_back(notice_pdf(seed_notice), tmp_path)
    got = only_meeting(parsed)
    assert {k: got[k] for k in HEADER_FIELDS} == {k: meeting[k] for k in HEADER_FIELDS}
    assert rows(got["agenda"], AGENDA_FIELDS) == rows(meeting["agenda"], AGENDA_FIELDS)
    assert rows(got["invited"], INVITED_FIELDS) == rows(meeting["invited"], INVITED_FIELDS)
    assert parsed["organization"] == "Region Jönköpings län"
    assert [d["kind"] for d in parsed["documents"]] == ["kallelse"]

    gold_path, predicted_path = tmp_path / "gold.json", tmp_path / "predicted.json"
    gold_path.write_text(json.dumps(gold_of(meeting, first_line=1), ensure_ascii=False), encoding="utf-8")
    predicted_path.write_text(json.dumps(parsed, ensure_ascii=False), encoding="utf-8")
    gold, predicted = (json.loads(p.read_text(encoding="utf-8")) for p in (gold_path, predicted_path))
    result = scorer().combined(gold, predicted)
    assert result["score"] == 1.0, result
    for measure in ("meetings", "agenda", "invited", "documents"):
        assert result[measure]["f1"] == 1.0, (measure, result[measure])
    scored = {name: value for name, value in result["fields"].items() if value is not None}
    assert set(scored) == {"meeting.header", "agenda.title", "agenda.case_number", "invited.party"}
    assert all(value == 1.0 for value in scored.values()), scored


def test_notice_round_trip_keeps_the_series_of_case_numbers(seed_notice, tmp_path):
    """`RS 2023/217` comes back as printed, not as its core `2023/217`."""
    items = tuple(dataclasses.replace(i, case_number=f"RS {i.case_number}") if i.case_number[:1].isdigit() else i
                  for i in seed_notice.items)
    assert items[10].case_number == "RS 2023/217"
    got = only_meeting(read_back(notice_pdf(dataclasses.replace(seed_notice, items=items)), tmp_path))
    assert [a["case_number"] or "" for a in got["agenda"]] == [i.case_number for i in items]


def test_every_page_counts_the_pages_of_the_notice(seed_notice, tmp_path):
    more = tuple(NoticeItem(n, f"Motion om hållbar utveckling av kollektivtrafiken, del {n - 28}", f"RS 2023/{300 + n}",
                            "Motioner") for n in range(29, 61))
    notice = dataclasses.replace(seed_notice, items=seed_notice.items + more)
    pdf = notice_pdf(notice)
    pages = extract_pages(pdf, "kallelse.pdf")
    assert len(pages) == 3
    for number, text in enumerate(pages, 1):
        first = folded(text.splitlines()[0])
        assert first == f"REGION JÖNKÖPINGS LÄN KALLELSE {number}(3)", first
        assert "Regionstyrelsen\nTid: 2023-03-07 kl. 13:00\n" in text
        assert ("Plats: Sal A, Regionens hus" in text) == (number == 1)
    got = only_meeting(read_back(pdf, tmp_path))
    assert rows(got["agenda"], AGENDA_FIELDS) == [(i.number, i.title, i.case_number or None, i.section or None)
                                                  for i in notice.items]
    assert len(got["invited"]) == 38


def test_hostile_titles_are_printed_verbatim(seed_notice, tmp_path):
    items = tuple(NoticeItem(n, title, f"RS 2023/{n}", "Beslutsärenden") for n, title in enumerate(HOSTILE, 1))
    people = (CalledGroup("Ordinarie ledamöter", (CalledPerson("Anna #Andersson", "S", "ordförande *"),)),)
    notice = dataclasses.replace(seed_notice, items=items, called=people, for_information=(), place="Sal [A] #1")
    pdf = notice_pdf(notice)
    text = folded("\n".join(extract_pages(pdf, "kallelse.pdf")))
    for title in HOSTILE + ["Anna #Andersson (S) ordförande *", "Plats: Sal [A] #1"]:
        assert title in text
    got = only_meeting(read_back(pdf, tmp_path))
    assert [a["title"] for a in got["agenda"]] == HOSTILE
    assert got["place"] == "Sal [A] #1"


def test_amended_notice_shows_the_change_and_still_parses(seed, seed_notice, tmp_path):
    _, meeting = seed
    amendment = ("Ärende 29 har tillkommit och sammanträdet börjar kl. 13:00 som tidigare. Tid: 2023-03-08 gällde "
                 "arbetsutskottet. Ärendena 12 och 13 har bytt plats, och handlingar till ärende 1 2 3 har kompletterats.")
    pdf = notice_pdf(dataclasses.replace(seed_notice, amendment=amendment))
    first = extract_pages(pdf, "kallelse.pdf")[0]
    assert folded(first).startswith("REGION JÖNKÖPINGS LÄN ÄNDRAD KALLELSE 1(")
    assert f"Ändrad kallelse: {amendment}" in folded(first)
    got = only_meeting(read_back(pdf, tmp_path))
    assert {k: got[k] for k in HEADER_FIELDS} == {k: meeting[k] for k in HEADER_FIELDS}
    assert rows(got["agenda"], AGENDA_FIELDS) == rows(meeting["agenda"], AGENDA_FIELDS)
    assert rows(got["invited"], INVITED_FIELDS) == rows(meeting["invited"], INVITED_FIELDS)


def test_a_short_notice_without_time_or_place_reads_back(tmp_path):
    """A page with little text: its lines still come out one by one (PDFium reads the page as
    horizontal text because the header's first line spans the width)."""
    notice = Notice("Ekby kommun", "Kommunstyrelsen", datetime.date(2024, 5, 6), None, "",
                    (NoticeItem(1, "Val av justerare"), NoticeItem(2, "Budget", "KS 2024/3", presenter="Eva Ek, ekonomichef")),
                    (CalledGroup("Ledamöter", (CalledPerson("Anna Berg", "S"),)),))
    pdf = notice_pdf(notice)
    text = extract_pages(pdf, "kallelse.pdf")[0]
    assert [folded(line) for line in text.splitlines()] == [
        "EKBY KOMMUN KALLELSE 1(1)", "Kommunstyrelsen", "Tid: 2024-05-06", "1 Val av justerare", "2 Budget",
        "Föredragande: Eva Ek, ekonomichef", "KS 2024/3",
        "Kallade", "Ledamöter", "Anna Berg (S)"]
    parsed = read_back(pdf, tmp_path)
    got = only_meeting(parsed)
    assert (parsed["organization"], got["date"], got["start_time"], got["place"]) == ("Ekby kommun", "2024-05-06", None, None)
    assert rows(got["agenda"], AGENDA_FIELDS + ("presenter",)) == [
        (1, "Val av justerare", None, None, None), (2, "Budget", "KS 2024/3", None, "Eva Ek, ekonomichef")]
    assert rows(got["invited"], INVITED_FIELDS) == [("Anna Berg", "S", "ledamot", None)]


# The packet -----------------------------------------------------------------------------------

def lines_for(pages: int, start: int = 0, per_page: int = 30) -> list[list[str]]:
    text = corpus_lines()
    return [text[start + i * per_page: start + (i + 1) * per_page] for i in range(pages)]


@pytest.fixture(scope="module")
def packet_items() -> list[PacketItem]:
    """Three items: A4 pages, a landscape page, pages turned by /Rotate 90, 180 and 270, an A3 page."""
    return [
        PacketItem(4, "Anmälan av informationshandlingar", (
            PacketDocument("Tjänsteskrivelse", document_pdf("Tjänsteskrivelse", lines_for(2))),
            PacketDocument("Bilaga 1, tabell", document_pdf("Bilaga 1", lines_for(1, 80), size_mm=(297, 210))),
        )),
        PacketItem(7, "Aktuell information", ()),
        PacketItem(11, "Regelverk sjukresor, ändring av ersättning för egen bil", (
            PacketDocument("Protokollsutdrag", document_pdf("Protokollsutdrag", lines_for(2, 200), rotate=90)),
            PacketDocument("Karta", document_pdf("Karta", lines_for(1, 300), size_mm=(297, 420), rotate=270)),
            PacketDocument("Skrivelse", document_pdf("Skrivelse", lines_for(1, 340), rotate=180)),
        )),
    ]


@pytest.fixture(scope="module")
def packet(seed_notice, packet_items) -> bytes:
    return packet_pdf(notice_pdf(seed_notice), packet_items, title="Handlingar Regionstyrelsen 2023-03-07")


def outline_of(pdf: pikepdf.Pdf) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every outline entry, in order."""
    out = []

    def walk(entries, depth):
        for entry in entries:
            out.append((depth, entry.title, pdf.pages.index(pikepdf.Page(entry.destination[0]))))
            walk(entry.children, depth + 1)

    with pdf.open_outline() as outline:
        walk(outline.root, 0)
    return out


def test_packet_pages_and_outline(seed_notice, packet):
    notice_pages = pdf_page_count(notice_pdf(seed_notice))
    assert notice_pages == 2
    with pikepdf.open(io.BytesIO(packet)) as pdf:
        assert len(pdf.pages) == notice_pages + 2 + 1 + 2 + 1 + 1 == 9
        assert outline_of(pdf) == [
            (0, "Kallelse", 0),
            (0, "4. Anmälan av informationshandlingar", 2),
            (1, "Tjänsteskrivelse", 2),
            (1, "Bilaga 1, tabell", 4),
            (0, "11. Regelverk sjukresor, ändring av ersättning för egen bil", 5),
            (1, "Protokollsutdrag", 5),
            (1, "Karta", 7),
            (1, "Skrivelse", 8),
        ]
        assert pdf.Root.PageMode == pikepdf.Name.UseOutlines
        assert str(pdf.docinfo.Title) == "Handlingar Regionstyrelsen 2023-03-07"
        assert [int(p.obj.get("/Rotate", 0)) for p in pdf.pages] == [0, 0, 0, 0, 0, 90, 90, 270, 180]
        assert not pdf.check_pdf_syntax()


def test_every_page_is_stamped_in_its_lower_right_corner(packet):
    pages = extract_pages(packet, "handlingar.pdf")
    for number in (1, 2, 3, 5, 6, 8, 9):
        assert pages[number - 1].splitlines()[-1] == f"Sida {number}(9)"
    document = pdfium.PdfDocument(packet)
    for index in (2, 4, 5, 7, 8):  # A4, landscape, and turned by 90, 270 and 180
        corners = inked_corners(document[index])
        assert [corner for corner, ink in corners.items() if ink] == ["lower right"], (index, corners)
        width, height = corners["lower right"]
        assert width > 2 * height, (index, corners)  # a line of text, upright


def inked_corners(page: pdfium.PdfPage) -> dict[str, tuple[int, int] | None]:
    """Width and height of the ink in each corner (90 × 30 pt) of the page as a reader shows it."""
    image = page.render(scale=1).to_pil().convert("L").point(lambda v: 255 if v < 128 else 0)
    width, height = image.size
    boxes = {"upper left": (0, 0, 90, 30), "upper right": (width - 90, 0, width, 30),
             "lower left": (0, height - 30, 90, height), "lower right": (width - 90, height - 30, width, height)}
    corners = {}
    for corner, box in boxes.items():
        ink = image.crop(box).getbbox()
        corners[corner] = (ink[2] - ink[0], ink[3] - ink[1]) if ink else None
    return corners


def test_the_notice_in_the_packet_still_parses(seed, packet, tmp_path):
    """The stamps are page furniture to the importer: the packet's notice reads as the notice alone."""
    _, meeting = seed
    got = next(m for m in read_back(packet, tmp_path, "handlingar.pdf")["meetings"] if m["date"] == "2023-03-07")
    assert {k: got[k] for k in HEADER_FIELDS} == {k: meeting[k] for k in HEADER_FIELDS}
    assert rows(got["agenda"], AGENDA_FIELDS) == rows(meeting["agenda"], AGENDA_FIELDS)
    assert rows(got["invited"], INVITED_FIELDS) == rows(meeting["invited"], INVITED_FIELDS)


def _encrypted(tmp_path) -> bytes:
    return render_pdf([["Hemlig bilaga"] * 3], tmp_path / "locked.pdf", encrypt="hemligt").read_bytes()


def test_a_broken_or_locked_document_names_itself(seed_notice, packet_items, tmp_path):
    good = packet_items[0].documents[0].data
    notice = notice_pdf(seed_notice)
    for data, reason in ((good[: len(good) // 2], "broken PDF"), (b"<html>Not found</html>", "not a PDF"),
                         (_encrypted(tmp_path), "encrypted PDF")):
        items = packet_items[:2] + [PacketItem(12, "Arbetsordning", (PacketDocument("Bilaga 2", data),))]
        with pytest.raises(PacketError) as error:
            packet_pdf(notice, items)
        assert str(error.value).startswith(f"item 12 (Arbetsordning), document 'Bilaga 2': {reason}"), error.value
    with pytest.raises(PacketError, match="^the notice: not a PDF"):
        packet_pdf(b"", packet_items)


def test_pdf_page_count_validates_uploads(packet_items, tmp_path):
    assert pdf_page_count(packet_items[0].documents[0].data) == 2
    good = packet_items[2].documents[0].data
    header_end = good.index(b"\n") + 1  # every offset of the cross-reference table 200 bytes off: repaired, used
    assert pdf_page_count(good[:header_end] + b"%" + b"x" * 199 + b"\n" + good[header_end:]) == 2
    cases = {
        b"": "not a PDF",
        b"GIF89a\x01\x00" * 50: "not a PDF",
        b"%PDF-1.7\nnothing else": "broken PDF",
        good[: len(good) // 2]: "broken PDF: damaged or truncated beyond repair",
        _encrypted(tmp_path): "encrypted PDF: a password is required",
    }
    for data, message in cases.items():
        with pytest.raises(InvalidPdf, match=f"^{message}"):
            pdf_page_count(data)
    assert issubclass(InvalidPdf, ValueError) and issubclass(PacketError, ValueError)


def test_typeset_imports_no_django():
    code = ("import sys, paragraf.secretariat.typeset.notice, paragraf.secretariat.typeset.packet\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "[]"

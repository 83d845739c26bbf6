"""The minutes and extracts typeset as PDF (`paragraf.secretariat.typeset.minutes`).

The minutes of the seed's meeting (Regionstyrelsen 2023-01-31, §§ 1-47) are typeset from the
seed's parse and read back by the importer, as `paragraf parse` reads a PDF: the same meeting,
attendance, signatories and §, field by field. Scored by samples/eval/score.py against a gold made
from the seed's parse, every field is 1.0 but `paragraph.pages`: the page count is the layout's own
(see `test_minutes_round_trip_reads_back_the_seed_meeting`).
"""
from __future__ import annotations

import dataclasses
import datetime
import json
import re
import subprocess
import sys

import pypdfium2 as pdfium
import pytest

from paragraf.ingest.pdf import extract_pages
from paragraf.secretariat.typeset.minutes import (MinutesError, extract_pdf, minutes_pdf, signature_boxes, typeset_minutes,
                                                  vote_lines)
from paragraf.secretariat.typeset.minutes_model import (Ballot, ElectionRecord, Minutes, MinutesParagraph, Present, VoteRecord,
                                                        minutes_from_dict, minutes_to_dict)
from tests.conftest import ROOT
from tests.secretariat_minutes import contract_view, minutes_from_meeting, minutes_gold, seed_minutes_meeting
from tests.secretariat_notice import only_meeting, read_back, scorer

HOSTILE = [
    "Budget #let x = 1 *fet* _kursiv_ $x^2$ [länk] \\ @ref <etikett> `kod`",
    "Citat \"så\" och 'så' -- eller --- ... ~ // ej /* kommentar */ = + - 100 % & {a} ^ officiell",
    '#include "/etc/passwd" #read("x") )] } \\\\ #sys.inputs',
]
CERTIFIED_ON = datetime.date(2023, 2, 10)


@pytest.fixture(scope="module")
def seed():
    """The seed's parse and its meeting of 2023-01-31."""
    return seed_minutes_meeting()


@pytest.fixture(scope="module")
def seed_minutes(seed) -> Minutes:
    packet, meeting = seed
    return minutes_from_meeting(meeting, packet["organization"])


@pytest.fixture(scope="module")
def seed_pdf(seed_minutes) -> bytes:
    return minutes_pdf(seed_minutes)


@pytest.fixture(scope="module")
def invented() -> Minutes:
    """Minutes of invented people: an open vote with abstentions, a secret ballot with blanks,
    elections the decision does not name, two reservations, two notes, jäv, hostile texts."""
    budget = MinutesParagraph(
        2, HOSTILE[0], "KS 2024/3", "Kommunstyrelsen beslutar att " + HOSTILE[1],
        summary=HOSTILE[2], basis=(HOSTILE[0], "Tjänsteskrivelse 2024-04-02"),
        proposals=("Anna Berg (S) yrkar bifall till förslaget.", "Bo Al (M) yrkar avslag. " + HOSTILE[1]),
        procedure="Ordföranden ställer proposition på förslagen och finner att nämnden bifaller Anna Bergs yrkande.\n"
                  "Votering begärs.",
        votes=(VoteRecord("open", "bifall till Anna Bergs yrkande", "avslag", 2, 1, 1,
                          (Ballot("Anna Berg", "S", "yes"), Ballot("Cecilia Dahl", "S", "yes"), Ballot("Bo Al", "M", "no"),
                           Ballot("Eva Ek", "C", "abstain")),
                          outcome="Nämnden har alltså beslutat enligt Anna Bergs yrkande."),),
        dissents=("Bo Al (M) reserverar sig mot beslutet till förmån för eget yrkande.",
                  "Ledamöterna för Centerpartiet reserverar sig mot beslutet."),
        statements=("Eva Ek (C) lämnar en protokollsanteckning: " + HOSTILE[2],
                    "Bo Al (M) lämnar en protokollsanteckning om budgeten."),
        recipients=("Ekonomienheten", HOSTILE[0]),
        disqualifications=("Cecilia Dahl (S) anmäler jäv och deltar inte i handläggningen.",))
    election = MinutesParagraph(
        3, "Val av ledamot i kulturrådet", "KS 2024/9", "Kommunstyrelsen beslutar enligt nedan.",
        elections=(ElectionRecord("Eva Ek", "C", "ledamot", "Kulturrådet", "2024-2026"),
                   ElectionRecord("Bo Al", "M", "ersättare", "Kulturrådet", "2024-2026")),
        procedure="Sluten omröstning begärs och genomförs.",
        votes=(VoteRecord("secret", options=(("Eva Ek (C)", 2), ("Cecilia Dahl (S)", 1)), blank=1),))
    return Minutes(
        "Ekby kommun", "Kommunstyrelsen", datetime.date(2024, 5, 6), datetime.time(9), datetime.time(11, 30), "Sal [A] #1",
        deciding=(Present("Anna Berg", "S", "ordförande"), Present("Bo Al", "M"),
                  Present("Cecilia Dahl", "S", replaces="Dan Dahl (S)"), Present("Eva Ek", "C", paragraphs="§§ 1-2")),
        substitutes=(Present("Fia Fors", "V"),), others=(Present("Gun Gran", role="kommunsekreterare"),),
        secretary="Gun Gran", chair="Anna Berg", adjusters=("Bo Al",),
        paragraphs=(MinutesParagraph(1, "Val av justerare", "", "Nämnden utser Bo Al (M) att justera protokollet."),
                    budget, election),
        justering_place="Kommunhuset", justering_date=datetime.date(2024, 5, 8))


def folded(text: str) -> str:
    return " ".join(text.split())


def paragraph_pages(pdf: bytes) -> dict[int, tuple[int, int]]:
    """The first and last page (from 1) of each § of a minutes PDF, read from its pages: a § begins on
    the page whose text opens with `§ N` (after the header), and runs to the page before the next one."""
    pages = extract_pages(pdf, "protokoll.pdf")
    starts = {}
    for index, text in enumerate(pages, 1):
        body = text.split("Justerandes sign Utdragsbestyrkande\n", 1)[1].splitlines()
        m = re.fullmatch(r"§ (\d+)", folded(body[0])) if body else None
        if m:
            starts[int(m.group(1))] = index
    ends = [start - 1 for start in sorted(starts.values())[1:]] + [len(pages)]
    return {number: (start, end) for (number, start), end in zip(sorted(starts.items(), key=lambda x: x[1]), ends)}


def paragraph_spans(pdf: bytes) -> dict[int, int]:
    """How many pages each § of a minutes PDF takes."""
    return {number: last - first + 1 for number, (first, last) in paragraph_pages(pdf).items()}


def test_minutes_round_trip_reads_back_the_seed_meeting(seed, seed_pdf, tmp_path):
    """Every field the importer gives of the seed's meeting comes back from the PDF, and the score is
    1.0 in every field but `paragraph.pages`: the PDF sets each § more densely than the seed's Word
    template (a text of the parse is one paragraph where the seed broke it with blank lines), so § 24,
    34, 38, 44, 45 and 46 take one page where the seed took two or three. The PDF prints its own count,
    and that is what comes back."""
    _, meeting = seed
    assert (len(meeting["paragraphs"]), len(meeting["attendance"])) == (47, 34)
    parsed = read_back(seed_pdf, tmp_path, "protokoll.pdf")
    got = only_meeting(parsed)
    assert parsed["organization"] == "Region Jönköpings län"
    assert [(d["kind"], d["first_line"]) for d in parsed["documents"]] == [("protokoll", 1)]
    assert got["warnings"] == []
    expected, actual = contract_view(meeting), contract_view(got)
    for key in ("header", "attendance", "signatories"):
        assert actual[key] == expected[key], key
    assert list(actual["paragraphs"]) == list(range(1, 48))
    for number, paragraph in expected["paragraphs"].items():
        for field, value in paragraph.items():
            assert actual["paragraphs"][number][field] == value, (number, field)
    spans = paragraph_spans(seed_pdf)
    assert {p["number"]: p["pages"] for p in got["paragraphs"]} == spans
    seed_pages = {p["number"]: p["pages"] for p in meeting["paragraphs"]}
    assert {n for n in spans if spans[n] != seed_pages[n]} == {24, 34, 38, 44, 45, 46}

    gold = minutes_gold(meeting)
    result = scorer().combined(json.loads(json.dumps(gold)), json.loads(json.dumps(parsed)))
    for measure in ("meetings", "paragraphs", "attendance", "documents"):
        assert result[measure]["f1"] == 1.0, (measure, result[measure])
    scored = {name: value for name, value in result["fields"].items() if value is not None}
    assert set(scored) == {"meeting.header", "paragraph.title", "paragraph.case_number", "paragraph.pages",
                           "paragraph.recipients", "paragraph.votes", "paragraph.reservations", "paragraph.decision",
                           "attendance.party", "attendance.replaces", "attendance.paragraphs", "signatories"}
    assert {name: value for name, value in scored.items() if value != 1.0} == {"paragraph.pages": round(41 / 47, 4)}
    for paragraph in gold["meetings"][0]["paragraphs"]:  # the gold with the PDF's own page counts: 1.0
        paragraph["pages"] = spans[paragraph["number"]]
    assert scorer().combined(gold, json.loads(json.dumps(parsed)))["score"] == 1.0


def test_the_seed_votes_come_back_ballot_by_ballot(seed, seed_pdf, tmp_path):
    _, meeting = seed
    got = {p["number"]: p for p in only_meeting(read_back(seed_pdf, tmp_path, "protokoll.pdf"))["paragraphs"]}
    vote = got[14]["votes"][0]
    assert (vote["method"], vote["yes"], vote["no"], vote["abstain"]) == ("open", 9, 6, 0)
    assert vote["yes_option"] == "att anse motionens första att-sats vara besvarad"
    assert [(b["name"], b["party"], b["choice"]) for b in vote["ballots"]][:2] == [
        ("Linnéa Nilsson", "BA", "yes"), ("Pontus Lundgren", "BA", "yes")]
    ballot = got[24]["votes"][0]
    assert (ballot["method"], ballot["yes"], ballot["no"], ballot["abstain"]) == ("secret", 4, 2, 9)
    assert [(o["label"], o["party"], o["count"]) for o in ballot["options"]] == [
        ("Per Eriksson", "C", 4), ("Håkan Karlsson Nyborg", "SD", 2)]
    assert [(e["organisation"], e["part_of"]) for e in got[38]["elections"]][:2] == [
        ("Regional utveckling", "Regionsamverkan Sydsverige – utskott")] * 2
    assert len(got[45]["nominations"]) == 4 and not got[45]["elections"]


def test_every_page_header_counts_the_pages(seed_minutes, seed_pdf):
    pages = extract_pages(seed_pdf, "protokoll.pdf")
    total = len(pages)
    for number, text in enumerate(pages, 1):
        lines = [folded(line) for line in text.splitlines()]
        assert lines[:5] == [f"REGION JÖNKÖPINGS LÄN PROTOKOLL {number}({total})", "Regionstyrelsen §§ 1-47",
                             "Tid: 2023-01-31 kl. 13:00-15:40, ajournering kl. 14:20-14:40", "Plats: Sal A, Regionens hus",
                             "Justerandes sign Utdragsbestyrkande"], number
    first = [folded(line) for line in pages[0].splitlines()]
    assert first[5:8] == ["Innehållsförteckning Diarienr Sida", "§ 1 Upprop och val av protokollsjusterare 5", "§ 2 Adjungering 6"]
    contents = {}
    for line in (folded(line) for text in pages[:2] for line in text.splitlines()):
        m = re.fullmatch(r"§ (\d+) .* (\d+)(?:-(\d+))?", line)
        if m:
            contents[int(m.group(1))] = (int(m.group(2)), int(m.group(3) or m.group(2)))
    spans = paragraph_pages(seed_pdf)
    assert len(contents) >= 45 and all(contents[n] == spans[n] for n in contents)  # (two titles wrap)
    assert "§ 14 Motion - Bättre vård för patienter med Lipödem RJL 2022/1409 18-19" in first
    second = [folded(line) for line in pages[1].splitlines()]
    assert second[5] == "Innehållsförteckning Diarienr Sida"  # the contents' heading row again
    extract = extract_pdf(seed_minutes, [24, 38], "Nathalie Bijelic Eriksson", CERTIFIED_ON)
    pages = extract_pages(extract, "utdrag.pdf")
    assert [folded(p.splitlines()[0]) for p in pages] == [f"REGION JÖNKÖPINGS LÄN PROTOKOLLSUTDRAG {n}(3)" for n in (1, 2, 3)]
    assert all(folded(p.splitlines()[1]) == "Regionstyrelsen §§ 24-38" for p in pages)


def test_an_extract_reads_back_as_the_protokollsutdrag_of_its_paragraph(seed, seed_minutes, tmp_path):
    _, meeting = seed
    pdf = extract_pdf(seed_minutes, [14], "Nathalie Bijelic Eriksson", CERTIFIED_ON)
    text = [folded(line) for page in extract_pages(pdf, "utdrag.pdf") for line in page.splitlines()]
    assert text[1] == "Regionstyrelsen § 14"
    assert text[-4:] == ["Utdragsbestyrkande", "Utdraget bestyrks", "2023-02-10", "Nathalie Bijelic Eriksson"]
    parsed = read_back(pdf, tmp_path, "utdrag.pdf")
    assert [(d["kind"], d["title"], d["date"]) for d in parsed["documents"]] == [
        ("protokollsutdrag", "Motion - Bättre vård för patienter med Lipödem", "2023-01-31")]
    got = only_meeting(parsed)
    assert (got["body"], got["date"], got["sources"], got["attendance"], got["signatories"]) == (
        "Regionstyrelsen", "2023-01-31", ["protokollsutdrag"], [], None)
    assert [p["number"] for p in got["paragraphs"]] == [14]
    assert contract_view(got)["paragraphs"][14] == contract_view(meeting)["paragraphs"][14]
    assert got["paragraphs"][0]["pages"] is None  # an extract prints no `Beslutets antal sidor`

    two = read_back(extract_pdf(seed_minutes, [38, 24], "Nathalie Bijelic Eriksson", CERTIFIED_ON), tmp_path, "utdrag2.pdf")
    assert [(d["kind"], d["title"]) for d in two["documents"]] == [
        ("protokollsutdrag", "Val - Regionstyrelsens arbetsutskott"), ("protokollsutdrag", "Val - Regionsamverkan Sydsverige – utskott")]
    assert [p["number"] for p in only_meeting(two)["paragraphs"]] == [24, 38]
    with pytest.raises(MinutesError, match=r"no § \[48\]"):
        extract_pdf(seed_minutes, [14, 48], "Nathalie Bijelic Eriksson", CERTIFIED_ON)


def test_hostile_texts_are_printed_verbatim(invented, tmp_path):
    pdf = minutes_pdf(invented)
    text = folded("\n".join(extract_pages(pdf, "protokoll.pdf")))
    for value in HOSTILE + ["Plats: Sal [A] #1", "Cecilia Dahl (S) ers. Dan Dahl (S)", "Eva Ek (C) §§ 1-2"]:
        assert value in text
    got = only_meeting(read_back(pdf, tmp_path, "protokoll.pdf"))
    assert got["place"] == "Sal [A] #1"
    budget = got["paragraphs"][1]
    assert (budget["title"], budget["case_number"], budget["summary"]) == (HOSTILE[0], "KS 2024/3", HOSTILE[2])
    assert budget["decision"] == "Kommunstyrelsen beslutar att " + HOSTILE[1]
    assert budget["basis"] == [HOSTILE[0], "Tjänsteskrivelse 2024-04-02"]
    assert [p["text"] for p in budget["proposals"]] == list(invented.paragraphs[1].proposals)
    assert [s["text"] for s in budget["statements"]] == list(invented.paragraphs[1].statements)
    assert budget["recipients"] == ["Ekonomienheten", HOSTILE[0]]


def test_invented_minutes_read_back_whole(invented, tmp_path):
    """Attendance with a substitute and a § restriction, an open vote with abstentions, a secret
    ballot with blanks, elections the decision does not name, two reservations and notes, jäv."""
    got = only_meeting(read_back(minutes_pdf(invented), tmp_path, "protokoll.pdf"))
    assert {k: got[k] for k in ("body", "date", "start_time", "end_time", "place")} == {
        "body": "Kommunstyrelsen", "date": "2024-05-06", "start_time": "09:00", "end_time": "11:30", "place": "Sal [A] #1"}
    assert [tuple(a[f] for f in ("name", "party", "group", "role", "replaces", "paragraphs")) for a in got["attendance"]] == [
        ("Anna Berg", "S", "beslutande", "ordförande", None, None), ("Bo Al", "M", "beslutande", None, None, None),
        ("Cecilia Dahl", "S", "beslutande", None, "Dan Dahl", None), ("Eva Ek", "C", "beslutande", None, None, "§§ 1-2"),
        ("Fia Fors", "V", "ersättare", None, None, None), ("Gun Gran", None, "övriga", "kommunsekreterare", None, None)]
    assert got["signatories"] == {"secretary": "Gun Gran", "chair": "Anna Berg", "adjusters": ["Bo Al"]}
    first, budget, election = got["paragraphs"]
    assert (first["decision"], first["elections"]) == ("Nämnden utser Bo Al (M) att justera protokollet.", [])
    vote = budget["votes"][0]
    assert (vote["method"], vote["yes"], vote["no"], vote["abstain"], vote["yes_option"], vote["no_option"]) == (
        "open", 2, 1, 1, "bifall till Anna Bergs yrkande", "avslag")
    assert [(b["name"], b["party"], b["choice"]) for b in vote["ballots"]] == [
        (b.name, b.party, b.choice) for b in invented.paragraphs[1].votes[0].ballots]
    assert budget["procedure"] == ("Ordföranden ställer proposition på förslagen och finner att nämnden bifaller Anna Bergs "
                                   "yrkande. Votering begärs. " + " ".join(vote_lines(invented.paragraphs[1].votes[0]))
                                   + " Nämnden har alltså beslutat enligt Anna Bergs yrkande.")
    assert budget["reservations"] == list(invented.paragraphs[1].dissents)
    assert budget["disqualifications"] == list(invented.paragraphs[1].disqualifications)
    ballot = election["votes"][0]
    assert (ballot["method"], ballot["yes"], ballot["no"], ballot["abstain"]) == ("secret", 2, 1, 1)
    assert [(o["label"], o["party"], o["count"]) for o in ballot["options"]] == [("Eva Ek", "C", 2), ("Cecilia Dahl", "S", 1)]
    assert [(e["name"], e["party"], e["post"], e["period"]) for e in election["elections"]] == [
        ("Eva Ek", "C", "ledamot", "2024-2026"), ("Bo Al", "M", "ersättare", "2024-2026")]


def test_signature_boxes_are_empty_room_over_each_signer(seed_minutes, seed_pdf):
    typeset = typeset_minutes(seed_minutes)
    assert extract_pages(typeset.pdf, "a.pdf") == extract_pages(seed_pdf, "b.pdf")
    boxes = signature_boxes(seed_minutes)
    assert list(typeset.signature_boxes) == boxes
    assert [(b.field, b.name) for b in boxes] == [("Ordförande", "Rachel De Basso"), ("Justerare 1", "Kerstin Hammar"),
                                                  ("Justerare 2", "Håkan Karlsson Nyborg")]
    document = pdfium.PdfDocument(seed_pdf)
    index = boxes[0].page_index
    assert {b.page_index for b in boxes} == {index}
    page = document[index]
    width, height = page.get_size()
    text = page.get_textpage()
    assert "Justering" in text.get_text_range().splitlines()[5]
    for box, party in zip(boxes, ("S", "M", "SD")):
        assert 0 <= box.x1 < box.x2 <= width and 0 <= box.y1 < box.y2 <= height
        assert (box.x2 - box.x1, box.y2 - box.y1) == pytest.approx((226.77, 45.35), abs=0.02)
        assert box.box == (index, box.x1, box.y1, box.x2, box.y2)
        assert text.get_text_bounded(box.x1, box.y1 + 1, box.x2, box.y2).strip() == ""  # nothing printed in it
        below = folded(text.get_text_bounded(box.x1, box.y1 - 16, box.x2, box.y1 - 1))
        assert below == f"{box.name} ({party})"
    for upper, lower in zip(boxes, boxes[1:]):
        assert lower.y2 < upper.y1


def test_minutes_as_json_and_back(invented, seed_minutes):
    for minutes in (invented, seed_minutes):
        data = json.loads(json.dumps(minutes_to_dict(minutes)))
        assert minutes_from_dict(data) == minutes
    assert minutes_to_dict(invented)["date"] == "2024-05-06"
    assert minutes_to_dict(invented)["paragraphs"][2]["votes"][0]["options"][0] == ["Eva Ek (C)", 2]


def test_bad_records_are_refused(invented):
    with pytest.raises(ValueError, match="choice"):
        Ballot("Anna Berg", "S", "ja")
    with pytest.raises(ValueError, match="method"):
        VoteRecord("roll-call")
    with pytest.raises(ValueError, match="repeat"):
        dataclasses.replace(invented, paragraphs=invented.paragraphs + invented.paragraphs[:1])


def test_minutes_typesetting_imports_no_django():
    code = ("import sys, paragraf.secretariat.typeset.minutes, paragraf.secretariat.typeset.minutes_model\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "[]"

"""General rules of Swedish minutes, each on a small invented text: voters named in
running text, speakers one under the other, the sign-off after the last §, an
extract's certification and the organisation name above a page header."""
import pytest

from paragraf.ingest import parse_text
from paragraf.ingest.cleanup import Line, clean_lines
from paragraf.ingest.elections import read_elections
from paragraf.ingest.paragraph import read_paragraph
from paragraf.ingest.votes import read_votes


def lines_of(text: str, first: int = 1) -> list[Line]:
    return [Line(no, row.strip()) for no, row in enumerate(text.split("\n"), first)]


def test_voters_named_in_running_text_with_other_labels():
    votes = read_votes(lines_of(
        "Ja-röst avges av: Eva Lund (S), Nils Ek (S), Britt\n"
        "Holm (C) och Sten Ruda (MP).\n"
        "Följande röstar nej: Åsa Berg (M) och Leo\n"
        "Strand (KD).\n"
        "Följande ledamöter avstår från att rösta: Mia Dal (V).\n"))
    assert len(votes) == 1
    v = votes[0]
    assert (v.method, v.yes, v.no, v.abstain) == ("open", 4, 2, 1)
    assert v.yes_names == ["Eva Lund", "Nils Ek", "Britt Holm", "Sten Ruda"]
    assert v.no_names == ["Åsa Berg", "Leo Strand"]
    assert v.abstain_names == ["Mia Dal"]


def test_a_named_list_goes_on_over_a_page_break_and_the_sentence_gives_the_counts():
    lines = lines_of("Ja röstar: Eva Lund (S), Nils Ek (S),\n\n")
    lines.append(Line(3, "", header=object()))  # a page header between the two pages
    lines += lines_of("Sten Ruda (MP).\nNej röstar: Åsa Berg (M).\n"
                      "Med 4 ja-röster mot 1 nej-röst beslutar nämnden enligt förslaget.", 4)
    v = read_votes(lines)[0]
    assert v.yes_names == ["Eva Lund", "Nils Ek", "Sten Ruda"]
    assert (v.yes, v.no) == (4, 1)  # a member missing from the list is counted in the sentence


def test_voters_named_without_party():
    (v,) = read_votes(lines_of("Ja: Eva Lund, Nils Ek och Britt Holm.\nNej: Åsa Berg och Leo Strand."))
    assert (v.yes, v.no, v.yes_names, v.no_names) == (3, 2, ["Eva Lund", "Nils Ek", "Britt Holm"], ["Åsa Berg", "Leo Strand"])


def test_a_proposition_order_is_no_side():
    votes = read_votes(lines_of(
        "Nämnden godkänner följande propositionsordning:\n"
        "Ja-röst för Eva Lunds yrkande, nej-röst för Åsa Bergs yrkande.\n"
        "Med 7 ja-röster mot 4 nej-röster och 2 ledamot avstår beslutar nämnden enligt Eva Lunds yrkande."))
    assert [(v.method, v.yes, v.no) for v in votes] == [("open", 7, 4)]


def test_speakers_one_under_the_other_are_separate_proposals_and_statements():
    p = read_paragraph(lines_of(
        "§ 9\nMotion om cykelvägar\nBeslut\nMotionen avslås.\n\n"
        "Yrkanden\nEva Lund (S) yrkar avslag på motionen.\nÅsa Berg (M) yrkar bifall till motionen\n"
        "och att utredningen ska omfatta\nNils Ek (S) förslag från i våras.\n\n"
        "Protokollsanteckningar\nMia Dal (V) lämnar en anteckning: ”Vi vill se fler cykelvägar.”\n"
        "Leo Strand (KD) lämnar en anteckning om trafiksäkerheten."))
    assert [(x.by, x.party) for x in p.proposals] == [("Eva Lund", "S"), ("Åsa Berg", "M")]
    assert "Nils Ek (S) förslag" in p.proposals[1].text  # an unfinished sentence goes on
    assert [s.by for s in p.statements] == ["Mia Dal", "Leo Strand"]


def test_inline_reservations_label():
    p = read_paragraph(lines_of(
        "§ 3\nVal av revisor\nBeslut\nTill revisor väljs Eva Lund (S).\n\n"
        "Reservationer: Moderaterna och Kristdemokraterna reserverar sig mot beslutet."))
    assert p.reservations == ["Moderaterna och Kristdemokraterna reserverar sig mot beslutet."]


def test_election_post_and_organisation_from_the_title():
    decision = lines_of("Till ombud vid bolagsstämman i Fjällbygdens Energi AB väljs Eva Lund (S).")
    (e,) = read_elections("Val av ombud till bolagsstämma i Fjällbygdens Energi AB", decision, "")
    assert (e.name, e.party, e.post, e.organisation) == ("Eva Lund", "S", "ombud", "Fjällbygdens Energi AB")


MINUTES_SIGNED_LAST = """\
FRITIDSNÄMNDEN  SAMMANTRÄDESPROTOKOLL  2024-02-06
Sida 1 av 2
Plats och tid: Kulturhuset, kl. 18.00–20.00

Beslutande
Eva Lund (S), ordförande
Åsa Berg (M)
Leo Strand (KD)

Justerare
Åsa Berg (M) och Leo Strand (KD)

§ 1
Information
Förvaltningschefen informerar om verksamheten.
FRITIDSNÄMNDEN  SAMMANTRÄDESPROTOKOLL  2024-02-06
Sida 2 av 2
Underskrifter

Nils Ek, protokollförare

Eva Lund, ordförande

Åsa Berg, justerare

Anslag
Protokollet har justerats och anslagits 2024-02-09.
"""


def test_signatures_after_the_last_paragraph():
    (m,) = parse_text(MINUTES_SIGNED_LAST)["meetings"]
    assert m["paragraphs"][0]["decision"] == "Förvaltningschefen informerar om verksamheten."
    # the adjusters named on the first page, the others from the signatures at the end
    assert m["signatories"] == {"secretary": "Nils Ek", "chair": "Eva Lund", "adjusters": ["Åsa Berg", "Leo Strand"]}


EXTRACT = """\
Fjällby kommun
PROTOKOLLSUTDRAG
Fritidsnämnden
Sammanträdesdatum
2024-02-06
Sida
3 (9)

§ 14
Dnr FN 2024/5
Avgifter för idrottshallar

Beslut
Avgiften för uthyrning av idrottshallar höjs till 300 kronor per

Justerandes sign
Utdragsbestyrkande
Fjällby kommun
PROTOKOLLSUTDRAG
Fritidsnämnden
Sammanträdesdatum
2024-02-06
Sida
4 (9)

timme från och med 2025.

Beslutet skickas till
Fritidsförvaltningen

Rätt utdraget intygar
Nils Ek
Sekreterare
"""


SHORT_SECOND_HEADER = EXTRACT.replace(
    "PROTOKOLLSUTDRAG\nFritidsnämnden\nSammanträdesdatum\n2024-02-06\nSida\n4 (9)",
    "PROTOKOLLSUTDRAG\nSida\n4 (9)")


@pytest.mark.parametrize("text", [EXTRACT, SHORT_SECOND_HEADER], ids=["full-header", "page-2-header-without-body"])
def test_extract_over_two_pages_with_its_certification(text):
    assert text.count("Sammanträdesdatum") == (2 if text is EXTRACT else 1)
    doc = parse_text(text)
    assert [d["kind"] for d in doc["documents"]] == ["protokollsutdrag"]
    (m,) = doc["meetings"]
    (p,) = m["paragraphs"]
    assert p["decision"] == "Avgiften för uthyrning av idrottshallar höjs till 300 kronor per timme från och med 2025."
    assert p["recipients"] == ["Fritidsförvaltningen"]


def test_organisation_line_above_the_kind_label_is_furniture():
    kept = [text for _, text in clean_lines(EXTRACT.split("\n"))]
    assert "Fjällby kommun" not in kept and "Sida" not in kept

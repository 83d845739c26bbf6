"""The masker by itself: each kind of personal data in each way it is written, over line
breaks, and the figures of tables left alone (paragraf/privacy/masking.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paragraf.privacy.masking import EMAIL, NAME, PERSONAL_NUMBER, PHONE, Masker
from paragraf.portal.lines import masked_span
from paragraf.privacy.pieces import last_safe_cut, masked_stream
from paragraf.records.models import SourceFile

CORPUS = Path(__file__).resolve().parent.parent / "samples" / "corpus"
MASKER = Masker()


@pytest.mark.parametrize("written", [
    "19800101-1234", "800101-1234", "19800101–4321", "19800101—4321", "19800101+1234", "800101 - 1234",
    "198001011234", "8112189876", "811218 9876", "19811218-9876", "800161-1234",  # samordningsnummer
    "19800101-\n1234", "19800101\n-1234",
])
def test_personal_identity_numbers(written):
    assert [f.kind for f in MASKER.findings(f"Ansökan {written} om bidrag")] == [PERSONAL_NUMBER]


@pytest.mark.parametrize("written", [
    "070-1234567", "070-123 45 67", "070 123 45 67", "0701234567", "+46701234567", "+46 70 123 45 67",
    "+46 (0)70-123 45 67", "(036) 10 50 00", "036-10 50 00", "036-105000", "08-123 456 78", "0046 36 10 50 00",
    "036 - 32 40 00", "036-32\n40 00", "070-123\n45 67",
])
def test_phone_numbers(written):
    assert [f.kind for f in MASKER.findings(f"Ring {written} i dag")] == [PHONE]


@pytest.mark.parametrize("written", ["anna.nilsson@rjl.se", "a_b+c@sub.example.com"])
def test_email_addresses(written):
    assert [f.kind for f in MASKER.findings(f"Skriv till {written}.")] == [EMAIL]


@pytest.mark.parametrize("text", [
    "Region Blekinge 603 170 556 018 47 152",  # a row of figures
    "Varav psyk vuxen 51 869 60 024 83 167 -13,6% -37,6%",
    "Kostnad 036 500 000 kr", "Budget 070 123 45 tkr", "Andel 070 123 %",
    "RJL 2022/1409", "2023-01-31", "232100-0057",  # a case number, a date, an organisation number
    "kl. 08.00-17.00", "§§ 1-13", "Dnr 2023/0701234", "800101-1234x", "1234567890",
    "19801301-1234",  # no month 13
    "8001011234",  # no separator and a wrong check digit: a number, not a person
])
def test_what_is_no_personal_data(text):
    assert MASKER.findings(text) == []


def test_a_value_over_a_line_break_is_masked_and_the_lines_stay():
    text = "Sökande: 19800101-\n1234 bor här\nTel 070-123\n45 67\n"
    masked = MASKER.mask(text)
    assert masked == "Sökande: [personnummer dolt]\n bor här\nTel [telefonnummer dolt]\n\n"
    assert masked.count("\n") == text.count("\n")


def test_protected_names_in_any_case_and_spacing_and_values_staff_unmasked():
    masker = Masker(unmasked={"036324000"}, protected=["Anna Skyddad"])
    text = "ANNA  SKYDDAD\nSKYDDAD ringde 036-32 40 00 och 070-123 45 67; Annas kyddad"
    assert masker.mask(text) == "[namn dolt]\nSKYDDAD ringde 036-32 40 00 och [telefonnummer dolt]; Annas kyddad"
    assert [f.kind for f in masker.findings("Anna\nSkyddad")] == [NAME]


def test_the_budget_tables_of_the_corpus_are_unchanged():
    """Every line the masker changes in the corpus holds an address or a number marked as a phone
    number (a dash, +46 or Tfn), never a row of figures."""
    for path in sorted(CORPUS.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        changed = [line for line in lines if MASKER.mask(line) != line]
        assert changed, path.name
        for line in changed:
            assert "@" in line or "Tfn" in line or "+46" in line, line


TEXTS = st.lists(
    st.sampled_from(["070-123 45 67", "036-32 40 00", "+46 36 324000", "19800101-1234", "a.b@rjl.se", "(0)",
                     " ", "\n", "\r", "\t", "-", "–", "0", "7", "@", "x", "/", "+46", "12", "345", "kr"]),
    max_size=14,
).map("".join)


@given(TEXTS)
def test_masking_the_masked_text_again_changes_nothing_and_keeps_the_lines(text):
    masked = MASKER.mask(text)
    assert MASKER.mask(masked) == masked
    assert masked.count("\n") == text.count("\n")  # source line numbers stay right


# ---------------------------------------------------------------- long texts masked in pieces

INVENTED = (Path(__file__).resolve().parent / "minutes" / "invented-personal-data.txt").read_text(encoding="utf-8")
PROTECTING = Masker(protected=["Anna Skyddad"])


def _long_text() -> str:
    """The invented packet again and again, with a protected name broken over a line and values
    at every distance from the blank lines the pieces are cut at."""
    return "".join(f"{INVENTED}\nAnna\nSkyddad {'x' * n}\n070-123\n45 67\n\n" for n in range(40))


@pytest.mark.parametrize("size", [1, 7, 100, 4096])
def test_a_text_masked_in_pieces_is_the_text_masked_whole(size):
    text = _long_text()
    pieces = list(masked_stream((text[i : i + size] for i in range(0, len(text), size)), PROTECTING.mask))
    assert len(pieces) > 1 and b"".join(pieces).decode() == PROTECTING.mask(text)


@given(cuts=st.lists(st.integers(min_value=0, max_value=len(_long_text())), max_size=30))
def test_a_stream_masked_chunk_by_chunk_is_the_text_masked_whole(cuts):
    text = _long_text()
    bounds = [0, *sorted(cuts), len(text)]
    chunks = [text[a:b].encode() for a, b in zip(bounds, bounds[1:])]
    assert b"".join(masked_stream(chunks, PROTECTING.mask)).decode() == PROTECTING.mask(text)


def test_no_value_is_cut_where_a_stream_is_cut():
    assert last_safe_cut("19800101-\n1234\n") == 0
    assert last_safe_cut("a\n\n19800101-\n1234") == 3
    assert last_safe_cut("a\n  \nb") == 5


@pytest.mark.django_db
def test_a_value_broken_over_the_edge_of_a_page_of_lines_is_masked_on_both_pages():
    text = "\n".join(["Rad"] * 999 + ["Sökande 19811218-", "9876 har ansökt"] + ["Rad"] * 10)
    source = SourceFile.objects.create(name="kant.txt", sha256="0" * 64, kind="text", data=b"", text=text,
                                       line_count=1011, parser_version="test")
    first_page, second_page = masked_span(source.pk, 1, 1000, MASKER), masked_span(source.pk, 1001, 1011, MASKER)
    assert [n for n, _ in first_page] == list(range(1, 1001)) and second_page[0][0] == 1001
    assert "19811218" not in first_page[-1][1] and "9876" not in second_page[0][1]
    assert masked_span(source.pk, 1001, 1011, None)[0] == (1001, "9876 har ansökt")  # staff: as written


def test_a_phone_number_run_into_an_e_mail_address_is_masked_at_once():
    assert MASKER.mask("070-123 45 677-a.b@rjl.se/") == "[telefonnummer dolt] [e-post dold]/"


def test_a_character_split_between_two_chunks_of_a_stream_is_decoded_whole():
    text = "Jönköping 070-123 45 67\n"
    data = text.encode()
    cut = data.index("ö".encode()) + 1  # inside the two bytes of ö
    assert b"".join(masked_stream([data[:cut], data[cut:]], MASKER.mask)).decode() == MASKER.mask(text)

"""Dates written in words, and notices whose meeting date, time and place stand in
the text (`Tid`, `Datum`, `Kommunfullmäktige sammanträder …`), with invited lists
in two columns. The packets here are made up for the rule they test."""
from __future__ import annotations

import pytest

from paragraf.ingest import parse_text
from paragraf.ingest.dates import find_date, is_date


@pytest.mark.parametrize("text, iso", [
    ("Måndag 22 maj 2023", "2023-05-22"),
    ("Tisdagen den 17 oktober 2023, kl. 13.15", "2023-10-17"),
    ("den 3 maj 2023", "2023-05-03"),
    ("3 maj 2023 kl. 13.00", "2023-05-03"),
    ("onsdag 1:a mars 2023", "2023-03-01"),
    ("fre. 5 jan. 2024", "2024-01-05"),
    ("12 SEPT 2022", "2022-09-12"),
    ("29 februari 2024", "2024-02-29"),
    ("Ort den 8 december 2022", "2022-12-08"),
    ("Sammanträdesdatum 2023-05-02", "2023-05-02"),
])
def test_find_date(text, iso):
    assert find_date(text).iso == iso


@pytest.mark.parametrize("text", ["Budget 2024", "29 februari 2023", "31 april 2023", "§ 12 maj", "3 maj"])
def test_no_date(text):
    assert find_date(text) is None


def test_is_date_is_the_whole_text():
    assert is_date("Tisdagen den 17 oktober 2023")
    assert is_date("2023-10-17")
    assert not is_date("Tid 17 oktober 2023")
    assert not is_date("17 oktober 2023 kl. 13.00")


def only_meeting(text: str) -> dict:
    doc = parse_text(text)
    assert len(doc["meetings"]) == 1, doc["meetings"]
    return doc["meetings"][0]


def test_kungorelse_sentence_gives_body_date_time_and_place():
    m = only_meeting("\n".join([
        "Ekby kommun",
        "KUNGÖRELSE",
        "",
        "Kommunfullmäktige sammanträder måndagen den 12 juni 2023 kl. 18.00 i Stadshusets sessionssal.",
        "",
        "Ärenden",
        "1. Val av justerare",
        "2. Budget 2024",
        "Dnr KS 2023/44",
    ]))
    assert (m["body"], m["date"], m["start_time"], m["place"]) == (
        "Kommunfullmäktige", "2023-06-12", "18:00", "Stadshusets sessionssal")
    assert [(a["number"], a["case_number"]) for a in m["agenda"]] == [(1, None), (2, "KS 2023/44")]


def test_notice_fields_win_over_the_notice_date_in_the_header():
    m = only_meeting("\n".join([
        "KALLELSE                                          2023-04-20",
        "Tekniska nämnden",
        "",
        "Datum              Tisdag 9 maj 2023",
        "Tid                13.00",
        "Plats              Kommunhuset",
        "",
        "Ärenden",
        "1. Upprop",
    ]))
    assert (m["date"], m["start_time"], m["place"]) == ("2023-05-09", "13:00", "Kommunhuset")


def test_two_column_invited_list_before_the_agenda():
    m = only_meeting("\n".join([
        "KALLELSE",
        "Tekniska nämnden",
        "Tid: onsdag 3 maj 2023 kl. 13.00",
        "",
        "Ledamöter                      Ersättare",
        "Kalle Berg (S), ordförande     Lisa Holm (M)",
        "Nils Ås (M) vice ordförande Per Öberg (S)",
        "Eva Strand (C)",
        "                               Ida Lund (V)",
        "",
        "Föredragningslista",
        "1. Upprop",
    ]))
    assert m["date"] == "2023-05-03"
    assert [(i["name"], i["group"], i["role"]) for i in m["invited"]] == [
        ("Kalle Berg", "ledamot", "ordförande"),
        ("Nils Ås", "ledamot", "vice ordförande"),
        ("Eva Strand", "ledamot", None),
        ("Lisa Holm", "ersättare", None),
        ("Per Öberg", "ersättare", None),
        ("Ida Lund", "ersättare", None),
    ]
    assert [a["title"] for a in m["agenda"]] == ["Upprop"]


def test_minutes_date_in_words_in_plats_och_tid():
    m = only_meeting("\n".join([
        "PROTOKOLL",
        "Tekniska nämnden",
        "",
        "Plats och tid       Kommunhuset, 3 maj 2023 kl. 13.00–15.30",
        "",
        "Beslutande          Kalle Berg (S), ordförande",
        "",
        "§ 12   Dnr TN 2023/5",
        "",
        "Ny taxa",
        "",
        "Beslut",
        "Tekniska nämnden antar taxan.",
    ]))
    assert (m["date"], m["start_time"], m["end_time"], m["place"]) == ("2023-05-03", "13:00", "15:30", "Kommunhuset")


def test_page_header_date_in_words():
    m = only_meeting("\n".join([
        "PROTOKOLL",
        "Tekniska nämnden",
        "Sammanträdesdatum",
        "3 maj 2023",
        "",
        "Beslutande          Kalle Berg (S), ordförande",
        "",
        "§ 12   Dnr TN 2023/5",
        "",
        "Ny taxa",
        "",
        "Beslut",
        "Tekniska nämnden antar taxan.",
    ]))
    assert m["date"] == "2023-05-03"


def test_kungorelse_label_in_title_case_under_the_organisation():
    doc = parse_text("\n".join([
        "Ekby kommun",
        "Kommunfullmäktige",
        "Kungörelse",
        "",
        "Tid: Torsdag 14 september 2023 kl. 18.00",
        "Plats: Stadshuset",
        "",
        "Ärenden",
        "1. Val av justerare",
    ]))
    assert [(d["kind"], d["first_line"]) for d in doc["documents"]] == [("kallelse", 1)]
    m = doc["meetings"][0]
    assert (m["body"], m["date"], m["start_time"], m["place"]) == ("Kommunfullmäktige", "2023-09-14", "18:00", "Stadshuset")


def test_heading_in_the_left_column_ends_a_two_column_block():
    m = only_meeting("\n".join([
        "KALLELSE",
        "Tekniska nämnden",
        "Tid: onsdag 3 maj 2023 kl. 13.00",
        "",
        "Kallade        Ledamöter",
        "               Kalle Berg (S), ordförande",
        "               Eva Strand (C)",
        "Ersättare      Lisa Holm (M)",
        "               Per Öberg (S)",
        "",
        "Föredragningslista",
        "1. Upprop",
    ]))
    assert [(i["name"], i["group"]) for i in m["invited"]] == [
        ("Kalle Berg", "ledamot"), ("Eva Strand", "ledamot"), ("Lisa Holm", "ersättare"), ("Per Öberg", "ersättare")]

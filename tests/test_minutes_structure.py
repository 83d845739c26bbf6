"""The structure of Swedish minutes, read by rule and not by template (issue 10): the
section headings table, § headings and case numbers in every form, running page
furniture found by repetition, meetings the text does not name, and votes in prose.
Every text here is invented; the forms are those of real minutes."""
from __future__ import annotations

import pytest

from paragraf.ingest import InputError, MeetingHints, parse_text
from paragraf.ingest.cleanup import Line, clean_lines
from paragraf.ingest.headings import paragraph_heading, split_case
from paragraf.ingest.sections import HEADINGS, ROLES, TABLE, inline_section, section_role
from paragraf.ingest.text import case_parts
from paragraf.ingest.votes import read_votes

# ---------------------------------------------------------------- the headings table


def test_the_table_is_data_with_known_roles():
    assert {row.role for row in TABLE} == set(ROLES)  # every role has a heading, and no heading an unknown role
    rows = [line for line in HEADINGS.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert len(rows) == len(TABLE)  # one line of the table is one heading


@pytest.mark.parametrize("row", [row for row in TABLE if "<" not in row.text], ids=lambda row: row.text)
def test_every_heading_of_the_table_is_read_in_its_written_forms(row):
    for written in (row.text, row.text.upper(), row.text + ":", row.text + " :", row.text.replace(" ", "  ")):
        assert section_role(written) == row.role, written


@pytest.mark.parametrize("text, role", [
    ("Kommunstyrelsens beslut", "decision"),
    ("Bygg- och miljönämndens beslut", "decision"),
    ("Tekniska nämndens förslag", "proposed"),
    ("Kommunstyrelsens arbetsutskotts förslag till beslut", "proposed"),
    ("Kommunstyrelsens förslag till kommunfullmäktige", "proposed"),
    ("Barn- och utbildningsnämndens förslag till kommunfullmäktige", "proposed"),
    ("Förvaltningens bedömning", "background"),
    ("Beslut – Förslag till kommunfullmäktige", "decision"),  # a heading with a qualifier after a dash
    ("Beslut - Förslag till kommunfullmäktige", "decision"),
    ("Beslutet   skickas till – för kännedom", "recipients"),
    ("Expedieras til", "recipients"),  # one letter missing (a typo in real minutes)
    ("Protokollsutdrag skickas tll", "recipients"),
    ("Propositionsordnign", None),  # two letters swapped is two edits: no
    ("Moderaternas förslag till beslut", None),  # a party's proposal is no body's
])
def test_genitives_qualifiers_and_typos(text, role):
    assert section_role(text) == role


@pytest.mark.parametrize("text", [
    "Enligt kommunstyrelsens förslag:",  # the decision's first line, not a heading
    "Valberedningens förslag till vid sammanträdet",  # a title: `vid sammanträdet` is no body
    "Länsstyrelsens beslut antecknas.",
    "Ärenden",  # short headings must be exact: not `Ärendet`
    "beslut",  # a line in lower case goes on with the sentence above it
    "Kommunstyrelsen",
    "Ordföranden",
])
def test_lines_that_are_no_headings(text):
    assert section_role(text) is None


def test_a_heading_with_its_text_after_a_colon():
    assert inline_section("Beslutet skickas till: Socialnämnden") == ("recipients", "Socialnämnden")
    assert inline_section("Exp: Kommunstyrelsen, ekonomiavdelningen") == ("recipients", "Kommunstyrelsen, ekonomiavdelningen")
    assert inline_section("propositionsordning: Ja-röst för A") is None  # a sentence going on


# ---------------------------------------------------------------- § headings and case numbers


@pytest.mark.parametrize("line, number, title, case", [
    ("§1", 1, "", None),
    ("§ 15 1435/22", 15, "", "1435/22"),
    ("§ 37 Ärendenummer SLK-2026-00245", 37, "", "SLK-2026-00245"),
    ("§ 43 Diarienummer 00541/20231.2.2.", 43, "", "00541/2023"),
    ("Ks § 250      Dnr KS 2021/123", 250, "", "KS 2021/123"),
    ("§ 12 Dnr 2024-000123", 12, "", "2024-000123"),
    ("§ 12 Budget 2024", 12, "Budget 2024", None),
    ("KF § 3 Val av justerare", 3, "Val av justerare", None),
    ("KS § 3 a     DNR:KF/2006.203", 3, "", "KF/2006.203"),
    ("§ 8 Diarienummer 94503", 8, "", "94503"),
    ("§ 46 KFKS 2024/88 Ekonomisk uppföljning", 46, "Ekonomisk uppföljning", "KFKS 2024/88"),
    ("SN § 61   Information från förvaltningschefen   SN.2024.0012", 61, "Information från förvaltningschefen",
     "SN.2024.0012"),
    ("§ 12. Budget", 12, "Budget", None),
    ("§ 12 - Budget", 12, "Budget", None),
    ("§ 4 Information från Dnr-enheten", 4, "Information från Dnr-enheten", None),
    ("§ 9 Val av ledamöter 2023-2026", 9, "Val av ledamöter 2023-2026", None),  # years, no case number
])
def test_paragraph_headings(line, number, title, case):
    heading = paragraph_heading(line)
    assert heading is not None and heading.number == number and not heading.continued
    assert split_case(heading.rest) == (title, case)


@pytest.mark.parametrize("line", ["§ 29 (forts.)", "§ 29 forts.", "forts. § 29", "Forts. § 29", "§ 29 (fortsättning)",
                                  "§ 29, forts", "KS § 29 forts. Budget 2025"])
def test_continuation_headings(line):
    heading = paragraph_heading(line)
    assert heading.number == 29 and heading.continued


@pytest.mark.parametrize("line", [
    "KU § 317 06-12-05",  # an earlier decision cited by its date
    "§ 22 i kommunallagen",  # a § in running text
    "§§ 1-13",
    "enligt § 5 reglementet",
    "Enligt § 5 Budget",
    "Se § 12 Budget 2024",
])
def test_lines_that_are_no_paragraph_headings(line):
    assert paragraph_heading(line) is None


@pytest.mark.parametrize("written, prefix, year, serial", [
    ("RJL 2023/217", "RJL", 2023, 217),
    ("SLK-2024-00218:3", "SLK", 2024, 218),
    ("1435/22", None, 2022, 1435),
    ("00541/20231.2.2.", None, 2023, 541),
    ("2024-000123", None, 2024, 123),
    ("KS/2023:45", "KS", 2023, 45),
    ("SN.2024.0012", "SN", 2024, 12),
    ("RS 2023-01234", "RS", 2023, 1234),
    ("0417/98", None, 1998, 417),
])
def test_case_number_forms(written, prefix, year, serial):
    parts = case_parts(written)
    assert (parts.prefix, parts.year, parts.serial) == (prefix, year, serial)


def test_dates_and_years_are_no_case_numbers():
    assert case_parts("2024-03-20") is None and case_parts("2024-03-20", labelled=True) is None
    assert case_parts("2023-2026") is None and case_parts("KF 2023-2026") is None


# ---------------------------------------------------------------- a § read section by section

PARAGRAPH = """\
§ 44 1234/23
Val av ersättare i förbundsfullmäktige i stället för Anna
Berg (SD) och Per Ek
(SD)
Beslut

Till ersättare utses Eva Lund (SD).

Tidigare behandling

Bordlagt den 26 januari 2023, § 41.

Protokollsutdrag skickas till
Förbundet
Valberedningen
"""

ALL_SECTIONS = """\
§ 45 Ärendenummer ABC-2024-00012
Revidering av riktlinjen för parkering
Beslut
Riktlinjen antas.
Ärendet
Förvaltningen har sett över riktlinjen.
Ärendets behandling
Kommunstyrelsen har behandlat ärendet den 2 februari 2024, § 12.
Förslag till beslut
Riktlinjen antas med ändringar.
Ledamöternas förslag till beslut
Anna Berg (S) föreslår bifall.
Beslutsgång
Ordföranden finner att fullmäktige bifaller förslaget.
Reservationer
Ledamöterna från M reserverar sig mot beslutet.
Jäv
Per Ek (C) deltar inte i handläggningen av ärendet på grund av jäv.
Justering
Paragrafen förklaras omedelbart justerad.
Expedieras til
Samhällsbyggnadsförvaltningen
"""


def _only_paragraph(text: str, **hints) -> tuple[dict, dict]:
    packet = parse_text(text, hints=MeetingHints(body="Kommunfullmäktige", date="2024-03-20", **hints))
    (meeting,) = packet["meetings"]
    (paragraph,) = meeting["paragraphs"]
    return meeting, paragraph


def test_title_wrapped_over_a_name_and_a_parenthesis_and_the_case_from_the_heading():
    _, p = _only_paragraph(PARAGRAPH)
    assert p["title"] == "Val av ersättare i förbundsfullmäktige i stället för Anna Berg (SD) och Per Ek (SD)"
    assert p["case_number"] == "1234/23"
    assert p["decision"] == "Till ersättare utses Eva Lund (SD)."  # not the history under it
    assert p["summary"] == "Bordlagt den 26 januari 2023, § 41."
    assert p["recipients"] == ["Förbundet", "Valberedningen"]
    assert p["reservations"] == []


def test_every_section_ends_the_one_before_it():
    meeting, p = _only_paragraph(ALL_SECTIONS)
    assert p["case_number"] == "ABC-2024-00012"
    assert p["decision"] == "Riktlinjen antas."
    assert p["procedure"] == "Ordföranden finner att fullmäktige bifaller förslaget."
    assert [x["by"] for x in p["proposals"]] == ["Anna Berg"]
    assert p["reservations"] == ["Ledamöterna från M reserverar sig mot beslutet."]
    assert p["disqualifications"] == ["Per Ek (C) deltar inte i handläggningen av ärendet på grund av jäv."]
    assert p["signoff"] == "Paragrafen förklaras omedelbart justerad."
    assert p["recipients"] == ["Samhällsbyggnadsförvaltningen"]
    assert meeting["warnings"] == []


def test_a_paragraph_without_a_decision_is_warned_about():
    meeting, p = _only_paragraph("§ 46\nInformation om budgeten\nBeslutsunderlag\nTjänsteskrivelse 2024-01-02\n")
    assert p["decision"] is None
    assert any("§ 46" in w and "no decision" in w for w in meeting["warnings"])


# ---------------------------------------------------------------- votes


@pytest.mark.parametrize("text, counts", [
    ("Omröstningen utfaller med 43 Ja mot 29 Nej. 9 ledamöter avstår från att rösta.", [(43, 29, 9)]),
    ("Omröstningen utfaller med 65 Ja mot 9 Nej. 5 ledamöter avstår från att rösta. 2 ledamöter är frånvarande.",
     [(65, 9, 5)]),
    ("Med 30 ja-röster mot 20 nej-röster och 3 avstående beslutar fullmäktige enligt förslaget.", [(30, 20, 3)]),
    ("Omröstningen utfaller 21 ja-röster och 20 nej-röster, 2 ledamöter avstår.", [(21, 20, 2)]),
    ("Omröstningsresultat: 7 ja, 4 nej, 2 avstår.", [(7, 4, 2)]),
    ("Fullmäktige beslutar med 35 röster mot 26 att bifalla förslaget.", [(35, 26, 0)]),
    ("Omröstningen utfaller med 25 röster för styrelsens förslag och 20 röster för Anna Bergs yrkande.", [(25, 20, 0)]),
    ("Omröstning begärs och genomförs. 11 ledamöter röstar ja och 2 ledamöter röstar nej.", [(11, 2, 0)]),
    ("Votering (22 ja, 19 nej)", [(22, 19, 0)]),
    ("Ja-röster: 44, Nej-röster: 35, Avstår: 2.", [(44, 35, 2)]),
    ("Ja 31, Nej 30, Avstår 2", [(31, 30, 2)]),
    ("Omröstningen utföll 7–2 till förmån för ordförandens yrkande.", [(7, 2, 0)]),
    ("Omröstningen utfaller med 8 röster för A, 1 röst för B och 0 som avstår.", [(8, 1, 0)]),
    ("Med 9 röster för styrelsens förslag, 4 röster för Anna Bergs yrkande och 2 som avstår.", [(9, 4, 2)]),
    # no vote between two sides: an abstention is no `nej`
    ("10 ledamöter röstar för bifall och en ledamot avstår.", []),
    ("9 röstar för förslaget och 2 ledamöter avstår.", []),
    ("Ja för avslag och Nej för bifall till yrkandet.", []),
    # two votes in one text: on a supplement first, then the main vote
    ("Omröstningen utfaller med 40 Ja mot 41 Nej. Ordföranden ställer härefter proposition på tillägget. "
     "Omröstningen utfaller med 72 Ja mot 9 Nej.", [(40, 41, 0), (72, 9, 0)]),
])
def test_votes_counted_in_prose(text, counts):
    lines = [Line(1, text)]
    assert [(v.yes, v.no, v.abstain) for v in read_votes(lines) if v.method == "open"] == counts


def test_votes_for_people_are_a_ballot_between_candidates():
    (vote,) = read_votes([Line(1, "Med 5 röster för Anna Berg (S) och 4 röster för Per Ek (M) väljs Anna Berg (S).")])
    assert vote.method == "secret" and [(o.label, o.party, o.count) for o in vote.options] == [("Anna Berg", "S", 5), ("Per Ek", "M", 4)]


NAMED = """\
Godkänd voteringsproposition: "Ja för bifall till A:s yrkande och Nej för bifall till B:s yrkande."
Anna Ek (S), Bo Al (M), tjänstgörande ersättaren Siv Ry
(C) och ordföranden Eva Lund (S) röstar Ja (4).
Per Sten (SD) röstar Nej (1).
Mia Dal (V) och Leo Strand (KD) avstår från att rösta (2).
"""


def test_votes_with_the_voters_named_in_prose():
    (vote,) = read_votes([Line(n, text) for n, text in enumerate(NAMED.splitlines(), 1)])
    assert (vote.yes, vote.no, vote.abstain) == (4, 1, 2)
    assert vote.yes_names == ["Anna Ek", "Bo Al", "Siv Ry", "Eva Lund"]  # `ordföranden` is no part of the name
    assert vote.no_names == ["Per Sten"] and vote.abstain_names == ["Mia Dal", "Leo Strand"]
    assert [(b.name, b.party, b.choice) for b in vote.ballots][:2] == [("Anna Ek", "S", "yes"), ("Bo Al", "M", "yes")]


def test_a_count_that_disagrees_with_the_names_is_kept_and_warned_about():
    text = "§ 47\nMotion om cykelbanor\nBeslut\nMotionen avslås.\nOmröstning\n" + NAMED.replace("röstar Ja (4)", "röstar Ja (5)")
    meeting, p = _only_paragraph(text)
    assert [(v["yes"], v["no"], v["abstain"]) for v in p["votes"]] == [(5, 1, 2)]
    assert len(p["votes"][0]["yes_names"]) == 4
    assert any("5 ja but names 4" in w for w in meeting["warnings"])


def test_a_vote_told_again_under_another_heading_is_one_vote():
    text = ("§ 49\nTaxor\nBeslut\nTaxorna antas.\nOmröstning\nOmröstningen utfaller med 43 Ja mot 38 Nej.\n"
            "Beslutsgång\nKommunfullmäktige har alltså med 43 ja-röster mot 38 nej-röster beslutat att anta taxorna.\n")
    _, p = _only_paragraph(text)
    assert [(v["yes"], v["no"]) for v in p["votes"]] == [(43, 38)]
    two = text.replace("Beslutsgång\n", "Omröstning\n")  # two vote headings: two votes, the same counts or not
    _, p = _only_paragraph(two)
    assert [(v["yes"], v["no"]) for v in p["votes"]] == [(43, 38), (43, 38)]
    # a vote on sending the case back, then the main vote with the same counts under `Beslutsgång`
    back = ("§ 50\nTaxor\nBeslut\nTaxorna antas.\nOmröstning\nOmröstningen om återremiss utfaller med 7 Ja mot 6 Nej.\n"
            "Beslutsgång\nOrdföranden ställer proposition på bifall och avslag. Omröstning begärs. "
            "Med 7 ja-röster mot 6 nej-röster bifaller nämnden förslaget.\n")
    _, p = _only_paragraph(back)
    assert [(v["yes"], v["no"]) for v in p["votes"]] == [(7, 6), (7, 6)]


def test_a_vote_that_cannot_be_counted_is_warned_about():
    meeting, p = _only_paragraph("§ 48\nTaxor\nBeslut\nTaxorna antas.\nOmröstning\nOmröstning begärs och genomförs.\n")
    assert p["votes"] == []
    assert any("§ 48" in w and "could not be counted" in w for w in meeting["warnings"])


# ---------------------------------------------------------------- page furniture and the meeting's identity


def _page(n: int, body: str) -> str:
    return f"\nEkby kommun Kommunstyrelsen, protokoll\n\n{n} (9)\n\nKommunstyrelsen\n\nProtokoll (nr 4)\nSammanträdesdatum: 2024-05-14\n\n{body}"


RUNNING = "".join(_page(n, body) for n, body in enumerate([
    "§ 1\nVal av justerare\nBeslut\nAnna Berg (S) utses att justera.\nProtokollsutdrag skickas till\nValberedningen\n",
    "§ 2\nBudget 2025\nBeslut\nBudgeten antas med de ändringar",
    "som framgår av bilagan.\nProtokollsutdrag skickas till\nValberedningen\n",
    "§ 3\nTaxa för bygglov\nBeslut\nTaxan antas.\nProtokollsutdrag skickas till\nValberedningen\n",
    "§ 4\nMotion om parker\nBeslut\nMotionen avslås.\n",
], 2))


def test_running_header_names_the_meeting_and_is_removed_wherever_it_cuts_in():
    packet = parse_text(RUNNING)
    (meeting,) = packet["meetings"]
    assert (meeting["body"], meeting["date"]) == ("Kommunstyrelsen", "2024-05-14")
    assert meeting["warnings"] == []
    decisions = {p["number"]: p["decision"] for p in meeting["paragraphs"]}
    assert decisions[2] == "Budgeten antas med de ändringar som framgår av bilagan."  # the header cut into it
    # a line that recurs beside some headers only (the last recipient of several §) is text
    assert [p["recipients"] for p in meeting["paragraphs"]][:3] == [["Valberedningen"]] * 3
    assert "Ekby kommun" in packet["organization"]


def test_running_footer_on_marked_pages_is_removed():
    footer = "\nDet här protokollet är signerat digitalt\nTransaktion: 9F3A2C1B7D6E5F40A1B2C3D4"
    topics = ["parkering", "badhus", "skolskjuts", "bibliotek", "snöröjning"]
    pages = [f"§ {n}\nFrågor om {topic}\nBeslut\nNämnden beslutar om {topic} enligt förslaget." + footer.replace("9F3A", f"{n}F3A")
             for n, topic in enumerate(topics, 1)]
    text = "\n\f".join(pages)  # pages marked as pdftotext marks them
    (meeting,) = parse_text(text, hints=MeetingHints(body="Socialnämnden", date="2024-01-10"))["meetings"]
    assert [p["decision"] for p in meeting["paragraphs"]] == [f"Nämnden beslutar om {t} enligt förslaget." for t in topics]
    assert [p["title"] for p in meeting["paragraphs"]] == [f"Frågor om {t}" for t in topics]


def test_without_cover_page_the_paragraphs_come_with_a_warning_naming_the_options():
    text = "§ 5\nVal av revisor\nBeslut\nTill revisor väljs Eva Lund (S).\n\n§ 6\nTaxor\nBeslut\nTaxorna antas.\n"
    packet = parse_text(text)
    (meeting,) = packet["meetings"]
    assert meeting["body"] is None and meeting["date"] is None
    assert [p["number"] for p in meeting["paragraphs"]] == [5, 6]  # no § is dropped
    assert any("--body" in w for w in meeting["warnings"]) and any("--date" in w for w in meeting["warnings"])
    given = parse_text(text, hints=MeetingHints(organization="Ekby kommun", body="Kommunstyrelsen", date="2024-02-01"))
    (meeting,) = given["meetings"]
    assert (meeting["body"], meeting["date"], given["organization"]) == ("Kommunstyrelsen", "2024-02-01", "Ekby kommun")
    assert meeting["warnings"] == []


def test_a_hint_never_overrides_what_the_text_says():
    (meeting,) = parse_text(RUNNING, hints=MeetingHints(body="Socialnämnden", date="2024-05-14"))["meetings"]
    assert meeting["body"] == "Kommunstyrelsen"
    assert any("--body 'Socialnämnden' not used" in w for w in meeting["warnings"])


def test_a_hinted_date_must_be_a_date():
    with pytest.raises(InputError, match="--date"):
        MeetingHints(date="2024-13-01")


def test_the_cover_page_names_the_meeting_without_a_known_header():
    cover = "Kommunstyrelsen\nSammanträdesdatum 2024-05-14\n\nBeslutande\nAnna Berg (S)\n\n"
    (meeting,) = parse_text(cover + "§ 1\nVal av justerare\nBeslut\nAnna Berg (S) justerar.\n")["meetings"]
    assert (meeting["body"], meeting["date"]) == ("Kommunstyrelsen", "2024-05-14")


# ---------------------------------------------------------------- which § headings open a §

REPEATED = """\
§ 7 Ärendenummer ABC-2024-00031
Redovisning av uppdrag om
lokaler
Beslut
Redovisningen antecknas.
§ 7 Ärendenummer ABC-2024-00031
Redovisning av uppdrag om
lokaler
Protokollsutdrag skickas till
Lokalnämnden
§ 8 (forts.)
Beslut
Antecknas.
"""


def test_a_heading_repeated_after_a_page_break_goes_on_with_its_paragraph():
    text = REPEATED.replace("§ 8 (forts.)\nBeslut\nAntecknas.\n", "§ 8\nInformation om lokaler\nBeslut\nAntecknas.\n§ 8 (forts.)\n")
    meeting, _ = _first_two(text)
    seven = meeting["paragraphs"][0]
    assert seven["title"] == "Redovisning av uppdrag om lokaler"
    assert seven["decision"] == "Redovisningen antecknas."
    assert seven["recipients"] == ["Lokalnämnden"]
    assert [p["number"] for p in meeting["paragraphs"]] == [7, 8]


def _first_two(text: str):
    packet = parse_text(text, hints=MeetingHints(body="Kommunstyrelsen", date="2024-05-14"))
    (meeting,) = packet["meetings"]
    return meeting, packet


def test_contents_cited_decisions_and_the_rising_chain():
    text = """\
Innehåll
§ 1 Dnr KS-2025-00001
Val av justerare ........................ 3
§ 2 Dnr KS-2025-00002
Budget ........................ 4

KS § 1     Dnr KS-2025-00001
Val av justerare
Kommunstyrelsens beslut
Anna Berg (S) utses.

KS § 2     Dnr KS-2025-00002
Budget
Kommunstyrelsens förslag
KU § 317 06-12-05
Utskottet föreslår att budgeten antas.
Kommunstyrelsens beslut
Budgeten antas.
"""
    meeting, _ = _first_two(text)
    assert [(p["number"], p["title"], p["decision"]) for p in meeting["paragraphs"]] == [
        (1, "Val av justerare", "Anna Berg (S) utses."), (2, "Budget", "Budgeten antas.")]


def test_titles_printed_above_the_number():
    text = """\
Val av justerare
§ 45
Beslut
Nämnden utser Anna Berg (S) att justera protokollet.

Detaljplan för Norra hamnen
§ 46                          Dnr BMN 2024/12
Beslut
Nämnden godkänner planen för samråd.

Bygglov för Ekeby 1:2,
nybyggnad av garage
§ 47
Beslut
Bygglov beviljas.
"""
    meeting, _ = _first_two(text)
    assert [(p["number"], p["title"]) for p in meeting["paragraphs"]] == [
        (45, "Val av justerare"), (46, "Detaljplan för Norra hamnen"), (47, "Bygglov för Ekeby 1:2, nybyggnad av garage")]
    assert meeting["paragraphs"][0]["decision"] == "Nämnden utser Anna Berg (S) att justera protokollet."


def test_a_heading_the_table_lacks_is_learned_from_the_document_and_reported():
    paragraphs = "".join(f"§ {n}\nÄrende {n}\nBeslut\nFörslaget bifalls.\n\nÄrendets gång\nFörvaltningen har utrett ärende {n}.\n\n"
                         for n in range(1, 5))
    meeting, _ = _first_two(paragraphs)
    assert [p["decision"] for p in meeting["paragraphs"]] == ["Förslaget bifalls."] * 4
    assert any("'ärendets gång' is not in the section table" in w for w in meeting["warnings"])


def test_cleaned_text_shows_a_running_header():
    kept = [text for _, text in clean_lines(RUNNING.split("\n"))]
    assert "[sidhuvud: löpande protokoll · Kommunstyrelsen · 2024-05-14]" in kept
    assert "Protokoll (nr 4)" not in kept and "Kommunstyrelsen" not in kept


# ---------------------------------------------------------------- what must stay text, and other templates' shapes


def test_a_protocol_named_in_the_basis_of_several_paragraphs_is_no_page_header():
    text = "".join(f"§ {n}\nÄrende {n}\nBeslut\nFörslaget bifalls.\nBeslutsunderlag\nArbetsutskottets protokoll 2024-02-1{n}\n\n"
                   for n in range(1, 6))
    text = "PROTOKOLL\nRegionstyrelsen §§ 1-5\nTid: 2024-03-20 kl. 13.00\n\n" + text
    packet = parse_text(text)
    assert [(m["body"], m["date"]) for m in packet["meetings"]] == [("Regionstyrelsen", "2024-03-20")]
    assert [p["decision"] for p in packet["meetings"][0]["paragraphs"]] == ["Förslaget bifalls."] * 5
    same = text.replace("2024-02-1", "2024-02-0")  # the same basis line, word for word, in three § or more
    (meeting,) = parse_text(same.replace("protokoll 2024-02-0", "protokoll 2024-02-13 "))["meetings"]
    assert meeting["date"] == "2024-03-20" and len(meeting["paragraphs"]) == 5


def test_page_edges_keep_what_recurs_as_content():
    """One § a page, each ending with the same recipient; an annex table on the last pages."""
    pages = [f"§ {n}\nÄrende om {topic}\nBeslut\nNämnden beslutar om {topic}.\nBeslutet skickas till\nEkonomienheten"
             for n, topic in enumerate(["taxor", "lokaler", "skolskjuts", "parker", "bad"], 1)]
    text = "\n\f".join(pages)
    (meeting,) = parse_text(text, hints=MeetingHints(body="Socialnämnden", date="2024-01-10"))["meetings"]
    assert [p["recipients"] for p in meeting["paragraphs"]] == [["Ekonomienheten"]] * 5


def test_extracts_without_page_headers_stay_extracts():
    text = ("TJÄNSTESKRIVELSE 1(1)\n2024-02-01 KS 2024/12\n\nSkrivelse om taxor\n\nAnna Berg\nKommundirektör\n\n"
            "§ 30\nDnr KS 2024/12\nTaxor 2025\nBeslut\nTaxorna antas.\n\n"
            "§ 31\nDnr KS 2024/13\nAvgifter 2025\nBeslut\nAvgifterna antas.\n")
    kinds = [d["kind"] for d in parse_text(text, hints=MeetingHints(body="Kommunstyrelsen", date="2024-03-01"))["documents"]]
    assert kinds.count("protokollsutdrag") == 2 and "protokoll" not in kinds


def test_a_heading_the_table_lacks_is_learned_in_a_long_document_too():
    paragraphs = "".join(f"§ {n}\nÄrende {n}\nBeslut\nFörslaget bifalls.\n\n"
                         + ("Ärendets gång\nFörvaltningen har utrett ärendet.\n\n" if n % 6 == 0 else "")
                         for n in range(1, 31))
    meeting, _ = _first_two(paragraphs)
    assert {p["decision"] for p in meeting["paragraphs"]} == {"Förslaget bifalls."}


def test_contents_followed_by_titles_that_end_in_a_number():
    text = ("Innehåll\n§ 1 Val av justerare 2\n§ 2 Bygglov för Ekeby 3 3\n\n"
            "§ 1\nVal av justerare\nBeslut\nAnna Berg (S) utses.\n\n§ 2\nBygglov för Ekeby 3\nBeslut\nBygglov beviljas.\n")
    meeting, _ = _first_two(text)
    assert [(p["number"], p["title"]) for p in meeting["paragraphs"]] == [(1, "Val av justerare"), (2, "Bygglov för Ekeby 3")]


def test_documents_carry_the_meeting_the_hints_give():
    packet = parse_text("§ 5\nTaxor\nBeslut\nTaxorna antas.\n", hints=MeetingHints(body="Kommunstyrelsen", date="2024-02-01"))
    assert [(d["title"], d["date"]) for d in packet["documents"]] == [("Kommunstyrelsen", "2024-02-01")]


@pytest.mark.parametrize("text, decision", [
    # a decision without a heading of its own, over its `att`-clauses, even under the basis list
    ("§ 52\nMål och budget 2025\nBeslutsunderlag\nTjänsteskrivelse 2024-11-18\nKultur- och fritidsnämnden beslutar\n"
     "att fastställa mål och budget för 2025.\n", "Kultur- och fritidsnämnden beslutar att fastställa mål och budget för 2025."),
    # in a board's minutes its own proposal to another body is its decision, not the background above it
    ("§ 14\nTaxor 2025\nFörvaltningen har räknat om taxorna.\nArbetsutskottets förslag till kommunstyrelsen\n"
     "Kommunstyrelsen föreslår att taxorna antas.\nKommunstyrelsens förslag till kommunfullmäktige\n"
     "Kommunfullmäktige antar taxorna.\n", "Kommunfullmäktige antar taxorna."),
    # a margin column of labels (pdftotext -layout)
    ("§ 62\nDelårsrapport\n\nBeslut         Nämnden godkänner delårsrapporten och\n"
     "               överlämnar den till kommunstyrelsen.\n\nÄrende         Nämnden prognostiserar ett underskott.\n",
     "Nämnden godkänner delårsrapporten och överlämnar den till kommunstyrelsen."),
    # a separator under the decision, and a reservation entered in a sentence of its own
    ("§ 23\nÅrsredovisning\nBeslut\nKommunfullmäktige godkänner årsredovisningen.\n_____\nUtdrag\nKommunstyrelsen\n",
     "Kommunfullmäktige godkänner årsredovisningen."),
    ("§ 53\nFöreningsbidrag\nBeslut\nNämnden beviljar bidragen.\nReservation anmäls av Per Ek (SD).\n",
     "Nämnden beviljar bidragen."),
])
def test_where_the_decision_ends_in_other_templates(text, decision):
    _, p = _only_paragraph(text)
    assert p["decision"] == decision


def test_a_reservation_entered_in_a_sentence_is_a_reservation():
    _, p = _only_paragraph("§ 53\nFöreningsbidrag\nBeslut\nNämnden beviljar bidragen.\nReservation anmäls av Per Ek (SD).\n")
    assert p["reservations"] == ["Reservation anmäls av Per Ek (SD)."]


def test_case_number_printed_over_the_heading_and_an_annex_after_the_last_paragraph():
    text = ("Kommunfullmäktiges beslut\n\nDnr KS 2024/301\nKf § 87\nBudget 2025\nKommunfullmäktiges beslut\nBudgeten antas.\n"
            "Dnr KS 2024/310\nKf § 88\nMotion om parker\nKommunfullmäktiges beslut\nMotionen anses besvarad.\n\n"
            "Bilaga 1 till Kf § 88\nReservation\nVi reserverar oss mot beslutet.\n")
    meeting, _ = _first_two(text)
    assert [(p["number"], p["case_number"], p["decision"], p["reservations"]) for p in meeting["paragraphs"]] == [
        (87, "KS 2024/301", "Budgeten antas.", []), (88, "KS 2024/310", "Motionen anses besvarad.", [])]


def test_a_vote_table_inside_a_paragraph_is_its_vote():
    text = ("Ksau § 102\nInvesteringsbudget\nBeslut\nBudgeten antas.\nOmröstningsresultat\n"
            "Ledamot                          Ja      Nej     Avstår\n"
            "Ulrika Persson (S)               X\n"
            "Henrik Ståhl (C)                 X\n"
            "Lars Ek (M)                              X\n"
            "Mats Kron (SD)                                   X\n"
            "Summa                            2       1       1\n\n"
            "Ksau § 103\nÖvriga frågor\nBeslut\nInga frågor.\n")
    meeting, _ = _first_two(text)
    votes = meeting["paragraphs"][0]["votes"]
    assert [(v["yes"], v["no"], v["abstain"]) for v in votes] == [(2, 1, 1)]
    assert votes[0]["no_names"] == ["Lars Ek"]


def test_sign_off_after_the_last_paragraph_without_role_words():
    text = "§ 5\nDelegationsbeslut\nBeslut\nAnmälan godkänns.\n\nVid protokollet\nJohanna Wik\n\nJusteras\nAnn Ljungberg        Lars Olin\n"
    meeting, _ = _first_two(text)
    assert meeting["paragraphs"][0]["decision"] == "Anmälan godkänns."
    assert meeting["signatories"]["secretary"] == "Johanna Wik"


def test_the_body_from_a_cover_sentence():
    text = ("Protokoll nr 10/2024 fört vid sammanträde med Skärholmens stadsdelsnämnd\nSammanträdesdatum 2024-12-12\n\n"
            "Beslutande\nAnna Berg (S)\n\n§ 1\nVal av justerare\nBeslut\nAnna Berg (S) utses.\n")
    (meeting,) = parse_text(text)["meetings"]
    assert (meeting["body"], meeting["date"]) == ("Skärholmens stadsdelsnämnd", "2024-12-12")


def test_a_city_is_an_organisation():
    from paragraf.ingest.organization import find_organization

    assert find_organization(["EKBY STAD  SAMMANTRÄDESPROTOKOLL", "Ekby Stad Kommunfullmäktige, protokoll",
                              "Ekby Stads riktlinjer antas."]) == "Ekby stad"


def test_minutes_without_a_letterhead_are_named_by_their_running_text():
    """A § body without page furniture mentions its municipality in running text; a hint still comes first."""
    from paragraf.ingest.organization import find_mentioned_organization, find_organization

    lines = ["§ 42", "Detaljplan för Kvarnbyn", "Kommunfullmäktige beslutar att anta planen.", "",
             "Ärendet har remitterats till Norrviks stad och Ekby kommun.", "Planen gäller inom Norrviks stad,",
             "och berör hela Norrviks stad samt en kommun till."]
    assert find_organization(lines) is None
    assert find_mentioned_organization(lines) == "Norrviks stad"
    text = "\n".join(["Kommunfullmäktige", "Sammanträdesdatum 2024-03-20", *lines])
    assert parse_text(text)["organization"] == "Norrviks stad"
    assert parse_text(text, hints=MeetingHints(organization="Ekby kommun"))["organization"] == "Ekby kommun"


def test_organisation_names_of_two_words_and_in_capitals():
    from paragraf.ingest.organization import find_organization

    assert find_organization(["UPPLANDS-BRO KOMMUN   PROTOKOLL"] * 2 + ["Bro kommun"]) == "Upplands-Bro kommun"
    assert find_organization(["Östra Ekby kommun", "Östra Ekby kommun", "Ekby kommun"]) == "Östra Ekby kommun"
    assert find_organization(["Region Jämtland Härjedalen har yttrat sig.", "Region Jämtland Härjedalen"]) == \
        "Region Jämtland Härjedalen"
    assert find_organization(["Region Gotland Protokoll", "Region Gotland Regionstyrelsen", "Region Gotland"]) == \
        "Region Gotland"
    assert find_organization(["Protokoll Ekby kommun", "Alla Ekby kommun", "Hela Sveriges kommun"]) is None

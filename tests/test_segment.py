"""Document segmentation: documents that start without a page header of their own
(attachments after a letter's signature, extracts whose header was lost, reports
joined in one packet) and the kinds of documents without a kind label."""
from paragraf.ingest import parse_text

EXTRACT = """ PROTOKOLL
Kulturnämndens arbetsutskott §§ 10-30

Tid: 2024-03-05 kl. 09:00

Plats: Sal B, Kommunhuset

§ 12

Biblioteksplan 2024-2027
Diarienummer: KN 2024/12

Beslut
Arbetsutskottet föreslår kulturnämnden att anta biblioteksplanen.

Beslutsunderlag
• Missiv daterat 2024-02-20

Beslutet skickas till
Kulturnämnden

Beslutets antal sidor
1
"""

COVER_LETTER = """ MISSIV 1(1)

 2024-02-20 KN 2024/12

Kulturnämnden

Längre öppettider på biblioteken
Presidiet lämnar här sitt förslag om längre öppettider, enligt skrivelse daterad
2024-02-19.

Förslag till beslut
Kulturnämnden antar förslaget.

Anna Lindqvist
Ordförande i kulturnämnden,
för presidiet
Längre öppettider på biblioteken

Sammanfattning
Biblioteken ska hålla öppet på kvällar och helger.

Information i ärendet
Biblioteken ska nå fler invånare.
"""


def kinds(doc: dict) -> list:
    return [d["kind"] for d in doc["documents"]]


def document(doc: dict, kind: str) -> dict:
    return next(d for d in doc["documents"] if d["kind"] == kind)


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.strip().startswith(start))


def test_attachment_after_a_signature_is_its_own_document_named_by_the_cover_letter():
    doc = parse_text(COVER_LETTER)
    assert kinds(doc) == ["missiv", "skrivelse"]
    attachment = document(doc, "skrivelse")
    assert attachment["first_line"] == [i for i, line in enumerate(COVER_LETTER.split("\n"), 1)
                                       if line == "Längre öppettider på biblioteken"][-1]
    assert attachment["title"] == "Längre öppettider på biblioteken"
    assert document(doc, "missiv")["title"] == "Längre öppettider på biblioteken"


REGULATION = """ TJÄNSTESKRIVELSE 1(1)

 2024-01-10 KS 2024/3

Kommunfullmäktige

Reglemente för valnämnden
Förslag till beslut
Kommunstyrelsen föreslår kommunfullmäktige att anta reglementet.

Beslutsunderlag
• Reglemente för valnämnden

Beslut skickas till
Kommunledningskontoret

Per Holm
Kommundirektör

Lisa Berg
Kanslichef
Reglemente för valnämnden
Uppgifter
1 §
Valnämnden ansvarar för val och folkomröstningar.
"""


def test_regulation_after_the_signatures_takes_its_kind_from_its_title():
    doc = parse_text(REGULATION)
    assert kinds(doc) == ["tjansteskrivelse", "reglemente"]
    regulation = document(doc, "reglemente")
    assert regulation["title"] == "Reglemente för valnämnden"
    assert regulation["first_line"] == line_of(REGULATION, "Lisa Berg") + 2


def test_text_after_a_signature_that_is_a_section_or_the_next_signer_opens_nothing():
    letter = """ TJÄNSTESKRIVELSE 1(1)

 2024-01-10 KS 2024/3

Kommunstyrelsen

Ny taxa för kopior
Förslag till beslut
Kommunstyrelsen antar taxan.

Per Holm
Kommundirektör
Lisa Berg
Kanslichef

Beslutet ska skickas till
Kommunledningskontoret
"""
    assert kinds(parse_text(letter)) == ["tjansteskrivelse"]


def test_extract_whose_page_header_was_lost_joins_the_meeting_of_the_earlier_extract():
    lost = """Planen gäller till och med 2027.

§ 13

Taxa för lokaluthyrning
Diarienummer: KN 2024/15

Beslut
Arbetsutskottet föreslår kulturnämnden att anta taxan.

Beslutets antal sidor
1
"""
    doc = parse_text(EXTRACT + COVER_LETTER + lost)
    assert kinds(doc)[-1] == "protokollsutdrag"
    meeting = doc["meetings"][0]
    assert (meeting["body"], meeting["date"]) == ("Kulturnämndens arbetsutskott", "2024-03-05")
    assert [p["number"] for p in meeting["paragraphs"]] == [12, 13]
    assert meeting["paragraphs"][1]["case_number"] == "KN 2024/15"


def test_minutes_header_without_its_kind_label():
    text = EXTRACT.replace(" PROTOKOLL\n", "Tabellen slutar här.\n")
    doc = parse_text(text)
    assert kinds(doc) == ["annat", "protokollsutdrag"]
    assert doc["meetings"][0]["paragraphs"][0]["number"] == 12


def test_second_page_under_another_kind_label_continues_the_document():
    text = """ TJÄNSTESKRIVELSE 1(2)

 2024-01-10 KS 2024/3

Kommunstyrelsen

Ny taxa för kopior
Förslag till beslut
Kommunstyrelsen antar taxan.

 MISSIV 2(2)

KS 2024/3

Information i ärendet
Taxan har inte ändrats sedan 2015.
"""
    doc = parse_text(text)
    assert kinds(doc) == ["tjansteskrivelse"]
    assert doc["documents"][0]["last_line"] >= line_of(text, "Taxan har inte")


def test_unlabelled_letter_takes_its_kind_from_the_basis_list_of_the_extract():
    letter = """2024-02-20 KN 2024/12

Kulturnämnden

Biblioteksplan 2024-2027
Förslag till beslut
Kulturnämnden antar biblioteksplanen.

Information i ärendet
Biblioteken ska nå fler invånare.
"""
    doc = parse_text(EXTRACT + letter)
    assert kinds(doc) == ["protokollsutdrag", "missiv"]


ANNUAL_REPORTS = """ MISSIV 1(1)

 2024-02-01 KS 2024/8

Kommunstyrelsen

Verksamhetsberättelser 2023
Förslag till beslut
Kommunstyrelsen godkänner verksamhetsberättelserna.

Per Holm
Kommundirektör
Verksamhetsberättelse
2023
Kultur och fritid
Innehållsförteckning
Inledning ............................................ 3
Ekonomi ............................................... 9
Hållbarhet ........................................... 12
Inledning
Förvaltningen driver bibliotek och fritidsgårdar.
Ekonomi
Inledning
Avsnittet om ekonomi inleds här.
Hållbarhet
Förvaltningen har minskat sina resor.
Inledning
Räddningstjänsten ansvarar för skydd mot olyckor.
"""


def test_reports_joined_in_one_packet_split_at_the_next_introduction():
    doc = parse_text(ANNUAL_REPORTS)
    assert kinds(doc) == ["missiv", "verksamhetsberattelse", "verksamhetsberattelse"]
    first, second = doc["documents"][1:]
    assert first["title"] == "Verksamhetsberättelse 2023 Kultur och fritid"
    lines = ANNUAL_REPORTS.split("\n")
    assert second["first_line"] == max(i for i, line in enumerate(lines, 1) if line == "Inledning")


def test_plan_after_the_recipients_of_an_extract_is_its_own_document():
    text = """ SAMMANTRÄDESPROTOKOLL

Datum
2024-01-15

Styrgrupp för samverkan

§ 4  Ärendenummer SG 2023/40

Verksamhetsplan 2024 för samverkan

Beslut
Styrgruppen föreslår att huvudmännen godkänner verksamhetsplanen.

Protokollsutdrag till:
Norrviks kommun
Vikåsa kommun
Verksamhetsplan 2024
Samverkan för regional utveckling
Inledning
Samverkan omfattar två kommuner.
"""
    doc = parse_text(text)
    assert kinds(doc) == ["protokollsutdrag", "plan"]
    paragraph = doc["meetings"][0]["paragraphs"][0]
    assert paragraph["recipients"] == ["Norrviks kommun", "Vikåsa kommun"]
    assert paragraph["case_number"] == "SG 2023/40"
    assert paragraph["title"] == "Verksamhetsplan 2024 för samverkan"


def test_labelled_document_takes_its_case_number_from_the_line_under_the_label():
    text = """ ARBETSORDNING 1(2)
 KS 2024/41

Godkänt av Gäller från
Innehållsansvarig Eva Ström Version 1.0

Arbetsordning för pensionärsrådet
Ändamål
Rådet är ett organ för samråd.
"""
    document = parse_text(text)["documents"][0]
    assert (document["kind"], document["case_number"], document["title"]) == (
        "arbetsordning", "KS 2024/41", "Arbetsordning för pensionärsrådet")


def test_text_before_any_document_start_is_not_cut_at_names_or_agenda_items():
    text = """Välkommen till sammanträde med kommunstyrelsen

Per Holm
Ordförande
Ärenden
§ 1 Budget 2025
Dnr KS 2024/12
§ 2 Taxa för kopior
Dnr KS 2024/3
"""
    assert len(parse_text(text)["documents"]) == 1


def test_date_and_case_line_wrapped_before_the_case_number():
    text = """Inledande text.

2024-01-12 KS
2023/2942

Kommunledningskontoret

Uppföljning av intern kontroll 2023
Förslag till beslut
Kommunstyrelsen lägger uppföljningen till handlingarna.
"""
    document = parse_text(text)["documents"][-1]
    assert (document["date"], document["case_number"]) == ("2024-01-12", "KS 2023/2942")
    assert document["first_line"] == 3

"""Indicator rows of `Mätetal Målvärde Resultat Analys` tables whose values do not fit one line."""
from paragraf.ingest import parse_text
from paragraf.ingest.cleanup import clean
from paragraf.ingest.indicators import read_indicators
from paragraf.ingest.model import Document
from paragraf.ingest.reports import name_reports, name_untitled_reports

TABLE = """Hållbarhet
Mätetal Målvärde Resultat Analys

Utsläpp från
tjänsteresor per
årsarbetare

0,150ton
CO2/årsar

betare

0,040ton
CO2/årsar

betare

Målet har nåtts eftersom resandet har minskat kraftigt under året.

Ekonomi i
balans

0 tkr -12
345 tkr

Underskottet beror på ökade kostnader för bemanning och läkemedel.

VO Antal
publikationer

30 st. 28 st.

Produktionen har legat på samma nivå som året innan och förväntas öka.

Antal mätetal som
inte är uppfyllda

6 35 % 10 53 %

Sammanställningen visar hur många mätetal som inte har nåtts under året.
""".split("\n")


def rows() -> dict:
    return {row.label: row for row in read_indicators(clean(TABLE).lines)}


def test_values_wrapped_over_lines_and_blocks():
    row = rows()["Utsläpp från tjänsteresor per årsarbetare"]
    assert (row.target, row.result, row.unit) == ("0,150ton CO2/årsarbetare", "0,040ton CO2/årsarbetare", "ton CO2/årsarbetare")
    assert row.perspective == "Hållbarhet"


def test_a_unit_at_the_end_of_a_value_line_is_no_broken_word():
    table = ["Hållbarhet", "Mätetal Målvärde Resultat Analys", "", "Klimatpåverkan", "per kilo", "",
             "2kg", "CO2-ekv/kg", "", "livsmedel", "", "Analysen av året följer här i en lång mening om livsmedlen."]
    [row] = read_indicators(clean(table).lines)
    assert (row.target, row.result) == (None, "2kg CO2-ekv/kg livsmedel")


def test_a_summary_table_with_dated_columns_ends_the_indicator_table():
    table = ["Ekonomi", "Mätetal Målvärde Resultat Analys", "", "Ekonomi i", "balans", "", "0 tkr 44 tkr", "",
             "Resultatet är i balans och följer den plan som nämnden har beslutat för året.", "",
             "  2021-12-31 Andel 2020-12-31 Andel", "", "Antal mätetal som", "mäts", "", "9 100 % 12 100 %"]
    assert [(row.label, row.target, row.result) for row in read_indicators(clean(table).lines)] == [
        ("Ekonomi i balans", "0 tkr", "44 tkr")]


def test_a_word_in_parentheses_broken_at_a_page_break_is_whole():
    table = ["Medborgare och kund", "Mätetal Målvärde Resultat Analys", "", "Uppföljning av att",
             "riktlinjer tillämpas", "", "90 % 83 %", "", "Kallelseintervallet ändrades och följs nu upp av klinikerna.",
             "Mätetal Målvärde Resultat Analys", "", "(vuxentandvårdspro", "gram)", "", "förändrade kallelseintervallet."]
    [row] = read_indicators(clean(table).lines)
    assert row.label == "Uppföljning av att riktlinjer tillämpas (vuxentandvårdsprogram)"


def test_thousands_of_a_value_on_the_next_line():
    row = rows()["Ekonomi i balans"]
    assert (row.target, row.result) == ("0 tkr", "-12 345 tkr")


def test_values_with_abbreviated_units_on_one_line():
    row = rows()["Antal publikationer"]
    assert (row.level, row.target, row.result) == ("VO", "30 st.", "28 st.")


def test_a_row_with_its_level_and_no_figures_before_its_analysis_is_an_indicator():
    table = """Medarbetare
Mätetal Målvärde Resultat Analys

VO Genomförda
skydds- och
arbetsmiljöronder

Varje verksamhet genomför årligen arbetsmiljörond och upprättar en handlingsplan utifrån risker.

VO Semester

Under året har de flesta medarbetarna tagit ut minst tjugo semesterdagar i en följd.

Ett stycke
utan nivå

Ett stycke prosa utan nivå före är ingen rad i tabellen och ger inget mätetal alls.
""".split("\n")
    assert [(row.level, row.label, row.target, row.result) for row in read_indicators(clean(table).lines)] == [
        ("VO", "Genomförda skydds- och arbetsmiljöronder", None, None), ("VO", "Semester", None, None)]


def test_a_summary_row_with_more_than_two_values_is_no_indicator():
    assert "Antal mätetal som inte är uppfyllda" not in rows()


LABELS = """Medarbetare
Mätetal Målvärde Resultat Analys

 Andel

heltidsanställda.

87 % 95 %

Heltid är norm och andelen har ökat under året jämfört med året innan.

 Täckningsgrad

för den uppsökande
verksamheten
(munhälsobedömnin
gar)

90 % 85 %

Bedömningarna ska ske fortlöpande under året så att delmålen uppnås varje tertial.

Uppföljning
bemanningskostnad
er - andel konsulter

 23,6 %

Den höga digitaliseringstakten driver en fortsatt hög efterfrågan på konsulter.
""".split("\n")


def test_a_label_broken_by_blank_lines_and_words_broken_by_the_cell_are_whole():
    labels = [(row.label, row.target, row.result, row.unit) for row in read_indicators(clean(LABELS).lines)]
    assert labels == [
        ("Andel heltidsanställda.", "87 %", "95 %", "%"),
        ("Täckningsgrad för den uppsökande verksamheten (munhälsobedömningar)", "90 %", "85 %", "%"),
        ("Uppföljning bemanningskostnader - andel konsulter", None, "23,6 %", "%"),
    ]


def test_a_short_word_after_a_long_one_is_a_word_of_its_own():
    rows_ = read_indicators(clean("""Ekonomi
Mätetal Målvärde Resultat Analys

Kostnader för verksamheten
i länet

0 tkr 5 tkr

Kostnaderna ligger i nivå med budgeten för verksamheten under året.
""".split("\n")).lines)
    assert [row.label for row in rows_] == ["Kostnader för verksamheten i länet"]


REPORTS = """Verksamhetsberättelse 2021 för nämndens verksamheter
Beslutsunderlag
• Verksamhetsberättelse 2021 Kirurgisk vård
• Verksamhetsberättelse 2021 Psykiatri, rehabilitering, diagnostik
Inledning
Kirurgisk vård har 17 kliniker inom 9 specialiteter och verksamheten bedrivs på tre sjukhus.
Hållbarhet
Mätetal Målvärde Resultat Analys

Matsvinn per
patientportion

-10 % -19 %

Positivt resultat i förhållande till målet men mätetalet har hittills bara kommit igång.
""".split("\n")


def test_a_report_without_a_title_is_named_by_the_basis_item_naming_it_and_its_rows_by_it():
    lines = clean(REPORTS).lines
    letter = Document("missiv", "Verksamhetsberättelse 2021 för nämndens verksamheter", None, None, 1, 4)
    report = Document("verksamhetsberattelse", None, None, None, 5, len(REPORTS))
    name_untitled_reports([letter, report], lines)
    assert report.title == "Verksamhetsberättelse 2021 Kirurgisk vård"
    rows_ = read_indicators(lines)
    name_reports(rows_, [letter, report])
    assert [(r.report, r.year, r.label, r.unit) for r in rows_] == [
        ("Verksamhetsberättelse 2021 Kirurgisk vård", 2021, "Matsvinn per patientportion", "%")]


def test_the_basis_item_with_most_words_in_the_opening_names_the_report():
    lines = clean([line.replace("Kirurgisk vård har", "Kirurgisk vård och psykiatri, rehabilitering och diagnostik har")
                   for line in REPORTS]).lines
    report = Document("verksamhetsberattelse", None, None, None, 5, len(REPORTS))
    name_untitled_reports([report], lines)
    assert report.title == "Verksamhetsberättelse 2021 Psykiatri, rehabilitering, diagnostik"  # three words fit, not one


def test_a_report_no_basis_item_fits_stays_untitled():
    lines = clean([line.replace("Kirurgisk vård har", "Området har") for line in REPORTS]).lines
    report = Document("verksamhetsberattelse", None, None, None, 5, len(REPORTS))
    name_untitled_reports([report], lines)
    assert report.title is None


def test_the_corpus_reports_are_named_with_their_year():
    from tests.conftest import CORPUS

    packet = parse_text((CORPUS / "003_09654b114c25dc54.txt").read_text(encoding="utf-8"))
    reports = {(row["report"], row["year"]) for row in packet["indicators"]}
    assert ("Verksamhetsberättelse 2021 Kirurgisk vård", 2021) in reports
    assert ("Folktandvården, Verksamhetsberättelse", 2021) in reports
    assert not {name for name, _ in reports} & {"Nämnden", "Regionstyrelsens", None}


def test_a_target_in_words_over_short_lines_and_the_result_alone_after_it():
    rows_ = read_indicators(clean("""Process och produktion
Mätetal Målvärde Resultat Analys

VO Avslutade
ärenden i
e-tjänsterna

Öka jfm
fg år  5 %

27 %

Ökningen under året är stor jämfört med det tidigare rekordåret.
""".split("\n")).lines)
    assert [(r.level, r.label, r.target, r.result) for r in rows_] == [("VO", "Avslutade ärenden i e-tjänsterna", "Öka jfm fg år 5 %", "27 %")]

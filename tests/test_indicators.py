"""Indicator rows of `Mätetal Målvärde Resultat Analys` tables whose values do not fit one line."""
from paragraf.ingest.cleanup import clean
from paragraf.ingest.indicators import read_indicators

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
    assert (row.target.replace(" ", ""), row.result.replace(" ", "")) == ("0,150tonCO2/årsarbetare", "0,040tonCO2/årsarbetare")
    assert row.perspective == "Hållbarhet"


def test_thousands_of_a_value_on_the_next_line():
    row = rows()["Ekonomi i balans"]
    assert (row.target, row.result) == ("0 tkr", "-12 345 tkr")


def test_values_with_abbreviated_units_on_one_line():
    row = rows()["Antal publikationer"]
    assert (row.level, row.target, row.result) == ("VO", "30 st.", "28 st.")


def test_a_summary_row_with_more_than_two_values_is_no_indicator():
    assert "Antal mätetal som inte är uppfyllda" not in rows()

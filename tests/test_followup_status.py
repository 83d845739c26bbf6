"""Goals and indicators as the reports state them and as their figures say (issue 20): the tree above each
indicator table, the report's own statement of its fulfilment, and where the two disagree."""
from __future__ import annotations

import pytest

from paragraf.followup.status import MET, NOT_MET, PARTLY, Figure, Statement, computed_status, contradictions
from paragraf.ingest.polarity import HIGHER, LOWER, polarity
from paragraf.ingest import parse_path
from tests.conftest import CORPUS

MEDICINSK = "Verksamhetsberättelse 2021 Medicinsk vård"


@pytest.fixture(scope="module")
def packet() -> dict:
    return parse_path(CORPUS / "003_09654b114c25dc54.txt")


def figures(packet) -> list[Figure]:
    return [Figure(i["report"], i["label"], i["target"], i["result"], i["line"], i["polarity"]) for i in packet["indicators"]]


def statements(packet) -> list[Statement]:
    return [Statement(f["report"], f["line"], f["met"], f["partly"], f["not_met"], f["measured"],
                      {MET: tuple(f["met_labels"]), PARTLY: tuple(f["partly_labels"]), NOT_MET: tuple(f["not_met_labels"])})
            for f in packet["fulfilment"]]


def test_every_indicator_of_003_stands_in_its_tree(packet):
    first = packet["indicators"][0]
    assert (first["perspective"], first["goal"], first["success_factor"], first["assignment"]) == (
        "Medborgare och kund", "Jämlik hälsa och nöjda patienter/kunder", "Personcentrerad vård", "Utveckla den personcentrerade vården")
    assert all(i["goal"] for i in packet["indicators"])
    goals = {i["goal"] for i in packet["indicators"]}
    assert "God hushållning av resurser på såväl kort som lång sikt" in goals  # a goal wrapped over two lines


def test_the_reports_statement_of_its_fulfilment_is_read(packet):
    stated = next(f for f in packet["fulfilment"] if f["report"] == MEDICINSK)
    assert (stated["year"], stated["met"], stated["partly"], stated["not_met"], stated["measured"]) == (2021, 4, 5, 10, 19)
    assert stated["met_labels"] == ["Kundtillfredsställelse - nationell patientenkät", "Kostnad för bemanningsföretag",
                                    "Personalhälsa - sjukfrånvaro", "Kostnad per DRG öppenvård"]
    assert len(stated["not_met_labels"]) == 10 and stated["not_met_labels"][-1] == "Kostnad per DRG slutenvård"


def test_the_corpus_figures_agree_with_what_the_reports_state(packet):
    assert contradictions(figures(packet), statements(packet)) == []


@pytest.mark.parametrize(("label", "target", "expected"), [
    ("Personalhälsa - sjukfrånvaro", "6,7 %", LOWER),
    ("Tid till ambulans - andel prio 1 larm inom 20 minuter", "80 %", HIGHER),
    ("Faktisk väntetid till operation/åtgärd inom 60 dagar", "80 %", HIGHER),
    ("Antal vårdskador", "max 12", LOWER),
    ("Antal deltagare", "minst 40", HIGHER),
    ("Antal deltagare", "40", HIGHER),  # a count of what was done
    ("Återinläggningar inom 30 dagar vårddygn", "15 %", LOWER),  # what should not happen, even within a time
    ("Kostnad för bemanningsföretag (hyrkostnad som andel av egna personalkostnader)", "2 %", LOWER),
    ("Ny- och ombokningar i webbtidboken", "Öka jfm fg år 5 %", HIGHER),
    ("Timanställda (ska ej öka jämfört med föregående år)", "57,9", LOWER),
    ("Vårdhygien - basala hygienregler", "100 %", HIGHER),  # most cases done right
    ("Beläggning", "85 %", LOWER),
    ("Disponibla vårdplatser", "299", None),
    ("Andel övertidstimmar i förhållande till utförd arbetstid", "1,7 %", LOWER),  # a share of what costs
    ("Andel förnybar energi i bilparken", "40 %", HIGHER),  # a share of what is wanted
    ("Brott mot avtalad tillgänglighet", "0", LOWER),
    ("Kvalitet i förvaltningen (skala 1-5)", "4", HIGHER),
    ("Förslag på processer som kan digitaliseras", "2 st", HIGHER),  # a target in pieces: a count of what was done
    ("Genomförda digitala vårdmöten", "5 %", None),
])
def test_polarity(label, target, expected):
    assert polarity(label, target) == expected


INVENTED = "Verksamhetsberättelse 2024 Socialnämnden"


def invented(stated_met: tuple[str, ...], met: int, measured: int) -> tuple[list[Figure], list[Statement]]:
    shown = [Figure(INVENTED, "Andel brukare nöjda med hemtjänsten", "90 %", "84 %", 100, HIGHER),
             Figure(INVENTED, "Kostnad per hemtjänsttimme", "max 520 kr", "498 kr", 110, LOWER),
             Figure(INVENTED, "Disponibla platser", "12", "15", 120, polarity("Disponibla platser", "12"))]
    return shown, [Statement(INVENTED, 90, met, 0, measured - met, measured, {MET: stated_met, NOT_MET: ()})]


def test_an_indicator_stated_met_whose_result_misses_its_target_is_listed():
    shown, stated = invented(("Andel brukare nöjda med hemtjänsten", "Kostnad per hemtjänsttimme"), met=2, measured=3)
    [contradiction] = contradictions(shown, stated)
    assert contradiction.line == 100
    assert contradiction.text == "”Andel brukare nöjda med hemtjänsten” anges uppfyllt, men resultatet 84 % mot målvärdet 90 % är inte uppfyllt."
    assert computed_status("12", "15", polarity("Disponibla platser", "12")) is None  # polarity unknown: not judged


def test_a_count_of_met_indicators_below_what_the_figures_meet_is_listed():
    shown, stated = invented((), met=0, measured=3)
    [contradiction] = contradictions(shown, stated)
    assert contradiction.text == "Rapporten anger 0 uppfyllda mätetal, men 1 av dess mätetal når målvärdet."
    assert contradictions(shown, invented((), met=0, measured=4)[1]) == []  # counts of other indicators: not compared

"""Internal control plans (issue 20), as the importer reads them (`ingest/control_plan.py`): 000's plan scored
against the gold written by hand (samples/eval/control-plan-gold-000.json), an invented plan of two rows (one
broken by a page break, one header cell heading two columns), and text without a plan."""
from __future__ import annotations

import copy
import json

import pytest

from paragraf.ingest import parse_path, parse_text
from tests.conftest import CORPUS, SAMPLES, load_scorer

MINUTES = "PROTOKOLL\nKommunstyrelsen\nSammanträdesdatum 2024-02-01\n\n§ 5 Intern kontrollplan 2024\nBeslut\nPlanen fastställs.\n\n"

# Cells end at a truly empty line; a line of one space is a blank line within a cell. The second row breaks
# after its first lines: it goes on in its risk cell (` jäv?`) and the cells after it.
PLAN = "\n".join([
    "Intern kontrollplan för 2024", "",
    "Kontroll-", "moment", "",
    "Syfte", " ", "Metod", "",
    "Ansvar och", "rapportering", "",
    "Berörda", "områden", "",
    "Risk", "",
    "Attest av", "fakturor", "",
    "Syftet är att", "kontrollera attest.", "",
    "Stickprov av", "fakturor.", "",
    "Utförs av", "ekonomi-", "avdelningen.", " ", "Avrapportering i", "maj 2024.", "",
    "Kommun-", "ledningskontoret", "",
    "Lindrig/ sannolik", "",
    "Hantering av", "mutor och", "jäv", "",
    "Finns rutiner för", "anmälan av", "",
    "Intervjuer med", "chefer inom", "",
    "Utförs av", "",
    "Alla", "",
    "Allvarlig/", "möjlig", " jäv?", " ", "Följs de?", "",
    "ekonomi och", "HR.", "",
    "kanslienheten.", " ", "Rapport lämnas senast i", "oktober 2024.", "",
    "förvaltningar", "",
    "Kontrollplanen följs upp i februari.", "",
])


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads((SAMPLES / "eval" / "control-plan-gold-000.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def packet_000() -> dict:
    return parse_path(CORPUS / "000_9183b8d70dd3de41.txt")


def test_000s_plan_scores_at_least_097_on_the_gold(gold, packet_000):
    result = load_scorer().combined(gold, packet_000)
    assert result["planned_controls"]["f1"] == 1.0
    assert result["score"] >= 0.97, result


def test_the_scorer_counts_a_missing_control_and_a_wrong_risk(gold, packet_000):
    broken = copy.deepcopy(packet_000)
    controls = broken["internal_control_plans"][0]["controls"]
    controls.pop()
    controls[0]["probability"] = 2
    result = load_scorer().combined(gold, broken)
    assert result["planned_controls"]["recall"] < 1.0
    assert result["fields"]["controls.probability"] < 1.0


def test_000s_rows_broken_by_a_page_break_are_put_together(packet_000):
    [plan] = packet_000["internal_control_plans"]
    controls = {c["title"]: c for c in plan["controls"]}
    camera = controls["Kamerabevakning"]
    assert camera["purpose"].split("\n")[1] == "Sker följsamhet till lagstiftning, IMY:s vägledning samt RJL:s vägledning?"
    assert camera["timing"] == "Avrapportering i maj 2023"
    assert camera["areas"].split("\n")[2] == "Berörda verksamheter som använder kamerabevakning."
    hours = controls["Följsamhet till arbetstidsmodeller/lokala och centrala avtal"]
    assert hours["areas"] == "Regionledningskontoret, HR-avdelningen\nVerksamhetsområden som bedriver sjukvård"
    assert hours["method"].startswith("Intervjuer sker med HR-avdelningen vid regionledningskontoret samt")
    assert (hours["responsible"], hours["timing"]) == ("Regionledningskontoret", "Rapport lämnas senast i november 2023")
    assert controls["Hantering av pool- och verksamhetsbilar"]["risk"] == "Kännbar/möjlig"


def test_the_risk_as_consequence_and_probability(packet_000):
    [plan] = packet_000["internal_control_plans"]
    risks = {(c["risk"], c["consequence"], c["probability"]) for c in plan["controls"]}
    # `Kännbar/allvarlig`: two words of consequence; no word says the probability.
    assert risks == {("Kännbar/allvarlig", 3, None), ("Kännbar/möjlig", 3, 3)}


def test_an_invented_plan_of_two_rows_one_broken_by_a_page_break():
    [plan] = parse_text(MINUTES + PLAN, "ks.txt")["internal_control_plans"]
    assert (plan["title"], plan["year"]) == ("Intern kontrollplan för 2024", 2024)
    first, second = plan["controls"]
    assert first == {
        "title": "Attest av fakturor", "line": 26, "purpose": "Syftet är att kontrollera attest.", "method": "Stickprov av fakturor.",
        "responsible": "ekonomiavdelningen", "timing": "Avrapportering i maj 2024", "areas": "Kommunledningskontoret",
        "risk": "Lindrig/sannolik", "consequence": 2, "probability": 4}
    assert (second["title"], second["purpose"], second["method"]) == (
        "Hantering av mutor och jäv", "Finns rutiner för anmälan av jäv?\nFöljs de?", "Intervjuer med chefer inom ekonomi och HR.")
    assert (second["responsible"], second["timing"], second["areas"]) == (
        "kanslienheten", "Rapport lämnas senast i oktober 2024", "Alla förvaltningar")
    assert (second["risk"], second["consequence"], second["probability"]) == ("Allvarlig/möjlig", 4, 3)
    assert plan["last_line"] == MINUTES.count("\n") + PLAN.split("\n").index("förvaltningar") + 1


def test_text_without_a_plan_gives_none():
    assert parse_path(CORPUS / "003_09654b114c25dc54.txt")["internal_control_plans"] == []
    # A report's control points and a header without rows are no plan.
    report = MINUTES + "Kontrollmoment 1 – Attest\nFöljande iakttagelser har noterats:\n• Ingen attest.\n\nKontroll-\nmoment\n\nRisk\n\nSlut.\n"
    assert parse_text(report, "ks.txt")["internal_control_plans"] == []


def test_000_holds_one_plan_only(packet_000):
    assert [(p["title"], p["first_line"], len(p["controls"])) for p in packet_000["internal_control_plans"]] == [
        ("Regionstyrelsens internkontrollplan för 2023", 14233, 7)]

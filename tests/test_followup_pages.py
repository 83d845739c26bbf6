"""A report's follow-up page (issue 20) with an invented report whose statement contradicts its figures,
and the CSV download of a corpus report."""
from __future__ import annotations

import csv
import io
import re

import pytest

from paragraf.records.models import Indicator, Organization, StatedFulfilment

pytestmark = pytest.mark.django_db

REPORT = "Verksamhetsberättelse 2024 Socialnämnden"
PAGE = "/organisationer/norrviks-kommun-uppfoljning/matetal/verksamhetsberattelse-2024-socialnamnden/"


@pytest.fixture
def invented():
    organization = Organization.objects.create(name="Norrviks kommun", slug="norrviks-kommun-uppfoljning")
    rows = [("Medarbetare", "Sveriges bästa arbetsgivare", "Sjukfrånvaro", "6 %", "7,5 %", "lower", 10),
            ("Medborgare", "Nöjda brukare", "Andel brukare nöjda med hemtjänsten", "90 %", "93 %", "higher", 20)]
    for n, (perspective, goal, label, target, result, polarity, line) in enumerate(rows):
        Indicator.objects.create(organization=organization, position=n, report=REPORT, perspective=perspective, goal=goal,
                                 label=label, target=target, result=result, polarity=polarity, year=2024, first_line=line,
                                 last_line=line)
    StatedFulfilment.objects.create(organization=organization, position=0, report=REPORT, year=2024, first_line=5, met=2, partly=0,
                                    not_met=0, measured=2, met_labels=["Sjukfrånvaro", "Andel brukare nöjda med hemtjänsten"])
    return organization


def test_the_page_says_where_the_report_contradicts_its_figures(client, invented):
    page = client.get(PAGE).content.decode()
    assert "Rapporten säger emot sina siffror" in page
    assert "”Sjukfrånvaro” anges uppfyllt, men resultatet 7,5 % mot målvärdet 6 % är inte uppfyllt." in page
    assert "<h3>Sveriges bästa arbetsgivare</h3>" in page and "<h3>Nöjda brukare</h3>" in page


def test_a_report_without_contradictions_shows_none(client, invented):
    StatedFulfilment.objects.filter(organization=invented).update(met_labels=["Andel brukare nöjda med hemtjänsten"],
                                                                  not_met_labels=["Sjukfrånvaro"], met=1, not_met=1)
    assert "Rapporten säger emot sina siffror" not in client.get(PAGE).content.decode()


def test_the_csv_download_holds_every_row_with_its_status(client, invented):
    response = client.get(PAGE.rstrip("/") + ".csv")
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert [(r[header.index("Mätetal")], r[header.index("Status")], r[header.index("Riktning")]) for r in rows[1:]] == [
        ("Sjukfrånvaro", "inte uppfyllt", "lägre är bättre"), ("Andel brukare nöjda med hemtjänsten", "uppfyllt", "högre är bättre")]
    assert client.get(PAGE.rstrip("/") + ".pdf").status_code == 404


def reports_on(client, body: str) -> list[str]:
    page = client.get(f"/{body}/uppfoljning/")
    assert page.status_code == 200
    return re.findall(r'<h2 id="rapport-\d+">([^<]+)</h2>', page.content.decode())


def test_a_body_follows_up_the_reports_reported_to_it(client):
    # 003 is the notice of the nämnd: its six reports are the nämnd's; 000's three stand under § 30 of the arbetsutskott.
    assert reports_on(client, "namnd-for-folkhalsa-och-sjukvard") == [
        "Verksamhetsberättelse 2021 Medicinsk vård", "Verksamhetsberättelse 2021 Kirurgisk vård",
        "Verksamhetsberättelse 2021 Psykiatri, rehabilitering, diagnostik", "Verksamhetsberättelse 2021 Vårdcentralerna Bra Liv",
        "Folktandvården, Verksamhetsberättelse", "Regionledningskontor med verksamhetsnära funktion, Verksamhetsberättelse"]
    assert reports_on(client, "regionstyrelsens-arbetsutskott") == [
        "Verksamhetsberättelse 2022 Regionledningskontor med verksamhetsnära funktion", "IT-centrum, Verksamhetsberättelse",
        "Verksamhetsstöd och service, Verksamhetsberättelse"]
    assert reports_on(client, "regionfullmaktige") == []


def test_a_body_follows_up_its_internal_control_and_delegated_decisions(client):
    page = client.get("/namnd-for-folkhalsa-och-sjukvard/uppfoljning/").content.decode()
    assert page.count("<td class=\"long-text\">") == 7  # the seven control points of 003's report
    assert "4 delegationsbeslut i Nämnd för folkhälsa och sjukvårds namn är kända." in page
    assert "Intern kontroll" not in client.get("/regionstyrelsens-arbetsutskott/uppfoljning/").content.decode()


def test_a_body_download_holds_its_reports_only(client):
    response = client.get("/regionstyrelsens-arbetsutskott/uppfoljning.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Rapport"
    assert {r[0] for r in rows[1:]} == {"Verksamhetsberättelse 2022 Regionledningskontor med verksamhetsnära funktion",
                                        "IT-centrum, Verksamhetsberättelse", "Verksamhetsstöd och service, Verksamhetsberättelse"}
    assert len(rows) - 1 == 64  # one row per indicator and year: 000's 64 indicators, each of one year

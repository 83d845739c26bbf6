"""Internal control plans as records (issue 20): 000's plan stored with its seven controls and the body that
decides it; a report's control point linked to the planned control of the same organisation and year by its
title, whichever was imported first; the portal's internal control page shows each plan and what became of
each control."""
from __future__ import annotations

import pytest

from paragraf.ingest.identity import MeetingHints
from paragraf.records.controls import planned_for, title_key
from paragraf.records.importer import import_bytes
from paragraf.records.models import ControlPoint, InternalControlPlan, PlannedControl
from tests.test_control_plan_parse import MINUTES, PLAN

pytestmark = pytest.mark.django_db

HINTS = MeetingHints(organization="Ekby kommun")
REPORT = ("PROTOKOLL\nKommunstyrelsen\nSammanträdesdatum 2025-02-05\n\n§ 3 Uppföljning av intern kontroll\nBeslut\n"
          "Rapporten godkänns.\n\nUppföljning av intern kontrollplan 2024\n"
          "Kontrollmoment 1 – Attest av fakturor\nFöljande iakttagelser har noterats:\n• Två fakturor saknade attest.\n"
          "Förslag till åtgärder:\n• Påminn attestanterna.\n"
          "Kontrollmoment 2 – Lönerevision\nFöljande iakttagelser har noterats:\n• Inga avvikelser.\n")


def _import(text: str, name: str) -> None:
    result = import_bytes(text.encode("utf-8"), name, hints=HINTS)
    assert result.ok, result.message


def test_000s_plan_is_stored_with_seven_controls_and_their_risk():
    plan = InternalControlPlan.objects.get(organization__slug="region-jonkopings-lan", year=2023)
    assert plan.title == "Regionstyrelsens internkontrollplan för 2023"
    assert plan.body is not None and plan.body.name == "Regionstyrelsen"  # the item that decides it: Intern kontrollplan 2023 - Regionstyrelsen
    controls = list(plan.controls.all())
    assert len(controls) == 7
    assert all(c.risk and c.consequence == 3 for c in controls)
    cars = next(c for c in controls if c.title == "Hantering av pool- och verksamhetsbilar")
    assert (cars.risk, cars.probability, cars.risk_score) == ("Kännbar/möjlig", 3, 9)
    assert cars.responsible == "kansliavdelningen vid Regionledningskontoret" and cars.timing == "Avrapportering i april 2023"
    cards = controls[0]
    assert (cards.title, cards.risk, cards.probability, cards.risk_score) == ("Betalkort/ Företagskort", "Kännbar/allvarlig", None, None)


@pytest.mark.parametrize("order", ["plan first", "report first"])
def test_a_reports_control_point_is_linked_to_the_planned_control_of_its_year(order):
    packets = [(MINUTES + PLAN, "plan.txt"), (REPORT, "report.txt")]
    for text, name in packets if order == "plan first" else packets[::-1]:
        _import(text, name)
    invoice, salaries = ControlPoint.objects.filter(report__organization__name="Ekby kommun").order_by("number")
    assert invoice.planned is not None
    assert (invoice.planned.title, invoice.planned.plan.year) == ("Attest av fakturor", 2024)
    assert salaries.planned is None  # no control of the plan has its title


def test_a_plan_of_another_year_is_not_linked():
    _import(MINUTES.replace("2024-02-01", "2023-02-01") + PLAN.replace("2024", "2023"), "plan-2023.txt")
    _import(REPORT, "report.txt")
    assert not ControlPoint.objects.filter(report__organization__name="Ekby kommun", planned__isnull=False).exists()


def test_titles_match_written_alike_or_one_containing_the_other():
    assert title_key("Betalkort/ Företagskort.") == title_key("betalkort/företagskort")
    planned = [PlannedControl(title="Betalkort/ Företagskort"), PlannedControl(title="Kamerabevakning")]
    assert planned_for("Betalkort/företagskort", planned) is planned[0]
    assert planned_for("Kamerabevakning inom regionen", planned) is planned[1]
    assert planned_for("Lönerevision", planned) is None


def test_the_portal_shows_the_plan_and_what_became_of_each_control(client):
    _import(MINUTES + PLAN, "plan.txt")
    _import(REPORT, "report.txt")
    slug = InternalControlPlan.objects.get(organization__name="Ekby kommun").organization.slug
    page = client.get(f"/organisationer/{slug}/intern-kontroll/").content.decode()
    assert "<caption>" in page and "Intern kontrollplan för 2024" in page
    assert "Lindrig/sannolik" in page and "2 × 4 = 8" in page  # the risk as written and as a score
    assert "Allvarlig/möjlig" in page and "4 × 3 = 12" in page
    assert "Stickprov av fakturor." in page and "ekonomiavdelningen" in page and "Avrapportering i maj 2024" in page
    assert "Två fakturor saknade attest." in page and "Påminn attestanterna." in page  # what became of it
    assert "Ännu inte rapporterad" in page  # the second control: no report names it


def test_the_corpus_plan_is_on_the_regions_page(client):
    page = client.get("/organisationer/region-jonkopings-lan/intern-kontroll/").content.decode()
    assert "Regionstyrelsens internkontrollplan för 2023" in page and "Kamerabevakning" in page
    assert "3 × 3 = 9" in page


def test_staff_set_a_probability_in_the_admin_and_a_re_import_keeps_it(client, django_user_model):
    from tests.admin_forms import change_form_data

    _import(MINUTES + PLAN, "plan.txt")
    plan = InternalControlPlan.objects.get(organization__name="Ekby kommun")
    client.force_login(django_user_model.objects.create_superuser("controller", password="pw-for-tests"))
    url = f"/admin/records/internalcontrolplan/{plan.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    data = change_form_data(page, ("controls",))
    assert client.post(url, {**data, "controls-0-probability": "5"}).status_code == 200  # the scale is 1–4
    assert client.post(url, {**data, "controls-0-probability": "3"}).status_code == 302
    first = plan.controls.get(position=0)
    assert (first.consequence, first.probability) == (2, 3)
    result = import_bytes((MINUTES + PLAN).encode("utf-8"), "plan.txt", force=True, hints=HINTS)  # the same file, read again
    assert result.ok, result.message
    assert plan.controls.get(position=0).probability == 3

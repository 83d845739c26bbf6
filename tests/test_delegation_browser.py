"""Delegated decisions in a real browser (Chromium through Playwright, against `paragraf serve` on the
corpus; issue 20): a delegate of Regionstyrelsen logs in, lands on the body's delegated decisions,
records one under a point the delegation scheme lacks and is warned; the secretary fetches the
unreported decisions into the meeting being prepared and sees the agenda item with the register; the
secretary registers an incoming information document and fetches it into the same meeting.
axe-core finds no WCAG 2.1 A/AA violation on these pages, and none scrolls sideways at 360 px."""
from __future__ import annotations

import datetime

import pytest

from tests.browsing import check, launch, log_in, new_page, submit
from tests.live_portal import serve_corpus

PASSWORD = "korrekt-hast-batteri-häftklammer"
PREPARE = f"""
import datetime
from django.contrib.auth.models import Group, User
from paragraf.records.models import Body, DelegationPoint, DelegationScheme
from paragraf.secretariat import agenda
from paragraf.secretariat.models import BodySecretary, Delegate
body = Body.objects.get(slug="regionstyrelsen")
secretary = User.objects.create_user("sekreterare-rs", "rs@example.se", {PASSWORD!r})
secretary.groups.add(Group.objects.get(name="Sekreterare"))
BodySecretary.objects.create(user=secretary, body=body)
delegate = User.objects.create_user("delegat-rs", "delegat@example.se", {PASSWORD!r}, first_name="Dora", last_name="Delegat")
Delegate.objects.create(user=delegate, body=body, role="Regiondirektör")
scheme = DelegationScheme.objects.create(body=body, title="Delegationsordning RS 2026", valid_from=datetime.date(2026, 1, 1))
DelegationPoint.objects.create(scheme=scheme, position=1, number="4.5.4", matter="Personuppgiftsincident", delegate_role="Regiondirektör")
agenda.create_meeting(body, datetime.date(2027, 3, 9), datetime.time(13), "Sal A", secretary)
"""


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    with serve_corpus(tmp_path_factory.mktemp("delegation"), prepare=PREPARE) as url:
        yield url.rstrip("/")


@pytest.fixture(scope="module")
def browser():
    with launch() as browser:
        yield browser


def test_a_delegate_records_a_decision_and_the_secretary_reports_it(browser, portal):
    checked: list[str] = []
    delegate = new_page(browser)
    log_in(delegate, portal, "delegat-rs", PASSWORD)
    assert delegate.url.endswith("/delegationsbeslut/")
    assert delegate.get_by_label("Delegat", exact=True).input_value() == "Dora Delegat"
    check(delegate, checked)
    delegate.get_by_label("Punkt i delegationsordningen").fill("9.9")
    delegate.get_by_label("Ärende (rubrik)").fill("Avtal om tolktjänster")
    delegate.get_by_label("Beslutsdatum").fill((datetime.date.today() - datetime.timedelta(days=3)).isoformat())
    submit(delegate, delegate.get_by_role("button", name="Registrera beslutet"))
    status = delegate.get_by_role("status").inner_text()
    assert "Delegationsbeslutet ”Avtal om tolktjänster” är registrerat" in status
    assert "punkt 9.9, som inte finns i Delegationsordning RS 2026" in status
    assert delegate.locator("section[aria-labelledby=oanmalda] tbody").inner_text().count("Avtal om tolktjänster") == 1
    check(delegate, checked)

    secretary = new_page(browser)
    log_in(secretary, portal, "sekreterare-rs", PASSWORD)
    secretary.get_by_role("link", name="Delegationsordning för Regionstyrelsen").click()
    check(secretary, checked)
    secretary.get_by_role("link", name="Delegationsordning RS 2026").click()  # the scheme with its points as a formset
    assert secretary.get_by_label("Punkt i delegationsordningen").first.input_value() == "4.5.4"
    check(secretary, checked)
    secretary.goto(portal + "/sekretariat/")
    secretary.get_by_role("link", name="Regionstyrelsen 9 mars 2027").click()
    submit(secretary, secretary.get_by_role("button", name="Hämta delegationsbeslut"))
    assert "1 delegationsbeslut tillagt" in secretary.get_by_role("status").inner_text()
    row = secretary.locator("table.agenda tr[data-move]", has_text="Anmälan av delegationsbeslut")
    assert row.count() == 1 and "Sammanställning av anmälda delegationsbeslut" in row.inner_text()
    check(secretary, checked)

    delegate.reload()
    reported = delegate.locator("section[aria-labelledby=anmalda] tbody").inner_text()
    assert "Avtal om tolktjänster" in reported and "9 mars 2027" in reported
    assert len(checked) == 5, checked


def test_the_secretary_registers_an_information_document_and_reports_it(browser, portal):
    checked: list[str] = []
    secretary = new_page(browser)
    log_in(secretary, portal, "sekreterare-rs", PASSWORD)
    secretary.get_by_role("link", name="Informationshandlingar för Regionstyrelsen").click()
    check(secretary, checked)
    secretary.get_by_label("Inkommen eller utgående").select_option(label="Inkommen")
    secretary.get_by_label("Kategori").fill("Inkomna skrivelser")
    secretary.get_by_label("Handling", exact=True).fill("Skrivelse om färdtjänst")
    secretary.get_by_label("Avsändare eller mottagare").fill("Länsstyrelsen i Jönköpings län")
    secretary.get_by_label("Datum", exact=True).fill((datetime.date.today() - datetime.timedelta(days=2)).isoformat())
    submit(secretary, secretary.get_by_role("button", name="Registrera handlingen"))
    assert secretary.locator("section[aria-labelledby=oanmalda] tbody").inner_text().count("Skrivelse om färdtjänst") == 1
    check(secretary, checked)

    secretary.goto(portal + "/sekretariat/")
    secretary.get_by_role("link", name="Regionstyrelsen 9 mars 2027").click()
    submit(secretary, secretary.get_by_role("button", name="Hämta informationshandlingar"))
    assert "1 informationshandling tillagd" in secretary.get_by_role("status").inner_text()
    row = secretary.locator("table.agenda tr[data-move]", has_text="Anmälan av informationshandlingar")
    assert row.count() == 1 and "Sammanställning av anmälda informationshandlingar" in row.inner_text()
    check(secretary, checked)
    assert len(checked) == 3, checked

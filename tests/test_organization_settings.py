"""Each organisation's own settings (issue 19): edited in the secretariat by its secretaries and
administrators, with history; used by the notice board (where the minutes are kept), OParl's Body
and the portal (website, contact, never masked), new cases (the series prefix) and uploads (review)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from paragraf.intake.jobs import Upload, submit
from paragraf.intake.worker import run_pending
from paragraf.privacy.rules import current_masker
from paragraf.records.models import Body, Case, Meeting, Organization, OrganizationSettings
from paragraf.secretariat.models import BodySecretary, Posting
from paragraf.secretariat.permissions import SECRETARIES

TEMPLATES = Path(__file__).resolve().parent / "templates"
TODAY = dt.date.today()
SETTINGS_URL = "/sekretariat/organisation/norrviks-kommun/installningar/"
FILLED = {
    "short_name": "Norrvik", "website": "https://www.norrvik.example/", "contact_name": "Kommunens registratur",
    "contact_email": "registrator@norrvik.example", "minutes_kept_at": "Kommunkansliet, Stadshuset, Norrvik",
    "case_prefix": "KS", "review_imports": "false",
}


@pytest.fixture
def norrvik(db):
    """Norrviks kommun (the organisation of templates/01) with a board posting, and Ljungsala beside it."""
    organization = Organization.objects.create(name="Norrviks kommun", slug="norrviks-kommun")
    body = Body.objects.create(organization=organization, name="Kommunstyrelsen", slug="kommunstyrelsen-norrvik")
    meeting = Meeting.all_objects.create(body=body, date=TODAY - dt.timedelta(days=5), published=True)
    Posting.objects.create(meeting=meeting, posted=TODAY - dt.timedelta(days=1), appeal_last_day=TODAY + dt.timedelta(days=20),
                           taken_down=TODAY + dt.timedelta(days=21))
    Organization.objects.create(name="Ljungsala kommun", slug="ljungsala-kommun")
    return organization


def secretary_of(django_user_model, organization: Organization, username: str):
    user = django_user_model.objects.create_user(username, password="x")
    user.groups.add(Group.objects.get_or_create(name=SECRETARIES)[0])
    body = Body.objects.create(organization=organization, name=f"Nämnd {username}", slug=f"namnd-{username}")
    BodySecretary.objects.create(user=user, body=body)
    return user


@pytest.fixture
def secretary(django_user_model, norrvik):
    return secretary_of(django_user_model, norrvik, "sekr")


def test_a_secretary_of_the_organisation_sets_its_settings_and_the_change_is_kept_in_history(client, secretary, norrvik):
    client.force_login(secretary)
    assert f'href="{SETTINGS_URL}"' in client.get("/sekretariat/").content.decode()
    form = client.get(SETTINGS_URL).content.decode()
    assert "Förvaringsplats för protokollen" in form and "Som webbplatsen" in form

    saved = client.post(SETTINGS_URL, FILLED)

    assert saved.status_code == 302
    own = OrganizationSettings.objects.get(organization=norrvik)
    assert (own.case_prefix, own.review_imports, own.minutes_kept_at) == ("KS", False, "Kommunkansliet, Stadshuset, Norrvik")
    assert own.history.count() == 1 and own.history.get().history_user == secretary
    assert "Ändringar" in client.get(SETTINGS_URL).content.decode()


def test_a_bad_address_is_named_and_nothing_is_saved(client, secretary, norrvik):
    client.force_login(secretary)
    response = client.post(SETTINGS_URL, {**FILLED, "contact_email": "inte en adress"})
    assert response.status_code == 400 and "Fyll i en giltig e-postadress." in response.content.decode()
    assert not OrganizationSettings.objects.exists()


def test_only_its_secretaries_and_administrators_may_change_an_organisations_settings(client, django_user_model, norrvik):
    other = secretary_of(django_user_model, Organization.objects.get(slug="ljungsala-kommun"), "annan")
    client.force_login(other)
    assert client.post(SETTINGS_URL, FILLED).status_code == 403
    assert f'href="{SETTINGS_URL}"' not in client.get("/sekretariat/").content.decode()
    client.logout()
    assert client.get(SETTINGS_URL).status_code == 302  # to the login
    admin = django_user_model.objects.create_superuser("admin", password="x")
    client.force_login(admin)
    assert client.post(SETTINGS_URL, FILLED).status_code == 302
    assert not OrganizationSettings.objects.filter(organization__slug="ljungsala-kommun").exists()


def test_the_notice_board_says_where_the_minutes_are_kept(client, secretary, norrvik):
    board = client.get("/anslagstavla/norrviks-kommun/").content.decode()
    assert "Förvaras:" not in board  # not set: nothing claimed
    OrganizationSettings.objects.create(organization=norrvik, minutes_kept_at="Kommunkansliet, Stadshuset, Norrvik")

    for page in ("/anslagstavla/norrviks-kommun/", "/anslagstavla/", "/anslagstavla/norrviks-kommun/flode.atom"):
        assert "Kommunkansliet, Stadshuset, Norrvik" in client.get(page).content.decode(), page


def test_oparl_and_the_portal_show_the_contact_unmasked_while_other_addresses_stay_masked(client, norrvik):
    before = client.get(f"/oparl/v1.1/body/{norrvik.pk}/").json()
    assert before["shortName"] == "Norrviks" and "contactEmail" not in before
    modified = Organization.objects.get(pk=norrvik.pk).modified
    OrganizationSettings(organization=norrvik, **{**FILLED, "review_imports": None}).save()

    body = client.get(f"/oparl/v1.1/body/{norrvik.pk}/").json()
    assert (body["shortName"], body["website"], body["contactName"], body["contactEmail"]) == (
        "Norrvik", "https://www.norrvik.example/", "Kommunens registratur", "registrator@norrvik.example")
    assert Organization.objects.get(pk=norrvik.pk).modified > modified  # OParl's `modified`: a client syncing by it sees the change
    page = client.get("/organisationer/norrviks-kommun/").content.decode()
    assert 'href="mailto:registrator@norrvik.example"' in page and 'href="https://www.norrvik.example/"' in page
    masked = current_masker().mask("Skriv till anna.svensson@norrvik.example eller registrator@norrvik.example.")
    assert masked == "Skriv till [e-post dold] eller registrator@norrvik.example."


def test_a_new_case_without_a_prefix_takes_the_organisations_series(client, secretary, norrvik):
    OrganizationSettings.objects.create(organization=norrvik, case_prefix="KS")
    client.force_login(secretary)
    client.post("/sekretariat/arenden/", {"organization": norrvik.pk, "prefix": "", "title": "Ny policy", "office": ""})
    client.post("/sekretariat/arenden/", {"organization": norrvik.pk, "prefix": "BUN", "title": "Skolskjuts", "office": ""})
    assert sorted(Case.objects.filter(organization=norrvik).values_list("number", flat=True)) == [f"BUN {TODAY.year}/2", f"KS {TODAY.year}/1"]


@pytest.mark.parametrize(("own", "site", "status"), [(None, True, "held"), (False, True, "imported"), (True, False, "held")])
def test_an_upload_is_held_for_review_as_the_organisation_says_else_as_the_site_does(secretary, norrvik, settings, own, site, status):
    settings.PARAGRAF_REVIEW_IMPORTS = site
    OrganizationSettings.objects.create(organization=norrvik, review_imports=own)
    job = submit([Upload("ks.txt", (TEMPLATES / "01_ks-ciceron-layout.txt").read_bytes())], norrvik, secretary)
    run_pending()
    assert job.files.get().status == status


def test_a_changed_contact_address_takes_its_unmasking_rule_with_it(norrvik):
    """The old address is masked again once no organisation gives it; a rule staff wrote stays; two organisations
    with one address share the rule until neither gives it."""
    from paragraf.privacy.models import MaskingRule

    ljungsala = Organization.objects.get(slug="ljungsala-kommun")
    text = "Skriv till registrator@norrvik.example, kansli@norrvik.example eller info@ljungsala.example."
    own = OrganizationSettings.objects.create(organization=norrvik, contact_email="registrator@norrvik.example")
    assert current_masker().mask(text) == "Skriv till registrator@norrvik.example, [e-post dold] eller [e-post dold]."

    own.contact_email = "kansli@norrvik.example"
    own.save()
    assert current_masker().mask(text) == "Skriv till [e-post dold], kansli@norrvik.example eller [e-post dold]."

    MaskingRule.objects.create(action=MaskingRule.UNMASK, kind="email", value="info@ljungsala.example", reason="Staff")
    other = OrganizationSettings.objects.create(organization=ljungsala, contact_email="KANSLI@norrvik.example")
    other.contact_email = "info@ljungsala.example"
    other.save()
    own.delete()
    assert current_masker().mask(text) == "Skriv till [e-post dold], [e-post dold] eller info@ljungsala.example."
    assert MaskingRule.objects.get().reason == "Staff"

    shared = OrganizationSettings.objects.create(organization=norrvik, contact_email="info@ljungsala.example")
    other.contact_email = ""
    other.save()
    shared.contact_email = "Info@Ljungsala.example"
    shared.save()
    assert list(MaskingRule.objects.values_list("reason", "contact_of")) == [("Staff", None)]


def test_two_organisations_with_one_contact_address_share_its_rule(norrvik):
    from paragraf.privacy.models import MaskingRule

    ljungsala = Organization.objects.get(slug="ljungsala-kommun")
    own = OrganizationSettings.objects.create(organization=norrvik, contact_email="kansli@region.example")
    OrganizationSettings.objects.create(organization=ljungsala, contact_email="kansli@region.example")
    own.contact_email = ""
    own.save()
    assert list(MaskingRule.objects.values_list("value", "contact_of")) == [("kansli@region.example", ljungsala.pk)]
    assert current_masker().mask("kansli@region.example") == "kansli@region.example"
    OrganizationSettings.objects.get(organization=ljungsala).delete()
    assert not MaskingRule.objects.exists()
    assert current_masker().mask("kansli@region.example") == "[e-post dold]"

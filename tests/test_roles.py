"""docs/roles.md is the truth: its matrix of role × action is read here and every cell is tried over
HTTP as that role. A cell marked `ja` must do the action (its effect seen in the database or the
answer); a cell marked `nej` must be refused (the login page for the public, 403 for others, 404
where a page does not exist for them) and change nothing."""
from __future__ import annotations

import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from paragraf.records.models import (AgendaItem, Case, DelegatedDecision, DelegationScheme, InformationDocument, Invitation, Meeting,
                                     OrganizationSettings)
from paragraf.secretariat import agenda, delegation, information
from paragraf.secretariat.models import AgendaDocument, CaseDocument, MinutesDraft, StandardItem
from tests.conftest import ROOT
from tests.secretariat_world import World, document, pdf_bytes

pytestmark = pytest.mark.django_db

ROLES_MD = ROOT / "docs" / "roles.md"
COLUMNS = {"Administratör": "administrator", "Sekreterare för organet": "secretary",
           "Sekreterare för annat organ": "other_secretary", "Revisor": "auditor", "Delegat för organet": "delegate",
           "Ledamot i organet": "member",
           "Allmänheten": "public"}
DRAFT_DATE = datetime.date(2027, 3, 9)
PUBLISHED_DATE = datetime.date(2027, 4, 13)


def matrix() -> list[tuple[str, str, bool]]:
    """(action key, role, allowed) for every cell of the table in docs/roles.md."""
    lines = [line for line in ROLES_MD.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    header = next(line for line in lines if line.startswith("| action |"))
    roles = [COLUMNS[cell.strip()] for cell in header.strip("|").split("|")[1:]]
    cells = []
    for line in lines:
        key = re.search(r"`([a-z_]+)` \|", line)
        if not key:
            continue
        values = [cell.strip() for cell in line.strip().strip("|").split("|")[1:]]
        assert len(values) == len(roles) and set(values) <= {"ja", "nej"}, line
        cells += [(key.group(1), role, value == "ja") for role, value in zip(roles, values)]
    return cells


@dataclass
class Scene:
    world: World
    draft: Meeting
    published: Meeting
    case: Case

    def link(self, meeting: Meeting, confidential: bool) -> CaseDocument:
        return AgendaDocument.objects.get(agenda_item__meeting=meeting, document__confidential=confidential).document

    def portal(self, meeting: Meeting) -> str:
        return f"/{self.world.body.slug}/{meeting.date.isoformat()}/"


@pytest.fixture
def scene() -> Scene:
    world = World.build()
    return Scene(world=world, draft=world.meeting(date=DRAFT_DATE), published=world.meeting(published=True, date=PUBLISHED_DATE),
                 case=world.case("Ärende i matrisen", ready=False))


@dataclass(frozen=True)
class Action:
    request: Callable  # (client, scene) -> response
    done: Callable  # (response, scene) -> bool: the action took effect / the thing was shown
    refused_by_absence: bool = False  # a page everyone may see: refusing is leaving the thing out


def _upload(client, s: Scene):
    upload = io.BytesIO(pdf_bytes("Matrisdokument"))
    upload.name = "matris.pdf"
    return client.post(f"/sekretariat/arenden/{s.case.pk}/handlingar/",
                       {"handling-title": "Matrisdokument", "handling-date": "2027-02-01", "handling-kind": "skrivelse", "handling-file": upload})


def _last_item(s: Scene) -> AgendaItem:
    return agenda.items(s.draft)[-1]


def _pdf(response) -> bool:
    return response.status_code == 200 and response["Content-Type"] == "application/pdf"


def _download(path: Callable):
    return Action(lambda c, s: c.get(path(s)), lambda r, s: _pdf(r))


def _meeting_path(s: Scene, tail: str = "") -> str:
    return f"/sekretariat/sammantraden/{s.draft.pk}/{tail}"


def _report(client, s: Scene):
    """An unreported decision of the body, then *Hämta delegationsbeslut* on the draft."""
    delegation.record(s.world.body, None, point="4.5.4", title="Matrisens delegationsbeslut", case=None,
                      decided_on=datetime.date(2026, 11, 2), delegate="Dagny Delegat", delegate_role="Regiondirektör")
    return client.post(_meeting_path(s, "delegationsbeslut/"))


def _registered(tail: str, model, data: dict) -> Action:
    """Post `data` to the body's page `tail`; done when the body has a `model` row of its title."""
    return Action(lambda c, s: c.post(f"/sekretariat/organ/{s.world.body.pk}/{tail}", data),
                  lambda r, s: model.objects.filter(title=data["title"], body=s.world.body).exists())


def _report_information(client, s: Scene):
    """An unreported information document of the body, then *Hämta informationshandlingar* on the draft."""
    information.record(s.world.body, None, direction="in", category="Inkomna skrivelser", title="Matrisens informationshandling",
                       case=None, counterpart="Trafikverket", date=datetime.date(2026, 11, 2))
    return client.post(_meeting_path(s, "informationshandlingar/"))


ACTIONS: dict[str, Action] = {
    "open_secretariat": Action(lambda c, s: c.get("/sekretariat/"), lambda r, s: r.status_code == 200),
    "register_case": Action(
        lambda c, s: c.post("/sekretariat/arenden/", {"organization": s.world.body.organization.pk, "prefix": "RS", "title": "Matrisärende"}),
        lambda r, s: Case.objects.filter(title="Matrisärende").exists()),
    "edit_case": Action(
        lambda c, s: c.post(f"/sekretariat/arenden/{s.case.pk}/", {"title": "Ändrad i matrisen", "office": "", "status": "prepared",
                                                                   "prepared_for": s.world.body.pk}),
        lambda r, s: Case.objects.get(pk=s.case.pk).title == "Ändrad i matrisen"),
    "upload_document": Action(_upload, lambda r, s: CaseDocument.objects.filter(title="Matrisdokument").exists()),
    "create_meeting": Action(
        lambda c, s: c.post(f"/sekretariat/organ/{s.world.body.pk}/nytt-sammantrade/", {"date": "2027-05-04", "start_time": "13:00", "place": "Sal B"}),
        lambda r, s: Meeting.all_objects.filter(body=s.world.body, date=datetime.date(2027, 5, 4)).exists()),
    "edit_standard_items": Action(
        lambda c, s: c.post(f"/sekretariat/organ/{s.world.body.pk}/standardpunkter/", {"items": "Upprop\nMatrispunkt | Övrigt"}),
        lambda r, s: StandardItem.objects.filter(body=s.world.body, title="Matrispunkt").exists()),
    "record_delegated_decision": Action(
        lambda c, s: c.post(f"/sekretariat/organ/{s.world.body.pk}/delegationsbeslut/", {
            "point": "4.5.4", "title": "Delegationsbeslut i matrisen", "case": "", "decided_on": "2026-11-02",
            "delegate": "Dagny Delegat", "delegate_role": "Regiondirektör"}),
        lambda r, s: DelegatedDecision.objects.filter(title="Delegationsbeslut i matrisen", body=s.world.body).exists()),
    "edit_delegation_scheme": Action(
        lambda c, s: c.post(f"/sekretariat/organ/{s.world.body.pk}/delegationsordning/ny/", {
            "title": "Matrisens delegationsordning", "valid_from": "2026-01-01", "punkter-TOTAL_FORMS": "1", "punkter-INITIAL_FORMS": "0",
            "punkter-0-number": "4.5.4", "punkter-0-matter": "Personuppgiftsincident", "punkter-0-delegate_role": "Regiondirektör"}),
        lambda r, s: DelegationScheme.objects.filter(title="Matrisens delegationsordning", points__number="4.5.4").exists()),
    "report_delegated_decisions": Action(
        _report, lambda r, s: DelegatedDecision.objects.filter(title="Matrisens delegationsbeslut", reported_at=s.draft).exists()),
    "register_information_document": _registered(
        "informationshandlingar/", InformationDocument, {"direction": "in", "category": "Inkomna skrivelser", "case": "",
                                                         "title": "Informationshandling i matrisen", "counterpart": "Trafikverket",
                                                         "date": "2026-11-02"}),
    "report_information_documents": Action(
        _report_information,
        lambda r, s: InformationDocument.objects.filter(title="Matrisens informationshandling", reported_at=s.draft).exists()),
    "edit_organization_settings": Action(
        lambda c, s: c.post(f"/sekretariat/organisation/{s.world.body.organization.slug}/installningar/",
                            {"minutes_kept_at": "Matriskansliet", "review_imports": "unknown"}),
        lambda r, s: OrganizationSettings.objects.filter(minutes_kept_at="Matriskansliet").exists()),
    "see_draft": Action(lambda c, s: c.get(_meeting_path(s)), lambda r, s: r.status_code == 200),
    "see_draft_in_portal": Action(lambda c, s: c.get(s.portal(s.draft)), lambda r, s: r.status_code == 200),
    "edit_agenda": Action(
        lambda c, s: c.post(_meeting_path(s, "punkter/"), {"title": "Matrispunkt", "section": "", "presenter": "", "case": ""}),
        lambda r, s: AgendaItem.all_objects.filter(meeting=s.draft, title="Matrispunkt").exists()),
    "reorder_agenda": Action(
        lambda c, s: c.post(_meeting_path(s, f"punkter/{_last_item(s).pk}/flytta/"), {"offset": "-1"}),
        lambda r, s: _last_item(s).case_id is None),  # the last item (the ready case) moved up
    "attach_document": Action(
        lambda c, s: c.post(_meeting_path(s, f"punkter/{agenda.items(s.draft)[0].pk}/handlingar/"),
                            {"document": document(s.case, "Bifogas i matrisen").pk}),
        lambda r, s: AgendaDocument.objects.filter(agenda_item__meeting=s.draft, document__title="Bifogas i matrisen").exists()),
    "edit_called": Action(
        lambda c, s: c.post(_meeting_path(s, "kallade/"), {"name": "Matris Person", "party": "", "group": "adjungerad", "role": ""}),
        lambda r, s: Invitation.all_objects.filter(meeting=s.draft, name="Matris Person").exists()),
    "preview_notice": _download(lambda s: _meeting_path(s, "kallelse-utkast.pdf")),
    "publish_notice": Action(lambda c, s: c.post(_meeting_path(s, "publicera/")),
                             lambda r, s: Meeting.all_objects.get(pk=s.draft.pk).published),
    "see_unpublished_document": _download(lambda s: f"/dokument/{s.link(s.draft, confidential=False).pk}/fil"),
    "see_published_meeting": Action(lambda c, s: c.get(s.portal(s.published)),
                                    lambda r, s: r.status_code == 200 and "Kallelsen (PDF)" in r.content.decode()),
    "download_packet": _download(lambda s: s.portal(s.published) + "handlingar.pdf"),
    "see_public_document": _download(lambda s: f"/dokument/{s.link(s.published, confidential=False).pk}/fil"),
    "see_confidential_listed": Action(lambda c, s: c.get(s.portal(s.published)),
                                      lambda r, s: "Hemlig bilaga" in r.content.decode(), refused_by_absence=True),
    "see_confidential_document": _download(lambda s: f"/dokument/{s.link(s.published, confidential=True).pk}/fil"),
    "record_meeting": Action(
        lambda c, s: c.post(f"/sekretariat/sammantraden/{s.published.pk}/protokoll/1/", {"revision": "0", "decision": "Matrisbeslut."}),
        lambda r, s: MinutesDraft.objects.filter(meeting=s.published, content__paragraphs__0__decision="Matrisbeslut.").exists()),
    "see_notice_board": Action(lambda c, s: c.get("/anslagstavla/"), lambda r, s: r.status_code == 200),
    "see_review": Action(lambda c, s: c.get(f"/granskning/{s.world.body.slug}/2023-01-31/"),
                         lambda r, s: r.status_code == 200 and "Granskning mot kommunallagen" in r.content.decode()),
    "manage_users": Action(lambda c, s: c.get("/admin/auth/user/"), lambda r, s: r.status_code == 200),
}


def test_every_action_of_the_matrix_is_known_and_every_known_action_is_in_it():
    assert {key for key, _role, _allowed in matrix()} == set(ACTIONS)


@pytest.mark.parametrize(("key", "role", "allowed"), matrix(), ids=[f"{k}-{r}" for k, r, _a in matrix()])
def test_matrix_cell(scene, client, key, role, allowed):
    user = scene.world.users[role]
    if user is not None:
        client.force_login(user)
    action = ACTIONS[key]
    response = action.request(client, scene)
    assert action.done(response, scene) is allowed, f"{role} {key}: {response.status_code}"
    if allowed or action.refused_by_absence:
        assert response.status_code < 400
        return
    if user is None and response.status_code == 302:
        assert response["Location"].startswith(("/konto/logga-in/", "/admin/login/")), response["Location"]
    else:
        assert response.status_code in (403, 404) or (response.status_code == 302 and response["Location"].startswith("/admin/login/")), response.status_code

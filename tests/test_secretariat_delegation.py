"""Delegated decisions in the secretariat (issue 20): a delegate records a decision, checked against the
body's delegation scheme in force on the decision date (a warning, never a refusal); the register for
the next meeting is made from what is unreported and goes into the packet; the scheme is kept by staff
with its points; who may do which. On the corpus database, over HTTP."""
from __future__ import annotations

import datetime

import pypdfium2
import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.urls import reverse

from paragraf.records.models import AgendaItem, DelegatedDecision, DelegationPoint, DelegationScheme, Meeting, Paragraph
from paragraf.secretariat import delegation
from paragraf.secretariat.models import AgendaDocument, CaseDocument, Delegate, NoticeVersion
from paragraf.secretariat.typeset.register import TITLE as REGISTER_TITLE
from tests.secretariat_world import World, publish

pytestmark = pytest.mark.django_db

DECIDED = datetime.date(2026, 11, 2)  # before the world's meeting (2027-03-09) and before today


@pytest.fixture
def world():
    return World.build()


@pytest.fixture
def delegate(world) -> User:
    user = User.objects.create_user("delegat-rs", "delegat@example.se", None, first_name="Dora", last_name="Delegat")
    Delegate.objects.create(user=user, body=world.body, role="Regiondirektör")
    return user


@pytest.fixture
def scheme(world) -> DelegationScheme:
    scheme = DelegationScheme.objects.create(body=world.body, title="Delegationsordning RS 2026", valid_from=datetime.date(2026, 1, 1))
    DelegationPoint.objects.create(scheme=scheme, position=1, number="4.5.4", matter="Personuppgiftsincident", delegate_role="Regiondirektör")
    DelegationPoint.objects.create(scheme=scheme, position=2, number="2.1", matter="Yttranden", delegate_role="Ekonomidirektör")
    return scheme


def decisions_path(world: World) -> str:
    return f"/sekretariat/organ/{world.body.pk}/delegationsbeslut/"


def record(client, world: World, title: str, point: str = "4.5.4", role: str = "Regiondirektör", decided: datetime.date = DECIDED,
           case: str = ""):
    return client.post(decisions_path(world), {"point": point, "title": title, "case": case, "decided_on": decided.isoformat(),
                                               "delegate": "Dora Delegat", "delegate_role": role}, follow=True)


def warnings(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


def pdf_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(data)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def add(world: World, title: str, decided: datetime.date = DECIDED, body=None, reported_at: Meeting | None = None) -> DelegatedDecision:
    """A decision recorded in the secretariat (its judgement not asked here)."""
    decision, _judgement = delegation.record(body or world.body, None, point="4.5.4", title=title, case=None, decided_on=decided,
                                             delegate="Dora Delegat", delegate_role="Regiondirektör")
    if reported_at is not None:
        decision.reported_at = reported_at
        decision.save()
    return decision


def test_a_delegate_records_a_decision_checked_against_the_scheme_in_force(world, delegate, scheme, client):
    client.force_login(delegate)
    page = client.get(decisions_path(world)).content.decode()
    assert 'value="Dora Delegat"' in page and 'value="Regiondirektör"' in page  # the defaults: the user's name and role
    assert '<option value="4.5.4">' in page  # the points of the scheme in force are offered

    response = record(client, world, "Personuppgiftsincident i vårdcentral", case=world.case("Incidentärendet").number)
    assert response.status_code == 200 and warnings(response) == []
    decision = DelegatedDecision.objects.get(title="Personuppgiftsincident i vårdcentral")
    assert (decision.body, decision.organization, decision.recorded_by, decision.source_file) == (
        world.body, world.body.organization, delegate, None)
    assert decision.case.title == "Incidentärendet" and decision.reported_at is None and decision.decided_on == DECIDED

    missing = record(client, world, "Beslut under en punkt som saknas", point="9.9")
    assert any("punkt 9.9, som inte finns i Delegationsordning RS 2026" in w for w in warnings(missing))
    wrong_role = record(client, world, "Yttrande av fel roll", point="2.1", role="Regiondirektör")
    assert any("fattades av Regiondirektör, men punkt 2.1 delegerar till Ekonomidirektör" in w for w in warnings(wrong_role))
    # Saved all the same (a delegation scheme may be out of date), positions one after the other.
    saved = DelegatedDecision.objects.filter(body=world.body, source_file=None).order_by("position")
    assert [d.title for d in saved][-2:] == ["Beslut under en punkt som saknas", "Yttrande av fel roll"]
    assert [d.position for d in saved] == list(range(saved[0].position, saved[0].position + 3))
    # The page lists them as unreported.
    assert "Yttrande av fel roll" in client.get(decisions_path(world)).content.decode()


def test_the_scheme_in_force_on_the_decision_date_judges_it(world, delegate, scheme, client):
    newer = DelegationScheme.objects.create(body=world.body, title="Delegationsordning RS 2026 (juni)", valid_from=datetime.date(2026, 6, 1))
    DelegationPoint.objects.create(scheme=newer, position=1, number="4.5.5", matter="Ny punkt", delegate_role="Regiondirektör")
    client.force_login(delegate)
    # 4.5.4 is in the scheme of January, not in that of June.
    assert warnings(record(client, world, "Under den äldre ordningen", decided=datetime.date(2026, 3, 1))) == []
    late = warnings(record(client, world, "Under den nyare ordningen", decided=datetime.date(2026, 7, 1)))
    assert any("som inte finns i Delegationsordning RS 2026 (juni)" in w for w in late)
    # Before any scheme: said, not judged.
    early = warnings(record(client, world, "Före varje ordning", decided=datetime.date(2025, 5, 1)))
    assert len(early) == 1 and "ingen delegationsordning" in early[0]


def test_an_unknown_case_number_or_a_future_date_is_refused(world, delegate, client):
    client.force_login(delegate)
    unknown = record(client, world, "Ärende som inte finns", case="RS 1999/99999")
    assert unknown.status_code == 400 and "inget ärende med diarienummer RS 1999/99999" in unknown.content.decode()
    future = record(client, world, "Framtida beslut", decided=datetime.date.today() + datetime.timedelta(days=1))
    assert future.status_code == 400 and "i framtiden" in future.content.decode()
    assert not DelegatedDecision.objects.filter(title__in=["Ärende som inte finns", "Framtida beslut"]).exists()


def test_the_register_for_the_next_meeting_is_made_from_what_is_unreported(world, client):
    meeting = world.meeting()
    held = Meeting.objects.filter(body=world.body).order_by("date").first()  # imported from the corpus
    first = add(world, "Anställning av verksamhetschef")
    second = add(world, "Avtal om lokalvård", decided=datetime.date(2026, 12, 1))
    old = add(world, "Redan anmält vid ett hållet sammanträde", reported_at=held)
    after = add(world, "Fattat efter sammanträdet", decided=meeting.date + datetime.timedelta(days=1))
    other = add(world, "Ett annat organs beslut", body=world.other_body)
    client.force_login(world.users["secretary"])

    page = client.get(f"/sekretariat/sammantraden/{meeting.pk}/").content.decode()
    assert "Hämta delegationsbeslut" in page and "2 delegationsbeslut fattade senast 9 mars 2027" in page
    response = client.post(f"/sekretariat/sammantraden/{meeting.pk}/delegationsbeslut/", follow=True)
    assert response.status_code == 200
    assert set(DelegatedDecision.objects.filter(reported_at=meeting)) == {first, second}
    assert [DelegatedDecision.objects.get(pk=d.pk).reported_at for d in (old, after, other)] == [held, None, None]

    items = AgendaItem.all_objects.filter(meeting=meeting, title=delegation.REGISTER_ITEM)
    assert items.count() == 1  # the standard item reused, by its title
    item = items.get()
    assert item.case is not None and item.case_number == item.case.number
    assert set(DelegatedDecision.objects.filter(reported_at=meeting).values_list("register_case", flat=True)) == {item.case_id}
    link = AgendaDocument.objects.get(agenda_item=item)
    text = pdf_text(bytes(CaseDocument.with_data.get(pk=link.document_id).data))
    assert "Anställning av verksamhetschef" in text and "Avtal om lokalvård" in text and "4.5.4" in text and "2026-11-02" in text
    assert "Redan anmält" not in text and "Fattat efter" not in text and "annat organs" not in text

    # Again, after a new decision: only it is added, the same document made anew.
    third = add(world, "Upphandling av tolktjänster", decided=datetime.date(2026, 12, 3))
    client.post(f"/sekretariat/sammantraden/{meeting.pk}/delegationsbeslut/")
    assert set(DelegatedDecision.objects.filter(reported_at=meeting)) == {first, second, third}
    assert AgendaItem.all_objects.filter(meeting=meeting, title=delegation.REGISTER_ITEM).count() == 1
    again = AgendaDocument.objects.get(agenda_item=item)
    assert again.document_id == link.document_id
    text = pdf_text(bytes(CaseDocument.with_data.get(pk=link.document_id).data))
    assert "Upphandling av tolktjänster" in text and "Anställning av verksamhetschef" in text

    # The register goes into the packet like any attached document, and the public pages show it.
    publish(meeting, world.users["secretary"])
    packet = pdf_text(bytes(NoticeVersion.with_pdfs.get(meeting=meeting).packet_pdf))
    assert REGISTER_TITLE in packet and "Upphandling av tolktjänster" in packet
    public = client.get(f"/{world.body.slug}/{meeting.date.isoformat()}/").content.decode()
    assert "Anmälda delegationsbeslut" in public and "Avtal om lokalvård" in public
    # The § recorded from the item (its case is the register's) lists the register: no source line needed.
    Paragraph.objects.create(meeting=meeting, number=item.number, title=item.title, case=item.case, case_number=item.case_number)
    paragraph = client.get(f"/{world.body.slug}/{meeting.date.isoformat()}/{item.number}/")
    assert paragraph.status_code == 200
    listed = paragraph.content.decode()
    assert "Det som anmäls" in listed and "Upphandling av tolktjänster" in listed and "Redan anmält" not in listed


def test_a_case_page_lists_a_recorded_decision_once_it_is_reported_at_a_published_meeting(world, client):
    meeting = world.meeting()
    case = world.case("Ärendet med ett delegationsbeslut", ready=False)
    decision = add(world, "Beslut i ärendet")
    decision.case = case
    decision.save()
    case_page = reverse("portal:case", args=[case.organization.slug, case.year, case.serial])

    def listed() -> bool:
        response = client.get(case_page)
        assert response.status_code == 200
        return "Beslut i ärendet" in response.content.decode()

    assert not listed()  # not reported: not public
    delegation.report_at(meeting, world.users["secretary"])
    assert not listed()  # reported at a meeting whose notice is not published
    publish(meeting, world.users["secretary"])
    assert listed()


def test_a_justerad_meeting_keeps_what_it_reported(world, client):
    meeting = world.meeting()
    add(world, "Ska inte flyttas")
    Meeting.all_objects.filter(pk=meeting.pk).update(locked=True)
    client.force_login(world.users["secretary"])
    response = client.post(f"/sekretariat/sammantraden/{meeting.pk}/delegationsbeslut/", follow=True)
    assert "justerat" in response.content.decode()
    assert DelegatedDecision.objects.get(title="Ska inte flyttas").reported_at is None


def test_with_nothing_unreported_nothing_is_added(world, client):
    meeting = world.meeting()
    client.force_login(world.users["secretary"])
    before = AgendaItem.all_objects.filter(meeting=meeting).count()
    response = client.post(f"/sekretariat/sammantraden/{meeting.pk}/delegationsbeslut/", follow=True)
    assert "inga oanmälda delegationsbeslut" in response.content.decode()
    assert AgendaItem.all_objects.filter(meeting=meeting).count() == before
    assert not AgendaDocument.objects.filter(agenda_item__meeting=meeting, document__title=REGISTER_TITLE).exists()


def test_who_may_do_what(world, delegate, client):
    meeting = world.meeting()
    body = world.body.pk
    client.force_login(delegate)
    assert client.get(f"/sekretariat/organ/{body}/delegationsbeslut/").status_code == 200
    assert client.get(f"/sekretariat/organ/{world.other_body.pk}/delegationsbeslut/").status_code == 403
    assert client.get(f"/sekretariat/organ/{body}/delegationsordning/").status_code == 403
    assert client.post(f"/sekretariat/organ/{body}/delegationsordning/ny/", {"title": "Av delegaten"}).status_code == 403
    assert client.get(f"/sekretariat/sammantraden/{meeting.pk}/").status_code == 403
    assert client.post(f"/sekretariat/sammantraden/{meeting.pk}/delegationsbeslut/").status_code == 403
    assert client.get("/sekretariat/").status_code == 403
    assert client.get("/sekretariat/arenden/").status_code == 403
    for role in ("other_secretary", "member", "auditor"):
        client.force_login(world.users[role])
        assert client.get(f"/sekretariat/organ/{body}/delegationsbeslut/").status_code == 403, role
        assert client.get(f"/sekretariat/organ/{body}/delegationsordning/").status_code == 403, role
    client.logout()
    response = client.get(f"/sekretariat/organ/{body}/delegationsbeslut/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
    assert not DelegationScheme.objects.filter(title="Av delegaten").exists()


def test_a_delegate_lands_on_their_decisions_after_logging_in(world, delegate, client):
    delegate.set_password("delegatens-langa-losenord")
    delegate.save()
    response = client.post("/konto/logga-in/", {"username": "delegat-rs", "password": "delegatens-langa-losenord"})
    assert response.status_code == 302 and response["Location"] == f"/sekretariat/organ/{world.body.pk}/delegationsbeslut/"


def points_data(rows: list[tuple], initial: int = 0, ids: tuple = ()) -> dict:
    data = {"punkter-TOTAL_FORMS": str(len(rows)), "punkter-INITIAL_FORMS": str(initial),
            "punkter-MIN_NUM_FORMS": "0", "punkter-MAX_NUM_FORMS": "1000"}
    for n, row in enumerate(rows):
        number, matter, role, limits, *delete = row
        data.update({f"punkter-{n}-number": number, f"punkter-{n}-matter": matter, f"punkter-{n}-delegate_role": role,
                     f"punkter-{n}-limits": limits})
        if n < len(ids):
            data[f"punkter-{n}-id"] = str(ids[n])
        if delete:
            data[f"punkter-{n}-DELETE"] = "on"
    return data


def test_the_scheme_and_its_points_are_saved_by_the_formset(world, client):
    client.force_login(world.users["secretary"])
    decided = Paragraph.objects.filter(meeting__body=world.body).select_related("meeting").order_by("meeting__date", "number").first()
    response = client.post(f"/sekretariat/organ/{world.body.pk}/delegationsordning/ny/", {
        "title": "Delegationsordning för regionstyrelsen 2027", "valid_from": "2027-01-01",
        "decided_meeting": decided.meeting.date.isoformat(), "decided_number": str(decided.number),
        **points_data([("1.1", "Brådskande ärenden", "Ordförande", "Kl 6:39"), ("4.5.4", "Personuppgiftsincident", "Regiondirektör", ""),
                       ("", "", "", "")])})
    assert response.status_code == 302
    scheme = DelegationScheme.objects.get(title="Delegationsordning för regionstyrelsen 2027")
    assert (scheme.body, scheme.valid_from, scheme.decided_in) == (world.body, datetime.date(2027, 1, 1), decided)
    points = list(scheme.points.order_by("position"))
    assert [(p.number, p.delegate_role, p.limits, p.position) for p in points] == [
        ("1.1", "Ordförande", "Kl 6:39", 1), ("4.5.4", "Regiondirektör", "", 2)]

    # Change one, delete one, add one.
    response = client.post(f"/sekretariat/organ/{world.body.pk}/delegationsordning/{scheme.pk}/", {
        "title": scheme.title, "valid_from": "2027-01-01", "decided_meeting": "", "decided_number": "",
        **points_data([("1.1", "Brådskande ärenden", "Ordförande", "Kl 6:39", "delete"), ("4.5.4", "Personuppgiftsincident", "Regiondirektören", ""),
                       ("5.2", "Avskrivning av fordringar", "Ekonomidirektör", "Högst 1 prisbasbelopp")], initial=2,
                    ids=tuple(p.pk for p in points))})
    assert response.status_code == 302
    scheme.refresh_from_db()
    assert scheme.decided_in is None
    assert [(p.number, p.delegate_role) for p in scheme.points.order_by("position")] == [("4.5.4", "Regiondirektören"),
                                                                                         ("5.2", "Ekonomidirektör")]
    listing = client.get(f"/sekretariat/organ/{world.body.pk}/delegationsordning/").content.decode()
    assert "Delegationsordning för regionstyrelsen 2027" in listing

    # A point twice in one scheme is refused, nothing saved.
    response = client.post(f"/sekretariat/organ/{world.body.pk}/delegationsordning/{scheme.pk}/", {
        "title": scheme.title, "valid_from": "2027-01-01",
        **points_data([("7.1", "A", "Ordförande", ""), ("7.1", "B", "Ordförande", "")])})
    assert response.status_code == 400
    assert not scheme.points.filter(number="7.1").exists()

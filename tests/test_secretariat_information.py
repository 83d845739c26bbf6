"""Information documents in the secretariat (issue 20): the body's secretary registers a document the
body is to be told of, received or sent; the register for the next meeting is made from what is
unreported and goes into the packet; the portal's case page lists one once its meeting is published;
who may do which. On the corpus database, over HTTP."""
from __future__ import annotations

import datetime

import pypdfium2
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from paragraf.records.models import AgendaItem, InformationDocument, Meeting
from paragraf.secretariat import information, registers
from paragraf.secretariat.models import AgendaDocument, CaseDocument, NoticeVersion
from paragraf.secretariat.typeset.register import INFORMATION
from tests.secretariat_world import World, publish

pytestmark = pytest.mark.django_db

DATED = datetime.date(2026, 11, 2)  # before the world's meeting (2027-03-09) and before today


@pytest.fixture
def world():
    return World.build()


def documents_path(world: World) -> str:
    return f"/sekretariat/organ/{world.body.pk}/informationshandlingar/"


def register(client, world: World, title: str, direction: str = "in", case: str = "", date: datetime.date = DATED,
             counterpart: str = "Trafikverket", category: str = "Inkomna skrivelser"):
    return client.post(documents_path(world), {"direction": direction, "category": category, "title": title, "case": case,
                                               "counterpart": counterpart, "date": date.isoformat()}, follow=True)


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def pdf_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(data)
    return " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def folded(text: str) -> str:
    """The PDF's text with its line breaks (a wrapped cell) and narrow spaces as single spaces."""
    return " ".join(text.replace("\u202f", " ").split())


def add(world: World, title: str, date: datetime.date = DATED, body=None, reported_at: Meeting | None = None,
        case=None) -> InformationDocument:
    document = information.record(body or world.body, None, direction="in", category="Inkomna skrivelser", title=title, case=case,
                                  counterpart="Trafikverket", date=date)
    if reported_at is not None:
        document.reported_at = reported_at
        document.save()
    return document


def report(client, meeting: Meeting):
    return client.post(f"/sekretariat/sammantraden/{meeting.pk}/informationshandlingar/", follow=True)


def test_the_secretary_registers_an_incoming_and_an_outgoing_document(world, client):
    secretary = world.users["secretary"]
    client.force_login(secretary)
    page = client.get(documents_path(world)).content.decode()
    assert "Registrera en informationshandling" in page and "Inkommen" in page and "Utgående" in page

    case = world.case("Ärendet om länstrafiken", ready=False)
    incoming = register(client, world, "Skrivelse om länstrafiken", case=case.number)
    assert incoming.status_code == 200 and said(incoming) == ["Informationshandlingen ”Skrivelse om länstrafiken” är registrerad."]
    outgoing = register(client, world, "Svar till kommunen om färdtjänst", direction="out", counterpart="Jönköpings kommun",
                        category="Utgående skrivelser")
    assert outgoing.status_code == 200

    received = InformationDocument.objects.get(title="Skrivelse om länstrafiken")
    assert (received.body, received.organization, received.recorded_by, received.source_file) == (
        world.body, world.body.organization, secretary, None)
    assert (received.direction, received.counterpart, received.category, received.date, received.case, received.reported_at) == (
        "in", "Trafikverket", "Inkomna skrivelser", DATED, case, None)
    sent = InformationDocument.objects.get(title="Svar till kommunen om färdtjänst")
    assert (sent.direction, sent.counterpart, sent.case) == ("out", "Jönköpings kommun", None)
    assert sent.position == received.position + 1

    listed = client.get(documents_path(world)).content.decode()
    assert "Skrivelse om länstrafiken" in listed and case.number in listed
    assert "Inkommen: Trafikverket" in listed and "Utgående: Jönköpings kommun" in listed


@pytest.mark.parametrize(("fields", "error"), [
    ({"case": "RS 1999/99999"}, "inget ärende med diarienummer RS 1999/99999"),
    ({"date": datetime.date.today() + datetime.timedelta(days=1)}, "datumet ligger i framtiden"),
], ids=["unknown case number", "future date"])
def test_an_unknown_case_number_or_a_future_date_is_refused(world, client, fields, error):
    client.force_login(world.users["secretary"])
    refused = register(client, world, "Handling som inte registreras", **fields)
    assert refused.status_code == 400 and error in refused.content.decode()
    assert not InformationDocument.objects.filter(title="Handling som inte registreras").exists()


def test_the_register_for_the_next_meeting_is_made_from_what_is_unreported(world, client):
    meeting = world.meeting()
    held = Meeting.objects.filter(body=world.body).order_by("date").first()  # imported from the corpus
    case = world.case("Ärendet om vårdplatser", ready=False)
    documents = {
        "before": add(world, "Skrivelse om vårdplatser", case=case),
        "on the day": add(world, "Protokoll från samordningsförbundet", date=meeting.date),
        "reported earlier": add(world, "Redan anmäld vid ett hållet sammanträde", reported_at=held),
        "after": add(world, "Daterad efter sammanträdet", date=meeting.date + datetime.timedelta(days=1)),
        "another body's": add(world, "Ett annat organs handling", body=world.other_body),
    }
    client.force_login(world.users["secretary"])

    page = client.get(f"/sekretariat/sammantraden/{meeting.pk}/").content.decode()
    assert "Hämta informationshandlingar" in page and "2 informationshandlingar daterade senast 9 mars 2027" in page
    response = report(client, meeting)
    assert response.status_code == 200
    item = AgendaItem.all_objects.get(meeting=meeting, title=information.REGISTER_ITEM)  # the standard item reused, by its title
    assert said(response) == [f"2 informationshandlingar tillagda; 2 anmäls under punkt {item.number}, med sammanställningen som PDF."]
    reported_at = {name: InformationDocument.objects.get(pk=d.pk).reported_at for name, d in documents.items()}
    assert reported_at == {"before": meeting, "on the day": meeting, "reported earlier": held, "after": None, "another body's": None}
    assert item.case is not None and item.case_number == item.case.number
    assert set(InformationDocument.objects.filter(reported_at=meeting).values_list("register_case", flat=True)) == {item.case_id}

    link = AgendaDocument.objects.get(agenda_item=item)
    document = CaseDocument.with_data.get(pk=link.document_id)
    assert document.title == INFORMATION.title == "Sammanställning av anmälda informationshandlingar"
    text = folded(pdf_text(bytes(document.data)))
    assert "Skrivelse om vårdplatser" in text and "Protokoll från samordningsförbundet" in text and case.number in text
    assert "Från Trafikverket" in text and "2026-11-02" in text
    assert "Redan anmäld" not in text and "Daterad efter" not in text and "annat organs" not in text

    # Again, after a new document: only it is added, the same register document made anew.
    third = add(world, "Yttrande från länsstyrelsen", date=datetime.date(2026, 12, 3))
    again = report(client, meeting)
    assert said(again) == [f"1 informationshandling tillagd; 3 anmäls under punkt {item.number}, med sammanställningen som PDF."]
    assert set(InformationDocument.objects.filter(reported_at=meeting)) == {documents["before"], documents["on the day"], third}
    assert AgendaItem.all_objects.filter(meeting=meeting, title=information.REGISTER_ITEM).count() == 1
    assert AgendaDocument.objects.get(agenda_item=item).document_id == link.document_id
    text = folded(pdf_text(bytes(CaseDocument.with_data.get(pk=link.document_id).data)))
    assert "Yttrande från länsstyrelsen" in text and "Skrivelse om vårdplatser" in text

    # The register goes into the packet like any attached document; the public meeting page lists them.
    publish(meeting, world.users["secretary"])
    packet = folded(pdf_text(bytes(NoticeVersion.with_pdfs.get(meeting=meeting).packet_pdf)))
    assert INFORMATION.title in packet and "Yttrande från länsstyrelsen" in packet
    public = client.get(f"/{world.body.slug}/{meeting.date.isoformat()}/").content.decode()
    assert "Yttrande från länsstyrelsen" in public


def test_the_delegated_decisions_register_is_another_item(world, client):
    """The two registers share their making, not their item: reporting one leaves the other alone."""
    meeting = world.meeting()
    add(world, "Bara en informationshandling")
    information.report_at(meeting, world.users["secretary"])
    assert not AgendaDocument.objects.filter(agenda_item__meeting=meeting, agenda_item__title="Anmälan av delegationsbeslut").exists()
    assert AgendaDocument.objects.filter(agenda_item__meeting=meeting, agenda_item__title=information.REGISTER_ITEM).count() == 1


def case_page(client, case) -> str:
    response = client.get(reverse("portal:case", args=[case.organization.slug, case.year, case.serial]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_case_page_lists_a_registered_document_once_its_meeting_is_published(world, client):
    meeting, secretary = world.meeting(), world.users["secretary"]
    case = world.case("Ärendet med en informationshandling", ready=False)
    add(world, "Handling i ärendet", case=case)
    steps = {"registered": lambda: None, "reported at a draft": lambda: information.report_at(meeting, secretary),
             "its notice published": lambda: publish(meeting, secretary)}
    seen = {}
    for step, take in steps.items():
        take()
        seen[step] = "Handling i ärendet" in case_page(client, case)
    assert seen == {"registered": False, "reported at a draft": False, "its notice published": True}


def test_an_imported_document_has_the_body_of_the_meeting_it_was_reported_at():
    imported = InformationDocument.objects.filter(source_file__isnull=False, reported_at__isnull=False).select_related("reported_at")
    assert imported.exists()
    assert all(d.body_id == d.reported_at.body_id for d in imported)


def test_a_justerad_meeting_keeps_what_it_reported(world, client):
    meeting = world.meeting()
    add(world, "Ska inte flyttas")
    Meeting.all_objects.filter(pk=meeting.pk).update(locked=True)
    meeting.refresh_from_db()
    with pytest.raises(registers.NotInPreparation):
        information.report_at(meeting, world.users["secretary"])
    client.force_login(world.users["secretary"])
    assert "Hämta informationshandlingar" not in client.get(f"/sekretariat/sammantraden/{meeting.pk}/").content.decode()
    assert said(report(client, meeting)) == [
        "Sammanträdet är justerat (eller justeringen har börjat): det som anmäldes vid det ändras inte."]
    assert InformationDocument.objects.get(title="Ska inte flyttas").reported_at is None


def test_with_nothing_unreported_nothing_is_added(world, client):
    meeting = world.meeting()
    add(world, "Daterad efter sammanträdet", date=meeting.date + datetime.timedelta(days=1))
    items = AgendaItem.all_objects.filter(meeting=meeting)
    before = items.count()
    client.force_login(world.users["secretary"])
    assert said(report(client, meeting)) == ["Regionstyrelsen har inga oanmälda informationshandlingar daterade senast 9 mars 2027."]
    assert items.count() == before and not AgendaDocument.objects.filter(document__title=INFORMATION.title).exists()


def test_who_may_do_what(world, client):
    meeting = world.meeting()
    add(world, "Oanmäld handling")
    for role in ("administrator", "secretary"):
        client.force_login(world.users[role])
        assert client.get(documents_path(world)).status_code == 200, role
    for role in ("other_secretary", "delegate", "member", "auditor"):
        client.force_login(world.users[role])
        assert client.get(documents_path(world)).status_code == 403, role
        assert register(client, world, f"Registrerad av {role}").status_code == 403, role
        assert client.post(f"/sekretariat/sammantraden/{meeting.pk}/informationshandlingar/").status_code == 403, role
    client.logout()
    response = client.get(documents_path(world))
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
    response = client.post(f"/sekretariat/sammantraden/{meeting.pk}/informationshandlingar/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
    assert not InformationDocument.objects.filter(title__startswith="Registrerad av").exists()
    assert InformationDocument.objects.get(title="Oanmäld handling").reported_at is None


def test_the_start_page_links_to_the_body_s_information_documents(world, client):
    client.force_login(world.users["secretary"])
    assert f'href="{documents_path(world)}"' in client.get("/sekretariat/").content.decode()

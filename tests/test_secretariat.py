"""The secretariat prepares a meeting (issue 13): cases and their numbers, documents, the agenda, the
called, publishing the notice and its packet, amended notices, mail to members; a draft is seen by no
public reader."""
from __future__ import annotations

import datetime
import io
import threading

import pikepdf
import pypdfium2
import pytest
from django.core import mail
from django.db import connection

from paragraf.records.models import AgendaItem, Case, Invitation, Meeting, Organization
from paragraf.secretariat import agenda, notices
from paragraf.secretariat.models import NoticeVersion
from paragraf.secretariat.numbering import register_case
from tests.secretariat_world import MEETING_DATE, World, document, pdf_bytes, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return World.build()


def login(client, world: World, role: str):
    client.force_login(world.users[role])
    return client


def pdf_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(data)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def test_a_new_meeting_starts_from_the_standard_items_the_ready_cases_and_the_members(world):
    case = world.case("Regelverk för sjukresor")
    not_ready = world.case("Inte berett", ready=False)
    meeting = agenda.create_meeting(world.body, MEETING_DATE, datetime.time(13), "Sal A", world.users["secretary"])
    items = agenda.items(meeting)
    assert [i.title for i in items[:5]] == [title for title, _ in agenda.DEFAULT_STANDARD_ITEMS]
    assert [i.number for i in items] == list(range(1, len(items) + 1))
    assert [i.case for i in items if i.case] == [case] and not_ready not in [i.case for i in items]
    called = agenda.called(meeting)
    ordinary = [c for c in called if c.group == "ledamot"]
    assert len(ordinary) == 15 and ordinary[0].role == "ordförande"
    assert {c.group for c in called} == {"ledamot", "ersättare"}
    # A case already on one of the body's agendas is not offered to the next meeting.
    assert case not in agenda.ready_cases(world.body)


def test_a_draft_is_seen_by_no_public_reader(world, client):
    meeting = world.meeting()
    path = f"/{world.body.slug}/{meeting.date.isoformat()}/"
    assert client.get(path).status_code == 404
    assert client.get(path + "handlingar.pdf").status_code == 404
    assert MEETING_DATE.isoformat() not in client.get(f"/{world.body.slug}/kalender.ics").content.decode()
    assert client.get(f"/oparl/v1.1/meeting/{meeting.pk}/").status_code == 404
    item = AgendaItem.all_objects.filter(meeting=meeting).first()
    assert client.get(f"/oparl/v1.1/agenda-item/notice/{item.pk}/").status_code == 404
    assert not Meeting.objects.filter(pk=meeting.pk).exists() and Meeting.all_objects.filter(pk=meeting.pk).exists()
    assert not AgendaItem.objects.filter(meeting=meeting).exists() and AgendaItem.all_objects.filter(meeting=meeting).exists()
    assert not Invitation.objects.filter(meeting=meeting).exists()
    # The case page of a case on the draft agenda does not show the draft.
    case = AgendaItem.all_objects.filter(meeting=meeting, case__isnull=False).first().case
    page = client.get(f"/arenden/{case.organization.slug}/{case.year}-{case.serial}/")
    assert page.status_code == 200 and MEETING_DATE.isoformat() not in page.content.decode()


def test_publishing_makes_the_meeting_public_with_its_public_documents_and_mails_the_members(world, client):
    meeting = world.meeting(published=True)
    assert meeting.published
    page = client.get(f"/{world.body.slug}/{meeting.date.isoformat()}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Regelverk för sjukresor" in html and "Tjänsteskrivelse sjukresor" in html
    assert "Hemlig bilaga" not in html and "1 handling omfattas av sekretess" in html
    packet = client.get(f"/{world.body.slug}/{meeting.date.isoformat()}/handlingar.pdf")
    assert packet.status_code == 200 and packet["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(packet.streaming_content) if packet.streaming else packet.content)
    assert "Tjänsteskrivelse sjukresor" in text and "Hemlig bilaga" not in text and "KALLELSE" in text
    assert MEETING_DATE.isoformat().replace("-", "") in client.get(f"/{world.body.slug}/kalender.ics").content.decode()
    oparl = client.get(f"/oparl/v1.1/meeting/{meeting.pk}/").json()
    assert oparl["start"].startswith(MEETING_DATE.isoformat()) and len(oparl["agendaItem"]) == len(agenda.items(meeting))
    assert [m.to for m in mail.outbox] == [[world.member_email]]
    assert mail.outbox[0].subject.startswith("Kallelse: Regionstyrelsen")
    assert "Regelverk för sjukresor" in mail.outbox[0].body
    assert f"http://127.0.0.1:8000/{world.body.slug}/2027-03-09/" in mail.outbox[0].body  # PARAGRAF_PUBLIC_URL


def test_a_change_after_publishing_is_an_amended_notice_with_what_changed(world, client):
    meeting = world.meeting(published=True)
    mail.outbox.clear()
    with pytest.raises(notices.NothingChanged):
        notices.publish(meeting, world.users["secretary"])
    agenda.add_item(meeting, title="Extra ärende om solpaneler", section="Övrigt")
    version = publish(meeting, world.users["secretary"])
    assert version.version == 2 and version.amended
    assert any("Ny punkt" in line and "solpaneler" in line for line in version.changes)
    assert mail.outbox[0].subject.startswith("Ändrad kallelse: Regionstyrelsen")
    html = client.get(f"/{world.body.slug}/{meeting.date.isoformat()}/").content.decode()
    assert "Ändrad kallelse" in html and "Extra ärende om solpaneler" in html
    notice = NoticeVersion.with_pdfs.get(pk=version.pk).notice_pdf
    assert "Ändrad kallelse" in pdf_text(bytes(notice))


def test_a_document_added_replaced_or_taken_out_after_publishing_is_an_amended_notice(world):
    from paragraf.secretariat.models import AgendaDocument

    meeting = world.meeting(published=True)
    first = agenda.items(meeting)[0]
    case = world.case("Ärende med sen handling", ready=False)
    late = AgendaDocument.objects.create(agenda_item=first, document=document(case, "Sen bilaga"), position=9)
    AgendaDocument.objects.create(agenda_item=first, document=document(case, "Sen hemlig bilaga", confidential=True), position=10)
    version = notices.publish(meeting, world.users["secretary"])
    assert version.changes == [f"Ny handling till punkt {first.number}: Sen bilaga"]  # the confidential one is not named
    assert "Sen bilaga" in pdf_text(bytes(NoticeVersion.with_pdfs.get(pk=version.pk).packet_pdf))

    replaced = late.document
    replaced.sha256 = "0" * 64
    replaced.save(update_fields=["sha256"])
    version = notices.publish(meeting, world.users["secretary"])
    assert version.changes == [f"Handling ändrad i punkt {first.number}: Sen bilaga"]

    late.delete()
    version = notices.publish(meeting, world.users["secretary"])
    assert version.changes == [f"Handling utgår från punkt {first.number}: Sen bilaga"]
    with pytest.raises(notices.NothingChanged):
        notices.publish(meeting, world.users["secretary"])


def test_the_packet_holds_the_notice_and_every_public_document_in_agenda_order_with_bookmarks(world):
    meeting = world.meeting()
    first = agenda.items(meeting)[0]
    case = world.case("Ett andra ärende", ready=False)
    from paragraf.secretariat.models import AgendaDocument

    AgendaDocument.objects.create(agenda_item=first, document=document(case, "Först i paketet", pages=3), position=1)
    version = notices.publish(meeting, world.users["secretary"])
    packet = pikepdf.open(io.BytesIO(bytes(NoticeVersion.with_pdfs.get(pk=version.pk).packet_pdf)))
    notice_pages = len(pikepdf.open(io.BytesIO(bytes(NoticeVersion.with_pdfs.get(pk=version.pk).notice_pdf))).pages)
    assert len(packet.pages) == notice_pages + 3 + 1  # the confidential one left out
    with packet.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert titles[0] == "Kallelse" and titles[1].startswith("1. ")
    assert version.withheld == 1


def test_a_document_must_be_a_readable_pdf(world, client):
    login(client, world, "secretary")
    case = world.case("Ärende med handling", ready=False)
    bad = io.BytesIO(b"PK\x03\x04 this is a docx, not a PDF")
    bad.name = "skrivelse.docx"
    answer = client.post(f"/sekretariat/arenden/{case.pk}/handlingar/", {
        "handling-title": "Skrivelse", "handling-date": "2027-02-01", "handling-kind": "skrivelse", "handling-file": bad})
    assert answer.status_code == 400
    assert "skrivelse.docx är ingen läsbar PDF" in answer.content.decode()
    good = io.BytesIO(pdf_bytes("Skrivelse", pages=2))
    good.name = "skrivelse.pdf"
    answer = client.post(f"/sekretariat/arenden/{case.pk}/handlingar/", {
        "handling-title": "Skrivelse", "handling-date": "2027-02-01", "handling-kind": "skrivelse", "handling-confidential": "on", "handling-file": good})
    assert answer.status_code == 302
    stored = case.uploaded_documents.get()
    assert (stored.pages, stored.confidential, stored.uploaded_by) == (2, True, world.users["secretary"])


def test_case_numbers_follow_the_series_after_the_imported_cases(world):
    organization = world.body.organization
    highest_2023 = max(Case.objects.filter(organization=organization, year=2023).values_list("serial", flat=True))
    first = register_case(organization, 2023, "RS", "Nytt ärende")
    second = register_case(organization, 2023, "RS", "Ett till")
    assert (first.serial, second.serial) == (highest_2023 + 1, highest_2023 + 2)
    assert first.number == f"RS 2023/{highest_2023 + 1}"


@pytest.mark.django_db(transaction=True)
def test_case_numbers_are_unique_when_many_register_at_once():
    """On PostgreSQL (CI): threads with their own connections. The SQLite test database is in memory with
    a shared cache, which answers a second writer 'table is locked' at once instead of waiting."""
    if connection.vendor == "sqlite":
        pytest.skip("needs PostgreSQL (DATABASE_URL): the in-memory SQLite test database has no busy wait")
    organization = Organization.objects.create(name="Samtidiga kommunen", slug="samtidiga-kommunen")
    numbers, errors = [], []

    def register(n: int) -> None:
        try:
            for i in range(5):
                numbers.append(register_case(organization, 2027, "KS", f"Ärende {n}-{i}").serial)
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, 31))


def test_reordering_moves_an_item_and_numbers_all_anew(world, client):
    meeting = world.meeting()
    login(client, world, "secretary")
    items = agenda.items(meeting)
    last = items[-1]
    answer = client.post(f"/sekretariat/sammantraden/{meeting.pk}/punkter/{last.pk}/flytta/", {"offset": "-2"})
    assert answer.status_code == 302
    after = agenda.items(meeting)
    assert [i.pk for i in after] == [i.pk for i in items[:-3]] + [last.pk] + [i.pk for i in items[-3:-1]]
    assert [i.number for i in after] == list(range(1, len(after) + 1))


def test_the_login_form_locks_a_user_name_out_after_the_failure_limit(client, django_user_model, settings):
    from tests.secretariat_world import PASSWORD

    django_user_model.objects.create_user("sekreterare-x", password=PASSWORD)
    limit = settings.AXES_FAILURE_LIMIT
    for attempt in range(1, limit + 1):
        response = client.post("/konto/logga-in/", {"username": "sekreterare-x", "password": "fel"})
        assert response.status_code == (429 if attempt == limit else 200), attempt
    assert client.post("/konto/logga-in/", {"username": "sekreterare-x", "password": PASSWORD}).status_code == 429
    assert "_auth_user_id" not in client.session


def test_confidential_documents_enter_neither_search_nor_the_apis(world, client):
    meeting = world.meeting(published=True)
    from paragraf.search.models import SearchEntry

    assert not SearchEntry.objects.filter(title__icontains="Hemlig").exists()
    assert not SearchEntry.objects.filter(text__icontains="Hemlig").exists()
    searched = client.get("/sok/", {"q": "Hemlig bilaga"})
    assert searched.status_code == 200 and "/dokument/" not in searched.content.decode()
    oparl = client.get(f"/oparl/v1.1/meeting/{meeting.pk}/")
    assert oparl.status_code == 200 and "Hemlig" not in oparl.content.decode()
    feed = client.get(f"/{world.body.slug}/beslut.atom")
    assert feed.status_code == 200 and "Hemlig" not in feed.content.decode()


def test_an_imported_case_on_a_prepared_agenda_keeps_its_path_and_the_body_lists_the_meeting(world, client):
    case = Case.objects.get(organization=world.body.organization, year=2023, serial=217)
    before = client.get(f"/arenden/{case.organization.slug}/2023-217/").content.decode()
    meeting = agenda.create_meeting(world.body, MEETING_DATE, datetime.time(13), "Sal A", world.users["secretary"])
    agenda.add_item(meeting, title="", section="Beslutsärenden till regionfullmäktige", case=case)
    publish(meeting, world.users["secretary"])
    after = client.get(f"/arenden/{case.organization.slug}/2023-217/").content.decode()
    assert 'datetime="2023-03-07"' in before and 'datetime="2023-03-07"' in after  # the imported steps stay
    assert 'datetime="2027-03-09"' not in before and 'datetime="2027-03-09"' in after  # the prepared meeting joins the path
    assert f"/{world.body.slug}/2027-03-09/" in client.get(f"/{world.body.slug}/").content.decode()


def test_a_meeting_prepared_like_the_seed_notice_reads_back_the_same_scored_one(world, tmp_path):
    """Regionstyrelsen 2023-03-07 (28 items, 38 called) authored in the secretariat: the notice PDF it
    publishes is read back by `paragraf parse` to the same meeting, agenda and called (score.py: 1.0)."""
    from paragraf.secretariat.typeset.notice import notice_pdf
    from tests.secretariat_notice import gold_of, only_meeting, read_back, scorer, seed_meeting

    _packet, seed = seed_meeting()
    meeting = Meeting.all_objects.create(body=world.body, date=MEETING_DATE, start_time=datetime.time.fromisoformat(seed["start_time"]),
                                         place=seed["place"], published=False)
    for a in seed["agenda"]:
        agenda.add_item(meeting, title=a["title"], section=a["section"] or "")
        AgendaItem.all_objects.filter(meeting=meeting, number=a["number"]).update(case_number=a["case_number"] or "")
    for p in seed["invited"]:
        agenda.add_called(meeting, p["name"], p["party"] or "", p["group"], p["role"] or "")
    parsed = read_back(notice_pdf(notices.notice_of(meeting)), tmp_path)
    expected = {**seed, "date": MEETING_DATE.isoformat()}
    result = scorer().combined(gold_of(expected, first_line=1), parsed)
    assert result["score"] == 1.0, result
    for measure in ("meetings", "agenda", "invited", "documents"):
        assert result[measure]["f1"] == 1.0, (measure, result[measure])
    got = only_meeting(parsed)
    assert (got["body"], got["date"], got["start_time"], got["place"]) == ("Regionstyrelsen", "2027-03-09", "13:00", "Sal A, Regionens hus")
    assert [(i["name"], i["party"], i["group"], i["role"]) for i in got["invited"]] == \
        [(i["name"], i["party"], i["group"], i["role"]) for i in seed["invited"]]
    assert [(a["number"], a["title"], a["case_number"], a["section"]) for a in got["agenda"]] == \
        [(a["number"], a["title"], a["case_number"], a["section"]) for a in seed["agenda"]]


def test_a_document_larger_than_the_limit_is_refused(world, client, settings):
    settings.PARAGRAF_MAX_DOCUMENT_MB = 0.001  # about 1 kB
    login(client, world, "secretary")
    case = world.case("Ärende med stor handling", ready=False)
    big = io.BytesIO(pdf_bytes("Stor handling", pages=3))
    big.name = "stor.pdf"
    answer = client.post(f"/sekretariat/arenden/{case.pk}/handlingar/", {
        "handling-title": "Stor", "handling-date": "2027-02-01", "handling-kind": "rapport", "handling-file": big})
    assert answer.status_code == 400 and "Filen är större än 0.001 MB" in answer.content.decode()
    assert not case.uploaded_documents.exists()


def test_a_packet_of_a_prepared_meeting_imported_later_makes_it_public_not_a_second_one(world, tmp_path):
    from paragraf.ingest.identity import MeetingHints
    from paragraf.records.importer import import_path
    from tests.conftest import CORPUS

    meeting = world.meeting()
    assert not meeting.published
    notice = (CORPUS / "000_9183b8d70dd3de41.txt").read_text(encoding="utf-8").split("\n")[:166]
    packet = tmp_path / "kallelse-2027-03-09.txt"
    packet.write_text("\n".join(notice).replace("2023-03-07", MEETING_DATE.isoformat()), encoding="utf-8")
    result = import_path(packet, hints=MeetingHints(organization=world.body.organization.name))
    assert result.ok, result.message
    same = Meeting.all_objects.filter(body__name="Regionstyrelsen", date=MEETING_DATE)
    assert [m.pk for m in same] == [meeting.pk] and same.get().published
    assert AgendaItem.objects.filter(meeting=meeting).count() == 28  # the packet's notice, by position


def test_every_change_to_a_meeting_being_prepared_is_in_the_audit_log_with_who_made_it(world, client):
    meeting = world.meeting()
    login(client, world, "secretary")
    client.post(f"/sekretariat/sammantraden/{meeting.pk}/punkter/", {"title": "Granskad punkt", "section": "", "presenter": "", "case": ""})
    client.post(f"/sekretariat/sammantraden/{meeting.pk}/", {"date": "2027-03-10", "start_time": "09:00", "place": "Sal B"})
    item = AgendaItem.all_objects.get(meeting=meeting, title="Granskad punkt")
    added = item.history.get()
    assert (added.history_type, added.history_user, added.title) == ("+", world.users["secretary"], "Granskad punkt")
    changed = Meeting.all_objects.get(pk=meeting.pk).history.order_by("-history_date").first()
    assert (changed.history_type, changed.history_user, changed.place) == ("~", world.users["secretary"], "Sal B")
    assert changed.prev_record.place == "Sal A, Regionens hus"  # before and after

"""What OParl consumers tripped over (issue 16), each on the corpus: removed records as stubs, the
parents' `modified`, a re-import that changes nothing, start times, parties and names, the System's
and Body's fields, HEAD, errors, page sizes, time zones and gzip."""
from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest
from django.utils import timezone

from paragraf.records.importer import import_path
from paragraf.records.models import Meeting, Paragraph, Person, SourceFile, Tombstone
from tests.conftest import CORPUS

pytestmark = pytest.mark.django_db
OPARL = "/oparl/v1.1/"


def oparl(client, path: str, status: int = 200, **params) -> dict:
    response = client.get(OPARL + path, params)
    assert response.status_code == status, (path, response.status_code, response.content[:300])
    return response.json()


def timestamps() -> dict:
    return {model.__name__: sorted(model.objects.values_list("pk", "modified")) for model in (Meeting, Paragraph, Person)} | {
        "SourceFile": sorted(SourceFile.objects.values_list("pk", "updated_at"))}


def test_a_forced_reimport_that_changes_nothing_moves_no_modified():
    before = timestamps()
    for packet in sorted(CORPUS.glob("*.txt")):
        assert import_path(packet, force=True).ok
    assert timestamps() == before


def test_a_removed_meeting_and_its_items_answer_as_deleted_and_are_listed_since(client):
    meeting = Meeting.objects.get(body__name="Styrgrupp för SBHSS")
    [paragraph] = meeting.paragraphs.all()
    case_id, meeting_id, paragraph_id = paragraph.case_id, meeting.pk, paragraph.pk
    since = (timezone.now() - dt.timedelta(seconds=1)).isoformat()
    meeting.delete()
    stub = oparl(client, f"meeting/{meeting_id}/")
    assert set(stub) == {"id", "type", "created", "modified", "deleted"} and stub["deleted"] is True
    assert oparl(client, f"agenda-item/paragraph/{paragraph_id}/")["deleted"] is True
    assert oparl(client, f"consultation/paragraph/{paragraph_id}/")["deleted"] is True
    assert Tombstone.objects.filter(kind="meeting", object_id=meeting_id).exists()
    listed = oparl(client, "body/1/meeting/", modified_since=since)["data"]
    assert [item["id"].rsplit("/", 2)[-2] for item in listed if item.get("deleted")] == [str(meeting_id)]
    assert not any(item.get("deleted") for item in oparl(client, "body/1/meeting/", limit=100)["data"])
    paper = oparl(client, f"paper/{case_id}/")  # the case lost a consultation: it changed
    assert dt.datetime.fromisoformat(paper["modified"]) >= dt.datetime.fromisoformat(since).replace(microsecond=0)


def test_an_address_that_never_held_an_object_is_a_json_404_with_cors(client):
    for path in ("meeting/999999/", "no-such-thing/", "body/1/nowhere/"):
        response = client.get(OPARL + path)
        assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
        assert response["Access-Control-Allow-Origin"] == "*" and "error" in json.dumps(response.json()).lower()


def test_a_changed_paragraph_moves_its_meeting(client):
    paragraph = Paragraph.objects.filter(meeting__body__name="Regionstyrelsen").first()
    before = Meeting.objects.get(pk=paragraph.meeting_id).modified
    paragraph.title = paragraph.title + " (rättad)"
    paragraph.save()
    assert Meeting.objects.get(pk=paragraph.meeting_id).modified > before


def test_a_meeting_without_a_time_starts_on_its_day_and_says_the_time_is_unknown(client):
    meeting = Meeting.objects.get(body__name="Styrgrupp för SBHSS")
    data = oparl(client, f"meeting/{meeting.pk}/")
    assert data["start"] == "2022-12-01T00:00:00+01:00" and data["paragraf:startTimeKnown"] is False
    known = oparl(client, f"meeting/{Meeting.objects.get(body__name='Regionstyrelsen', date='2023-01-31').pk}/")
    assert known["start"] == "2023-01-31T13:00:00+01:00" and known["paragraf:startTimeKnown"] is True


def test_people_have_given_and_family_names(client):
    for name, given, family in (("Rachel De Basso", "Rachel", "De Basso"), ("Håkan Karlsson Nyborg", "Håkan", "Karlsson Nyborg")):
        data = oparl(client, f"person/{Person.objects.get(name=name).pk}/")
        assert (data["givenName"], data["familyName"]) == (given, family)


def test_parties_are_organizations_of_type_partei_with_their_members(client):
    organizations = oparl(client, "body/1/organization/", limit=100)["data"]
    parties = {item["shortName"]: item for item in organizations if item["organizationType"] == "Partei"}
    assert {"S", "M", "KD", "C", "L", "SD", "BA", "V", "MP"} <= set(parties)
    person = Person.objects.get(name="Jimmy Ekström")
    data = oparl(client, f"person/{person.pk}/")
    [membership] = [m for m in data["membership"] if m["organization"] == parties["L"]["id"]]
    assert membership["id"] in parties["L"]["membership"]
    stand_alone = oparl(client, membership["id"].split(OPARL, 1)[1])
    assert stand_alone["person"] == data["id"] and stand_alone["organization"] == parties["L"]["id"]


def test_the_system_names_vendor_product_and_contact_and_the_body_its_short_name(client, settings):
    settings.PARAGRAF_OPARL_CONTACT_EMAIL = "oppna-data@example.se"
    system = oparl(client, "")
    assert system["vendor"].startswith("http") and system["product"].startswith("http")
    assert system["contactEmail"] == "oppna-data@example.se"
    assert oparl(client, "body/1/")["shortName"] == "Jönköpings län"


def test_elements_per_page_is_taken_as_the_page_size(client):
    page = oparl(client, "body/1/person/", elementsPerPage=7)
    assert len(page["data"]) == 7 and page["pagination"]["elementsPerPage"] == 7


def test_a_filter_time_without_a_zone_is_refused(client):
    error = oparl(client, "body/1/meeting/", 400, modified_since="2023-01-01T00:00:00")
    assert "modified_since" in json.dumps(error)
    assert oparl(client, "body/1/meeting/", modified_since="2023-01-01T00:00:00Z")["data"] is not None


def test_head_sends_no_body_on_pages_errors_and_the_api(client):
    for path, status in (("/", 200), ("/finns-inte/", 404), (OPARL, 200), (OPARL + "meeting/999999/", 404),
                         ("/api/v1/meetings/", 200)):
        get, head = client.get(path), client.head(path)
        assert (get.status_code, head.status_code) == (status, status), path
        assert head.content == b"" and get.content, path


def test_the_apis_answer_gzip_to_who_accepts_it_and_pages_do_not(client):
    response = client.get(OPARL + "body/1/meeting/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content))["data"]
    assert not client.get("/", HTTP_ACCEPT_ENCODING="gzip").has_header("Content-Encoding")


def test_the_native_api_and_an_export_since_carry_the_removal(client):
    from paragraf.exchange.export import jsonl_lines
    from paragraf.exchange.importer import DumpError, import_dump

    meeting = Meeting.objects.get(body__name="Styrgrupp för SBHSS")
    meeting_id = meeting.pk
    since = timezone.now()  # after the corpus was stored
    meeting.delete()
    removed = client.get("/api/v1/removed/", {"modified_since": since.isoformat()}).json()["results"]
    assert {(row["kind"], row["record"]) for row in removed} >= {("meeting", meeting_id)}
    assert next(row for row in removed if row["kind"] == "meeting")["url"].endswith(f"/api/v1/meetings/{meeting_id}/")
    lines = [json.loads(line) for line in "".join(jsonl_lines(None, since)).splitlines()]
    assert lines[0]["since"] == since.isoformat()
    models = {line["model"] for line in lines[1:]}
    assert "tombstone" in models and "indicator" not in models  # the indicators did not change
    assert any(line["model"] == "tombstone" and line["fields"]["object_id"] == meeting_id for line in lines[1:])
    with pytest.raises(DumpError, match="no whole database"):
        import_dump(line.encode() + b"\n" for line in "".join(jsonl_lines(None, since)).splitlines())


def test_a_place_no_meeting_is_held_at_any_more_answers_as_deleted(client):
    meeting = Meeting.objects.get(body__name="Nämnd för trafik, infrastruktur och miljö", date="2023-02-22")
    assert meeting.place == "Mullsjö Hotell och Konferens"  # no other meeting of the corpus was held there
    address = f"body/1/location/{'mullsjo-hotell-och-konferens'}/"
    assert oparl(client, address)["description"] == meeting.place
    since = timezone.now()
    meeting.delete()
    stub = oparl(client, address)
    assert set(stub) == {"id", "type", "created", "modified", "deleted"} and stub["deleted"] is True
    listed = oparl(client, "body/1/location/", modified_since=since.isoformat())["data"]
    assert [item["id"] for item in listed if item.get("deleted")] == [stub["id"]]
    assert not any(item.get("deleted") for item in oparl(client, "body/1/location/")["data"])
    shared = Meeting.objects.filter(place="Digitalt").first()  # other meetings are held there too
    shared.delete()
    assert oparl(client, "body/1/location/digitalt/")["deleted"] is False


def test_who_a_reservation_means_changed_from_either_side_moves_the_people():
    from paragraf.records.models import Dissent

    dissent = Dissent.objects.filter(people__isnull=False).first()
    person = Person.objects.exclude(pk__in=dissent.people.values("pk")).first()
    before = Person.objects.get(pk=person.pk).modified
    person.dissents.add(dissent)  # from the person's side
    assert Person.objects.get(pk=person.pk).modified > before
    other = dissent.people.exclude(pk=person.pk).first()
    before = Person.objects.get(pk=other.pk).modified
    dissent.people.remove(other)
    assert Person.objects.get(pk=other.pk).modified > before

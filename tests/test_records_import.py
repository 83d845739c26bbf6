"""Importing the corpus into the records database: cases across bodies, people, idempotency, overrides, bad input."""
from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps

from paragraf.records.cases import case_path
from paragraf.records.importer import import_path
from paragraf.ingest.version import parser_version
from paragraf.records.models import Body, Case, Meeting, Organization, Override, Paragraph, ParagraphCopy, Person, SourceFile, Vote
from paragraf.records.resolve import Bodies, Parties, People
from paragraf.records.stats import explain_body_lines, explain_person_lines, stats_lines
from tests.admin_forms import change_form_data
from tests.conftest import CORPUS

pytestmark = pytest.mark.django_db
PACKETS = sorted(CORPUS.glob("*.txt"))


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in apps.get_app_config("records").get_models()}


def ids(model) -> list[int]:
    return list(model.objects.order_by("pk").values_list("pk", flat=True))


def test_case_lists_its_path_through_the_bodies_in_date_order():
    case = Case.objects.get(year=2023, serial=217)
    assert case.number == "RJL 2023/217"
    steps = [(s.date, s.kind, s.body) for s in case_path(case)]
    assert steps == [
        (dt.date(2023, 1, 24), "document", None),
        (dt.date(2023, 2, 8), "paragraph", "Presidium - Nämnd för trafik, infrastruktur och miljö"),
        (dt.date(2023, 2, 22), "paragraph", "Nämnd för trafik, infrastruktur och miljö"),
        (dt.date(2023, 3, 7), "agenda_item", "Regionstyrelsen"),
    ]
    staff_report = case_path(case)[0].record
    assert staff_report.case_number.endswith("2023/217") and staff_report.source_file.name == PACKETS[0].name


def test_bare_and_prefixed_case_numbers_are_one_case():
    case = Case.objects.get(year=2023, serial=217)
    item = case.agenda_items.get()
    assert item.case_number in ("2023/217", "RJL 2023/217")
    assert {p.case_id for p in case.paragraphs.all()} == {case.pk}
    assert Case.objects.filter(year=2023, serial=217).count() == 1


def test_importing_both_packets_again_changes_nothing():
    before, before_ids = counts(), {m: ids(m) for m in (Meeting, Paragraph, Person, Vote)}
    for packet in PACKETS:
        assert import_path(packet).status == "unchanged"
    assert counts() == before
    # A new parser version updates the same rows in place.
    SourceFile.objects.update(parser_version="0.0.0+older")
    for packet in PACKETS:
        assert import_path(packet).status == "updated"
    assert set(SourceFile.objects.values_list("parser_version", flat=True)) == {parser_version()}
    assert counts() == before
    assert {m: ids(m) for m in (Meeting, Paragraph, Person, Vote)} == before_ids


def test_people_with_the_same_name_in_different_parties_stay_two():
    lundgren = Person.objects.filter(name="Pontus Lundgren").order_by("party__abbreviation")
    assert [p.party.abbreviation for p in lundgren] == ["BA", "M"]
    vote = Vote.objects.get(paragraph__number=14, paragraph__meeting__date=dt.date(2023, 1, 31))
    assert (vote.yes, vote.no) == (9, 6)
    lundgren_ballots = vote.ballots.filter(name="Pontus Lundgren")
    assert {b.person.party.abbreviation for b in lundgren_ballots} == {"M", "BA"}
    assert vote.ballots.filter(person__isnull=True).count() == 0


def test_one_person_under_several_spellings():
    assert Person.objects.filter(name__contains="Nyborg").count() == 1
    person = Person.objects.get(name="Håkan Karlsson Nyborg")
    assert person.party.abbreviation == "SD"
    people = People(Parties(), person.organization)
    assert people.get("Håkan Nyborg Karlsson", "SD") == person
    assert people.get("Håkan Nyborg", "SD") == person
    assert people.get("Håkan Nyborg", None) == person
    explained = "\n".join(explain_person_lines("Nyborg"))
    assert "'Håkan Nyborg Karlsson': samma namndelar i annan ordning" in explained
    assert "'Håkan Nyborg': kortare namnform" in explained
    assert Person.objects.filter(name__contains="Nyborg").count() == 1


def test_a_different_person_is_not_merged():
    people = People(Parties(), Organization.objects.get(name="Region Jönköpings län"))
    other = people.get("Håkan Karlsson", "S")
    assert other.name == "Håkan Karlsson" and other != Person.objects.get(name="Håkan Karlsson Nyborg")
    assert people.get("Pontus Lundgren", None) is None  # two people of that name: not guessed


def test_body_spellings_resolve_to_one_body():
    body = Body.objects.get(name="Nämnd för folkhälsa och sjukvård")
    bodies = Bodies(body.organization)
    assert bodies.get("nämnd FS") == body
    assert bodies.get("Folkhälsa och sjukvårdsnämnden") == body
    assert bodies.get("Nämnden för folkhälsa och sjukvård") == body
    presidium = Body.objects.get(name="Presidium - Nämnd för folkhälsa och sjukvård")
    assert presidium.kind == "presidium" and presidium.parent == body
    assert bodies.get("Nämnd för trafik, infrastruktur och miljö") != body
    explained = "\n".join(explain_body_lines("FS"))
    assert "förkortningen FS är initialerna i Nämnd för folkhälsa och sjukvård" in explained


def test_meeting_recorded_in_minutes_and_extracts_is_stored_once():
    meeting = Meeting.objects.get(body__name="Regionstyrelsen", date=dt.date(2023, 1, 31))
    assert meeting.paragraphs.count() == 47
    assert set(meeting.sources) >= {"protokoll", "protokollsutdrag"}
    assert meeting.minutes_source.name == PACKETS[0].name
    assert meeting.attendances.filter(replaces__isnull=False).exists()
    # Every record points to its lines in the source file.
    paragraph = meeting.paragraphs.get(number=14)
    text = paragraph.source_file.text.split("\n")
    assert "14" in text[paragraph.first_line - 1] and paragraph.last_line > paragraph.first_line


def test_stats_counts_meetings_once():
    lines = stats_lines()
    assert "  Regionstyrelsen 2023-01-31: 47 §, once (protokoll, protokollsutdrag)" in lines


def test_memberships_from_notices_and_minutes():
    person = Person.objects.get(name="Håkan Karlsson Nyborg")
    bodies = {m.body.name for m in person.memberships.all()}
    assert {"Regionstyrelsen", "Nämnd för folkhälsa och sjukvård"} <= bodies
    chair = Person.objects.get(name="Rachel De Basso").memberships.get(body__name="Regionstyrelsen", role="chair")
    assert (chair.first_seen, chair.last_seen) == (dt.date(2023, 1, 31), dt.date(2023, 3, 7))
    assert chair.term.name == "2023–2026"


def test_staff_correction_in_the_admin_survives_reimport(client, django_user_model):
    admin = django_user_model.objects.create_superuser("sekreterare", password="pw-for-tests")
    client.force_login(admin)
    paragraph = Paragraph.objects.get(number=14, meeting__date=dt.date(2023, 1, 31))
    imported_title = paragraph.title
    url = f"/admin/records/paragraph/{paragraph.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and "Beslut".encode() in page.content  # Swedish labels
    data = change_form_data(page, ("proposals", "dissents"))
    data.update({"title": "Motion – Bättre vård för patienter med lipödem (rättad)"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    override = Override.objects.get(field="title")
    assert override.imported_value == imported_title and override.corrected_by == "sekreterare"
    assert import_path(PACKETS[0], force=True).status == "updated"
    paragraph.refresh_from_db()
    assert paragraph.title == "Motion – Bättre vård för patienter med lipödem (rättad)"


def test_paragraph_copies_are_listed():
    copies = ParagraphCopy.objects.filter(paragraph__meeting__body__name="Regionstyrelsen", paragraph__number=14)
    assert copies.count() >= 1

"""Facts about people (`records/serving.py`, `records/facts.py`): who served at each §, attendance
and absence, reservations by party groups, joint proposals, secret ballots, elections and
nominations, cited case steps; on the corpus, on invented minutes, and the same on every surface."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from paragraf.ingest import parse_path
from paragraf.records import serving
from paragraf.records.cases import case_path
from paragraf.records.facts import party_facts, person_facts
from paragraf.records.importer import import_path
from paragraf.records.models import Attendance, Case, Election, Invitation, Meeting, Membership, Party, Person, Seat
from paragraf.records.overrides import record_override
from tests.conftest import CORPUS

pytestmark = pytest.mark.django_db
INVENTED = Path(__file__).parent / "minutes" / "invented-service.txt"
CORPUS_MINUTES = CORPUS / "000_9183b8d70dd3de41.txt"  # the minutes of Regionstyrelsen 2023-01-31
FACT_RE = re.compile(r'<span data-fact="(?P<name>\w+)">(?P<value>\d+)</span>')


def rs_paragraph(number: int):
    return Meeting.objects.get(body__name="Regionstyrelsen", date="2023-01-31").paragraphs.get(number=number)


def person(name: str) -> Person:
    return Person.objects.get(name=name)


# ---------------------------------------------------------------- the corpus


def test_the_group_reservation_of_paragraph_14_means_the_six_members_who_served_and_nobody_else():
    dissent = rs_paragraph(14).dissents.get()
    assert dissent.text.startswith("Ledamöterna för Kristdemokraterna, Centerpartiet, Liberalerna och Sverigedemokraterna")
    six = {"Maria Frisk", "Joseph Tornell", "Per Eriksson", "Jimmy Ekström", "Håkan Karlsson Nyborg", "Hampus Bergh"}
    assert {p.name for p in dissent.people.all()} == six
    for name in six:
        assert dissent in person_facts(person(name)).reservations
    others = Person.objects.exclude(name__in=six)
    assert not any(dissent in facts.reservations for facts in map(person_facts, others))


def test_every_group_reservation_of_the_corpus_is_credited_to_the_members_of_those_parties_who_served():
    meeting = Meeting.objects.get(body__name="Regionstyrelsen", date="2023-01-31")
    seats = serving.service(meeting)
    for paragraph in meeting.paragraphs.prefetch_related("dissents__people"):
        at = seats.serving_at(paragraph.number)
        for dissent in paragraph.dissents.all():
            people = list(dissent.people.all())
            assert people, dissent.text
            parties = {p.party.abbreviation for p in people}
            assert {s.person_id for s in at if s.party in parties} == {p.pk for p in people}, dissent.text


def test_annelie_borgstrom_is_a_member_absent_and_replaced_by_nena_stamenkovic():
    borgstrom = person("Annelie Borgström")
    assert Membership.objects.filter(person=borgstrom, body__name="Regionstyrelsen", role="member").exists()
    facts = person_facts(borgstrom)
    [meeting] = [m for m in facts.meetings if m.meeting.body.name == "Regionstyrelsen"]
    assert (str(meeting.meeting.date), meeting.status, meeting.replaced_by) == ("2023-01-31", "replaced", ["Nena Stamenkovic"])
    assert (facts.expected, facts.attended, facts.absent, facts.rate) == (1, 0, 1, 0.0)
    stamenkovic = person_facts(person("Nena Stamenkovic"))
    [served] = [m for m in stamenkovic.meetings if str(m.meeting.date) == "2023-01-31"]
    assert (served.status, served.serves_for) == ("substitute", "Annelie Borgström")


def test_the_members_table_of_the_body_lists_the_replaced_member(client):
    html = client.get("/regionstyrelsen/").content.decode()
    assert "Annelie Borgström" in html and "Martin Nedergaard-Hansen" in html


def test_no_party_shows_full_attendance_when_its_members_were_replaced():
    for abbreviation, replaced in (("S", "Annelie Borgström"), ("BA", "Martin Nedergaard-Hansen")):
        facts = party_facts(Party.objects.get(abbreviation=abbreviation))
        assert facts.rate is not None and facts.rate < 1, abbreviation
        facts = person_facts(person(replaced))
        assert facts.rate < 1 and any(m.status == "replaced" for m in facts.meetings), replaced


def test_councillors_listed_in_a_notice_for_information_are_no_members():
    councillors = Invitation.objects.filter(group="regionråd").select_related("meeting")
    assert councillors.count() > 5
    for invitation in councillors:
        body = invitation.meeting.body_id
        seen_there = (Attendance.objects.filter(person=invitation.person, meeting__body=body).exists()
                      or Invitation.objects.filter(person=invitation.person, meeting__body=body,
                                                   group__in=["ledamot", "ersättare"]).exists())
        membership = Membership.objects.filter(person=invitation.person, body=body).exists()
        assert membership == seen_there, invitation.name
    assert not Membership.objects.filter(person__name="Marcus Eskdahl").exists()


def test_every_proposer_of_paragraph_14_is_credited():
    joint = next(p for p in rs_paragraph(14).proposals.all() if p.proposers.count() > 1)
    names = {"Maria Frisk", "Per Eriksson", "Jimmy Ekström", "Håkan Karlsson Nyborg"}
    assert {p.name for p in joint.proposers.all()} == names
    for name in names:
        assert joint in person_facts(person(name)).proposals


def test_the_secret_ballot_of_paragraph_24_has_two_candidates_and_blank_ballots_and_no_names():
    [vote] = rs_paragraph(24).votes.all()
    assert vote.method == "secret"
    assert [(o["label"], o["party"], o["count"]) for o in vote.options] == [("Per Eriksson", "C", 4), ("Håkan Karlsson Nyborg", "SD", 2)]
    assert vote.abstain == 9 and not vote.ballots.exists()


def test_the_secret_ballot_page_shows_candidates_and_blanks_not_yes_and_no(client):
    html = client.get("/regionstyrelsen/2023-01-31/24/").content.decode()
    assert "Sluten omröstning: Per Eriksson (C) 4, Håkan Karlsson Nyborg (SD) 2, 9 blanka" in html
    assert "4 ja" not in html


def test_the_native_api_gives_the_candidates_of_the_ballot_with_their_party(client):
    data = client.get(f"/api/v1/paragraphs/{rs_paragraph(24).pk}/").json()
    [vote] = data["votes"]
    assert (vote["method"], vote["abstain"]) == ("secret", 9)
    assert vote["options"] == [{"label": "Per Eriksson", "party": "C", "count": 4},
                               {"label": "Håkan Karlsson Nyborg", "party": "SD", "count": 2}]


def test_the_sub_committees_of_paragraph_38_in_the_packet_contract_are_where_each_person_sits():
    packet = parse_path(CORPUS_MINUTES)
    [meeting] = [m for m in packet["meetings"] if (m["body"], m["date"]) == ("Regionstyrelsen", "2023-01-31")]
    [p38] = [p for p in meeting["paragraphs"] if p["number"] == 38]
    seats = [(e["name"], e["organisation"]) for e in p38["elections"]]
    assert len(seats) == len(set(seats)), "a person appears twice for the same organisation"
    assert {"Regional utveckling", "Infrastrukturplanering", "Kollektivtrafik", "Kultur"} <= {o for _, o in seats}
    assert {e["part_of"] for e in p38["elections"]} == {"Regionsamverkan Sydsverige – utskott"}


def test_the_open_vote_of_paragraph_14_says_what_ja_and_nej_stood_for(client):
    [vote] = rs_paragraph(14).votes.all()
    assert vote.yes_option == "att anse motionens första att-sats vara besvarad"
    assert vote.no_option == "att bifalla motionens första att-sats"
    html = client.get(f"/personer/{person('Jimmy Ekström').slug}/").content.decode()
    assert "Nej för att bifalla motionens första att-sats" in html


def test_the_adjusters_of_paragraph_1_are_no_election():
    assert not rs_paragraph(1).elections.exists()


def test_the_sub_committees_of_paragraph_38_are_kept_with_post_and_part():
    elections = list(rs_paragraph(38).elections.all())
    assert elections and all(e.kind == "election" and e.post and e.period == "2023-2026" for e in elections)
    parts = {e.sub_body for e in elections}
    assert {"Regional utveckling", "Infrastrukturplanering", "Kollektivtrafik", "Kultur"} <= parts
    # the same person elected to two parts is two elections, one per part
    svenberg = [e.sub_body for e in elections if e.name == "Per Svenberg"]
    assert sorted(svenberg) == ["Infrastrukturplanering", "Kollektivtrafik"]


def test_the_nominations_of_paragraph_45_are_no_elections():
    appointments = list(rs_paragraph(45).elections.all())
    assert appointments and {e.kind for e in appointments} == {"nomination"}
    assert {e.name for e in appointments} == {"Per Svenberg", "Nena Stamenkovic", "Tommie Ekered", "Kristina Carlo"}
    facts = person_facts(person("Kristina Carlo"))
    assert [e.paragraph.number for e in facts.nominations] == [45] and 45 not in [e.paragraph.number for e in facts.elections]


def test_the_path_of_a_case_holds_the_steps_its_documents_cite():
    path = case_path(Case.objects.get(year=2022, serial=1409))
    cited = [(str(s.date), s.body) for s in path if s.kind == "cited"]
    assert ("2022-06-02", "Regionfullmäktiges presidium") in cited
    assert ("2022-12-14", "Nämnd för folkhälsa och sjukvård") in cited
    assert [s.kind for s in path][-1] == "paragraph"
    step = next(s for s in path if s.kind == "cited" and str(s.date) == "2022-06-02")
    assert step.record.text == "Protokollsutdrag regionfullmäktiges presidium 2022-06-02"
    assert step.record.paragraph == rs_paragraph(14) and step.record.first_line is not None


def test_a_cited_step_a_packet_holds_itself_is_not_repeated():
    path = case_path(Case.objects.get(year=2023, serial=217))
    assert [s.kind for s in path] == ["document", "paragraph", "paragraph", "agenda_item"]


def test_the_case_page_marks_cited_steps(client):
    html = client.get(f"/arenden/{Case.objects.get(year=2022, serial=1409).organization.slug}/2022-1409/").content.decode()
    assert "Regionfullmäktiges presidium" in html and "steget finns inte i någon inläst handling" in html


def test_paragraph_14_keeps_all_ten_items_of_its_basis():
    assert len(rs_paragraph(14).basis) == 10


# ---------------------------------------------------------------- invented minutes


@pytest.fixture
def invented():
    result = import_path(INVENTED)
    assert result.ok, result.message
    return Meeting.objects.get(body__name="Tekniska nämnden", date="2025-03-11")


def seat_names(service: serving.Service, number: int) -> set[str]:
    return {s.name for s in service.serving_at(number)}


def test_who_served_at_each_paragraph_follows_the_restrictions_of_the_minutes(invented):
    service = serving.service(invented)
    always = {"Anna Berg", "Eva Lund", "Nils Vik", "Olle Nord", "Karin Sund"}
    assert seat_names(service, 1) == always | {"Per Ek", "Maja Ros"}
    assert seat_names(service, 3) == always | {"Per Ek", "Lars Ström"}  # a substitute from § 3
    assert seat_names(service, 5) == always | {"Sofia Dahl", "Lars Ström"}  # a member leaving at § 5
    assert all(len(service.serving_at(n)) == 7 for n in range(1, 7))


def test_each_persons_part_in_the_invented_meeting(invented):
    parts = {seat.name: (seat.status, seat.serves_for, [n for _, n in seat.replaced_by])
             for seat in serving.service(invented).by_person().values()}
    assert parts["Per Ek"] == ("serving", "", ["Sofia Dahl"])  # served §§ 1-4, replaced after
    assert parts["Sofia Dahl"] == ("substitute", "Per Ek", [])
    assert parts["Lars Ström"] == ("substitute", "Maja Ros", [])
    assert parts["Gustav Holm"] == ("replaced", "", ["Nils Vik"])
    assert parts["Tove Alm"] == ("present", "", [])
    facts = person_facts(person("Per Ek"))
    assert (facts.expected, facts.attended) == (1, 1) and facts.meetings[0].paragraphs == "§§ 1-4"
    assert (person_facts(person("Gustav Holm")).expected, person_facts(person("Gustav Holm")).attended) == (1, 0)


def test_a_group_reservation_by_two_parties_means_their_members_serving_at_that_paragraph(invented):
    by_number = {p.number: p for p in invented.paragraphs.prefetch_related("dissents__people")}
    # § 3: Centerpartiet and Kristdemokraterna; Gustav Holm (C) is absent, his substitute served
    assert {p.name for p in by_number[3].dissents.get().people.all()} == {"Eva Lund", "Nils Vik", "Olle Nord"}
    # § 5: Sverigedemokraterna and Moderaterna; the members who left before § 5 are not meant
    assert {p.name for p in by_number[5].dissents.get().people.all()} == {"Lars Ström", "Sofia Dahl"}
    assert person_facts(person("Per Ek")).reservations == []


def test_a_joint_proposal_and_a_vote_with_its_options_in_invented_minutes(invented):
    paragraphs = {p.number: p for p in invented.paragraphs.all()}
    [proposal] = paragraphs[3].proposals.all()
    assert {p.name for p in proposal.proposers.all()} == {"Olle Nord", "Eva Lund"}
    [vote] = paragraphs[4].votes.all()
    assert (vote.yes, vote.no, vote.yes_option, vote.no_option) == (6, 1, "bifall till förslaget", "avslag")
    [ballot] = person_facts(person("Per Ek")).ballots
    assert (ballot.choice, ballot.option) == ("no", "avslag")


def test_members_called_to_a_meeting_without_minutes_are_called_not_absent():
    meeting = Meeting.objects.get(body__name="Regionstyrelsen", date="2023-03-07")
    assert not meeting.attendances.exists() and meeting.invitations.filter(group="ledamot").exists()
    statuses = {seat.status for seat in serving.service(meeting).seats}
    assert statuses == {"called"}
    called = meeting.invitations.filter(group="ledamot", person__isnull=False).first().person
    facts = person_facts(called)
    assert facts.called >= 1 and all(m.status != "absent" for m in facts.meetings if m.meeting == meeting)


# ---------------------------------------------------------------- the same facts everywhere


def portal_facts(client, person_: Person) -> dict[str, int]:
    html = client.get(f"/personer/{person_.slug}/").content.decode()
    return {m["name"]: int(m["value"]) for m in FACT_RE.finditer(html)}


def test_portal_native_api_and_oparl_show_the_same_facts_for_every_person_of_the_corpus(client):
    people = list(Person.objects.order_by("pk"))
    assert len(people) > 80
    for person_ in people:
        expected = person_facts(person_).summary()
        assert portal_facts(client, person_) == expected, person_.name
        assert client.get(f"/api/v1/people/{person_.pk}/").json()["facts"] == expected, person_.name
        assert client.get(f"/oparl/v1.1/person/{person_.pk}/").json()["paragraf:facts"] == expected, person_.name


def test_the_party_page_sums_its_people(client):
    party = Party.objects.get(abbreviation="SD")
    facts = party_facts(party)
    html = client.get("/partier/SD/").content.decode()
    shown = {m["name"]: int(m["value"]) for m in FACT_RE.finditer(html)}
    assert shown == facts.summary()
    # a reservation several of them share counts once
    assert shown["reservations"] == len({d.pk for p, _ in facts.people for d in person_facts(p).reservations}) >= 6
    assert shown["attended_as_member"] == sum(counts["attended_as_member"] for _, counts in facts.people)


def test_every_election_of_the_corpus_is_an_election_or_a_nomination_with_a_post():
    kinds = set(Election.objects.values_list("kind", flat=True))
    assert kinds == {"election", "nomination"}
    assert not Election.objects.filter(post="").exists()


# ---------------------------------------------------------------- staff corrections


def test_a_corrected_reservation_text_is_resolved_again_on_reimport():
    dissent = rs_paragraph(24).dissents.get()
    imported = dissent.text
    dissent.text = "Ledamöterna för Liberalerna reserverar sig mot beslutet."
    dissent.save()
    record_override(dissent, "text", imported, user="sekreterare")
    assert import_path(CORPUS_MINUTES, force=True).status == "updated"
    assert {p.name for p in rs_paragraph(24).dissents.get().people.all()} == {"Jimmy Ekström"}


def test_a_corrected_proposal_text_corrects_who_proposed_on_reimport():
    proposal = next(p for p in rs_paragraph(14).proposals.all() if p.proposers.count() > 1)
    imported = proposal.text
    proposal.text = "Maria Frisk (KD) och Per Eriksson (C) yrkar bifall till motionens första att-sats."
    proposal.save()
    record_override(proposal, "text", imported, user="sekreterare")
    assert import_path(CORPUS_MINUTES, force=True).status == "updated"
    corrected = next(p for p in rs_paragraph(14).proposals.all() if p.proposers.count() > 1)
    assert {p.name for p in corrected.proposers.all()} == {"Maria Frisk", "Per Eriksson"}
    assert corrected not in person_facts(person("Jimmy Ekström")).proposals



# ---------------------------------------------------------------- stored seats


def test_the_stored_seats_are_what_serving_derives_for_every_meeting():
    for meeting in Meeting.objects.all():
        derived = {pk: (seat.status, seat.serves_for) for pk, seat in serving.service(meeting).by_person().items()}
        stored = {seat.person_id: (seat.status, seat.serves_for) for seat in Seat.objects.filter(meeting=meeting)}
        assert stored == derived, meeting


def correct_in_admin(client, django_user_model, row, **changes) -> None:
    """A secretary changes fields of an attendance row in the admin and saves."""
    client.force_login(django_user_model.objects.create_superuser("sekreterare", password="pw-for-tests"))
    url = f"/admin/records/attendance/{row.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() if form[name].value() is not None else "" for name in form.fields}
    assert client.post(url, {**data, **changes}).status_code == 302


def test_a_corrected_attendance_in_the_admin_derives_the_seats_again(client, django_user_model):
    meeting = Meeting.objects.get(body__name="Regionstyrelsen", date="2023-01-31")
    row = meeting.attendances.get(name="Nena Stamenkovic")
    correct_in_admin(client, django_user_model, row, replaces="", replaces_name="")  # she served for nobody
    assert Seat.objects.get(meeting=meeting, person=row.person).status == "serving"
    assert not Seat.objects.filter(meeting=meeting, person__name="Annelie Borgström", status="replaced").exists()


def test_a_corrected_party_in_the_attendance_changes_who_a_group_reservation_means(client, django_user_model):
    meeting = Meeting.objects.get(body__name="Regionstyrelsen", date="2023-01-31")
    row = meeting.attendances.get(name="Hampus Bergh")
    correct_in_admin(client, django_user_model, row, party="KD")  # the minutes printed the wrong party
    sd_only = meeting.paragraphs.get(number=34).dissents.get()  # `Ledamöterna för Sverigedemokraterna …`
    assert {p.name for p in sd_only.people.all()} == {"Håkan Karlsson Nyborg"}


def test_counts_cover_the_whole_record_and_lists_the_latest():
    person_ = person("Nena Stamenkovic")
    whole, latest = person_facts(person_), person_facts(person_, limit=1)
    assert whole.summary() == latest.summary() and whole.meeting_count > 1
    assert len(latest.meetings) == 1 and latest.meetings[0] == whole.meetings[0]
    assert whole.meetings[0].meeting.date == max(m.meeting.date for m in whole.meetings)


def test_the_admin_picks_a_person_by_searching_and_names_their_organisation(client, django_user_model):
    """The person fields of a corrected record are searched (autocomplete), not a list of every organisation's
    people, and each person found is shown with their organisation."""
    client.force_login(django_user_model.objects.create_superuser("sekreterare", password="pw-for-tests"))
    row = Meeting.objects.get(body__name="Regionstyrelsen", date="2023-01-31").attendances.get(name="Nena Stamenkovic")
    page = client.get(f"/admin/records/attendance/{row.pk}/change/").content.decode()
    for field in ("person", "replaces"):
        select = page.split(f'<select name="{field}"', 1)[1].split("</select>", 1)[0]
        assert 'class="admin-autocomplete"' in select.split(">", 1)[0]
        assert select.count("<option") <= 2  # the blank and the current person, not the register
    found = client.get("/admin/autocomplete/", {"app_label": "records", "model_name": "attendance",
                                                "field_name": "person", "term": "Stamenkovic"}).json()["results"]
    assert [r["text"] for r in found] == [f"{row.person.name} ({row.person.party}), Region Jönköpings län"]

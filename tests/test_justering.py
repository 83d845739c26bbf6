"""From the recorded meeting to the posted minutes: the minutes PDF signed by the chair and two
adjusters (three valid PAdES signatures), the signed minutes read into the records, the meeting locked,
the posting on the notice board with the appeal date."""
from __future__ import annotations

import datetime

import pytest
from django.db import DatabaseError, transaction

from paragraf.records.models import Ballot, Dissent, Meeting, Paragraph, Vote
from paragraf.secretariat import justering as signoff
from paragraf.secretariat import recording
from paragraf.review.dates import posting_dates
from paragraf.secretariat.minutes_pdf import for_signing, minutes_of
from paragraf.secretariat.models import Justering, Posting
from paragraf.secretariat.signing.local_ca import LocalCA, init_ca
from paragraf.secretariat.signing.validation import validate
from tests.secretariat_world import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def ca(tmp_path) -> LocalCA:
    return init_ca(tmp_path / "ca")


@pytest.fixture
def recorded():
    """A published meeting of Regionstyrelsen recorded: one member absent and replaced, an open vote
    at the ready case's §, a reservation there, decisions and recipients."""
    world = World.build()
    meeting = world.meeting(published=True)
    draft = recording.draft_of(meeting)
    rec = recording.from_json(draft.content)
    absent = next(e for e in rec.roll if e.ordinary and not e.role)
    rec = recording.roll_call(rec, {e.key for e in rec.roll} - {absent.key}, {})
    members = [e.key for e in rec.roll if e.ordinary and e.key != rec.chair]
    rec.adjusters, rec.secretary, rec.end_time = members[:2], "Nathalie Bijelic Eriksson", "15:40"
    for p in rec.paragraphs:
        p.decision = f"Regionstyrelsen beslutar i ärendet {p.title.lower()}."
    case = next(p for p in rec.paragraphs if p.case_number)
    case.recipients = ["Regionfullmäktige"]
    serving = rec.serving(case.number)
    ballots = {name: ("no" if i >= 9 else "yes") for i, name in enumerate(serving)}
    recording.record_open_vote(rec, case.number, ballots, "att bifalla förslaget", "att avslå förslaget")
    recording.record_reservation(rec, case.number, serving[9:11], "")
    recording.save(draft, rec, draft.revision, world.users["secretary"])
    return world, meeting, rec, case.number


def test_three_signatures_justerar_posts_and_locks_the_meeting(recorded, ca):
    world, meeting, rec, number = recorded
    names = [rec.name_of(key) for key in [rec.chair, *rec.adjusters]]
    pdf, boxes = for_signing(meeting, rec)
    assert set(boxes) == set(names)
    justering = signoff.start(meeting, pdf, names[0], names[1:], boxes)
    assert justering.deadline == datetime.date(2027, 3, 23)
    for name in names:
        assert not Meeting.all_objects.get(pk=meeting.pk).locked
        signoff.sign(justering, name, ca)
    justering = Justering.objects.get(pk=justering.pk)
    assert justering.completed is not None and signoff.waiting(justering) == []

    statuses = validate(bytes(justering.signed_pdf), [ca.root_pem])
    assert [s.signer for s in statuses] == names
    assert all(s.intact and s.valid and s.trusted for s in statuses)

    meeting = Meeting.all_objects.get(pk=meeting.pk)
    assert meeting.locked and meeting.minutes_source is not None
    vote = Vote.objects.get(paragraph__meeting=meeting, paragraph__number=number)
    assert (vote.yes, vote.no, vote.abstain) == (9, 6, 0)
    assert Ballot.objects.filter(vote=vote).count() == 15
    assert Dissent.objects.filter(paragraph__meeting=meeting, paragraph__number=number).count() == 1
    assert Paragraph.objects.filter(meeting=meeting).count() == len(rec.paragraphs)

    posting = Posting.objects.get(meeting=meeting)
    dates = posting_dates(posting.posted)
    assert (posting.appeal_last_day, posting.taken_down) == (dates.appeal_last_day, dates.taken_down)
    with pytest.raises(DatabaseError, match="justerad"), transaction.atomic():
        Paragraph.objects.filter(meeting=meeting).update(decision="Ändrat efter justeringen")


def test_only_the_named_sign_and_each_once(recorded, ca):
    _world, meeting, rec, _number = recorded
    chair = rec.name_of(rec.chair)
    justering = signoff.start(meeting, minutes_of(meeting, rec), chair, [rec.name_of(key) for key in rec.adjusters])
    with pytest.raises(signoff.JusteringError, match="Adam Starck ska inte justera"):
        signoff.sign(justering, "Adam Starck", ca)
    signoff.sign(justering, chair, ca)
    with pytest.raises(signoff.JusteringError, match="har redan justerat"):
        signoff.sign(justering, chair, ca)


def test_after_justering_the_recording_pages_and_the_admin_refuse_changes_and_log_them(recorded, ca, client, caplog):
    world, meeting, rec, number = recorded
    names = [rec.name_of(key) for key in [rec.chair, *rec.adjusters]]
    justering = signoff.start(meeting, minutes_of(meeting, rec), names[0], names[1:])
    for name in names:
        signoff.sign(justering, name, ca)
    client.force_login(world.users["secretary"])
    answer = client.post(f"/sekretariat/sammantraden/{meeting.pk}/protokoll/{number}/", {"revision": "99", "decision": "Ändrat"})
    assert answer.status_code == 403 and "Protokollet är justerat och kan inte ändras" in answer.content.decode()
    client.force_login(world.users["administrator"])
    paragraph = Paragraph.objects.get(meeting=meeting, number=number)
    page = client.get(f"/admin/records/paragraph/{paragraph.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    answer = client.post(f"/admin/records/paragraph/{paragraph.pk}/change/", {"decision": "Ändrat i administrationen"})
    assert answer.status_code == 403
    assert Paragraph.objects.get(pk=paragraph.pk).decision != "Ändrat i administrationen"
    refused = [r.getMessage() for r in caplog.records if r.name == "paragraf.records.locks"]
    assert any("changing the minutes" in m for m in refused) and any("in the admin (justerad)" in m for m in refused)



def test_an_extract_of_a_justerad_paragraph_is_certified(recorded, ca, client):
    import pypdfium2

    _world, meeting, rec, number = recorded
    names = [rec.name_of(key) for key in [rec.chair, *rec.adjusters]]
    justering = signoff.start(meeting, minutes_of(meeting, rec), names[0], names[1:])
    path = f"/{meeting.body.slug}/{meeting.date.isoformat()}/{number}/utdrag.pdf"
    assert client.get(path).status_code == 404  # not justerad yet
    for name in names:
        signoff.sign(justering, name, ca)
    answer = client.get(path)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(answer.content)
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "PROTOKOLLSUTDRAG" in text and "Utdragsbestyrkande" in text and f"§ {number}" in text


def test_a_correction_of_justerade_minutes_is_a_new_signed_document_beside_them(recorded, ca, client):
    world, meeting, rec, number = recorded
    names = [rec.name_of(key) for key in [rec.chair, *rec.adjusters]]
    with pytest.raises(signoff.JusteringError, match="Bara ett justerat protokoll rättas"):
        signoff.correct(meeting, number, "Beslutet ska lyda: bifall.", "Skrivfel", world.users["secretary"])
    justering = signoff.start(meeting, minutes_of(meeting, rec), names[0], names[1:])
    for name in names:
        signoff.sign(justering, name, ca)
    before = Paragraph.objects.get(meeting=meeting, number=number).decision
    client.force_login(world.users["secretary"])
    answer = client.post(f"/sekretariat/sammantraden/{meeting.pk}/rattelse/",
                         {"number": number, "text": "Beslutet ska lyda: Regionstyrelsen bifaller förslaget.", "reason": "Skrivfel i beslutet."})
    assert answer.status_code == 302
    correction = meeting.corrections.get()
    assert f"Rättelse av § {number}: väntar på justering" in client.get(f"/sekretariat/sammantraden/{meeting.pk}/protokoll/").content.decode()
    for name in names:
        signoff.sign_correction(correction, name, ca)
    correction.refresh_from_db()
    statuses = validate(bytes(correction.signed_pdf), [ca.root_pem])
    assert [s.signer for s in statuses] == names and all(s.ok for s in statuses)
    assert Paragraph.objects.get(meeting=meeting, number=number).decision == before  # the minutes stay as justerade
    page = client.get(f"/{meeting.body.slug}/{meeting.date.isoformat()}/").content.decode()
    assert "Rättelser" in page and "Beslutet ska lyda: Regionstyrelsen bifaller förslaget." in page
    assert client.get(f"/rattelser/{correction.pk}.pdf")["Content-Type"] == "application/pdf"


def chair_and_namesake(recorded, slug: str):
    """Justering started; the meeting, the chair's person of its organisation, and a person of the same name in
    another organisation (Ekby kommun)."""
    from paragraf.records.models import Organization, Person

    _world, meeting, rec, _number = recorded
    chair = rec.name_of(rec.chair)
    signoff.start(meeting, minutes_of(meeting, rec), chair, [rec.name_of(key) for key in rec.adjusters])
    meeting = Meeting.objects.get(pk=meeting.pk)
    own = Person.objects.get(name=chair, organization=meeting.body.organization)
    namesake = Person.objects.create(name=chair, slug=slug,
                                     organization=Organization.objects.create(name="Ekby kommun", slug="ekby-kommun"))
    return meeting, own, namesake


def account_of(django_user_model, username: str, *people):
    from paragraf.secretariat.models import MemberAccount

    user = django_user_model.objects.create_user(username)
    MemberAccount.objects.create(user=user).people.add(*people)
    return django_user_model.objects.get(pk=user.pk)


def test_a_member_of_another_organisation_with_the_signers_name_may_not_sign(recorded, django_user_model):
    """Signers are named by name; the same name in another organisation is someone else (the people
    register is kept per organisation), so that member account may neither sign nor see the justering."""
    meeting, own, namesake = chair_and_namesake(recorded, "namne-i-ekby")
    accounts = {person: account_of(django_user_model, f"konto-{person.pk}", person) for person in (own, namesake)}
    assert accounts[own].has_perm("secretariat.sign_minutes", meeting)
    assert accounts[own].has_perm("secretariat.view_justering", meeting)
    assert not accounts[namesake].has_perm("secretariat.sign_minutes", meeting)
    assert not accounts[namesake].has_perm("secretariat.view_justering", meeting)


def test_one_account_signs_as_its_person_of_each_organisation(recorded, django_user_model):
    """A member of a region and of a municipality is a person in each; one account holds both, and signs the
    region's minutes as the region's person."""
    from paragraf.secretariat.permissions import member_bodies, signing_person

    meeting, own, in_municipality = chair_and_namesake(recorded, "i-kommunen")
    user = account_of(django_user_model, "tva-uppdrag", in_municipality, own)
    assert signing_person(user, meeting) == own
    assert user.has_perm("secretariat.sign_minutes", meeting)
    assert member_bodies(user) == set(own.memberships.values_list("body_id", flat=True)) != set()

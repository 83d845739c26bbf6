"""Recording a meeting (paragraf/secretariat/recording.py): the roll call, votes and reservations
against who serves, and two secretaries saving the same minutes."""
from __future__ import annotations

import re

import pytest
from django.utils.html import escape

from paragraf.secretariat import recording
from paragraf.secretariat.rollcall import RecordingError
from tests.secretariat_world import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return World.build()


@pytest.fixture
def draft(world):
    return recording.draft_of(world.meeting(published=True))


def test_the_recording_starts_from_the_called_and_the_agenda(draft):
    minutes = recording.from_json(draft.content)
    assert sum(e.ordinary for e in minutes.roll) == 15 and minutes.chair == minutes.roll[0].key == "Rachel De Basso (S)"
    assert [p.number for p in minutes.paragraphs] == list(range(1, len(minutes.paragraphs) + 1))
    assert recording.from_json(recording.to_json(minutes)) == minutes


def test_an_absent_member_is_served_for_and_the_vote_counts_who_serves(draft):
    minutes = recording.from_json(draft.content)
    absent = next(e for e in minutes.roll if e.ordinary and e.role == "")
    present = {e.key for e in minutes.roll} - {absent.key}
    minutes = recording.roll_call(minutes, present, {})
    substitute = next(e for e in minutes.roll if e.serves_for == absent.key)
    assert substitute.party == absent.party
    serving = minutes.serving(6)
    assert len(serving) == 15 and absent.key not in serving and substitute.key in serving
    ballots = {name: ("no" if i < 6 else "yes") for i, name in enumerate(serving)}
    assert recording.record_open_vote(minutes, 6, ballots, "bifall", "avslag")[:3] == (9, 6, 0)
    with pytest.raises(RecordingError, match="Röst saknas"):
        recording.record_open_vote(minutes, 6, dict(list(ballots.items())[:14]), "bifall", "avslag")
    with pytest.raises(RecordingError, match="Deltog inte i beslutet och kan inte reservera sig: " + re.escape(absent.key)):
        recording.record_reservation(minutes, 6, [absent.key], "reserverar sig")
    recording.record_reservation(minutes, 6, serving[:2], "Ledamöterna reserverar sig till förmån för eget förslag.")
    with pytest.raises(RecordingError, match="14 valsedlar men 15"):
        recording.record_secret_ballot(minutes, 5, [("A", 7), ("B", 6)], 1)


def test_two_secretaries_never_overwrite_each_other(world, draft):
    first, second = world.users["secretary"], world.users["administrator"]
    mine, theirs = recording.from_json(draft.content), recording.from_json(draft.content)
    mine.paragraphs[0].decision = "Till justerare utses A och B."
    saved = recording.save(draft, mine, draft.revision, first)
    theirs.paragraphs[1].decision = "Dagordningen fastställs."
    with pytest.raises(recording.Conflict, match="sekreterare-rs sparade protokollet medan du ändrade det"):
        recording.save(draft, theirs, draft.revision, second)
    assert recording.from_json(type(draft).objects.get(pk=draft.pk).content).paragraphs[0].decision == "Till justerare utses A och B."
    history = list(saved.history.order_by("history_date"))
    assert [h.revision for h in history][-1] == 1 and history[-1].history_user == first
    assert history[-1].content["paragraphs"][0]["decision"] == "Till justerare utses A och B."


def test_the_secretary_records_through_the_pages_and_a_stale_save_is_refused(world, draft, client):
    meeting = draft.meeting
    client.force_login(world.users["secretary"])
    page = client.get(f"/sekretariat/sammantraden/{meeting.pk}/protokoll/")
    assert page.status_code == 200 and "Upprop" in page.content.decode()
    rec = recording.from_json(draft.content)
    absent = next(e for e in rec.roll if e.ordinary and not e.role)
    present = [e.key for e in rec.roll if e.key != absent.key]
    answer = client.post(f"/sekretariat/sammantraden/{meeting.pk}/protokoll/", {
        "revision": "0", "present": present, "chair": rec.chair, "adjuster_1": present[1], "adjuster_2": present[2],
        "secretary": "Nathalie Bijelic Eriksson", "end_time": "15:40"})
    assert answer.status_code == 302
    rec = recording.from_json(type(draft).objects.get(pk=draft.pk).content)
    assert any(e.serves_for == absent.key for e in rec.roll) and rec.adjusters == present[1:3]

    number = rec.paragraphs[-1].number
    serving = rec.serving(number)
    form = {"revision": "1", "decision": "Regionstyrelsen bifaller förslaget.", "vote": "open", "yes_option": "bifall",
            "no_option": "avslag", "recipients": "Regionfullmäktige"}
    form.update({f"ballot_{i}": ("yes" if i < 8 else "no") for i in range(len(serving))})
    answer = client.post(f"/sekretariat/sammantraden/{meeting.pk}/protokoll/{number}/", form)
    assert answer.status_code == 302
    saved = recording.from_json(type(draft).objects.get(pk=draft.pk).content).paragraph(number)
    assert saved.vote.ballots == {name: ("yes" if i < 8 else "no") for i, name in enumerate(serving)}

    # The same form again, from the revision it was read at: someone saved since.
    answer = client.post(f"/sekretariat/sammantraden/{meeting.pk}/protokoll/{number}/", form, headers={"X-Autosave": "1"})
    assert answer.status_code == 409 and "sparade protokollet medan du ändrade det" in answer.json()["error"]
    # A vote with a member missing is refused with the reason.
    form.update(revision="2")
    form.pop("ballot_0")
    answer = client.post(f"/sekretariat/sammantraden/{meeting.pk}/protokoll/{number}/", form)
    assert answer.status_code == 400 and f"Röst saknas för: {escape(serving[0])}" in answer.content.decode()


def test_a_paragraph_page_shows_what_was_saved_line_by_line(world, draft, client):
    client.force_login(world.users["secretary"])
    meeting = draft.meeting
    answer = client.post(f"/sekretariat/sammantraden/{meeting.pk}/protokoll/1/", {
        "revision": "0", "decision": "Beslut.", "basis": "Tjänsteskrivelse 2027-02-01\nProtokollsutdrag 2027-02-15",
        "recipients": "Regionfullmäktige\nRegionens revisorer"})
    assert answer.status_code == 302
    page = client.get(f"/sekretariat/sammantraden/{meeting.pk}/protokoll/1/").content.decode()
    assert "Tjänsteskrivelse 2027-02-01\nProtokollsutdrag 2027-02-15</textarea>" in page
    assert "Regionfullmäktige\nRegionens revisorer</textarea>" in page


def test_the_audit_log_in_the_admin_lists_every_save_with_its_user(world, draft, client):
    rec = recording.from_json(draft.content)
    rec.paragraphs[0].decision = "Första versionen."
    draft = recording.save(draft, rec, draft.revision, world.users["secretary"])
    rec.paragraphs[0].decision = "Andra versionen."
    recording.save(draft, rec, draft.revision, world.users["administrator"])
    client.force_login(world.users["administrator"])
    page = client.get(f"/admin/secretariat/minutesdraft/{draft.pk}/history/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "sekreterare-rs" in html and "administrator" in html


def test_a_member_with_jav_leaves_for_one_paragraph_and_a_substitute_of_the_party_serves_there(world, draft, client):
    meeting = draft.meeting
    rec = recording.from_json(draft.content)
    member = next(e for e in rec.roll if e.ordinary and e.party == "S" and not e.role)
    client.force_login(world.users["secretary"])
    answer = client.post(f"/sekretariat/sammantraden/{meeting.pk}/protokoll/3/", {"revision": "0", "jav_only": "1", "jav": [member.key]})
    assert answer.status_code == 302
    rec = recording.from_json(type(draft).objects.get(pk=draft.pk).content)
    at_3, at_4 = rec.serving(3), rec.serving(4)
    assert member.key not in at_3 and member.key in at_4 and len(at_3) == len(at_4) == 15
    (stand_in,) = set(at_3) - set(at_4)
    assert rec.party_of(stand_in) == "S"
    page = client.get(f"/sekretariat/sammantraden/{meeting.pk}/protokoll/3/").content.decode()
    assert f'value="{escape(member.key)}" id="jav-' in page and "checked" in page


def test_the_review_runs_before_justering_and_a_fel_must_be_accepted_with_a_reason(world, draft, client):
    from paragraf.secretariat.models import Justering

    meeting = draft.meeting
    rec = recording.from_json(draft.content)
    ordinary = [e.key for e in rec.roll if e.ordinary]
    rec = recording.roll_call(rec, set(ordinary[:7]), {})  # 7 of 15 members, no substitute present
    rec.adjusters = ordinary[1:3]
    recording.save(draft, rec, draft.revision, world.users["secretary"])
    client.force_login(world.users["secretary"])
    page = client.get(f"/sekretariat/sammantraden/{meeting.pk}/protokoll/").content.decode()
    assert "Vid § 1 tjänstgjorde 7 av organets 15 ledamöter, inte fler än hälften." in page
    client.post(f"/sekretariat/sammantraden/{meeting.pk}/protokoll/justering/")
    assert not Justering.objects.filter(meeting=meeting).exists()
    client.post(f"/sekretariat/sammantraden/{meeting.pk}/protokoll/justering/", {"accept_reason": "Sammanträdet hölls per capsulam."})
    accepted = Justering.objects.get(meeting=meeting).accepted
    assert accepted[0]["rule"] == "quorum" and accepted[0]["reason"] == "Sammanträdet hölls per capsulam."
    assert accepted[0]["by"] == "sekreterare-rs"

"""Recording a meeting (paragraf/secretariat/recording.py): the roll call, votes and reservations
against who serves, and two secretaries saving the same minutes."""
from __future__ import annotations

import pytest

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
    assert sum(e.ordinary for e in minutes.roll) == 15 and minutes.chair == minutes.roll[0].name
    assert [p.number for p in minutes.paragraphs] == list(range(1, len(minutes.paragraphs) + 1))
    assert recording.from_json(recording.to_json(minutes)) == minutes


def test_an_absent_member_is_served_for_and_the_vote_counts_who_serves(draft):
    minutes = recording.from_json(draft.content)
    absent = next(e for e in minutes.roll if e.ordinary and e.role == "")
    present = {e.name for e in minutes.roll} - {absent.name}
    minutes = recording.roll_call(minutes, present, {})
    substitute = next(e for e in minutes.roll if e.serves_for == absent.name)
    assert substitute.party == absent.party
    serving = minutes.serving(6)
    assert len(serving) == 15 and absent.name not in serving and substitute.name in serving
    ballots = {name: ("no" if i < 6 else "yes") for i, name in enumerate(serving)}
    assert recording.record_open_vote(minutes, 6, ballots, "bifall", "avslag")[:3] == (9, 6, 0)
    with pytest.raises(RecordingError, match="Röst saknas"):
        recording.record_open_vote(minutes, 6, dict(list(ballots.items())[:14]), "bifall", "avslag")
    with pytest.raises(RecordingError, match=f"Deltog inte i beslutet och kan inte reservera sig: {absent.name}"):
        recording.record_reservation(minutes, 6, [absent.name], "reserverar sig")
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

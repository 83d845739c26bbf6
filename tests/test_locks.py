"""A justerad meeting cannot change, whatever the path: the database's triggers refuse it, the importer
says so (paragraf/records/locks.py)."""
from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction

from paragraf.records.importer import import_path
from paragraf.records.models import AgendaItem, Attendance, Ballot, Meeting, Paragraph, Vote
from tests.conftest import CORPUS

pytestmark = pytest.mark.django_db


@pytest.fixture
def locked():
    meeting = Meeting.objects.get(body__slug="regionstyrelsen", date="2023-01-31")
    Meeting.all_objects.filter(pk=meeting.pk).update(locked=True)
    return meeting


def refused(change) -> bool:
    try:
        with transaction.atomic():
            change()
    except DatabaseError as error:
        assert "justerad" in str(error)
        return True
    return False


def test_no_row_of_a_justerad_meeting_can_be_changed_added_or_removed(locked):
    paragraph = Paragraph.objects.filter(meeting=locked).first()
    vote = Vote.objects.filter(paragraph__meeting=locked).first()
    ballot = Ballot.objects.filter(vote=vote).first()
    assert refused(lambda: Paragraph.objects.filter(pk=paragraph.pk).update(decision="Ändrat i efterhand"))
    assert refused(lambda: Paragraph.objects.filter(pk=paragraph.pk).delete())
    assert refused(lambda: Ballot.objects.filter(pk=ballot.pk).update(choice="no"))
    assert refused(lambda: Vote.objects.filter(pk=vote.pk).update(yes=99))
    assert refused(lambda: Attendance.objects.filter(meeting=locked).update(name="Någon annan"))
    assert refused(lambda: AgendaItem.all_objects.create(meeting=locked, position=99, number=99, title="Tillagd"))
    assert refused(lambda: Meeting.all_objects.filter(pk=locked.pk).update(place="Annan plats"))
    assert refused(lambda: Meeting.all_objects.filter(pk=locked.pk).delete())
    assert Paragraph.objects.get(pk=paragraph.pk).decision == paragraph.decision


def test_other_meetings_change_as_before(locked):
    other = Paragraph.objects.exclude(meeting=locked).first()
    assert not refused(lambda: Paragraph.objects.filter(pk=other.pk).update(decision="Rättad"))


def test_a_packet_of_a_justerad_meeting_is_refused_with_the_reason_and_logged(locked, caplog):
    result = import_path(CORPUS / "000_9183b8d70dd3de41.txt", force=True)
    assert not result.ok
    assert "Regionstyrelsen 2023-01-31 är justerat i sekretariatet" in result.message
    assert any("refused: import" in r.getMessage() for r in caplog.records)

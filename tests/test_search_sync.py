"""Search follows every write to the records (issue 18): a correction in the admin is found at once, in
the same transaction (a save rolled back leaves the index as it was); imports still index their packet
once at the end. Both databases (DATABASE_URL)."""
from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from paragraf.records.models import Dissent, Paragraph, Person
from paragraf.search import SearchQuery, search
from paragraf.search.models import SearchEntry
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db
NEW_WORD = "zebrafinkar"


def found(text: str, **narrowed) -> set[tuple[str, int]]:
    return {(h.kind, h.record_id) for h in search(SearchQuery(text=text, per_page=100, **narrowed)).hits}


def test_a_decision_corrected_in_the_admin_is_found_at_once(admin_client):
    paragraph = Paragraph.objects.get(number=14, meeting__date=dt.date(2023, 1, 31))
    assert found(NEW_WORD) == set()
    url = f"/admin/records/paragraph/{paragraph.pk}/change/"
    data = change_form_data(admin_client.get(url), ("proposals", "dissents"))
    data["decision"] = f"{data['decision']} Regionstyrelsen noterar {NEW_WORD} i ärendet."
    assert admin_client.post(url, data).status_code == 302
    assert found(NEW_WORD) == {("paragraph", paragraph.pk)}
    assert SearchEntry.objects.filter(paragraph=paragraph).count() == 1


def test_a_meeting_moved_in_the_admin_moves_its_entries():
    paragraph = Paragraph.objects.get(number=14, meeting__date=dt.date(2023, 1, 31))
    meeting = paragraph.meeting
    meeting.date = dt.date(2023, 2, 1)
    meeting.save()
    entry = SearchEntry.objects.get(paragraph=paragraph)
    assert entry.date == dt.date(2023, 2, 1) and entry.url_key["date"] == "2023-02-01"
    assert ("paragraph", paragraph.pk) in found("lipödem", date_from=dt.date(2023, 2, 1), date_to=dt.date(2023, 2, 1))


def test_a_reservation_added_outside_an_import_changes_the_parties_found():
    paragraph = Paragraph.objects.get(number=20, meeting__date=dt.date(2023, 1, 31))
    assert ("paragraph", paragraph.pk) not in found("Gränna", party="V")
    dissent = Dissent.objects.create(paragraph=paragraph, position=99, text="Reservation mot beslutet.")
    dissent.people.add(Person.objects.filter(party__abbreviation="V").first())
    assert ("paragraph", paragraph.pk) in found("Gränna", party="V")


def test_a_save_rolled_back_leaves_the_entry_as_it_was():
    paragraph = Paragraph.objects.get(number=14, meeting__date=dt.date(2023, 1, 31))
    before = SearchEntry.objects.get(paragraph=paragraph).text
    with pytest.raises(RuntimeError), transaction.atomic():
        paragraph.decision = f"{paragraph.decision} {NEW_WORD}"
        paragraph.save()
        assert found(NEW_WORD) == {("paragraph", paragraph.pk)}  # inside: found at once
        raise RuntimeError("the save fails after it was written")
    assert SearchEntry.objects.get(paragraph=paragraph).text == before
    assert found(NEW_WORD) == set()


def test_a_paragraph_deleted_with_its_votes_and_reservations_leaves_no_entry():
    paragraph = Paragraph.objects.get(number=14, meeting__date=dt.date(2023, 1, 31))
    assert paragraph.votes.exists() and paragraph.dissents.exists()
    pk = paragraph.pk
    paragraph.delete()  # its votes, ballots, proposals and reservations go first, each with its signal
    assert not SearchEntry.objects.filter(paragraph_id=pk).exists()
    assert ("paragraph", pk) not in found("lipödem")


def test_a_vote_deleted_alone_takes_its_parties_from_the_entry():
    paragraph = Paragraph.objects.get(number=14, meeting__date=dt.date(2023, 1, 31))
    before = SearchEntry.objects.get(paragraph=paragraph).parties
    paragraph.votes.all().delete()
    paragraph.dissents.all().delete()
    paragraph.proposals.all().delete()
    assert before.strip() and SearchEntry.objects.get(paragraph=paragraph).parties == ""

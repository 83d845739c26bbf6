"""Each organisation its own notice board (issue 19): `/anslagstavla/<organisation>/` and its Atom feed hold
the postings of that organisation only; `/anslagstavla/` holds every organisation's, naming each; the
organisation's portal page links to its board."""
from __future__ import annotations

import datetime as dt

import pytest

from paragraf.records.models import Body, Meeting, Organization
from paragraf.secretariat.models import Posting

TODAY = dt.date.today()


def posted(name: str, slug: str, body: str) -> Meeting:
    organization = Organization.objects.create(name=name, slug=slug)
    body = Body.objects.create(organization=organization, name=body, slug=f"organ-{slug}")
    meeting = Meeting.all_objects.create(body=body, date=TODAY - dt.timedelta(days=5), published=True)
    Posting.objects.create(meeting=meeting, posted=TODAY - dt.timedelta(days=1), appeal_last_day=TODAY + dt.timedelta(days=20),
                           taken_down=TODAY + dt.timedelta(days=21))
    return meeting


@pytest.fixture
def two(db):
    return posted("Norrviks kommun", "norrviks-kommun", "Kommunstyrelsen"), posted("Ljungsala kommun", "ljungsala-kommun", "Kommunfullmäktige")


def test_each_organisation_has_its_own_board_and_feed(client, two):
    norrvik, ljungsala = two
    everything = client.get("/anslagstavla/").content.decode()
    assert "Kommunstyrelsen" in everything and "Kommunfullmäktige" in everything
    assert '<td data-label="Organisation">Norrviks kommun</td>' in everything
    assert 'href="/anslagstavla/ljungsala-kommun/"' in everything

    own = client.get("/anslagstavla/norrviks-kommun/")
    html = own.content.decode()
    assert own.status_code == 200 and "<h1>Anslagstavla – Norrviks kommun</h1>" in html
    assert "Kommunstyrelsen" in html and "Kommunfullmäktige" not in html
    assert 'href="/anslagstavla/norrviks-kommun/flode.atom"' in html

    feed = client.get("/anslagstavla/ljungsala-kommun/flode.atom").content.decode()
    assert "Anslagstavlan – justerade protokoll – Ljungsala kommun" in feed
    assert "Kommunfullmäktige" in feed and "Kommunstyrelsen" not in feed
    assert client.get("/anslagstavla/ingen-sadan/").status_code == 404


def test_the_organisation_page_links_its_board(client, two):
    page = client.get("/organisationer/norrviks-kommun/").content.decode()
    assert 'href="/anslagstavla/norrviks-kommun/"' in page

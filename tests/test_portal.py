"""Portal pages on the corpus (Django test client, real database): content, feeds, privacy, errors."""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar

from paragraf.records.models import Document, Meeting, Person, SourceFile

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def test_start_page_shows_latest_meetings_decisions_and_the_search_box(client):
    html = page(client, "/")
    assert 'id="sok"' in html and 'action="/sok/"' in html
    assert 'href="/regionstyrelsen/2023-01-31/"' in html
    assert "Senaste besluten" in html


def test_meeting_page_has_header_agenda_attendance_and_every_paragraph(client):
    html = page(client, "/regionstyrelsen/2023-01-31/")
    assert "tisdag 31 januari 2023" in html and "13.00–15.40" in html
    assert html.count('<li id="p') == 47
    assert "tjänstgör för" in html  # serving substitutes
    notice = page(client, "/regionstyrelsen/2023-03-07/")
    assert "Kallelse: dagordning" in notice and "Regelverk sjukresor" in notice and "Kallade" in notice


def test_paragraph_page_shows_vote_names_dissent_and_source_lines(client):
    html = page(client, "/regionstyrelsen/2023-01-31/14/")
    assert "Omröstning: 9 ja, 6 nej" in html
    assert "Linnéa Nilsson" in html and "Håkan Karlsson Nyborg" in html
    assert "Reservationer" in html and "reserverar sig" in html
    assert "Så stod det i handlingen" in html and 'class="ln"' in html
    assert '<meta property="og:title" content="§ 14 Motion - Bättre vård för patienter med Lipödem' in html


def test_case_page_lists_the_path_in_date_order(client):
    html = page(client, "/arenden/region-jonkopings-lan/2023-217/")
    html = html[html.index('id="gang"'):]  # the path, below the status (which names its last date)
    dates = ["24 januari 2023", "8 februari 2023", "22 februari 2023", "7 mars 2023"]
    positions = [html.index(d) for d in dates]
    assert positions == sorted(positions)


def test_person_and_party_pages(client):
    person = Person.objects.get(name="Håkan Karlsson Nyborg")
    html = page(client, f"/personer/{person.slug}/")
    assert "Regionstyrelsen" in html and "Så har Håkan Karlsson Nyborg röstat" in html and "Nej" in html
    assert 'I <a href="/organisationer/region-jonkopings-lan/">Region Jönköpings län</a>' in html
    assert "Närvaro" in html and "%" in html
    party = page(client, "/partier/SD/")
    assert "Sverigedemokraterna" in party and "Håkan Karlsson Nyborg" in party
    assert f'{person.slug}/">Håkan Karlsson Nyborg</a></td><td>Region Jönköpings län</td>' in party


def test_body_page_lists_members_per_term_and_meetings(client):
    html = page(client, "/regionstyrelsen/")
    assert "Mandatperiod 2023–2026" in html and "ordförande" in html
    assert 'href="/regionstyrelsen/2023-01-31/"' in html


def test_document_and_source_pages_anchor_lines(client):
    document = Document.objects.filter(kind="tjansteskrivelse").first()
    html = page(client, f"/handlingar/{document.pk}/")
    assert f'id="L{document.first_line}"' in html or 'id="L' in html
    source = page(client, f"/kallor/{document.source_file_id}/")
    assert 'id="L1"' in source


def test_indicator_pages(client):
    html = page(client, "/organisationer/region-jonkopings-lan/matetal/")
    link = html.split('href="/organisationer/region-jonkopings-lan/matetal/', 1)[1].split('"', 1)[0]
    report = page(client, f"/organisationer/region-jonkopings-lan/matetal/{link}")
    assert "Målvärde" in report and "Resultat" in report


def test_search_page_finds_sjukresor_with_highlighted_snippets(client):
    html = page(client, "/sok/?q=sjukresor")
    assert '<ol class="hits"' in html and "<mark>" in html
    assert "Regelverk sjukresor" in html
    by_date = page(client, "/sok/?q=sjukresor&ordning=date&typ=paragraph")
    assert 'class="hit"' in by_date
    bad = page(client, "/sok/?q=sjukresor&fran=31-01-2023")
    assert "Från och med ska vara ett datum" in bad


def test_calendars_are_valid_ical(client):
    response = client.get("/kalender.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == Meeting.objects.count()
    meeting = next(e for e in events if str(e["summary"]).startswith("Regionstyrelsen") and e.decoded("dtstart").date() == dt.date(2023, 1, 31))
    assert meeting.decoded("dtstart").hour == 13 and "regionstyrelsen/2023-01-31" in str(meeting["url"])
    assert meeting.decoded("dtend").hour == 15 and meeting.decoded("dtend").minute == 40
    body = Calendar.from_ical(client.get("/regionstyrelsen/kalender.ics").content)
    assert {str(e["summary"]) for e in body.walk("VEVENT")} == {"Regionstyrelsen – sammanträde"}
    by_meeting = {(str(e["summary"]), e.decoded("dtstart").isoformat()[:10]): e for e in events}
    for m in Meeting.objects.select_related("body"):
        event = by_meeting[(f"{m.body.name} – sammanträde", m.date.isoformat())]
        assert ("dtend" in event) == bool(m.start_time and m.end_time), m  # no end time invented


def test_atom_feeds_of_decisions_and_of_a_saved_search(client):
    feed = ET.fromstring(client.get("/regionstyrelsen/beslut.atom").content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) >= 40
    assert any("§ 14" in e.find(f"{ATOM}title").text for e in entries)
    saved = ET.fromstring(client.get("/sok/flode.atom?q=sjukresor").content)
    assert saved.find(f"{ATOM}title").text == "Paragraf – sökning: sjukresor"
    assert saved.findall(f"{ATOM}entry")


def test_personal_data_is_masked_for_the_public_and_shown_to_staff(client, django_user_model):
    source = SourceFile.objects.get(name="000_9183b8d70dd3de41.txt")
    line = next(n for n, text in enumerate(source.text.split("\n"), 1) if "@rjl.se" in text and "+46" in text)
    document = Document.objects.get(source_file=source, first_line__lte=line, last_line__gte=line)
    public = page(client, f"/handlingar/{document.pk}/?fran={line}")  # the page of the document holding the line
    assert "@rjl.se" not in public and "[e-post dold]" in public and "[telefonnummer dolt]" in public
    download = client.get(f"/kallor/{source.pk}/fil").getvalue().decode()  # streamed
    assert "@rjl.se" not in download
    staff = django_user_model.objects.create_user("sekreterare", password="pw-for-tests", is_staff=True)
    client.force_login(staff)
    assert "@rjl.se" in page(client, f"/handlingar/{document.pk}/?fran={line}")
    assert client.get(f"/kallor/{source.pk}/fil").content == bytes(source.data)


def test_unknown_addresses_are_a_swedish_404(client):
    assert "Sidan finns inte" in page(client, "/ingen-sadan-namnd/", 404)
    page(client, "/regionstyrelsen/2023-02-30/", 404)
    page(client, "/regionstyrelsen/2023-01-31/999/", 404)


@pytest.mark.parametrize("path, trail", [
    ("/regionstyrelsen/2023-01-31/14/", ["Start", "Region Jönköpings län", "Regionstyrelsen", "31 januari 2023", "§ 14"]),
    ("/regionstyrelsen/2023-01-31/", ["Start", "Region Jönköpings län", "Regionstyrelsen", "31 januari 2023"]),
    ("/regionstyrelsen/", ["Start", "Region Jönköpings län", "Regionstyrelsen"]),
    ("/organisationer/region-jonkopings-lan/", ["Start", "Region Jönköpings län"]),
    ("/arenden/region-jonkopings-lan/2022-1409/", ["Start", "Region Jönköpings län", "Ärende RJL 2022/1409"]),
    ("/organisationer/region-jonkopings-lan/matetal/", ["Start", "Region Jönköpings län", "Mätetal"]),
    ("/personer/jimmy-ekstrom-l/", ["Start", "Jimmy Ekström"]),
    ("/sok/?q=motion", ["Start", "Sök"]),
])
def test_every_page_says_where_it_stands_the_page_itself_last_without_a_link(client, path, trail):
    html = client.get(path).content.decode()
    nav = re.search(r'<nav class="crumbs wrap" aria-label="Du är här">(.*?)</nav>', html, re.S)
    assert nav, path
    items = re.findall(r"<li>(.*?)</li>", nav.group(1), re.S)
    assert [re.sub(r"<[^>]+>", "", item).strip() for item in items] == trail
    assert all("<a href=" in item for item in items[:-1]) and 'aria-current="page"' in items[-1]


def test_a_document_page_leads_to_its_organisation_and_its_packet(client):
    document = Document.objects.exclude(title="").select_related("source_file").first()
    html = client.get(f"/handlingar/{document.pk}/").content.decode()
    nav = re.search(r'<nav class="crumbs wrap".*?</nav>', html, re.S).group(0)
    assert f'href="/kallor/{document.source_file_id}/"' in nav and document.source_file.name in nav


def test_the_navigation_speaks_plain_swedish_not_format_names(client):
    pages = ["/", "/regionstyrelsen/", "/organisationer/region-jonkopings-lan/", "/sok/?q=motion"]
    for path in pages:
        links = re.findall(r"<a [^>]*>(.*?)</a>", client.get(path).content.decode(), re.S)
        jargon = [text for text in links if re.search(r"iCal|Atom|JSON|RSS", text)]
        assert jargon == [], (path, jargon)
    assert "Lägg sammanträdena i din kalender" in client.get("/regionstyrelsen/").content.decode()


def test_the_meeting_page_opens_with_an_overview_that_says_what_each_paragraph_holds(client):
    html = client.get("/regionstyrelsen/2023-01-31/").content.decode()
    overview = re.search(r'<ul class="overview">(.*?)</ul>', html, re.S).group(1)
    items = {int(m.group(1)): m.group(0) for m in re.finditer(r'<li><a href="#p(\d+)">.*?</li>', overview, re.S)}
    assert len(items) == 47
    markers = {n: set(re.findall(r'<span class="marker">(.*?)</span>', item)) for n, item in items.items()}
    assert {"omröstning", "reservation", "till fullmäktige"} <= markers[14]
    assert {"omröstning", "reservation", "val"} <= markers[24]
    assert "val" not in markers[1] and "val" not in markers[45]  # adjusters, nominations
    assert html.index('id="oversikt"') < html.index('id="paragrafer"')


def test_the_meeting_page_names_who_attended_before_the_paragraphs_and_offers_the_minutes(client):
    html = client.get("/regionstyrelsen/2023-01-31/").content.decode()
    assert html.index('id="oversikt"') < html.index('id="narvaro"') < html.index('id="paragrafer"')
    downloads = re.search(r'<section aria-labelledby="ladda-ner">(.*?)</section>', html, re.S).group(1)
    minutes = re.search(r'<li><a href="/handlingar/(\d+)/">Protokollet</a> ·\s*<a href="/kallor/(\d+)/fil">', downloads)
    document = Document.objects.get(pk=int(minutes.group(1)))
    assert document.kind == Document.Kind.MINUTES and document.date == dt.date(2023, 1, 31)
    assert document.source_file_id == int(minutes.group(2))
    assert "(text, personuppgifter dolda)" in downloads


def test_each_step_of_a_case_says_what_the_paragraph_decided(client):
    html = client.get("/arenden/region-jonkopings-lan/2022-1409/").content.decode()
    path = re.search(r'<ol class="path">(.*?)</ol>', html, re.S).group(1)
    outcomes = re.findall(r'<span class="outcome">Beslut: (.*?)</span>', path)
    assert "Regionstyrelsen föreslår regionfullmäktige • Anse motionen besvarad. (efter omröstning, med reservation)" in outcomes
    html = client.get("/arenden/region-jonkopings-lan/2023-217/").content.decode()
    outcomes = re.findall(r'<span class="outcome">Beslut: (.*?)</span>', html)
    # a sentence leading into a numbered list goes on through it, cut at a word
    assert any(o.startswith("Nämnd för trafik, infrastruktur och miljö, föreslår regionfullmäktige. 1. Godkänna förslag")
               and o.endswith(" …") for o in outcomes)


@pytest.mark.parametrize("path, status, next_body", [
    ("/arenden/region-jonkopings-lan/2022-1409/", "Pågår: Behandlat av Regionstyrelsen, skickat vidare till Regionfullmäktige 31 januari 2023",
     "Regionfullmäktige"),
    ("/arenden/region-jonkopings-lan/2023-217/", "Pågår: På dagordningen hos Regionstyrelsen 7 mars 2023", None),
    ("/arenden/region-jonkopings-lan/2022-2739/", "Avgjort: Beslutat av Regionstyrelsen 31 januari 2023", None),
])
def test_the_case_page_says_where_the_case_stands_and_what_comes_next(client, path, status, next_body):
    html = client.get(path).content.decode()
    facts = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html))
    assert facts["Status"] == status
    assert facts.get("Nästa steg") == next_body


def test_a_search_for_a_name_goes_directly_to_each_person_of_it_with_their_organisation(client):
    """The register is per organisation: the same name in two organisations is two people, told apart by it."""
    from paragraf.records.models import Organization

    person = Person.objects.get(name="Håkan Karlsson Nyborg")
    other = Person.objects.create(name=person.name, party=person.party, slug="hakan-karlsson-nyborg-ekby",
                                  organization=Organization.objects.create(name="Ekby kommun", slug="ekby-kommun"))
    html = page(client, "/sok/?q=H%C3%A5kan+Karlsson+Nyborg")
    section = html.split('<section class="shortcuts"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="/personer/{other.slug}/">Håkan Karlsson Nyborg (SD), Ekby kommun</a>' in section
    assert f'<a href="/personer/{person.slug}/">Håkan Karlsson Nyborg (SD), Region Jönköpings län</a>' in section

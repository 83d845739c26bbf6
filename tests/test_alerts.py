"""E-mail alerts (issue 17): subscribe on a page of the portal, confirm by the mailed link, get one masked
mail per import that makes matching § public, unsubscribe by the link (or the one-click POST of RFC 8058).

The new meetings are real: the minutes of Regionstyrelsen 2023-01-31 (§ 1-14) from the corpus, dated anew,
with a personal identity number, an e-mail address and a protected name written into § 2, imported as
`paragraf import` does. Mails go to Django's in-memory backend (`mailoutbox`)."""
from __future__ import annotations

import datetime as dt
import html
import re
import socket
import time
import types
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from paragraf.alerts.models import DeliveredParagraph, Subscriber, Subscription
from paragraf.alerts.sending import send_alerts
from paragraf.ingest.identity import MeetingHints
from paragraf.privacy.models import MaskingRule
from paragraf.records.importer import import_path
from paragraf.records.models import Meeting, Person
from tests.conftest import CORPUS

pytestmark = pytest.mark.django_db
PUBLIC = "https://paragraf.example.se"
ORGANIZATION = "Region Jönköpings län"
PERSONAL_NUMBER = "19121212-1212"
ADDRESS_IN_TEXT = "tolvan.tolvansson@example.se"
PROTECTED = "Tolvan Tolvansson"
LINK_RE = re.compile(re.escape(PUBLIC) + r"/bevakning/(bekrafta|avsluta|avsluta-alla)/([-\w]+)/")


@pytest.fixture(autouse=True)
def public_url(settings):
    settings.PARAGRAF_PUBLIC_URL = PUBLIC + "/"


def minutes_of_a_new_meeting(directory: Path, date: str) -> Path:
    """The minutes of Regionstyrelsen 2023-01-31, § 1-14, as a meeting on `date`, with personal data in § 2's decision."""
    lines = (CORPUS / "000_9183b8d70dd3de41.txt").read_text(encoding="utf-8").split("\n")[273:1071]
    at = next(n for n, line in enumerate(lines) if line.startswith("sammanträden tills vidare."))
    lines.insert(at + 1, f"Kontaktperson är {PROTECTED}, {PERSONAL_NUMBER}, {ADDRESS_IN_TEXT}.")
    path = directory / f"regionstyrelsen-{date}.txt"
    path.write_text("\n".join(lines).replace("2023-01-31", date), encoding="utf-8")
    return path


def import_published(path: Path, callbacks, force: bool = False) -> None:
    """Import a packet as `paragraf import --publish` does, running what waits for its commit (the alerts)."""
    with callbacks(execute=True):
        result = import_path(path, force=force, hints=MeetingHints(organization=ORGANIZATION))
    assert result.ok, result.message


def form_of(page: str) -> dict[str, str]:
    """The hidden fields of the page's alert form but its CSRF token."""
    form = page[page.index('<section class="follow"'):]
    form = form[:form.index("</form>")]
    fields = {name: html.unescape(value) for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form)}
    assert fields.pop("csrfmiddlewaretoken")
    return fields


def subscribe(client, page_path: str, address: str, query: dict | None = None):
    page = client.get(page_path, query or {})
    assert page.status_code == 200
    return client.post("/bevakning/", {**form_of(page.content.decode()), "epost": address, "hemsida": ""})


def links(message) -> list[tuple[str, str]]:
    return LINK_RE.findall(message.body)


def confirm(client, message) -> str:
    """Follow the confirmation link of a mail and press its button; the token."""
    [(kind, token)] = links(message)
    assert kind == "bekrafta"
    assert client.get(f"/bevakning/bekrafta/{token}/").status_code == 200
    assert client.post(f"/bevakning/bekrafta/{token}/").status_code == 200
    return token


def subscribed(client, mailoutbox, page_path: str, address: str, query: dict | None = None) -> Subscription:
    assert subscribe(client, page_path, address, query).status_code == 200
    return Subscription.objects.get(token=confirm(client, mailoutbox[-1]))


def mails_to(mailoutbox, address: str) -> list:
    return [m for m in mailoutbox if m.to == [address]]


def paragraph_links(text: str, date: str) -> list[int]:
    return [int(n) for n in re.findall(re.escape(f"{PUBLIC}/regionstyrelsen/{date}/") + r"(\d+)/", text)]


# ---------------------------------------------------------------- the acceptance scenario


def test_a_citizen_subscribes_confirms_gets_one_masked_mail_and_unsubscribes(mailoutbox, tmp_path,
                                                                           django_capture_on_commit_callbacks):
    citizen = Client(enforce_csrf_checks=True)
    address = "medborgare@example.org"
    MaskingRule.objects.create(action=MaskingRule.PROTECT, kind="name", value=PROTECTED)

    page = citizen.get("/regionstyrelsen/").content.decode()
    assert "Bevaka via e-post" in page and 'name="csrfmiddlewaretoken"' in page
    assert form_of(page) == {"bevaka": "body", "mal": "regionstyrelsen"}
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    answer = citizen.post("/bevakning/", {"csrfmiddlewaretoken": token, "bevaka": "body", "mal": "regionstyrelsen",
                                          "epost": address, "hemsida": ""})
    assert answer.status_code == 200 and "Bekräfta i mejlet" in answer.content.decode()

    [confirmation] = mailoutbox
    assert confirmation.to == [address] and confirmation.subject == "Bekräfta din bevakning i Paragraf"
    assert "Regionstyrelsen (Region Jönköpings län)" in confirmation.body
    subscription = Subscription.objects.get(subscriber__email=address)
    assert subscription.confirmed is None and subscription.body.slug == "regionstyrelsen"
    [(kind, link_token)] = links(confirmation)
    assert kind == "bekrafta" and link_token == subscription.token and len(link_token) >= 40
    opened = citizen.get(f"/bevakning/bekrafta/{link_token}/")  # a mail scanner opening the link confirms nothing
    assert opened.status_code == 200 and "Bekräfta bevakningen" in opened.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed is None
    page = opened.content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    confirmed = citizen.post(f"/bevakning/bekrafta/{link_token}/", {"csrfmiddlewaretoken": csrf})
    assert confirmed.status_code == 200 and "Bevakningen är bekräftad" in confirmed.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed is not None

    mailoutbox.clear()
    packet = minutes_of_a_new_meeting(tmp_path, "2024-05-14")
    import_published(packet, django_capture_on_commit_callbacks)
    [alert] = mailoutbox
    assert alert.to == [address]
    assert alert.subject == "Nya beslut: Regionstyrelsen (Region Jönköpings län)"
    meeting = Meeting.objects.get(body__slug="regionstyrelsen", date=dt.date(2024, 5, 14))
    assert sorted(set(paragraph_links(alert.body, "2024-05-14"))) == sorted(meeting.paragraphs.values_list("number", flat=True))
    assert sorted(set(paragraph_links(alert.body, "2024-05-14"))) == list(range(1, 15))
    assert "/regionstyrelsen/2023-01-31/" not in alert.body  # the meeting that was public before is no news
    assert "Motion - Bättre vård för patienter med Lipödem" in alert.body
    [(html, mime)] = alert.alternatives
    assert mime == "text/html" and f'href="{PUBLIC}/regionstyrelsen/2024-05-14/14/"' in html
    for text in (alert.subject, alert.body, html):
        for secret in (PERSONAL_NUMBER, PERSONAL_NUMBER.replace("-", ""), "1212-1212", ADDRESS_IN_TEXT, PROTECTED):
            assert secret not in text
    assert "[personnummer dolt]" in alert.body and "[e-post dold]" in alert.body and "[namn dolt]" in alert.body
    subscriber = subscription.subscriber
    assert alert.extra_headers["List-Unsubscribe"] == f"<{PUBLIC}/bevakning/avsluta-alla/{subscriber.token}/>"
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert DeliveredParagraph.objects.filter(subscription=subscription).count() == 14

    import_published(packet, django_capture_on_commit_callbacks, force=True)  # read again: nothing new to tell
    assert len(mailoutbox) == 1

    [unsubscribe] = [token for kind, token in links(alert) if kind == "avsluta"]
    shown = citizen.get(f"/bevakning/avsluta/{unsubscribe}/")
    assert shown.status_code == 200 and "Avsluta bevakningen" in shown.content.decode()
    assert Subscription.objects.filter(pk=subscription.pk).exists()  # opening the link ends nothing
    ended = citizen.post(f"/bevakning/avsluta/{unsubscribe}/")  # no CSRF token needed: the link's token is the key
    assert ended.status_code == 200 and "Bevakningen är avslutad" in ended.content.decode()
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    assert not Subscriber.objects.filter(email=address).exists()  # the address is not kept

    import_published(minutes_of_a_new_meeting(tmp_path, "2024-06-11"), django_capture_on_commit_callbacks)
    assert Meeting.objects.filter(body__slug="regionstyrelsen", date=dt.date(2024, 6, 11)).exists()
    assert len(mailoutbox) == 1


def test_the_one_click_post_of_the_list_unsubscribe_header_ends_every_subscription(client, mailoutbox, tmp_path,
                                                                                  django_capture_on_commit_callbacks):
    address = "en-klickare@example.org"
    subscribed(client, mailoutbox, "/regionstyrelsen/", address)
    subscribed(client, mailoutbox, "/arenden/region-jonkopings-lan/2022-1409/", address)
    import_published(minutes_of_a_new_meeting(tmp_path, "2024-05-14"), django_capture_on_commit_callbacks)
    [alert] = mails_to(mailoutbox, address)[2:]  # one mail for both subscriptions
    assert alert.subject == "Nya beslut: Regionstyrelsen (Region Jönköpings län) och 1 bevakning till"
    assert "ärende RJL 2022/1409" in alert.body
    url = alert.extra_headers["List-Unsubscribe"].strip("<>")
    mail_client = Client(enforce_csrf_checks=True)  # as a mail provider posts it: no cookie, no CSRF token
    answer = mail_client.post(url.removeprefix(PUBLIC), {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200 and "Alla bevakningar är avslutade" in answer.content.decode()
    assert not Subscriber.objects.filter(email=address).exists()
    assert not Subscription.objects.filter(subscriber__email=address).exists()
    again = mail_client.post(url.removeprefix(PUBLIC), {"List-Unsubscribe": "One-Click"})
    assert again.status_code == 404 and "Länken gäller ingen bevakning" in again.content.decode()


def test_a_packet_held_for_review_alerts_when_staff_publish_it(client, mailoutbox, tmp_path,
                                                               django_capture_on_commit_callbacks):
    from paragraf.privacy.models import PacketReview
    from paragraf.privacy.review import hold, publish

    subscribed(client, mailoutbox, "/regionstyrelsen/", "granskad@example.org")
    mailoutbox.clear()
    packet = minutes_of_a_new_meeting(tmp_path, "2024-05-14")
    with django_capture_on_commit_callbacks(execute=True):
        assert hold(packet, MeetingHints(organization=ORGANIZATION)).status == "held"
    assert mailoutbox == []  # nothing of it is public yet
    with django_capture_on_commit_callbacks(execute=True):
        assert publish(PacketReview.objects.get(name=packet.name)).ok
    [alert] = mailoutbox
    assert sorted(set(paragraph_links(alert.body, "2024-05-14"))) == list(range(1, 15))
    assert PERSONAL_NUMBER not in alert.body


# ---------------------------------------------------------------- who gets what


def test_an_unconfirmed_subscription_gets_nothing(client, mailoutbox, tmp_path, django_capture_on_commit_callbacks):
    assert subscribe(client, "/regionstyrelsen/", "obekraftad@example.org").status_code == 200
    assert len(mailoutbox) == 1
    import_published(minutes_of_a_new_meeting(tmp_path, "2024-05-14"), django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    assert not DeliveredParagraph.objects.exists()


def test_each_subscription_gets_only_what_it_matches(client, mailoutbox, tmp_path, django_capture_on_commit_callbacks):
    frisk = Person.objects.get(name="Maria Frisk")
    borgstrom = Person.objects.get(name="Annelie Borgström")  # a member of Regionstyrelsen replaced at that meeting
    subscribed(client, mailoutbox, "/arenden/region-jonkopings-lan/2022-1409/", "arende@example.org")
    subscribed(client, mailoutbox, f"/personer/{frisk.slug}/", "frisk@example.org")
    subscribed(client, mailoutbox, f"/personer/{borgstrom.slug}/", "borgstrom@example.org")
    subscribed(client, mailoutbox, "/sok/", "sokning@example.org", {"q": "lipödem"})
    subscribed(client, mailoutbox, "/sok/", "annat-organ@example.org", {"q": "lipödem", "organ": "namnd-for-folkhalsa-och-sjukvard"})
    subscribed(client, mailoutbox, "/namnd-for-folkhalsa-och-sjukvard/", "annan-namnd@example.org")
    mailoutbox.clear()

    import_published(minutes_of_a_new_meeting(tmp_path, "2024-05-14"), django_capture_on_commit_callbacks)
    by_address = {m.to[0]: m for m in mailoutbox}
    assert len(mailoutbox) == len(by_address) == 3, sorted(by_address)
    assert set(by_address) == {"arende@example.org", "frisk@example.org", "sokning@example.org"}

    assert paragraph_links(by_address["arende@example.org"].body, "2024-05-14") == [14]
    assert paragraph_links(by_address["sokning@example.org"].body, "2024-05-14") == [14]
    assert "sökningen ”lipödem”" in by_address["sokning@example.org"].subject

    meeting = Meeting.objects.get(body__slug="regionstyrelsen", date=dt.date(2024, 5, 14))
    served = sorted(meeting.paragraphs.values_list("number", flat=True))  # a member of the executive board, all the meeting
    person_mail = by_address["frisk@example.org"].body
    assert sorted(set(paragraph_links(person_mail, "2024-05-14"))) == served
    vote = person_mail[person_mail.index("§ 14: Motion"):].split("\n")[1]
    assert vote.strip() == "(yrkade, reserverade sig, röstade nej, tjänstgjorde)"
    assert "(tjänstgjorde)" in person_mail[person_mail.index("§ 1: Upprop"):]


def test_subscribing_twice_is_one_subscription_and_says_the_same(client, mailoutbox):
    first = subscribe(client, "/regionstyrelsen/", "Dubbel@Example.org")
    second = subscribe(client, "/regionstyrelsen/", "  dubbel@example.org ")
    assert first.status_code == second.status_code == 200
    assert Subscriber.objects.filter(email="dubbel@example.org").count() == 1
    assert Subscription.objects.filter(subscriber__email="dubbel@example.org").count() == 1
    assert len(mailoutbox) == 1  # asked again at once: the link is not mailed twice
    Subscription.objects.update(requested=timezone.now() - dt.timedelta(hours=1))
    assert subscribe(client, "/regionstyrelsen/", "dubbel@example.org").status_code == 200
    assert len(mailoutbox) == 2 and links(mailoutbox[0]) == links(mailoutbox[1])  # the same link again
    confirm(client, mailoutbox[1])
    Subscription.objects.update(requested=timezone.now() - dt.timedelta(hours=1))
    third = subscribe(client, "/regionstyrelsen/", "dubbel@example.org")
    assert third.content.decode().count("Bekräfta i mejlet") == first.content.decode().count("Bekräfta i mejlet") > 0
    assert mailoutbox[2].subject == "Du bevakar redan detta i Paragraf"
    assert [kind for kind, _ in links(mailoutbox[2])] == ["avsluta"]
    assert Subscription.objects.filter(subscriber__email="dubbel@example.org", confirmed__isnull=False).count() == 1


# ---------------------------------------------------------------- links and forms that do not work


def test_an_unknown_or_expired_link_says_so_in_swedish(client, mailoutbox):
    for path in ("/bevakning/bekrafta/finns-inte/", "/bevakning/avsluta/finns-inte/", "/bevakning/avsluta-alla/finns-inte/"):
        for answer in (client.get(path), client.post(path)):
            assert answer.status_code == 404, path
            assert "Länken gäller ingen bevakning" in answer.content.decode()

    assert subscribe(client, "/regionstyrelsen/", "sen@example.org").status_code == 200
    [(_, token)] = links(mailoutbox[0])
    Subscription.objects.update(requested=timezone.now() - dt.timedelta(days=8))
    for answer in (client.get(f"/bevakning/bekrafta/{token}/"), client.post(f"/bevakning/bekrafta/{token}/")):
        assert answer.status_code == 400
        assert "Länken har gått ut" in answer.content.decode() and "7 dagar" in answer.content.decode()
    assert Subscription.objects.get(subscriber__email="sen@example.org").confirmed is None

    assert subscribe(client, "/regionstyrelsen/", "sen@example.org").status_code == 200  # asked again: a new link
    [(_, new_token)] = links(mailoutbox[1])
    assert new_token != token
    assert client.get(f"/bevakning/bekrafta/{token}/").status_code == 404
    confirm(client, mailoutbox[1])
    assert Subscription.objects.get(subscriber__email="sen@example.org").confirmed is not None


def call_command_output(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_form_answers_errors_robots_and_forged_posts(client, mailoutbox):
    hidden = form_of(client.get("/regionstyrelsen/").content.decode())
    wrong = client.post("/bevakning/", {**hidden, "epost": "inte en adress"})
    assert wrong.status_code == 400
    page = wrong.content.decode()
    assert 'role="alert"' in page and "Skriv en hel e-postadress" in page
    assert 'aria-invalid="true"' in page and 'aria-describedby="bevaka-fel bevaka-om"' in page
    assert 'value="inte en adress"' in page  # what was written stays, to be corrected
    empty = client.post("/bevakning/", {**hidden, "epost": ""})
    assert empty.status_code == 400 and "Skriv din e-postadress" in empty.content.decode()

    robot = client.post("/bevakning/", {**hidden, "epost": "robot@example.org", "hemsida": "http://spam.example"})
    assert robot.status_code == 200 and "Bekräfta i mejlet" in robot.content.decode()  # told nothing
    assert not Subscriber.objects.filter(email="robot@example.org").exists()

    assert client.post("/bevakning/", {"bevaka": "body", "mal": "finns-inte", "epost": "a@example.org"}).status_code == 404
    assert client.post("/bevakning/", {"bevaka": "search", "mal": "q=", "epost": "a@example.org"}).status_code == 404
    assert client.post("/bevakning/", {"bevaka": "meeting", "mal": "1", "epost": "a@example.org"}).status_code == 404
    assert client.get("/bevakning/").status_code == 405
    forged = Client(enforce_csrf_checks=True).post("/bevakning/", {**hidden, "epost": "forfalskad@example.org"})
    assert forged.status_code == 403
    assert mailoutbox == []


def test_subscribing_is_rate_limited_per_client(client, settings, monkeypatch, mailoutbox):
    settings.PARAGRAF_RATE_LIMITS = {**settings.PARAGRAF_RATE_LIMITS, "subscribe": "2/m"}
    from django_ratelimit import core

    now = time.time()
    monkeypatch.setattr(core, "time", types.SimpleNamespace(time=lambda: now))  # one window (tests/test_bounded.py)
    cache.clear()
    hidden = form_of(client.get("/regionstyrelsen/").content.decode())
    statuses = [client.post("/bevakning/", {**hidden, "epost": f"snabb{n}@example.org"}, REMOTE_ADDR="192.0.2.9").status_code
                for n in range(3)]
    assert statuses == [200, 200, 429]
    assert len(mailoutbox) == 2
    assert client.post("/bevakning/", {**hidden, "epost": "annan@example.org"}, REMOTE_ADDR="192.0.2.10").status_code == 200
    cache.clear()


# ---------------------------------------------------------------- the job


def test_the_command_sends_what_the_import_did_not_and_nothing_twice(client, mailoutbox, tmp_path, settings):
    subscribed(client, mailoutbox, "/regionstyrelsen/", "senare@example.org")
    mailoutbox.clear()
    # Imported in the test's transaction without its commit: the job after the import did not run.
    assert import_path(minutes_of_a_new_meeting(tmp_path, "2024-05-14"), hints=MeetingHints(organization=ORGANIZATION)).ok
    assert mailoutbox == []
    # The mail server does not answer: nothing is recorded as sent.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 2
    report = send_alerts(None, since=timezone.now() - dt.timedelta(days=1))
    assert (report.mails, report.failed) == (0, 1)
    assert not DeliveredParagraph.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert call_command_output("send_alerts").startswith("alerts: 1 mails sent (14 §), 0 failed")
    assert len(mailoutbox) == 1 and paragraph_links(mailoutbox[0].body, "2024-05-14")
    assert call_command_output("send_alerts").startswith("alerts: 0 mails sent")
    assert len(mailoutbox) == 1


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unconfirmed_subscriptions_are_forgotten_after_the_confirmation_days(client, mailoutbox):
    assert subscribe(client, "/regionstyrelsen/", "glomd@example.org").status_code == 200
    Subscription.objects.update(requested=timezone.now() - dt.timedelta(days=8))
    assert "1 unconfirmed subscriptions forgotten" in call_command_output("send_alerts")
    assert not Subscriber.objects.filter(email="glomd@example.org").exists()


# ---------------------------------------------------------------- the form on the pages


@pytest.mark.parametrize("path, kind, key", [
    ("/regionstyrelsen/", "body", "regionstyrelsen"),
    ("/arenden/region-jonkopings-lan/2022-1409/", "case", "region-jonkopings-lan/2022-1409"),
    ("/sok/?q=lip%C3%B6dem&organ=regionstyrelsen&sida=1&ordning=date", "search", "organ=regionstyrelsen&q=lip%C3%B6dem"),
])
def test_the_pages_offer_the_form(client, path, kind, key):
    page = client.get(path).content.decode()
    assert form_of(page) == {"bevaka": kind, "mal": key}
    assert '<label for="bevaka-epost">Din e-postadress</label>' in page
    assert 'type="email" name="epost"' in page and 'class="trap"' in page


def test_a_person_page_offers_the_form(client):
    person = Person.objects.get(name="Maria Frisk")
    page = client.get(f"/personer/{person.slug}/").content.decode()
    assert form_of(page) == {"bevaka": "person", "mal": person.slug}
    assert "Maria Frisk (KD) har yrkat" in page


def test_staff_see_and_may_delete_an_address_in_the_admin(client, mailoutbox, admin_client):
    subscription = subscribed(client, mailoutbox, "/regionstyrelsen/", "fragar@example.org")
    listing = admin_client.get("/admin/alerts/subscriber/", {"q": "fragar"})
    assert listing.status_code == 200 and "fragar@example.org" in listing.content.decode()
    page = admin_client.get(f"/admin/alerts/subscriber/{subscription.subscriber_id}/change/")
    assert page.status_code == 200 and "Regionstyrelsen" in page.content.decode()
    assert admin_client.post(f"/admin/alerts/subscriber/{subscription.subscriber_id}/delete/", {"post": "yes"}).status_code == 302
    assert not Subscription.objects.filter(pk=subscription.pk).exists()

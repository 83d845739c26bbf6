"""Issue 14's acceptance in a real browser (Chromium through Playwright against `paragraf serve`): the
secretary records a meeting of 5 § (roll call with one substitute serving, an open vote of 15 members,
a reservation, a secret ballot, an election), makes the minutes ready; the chair and two adjusters each
log in and sign; the minutes are justerade and posted; the public sees the posting with the right
appeal date and downloads the signed PDF, whose three signatures pyHanko's validator finds valid; an
edit after justering is refused and logged. axe-core finds no violation on the new pages."""
from __future__ import annotations

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest

from paragraf.review.dates import posting_dates
from paragraf.secretariat.signing.validation import validate
from tests.browsing import check, launch, log_in, new_page, submit
from tests.live_portal import serve_corpus

PASSWORD = "korrekt-hast-batteri-häftklammer"
SIGNERS = (("ordforande", "Rachel De Basso"), ("justerare-1", "Tommie Ekered"), ("justerare-2", "Maria Frisk"))
PREPARE = f"""
import datetime
from django.contrib.auth.models import Group, User
from paragraf.records.models import Body, Meeting, Person
from paragraf.secretariat import agenda, notices
from paragraf.secretariat.models import BodySecretary, MemberAccount, Preparation
body = Body.objects.get(slug="regionstyrelsen")
secretary = User.objects.create_user("sekreterare-rs", "rs@example.se", {PASSWORD!r})
secretary.groups.add(Group.objects.get(name="Sekreterare"))
BodySecretary.objects.create(user=secretary, body=body)
for username, name in {SIGNERS!r}:
    user = User.objects.create_user(username, username + "@example.se", {PASSWORD!r})
    MemberAccount.objects.create(user=user).people.add(Person.objects.filter(name=name, memberships__body=body).distinct().get())
meeting = Meeting.all_objects.create(body=body, date=datetime.date(2027, 3, 9), start_time=datetime.time(13), place="Sal A, Regionens hus",
                                     published=False)
Preparation.objects.create(meeting=meeting, created_by=secretary)
for title, section in (("Upprop och val av protokollsjusterare", ""), ("Motion om solceller på regionens hus", "Beslutsärenden"),
                       ("Val av ordförande i krisledningsnämnden", "Val"), ("Val - Jönköpings Airport AB, ombud", "Val"),
                       ("Övriga frågor", "Övrigt")):
    agenda.add_item(meeting, title=title, section=section)
agenda.fill_called(meeting)
notices.publish(meeting, secretary)
"""
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data = tmp_path_factory.mktemp("minutes")
    with serve_corpus(data, prepare=PREPARE) as url:
        yield url.rstrip("/"), data


@pytest.fixture(scope="module")
def browser():
    with launch() as browser:
        yield browser


def swedish(day) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def save_paragraph(page) -> None:
    submit(page, page.get_by_role("button", name="Spara paragrafen"))
    assert "är sparad" in page.get_by_role("status").first.inner_text(), page.content()


def test_record_sign_post_and_validate(browser, served):
    portal, data = served
    checked: list[str] = []
    page = new_page(browser)
    log_in(page, portal, "sekreterare-rs", PASSWORD)
    page.get_by_role("link", name="Regionstyrelsen 9 mars 2027").click()
    page.get_by_role("link", name="Protokollet: upprop och paragrafer").click()
    check(page, checked)

    # Roll call: Martin Nedergaard-Hansen (BA) is absent; Paragraf proposes Pontus Lundgren (BA).
    page.get_by_label("Martin Nedergaard-Hansen närvarande").uncheck()
    page.get_by_label("Ordförande", exact=True).select_option("Rachel De Basso (S)")
    page.get_by_label("Justerare", exact=True).select_option("Tommie Ekered (M)")
    page.get_by_label("Andra justerare").select_option("Maria Frisk (KD)")
    page.get_by_label("Sekreterare").fill("Nathalie Bijelic Eriksson")
    page.get_by_label("Sammanträdet slutade (tid)").fill("15:40")
    submit(page, page.get_by_role("button", name="Spara uppropet"))
    assert page.locator("select[name^=serves_for] option[selected]", has_text="Martin Nedergaard-Hansen").count() == 1

    # § 1 and § 2: an open vote of the 15 who serve, 9-6, and a reservation of two who voted no.
    page.get_by_role("link", name="§ 1 Upprop och val av protokollsjusterare").click()
    page.get_by_label("Beslut", exact=True).fill("Regionstyrelsen utser Tommie Ekered (M) och Maria Frisk (KD) att justera protokollet.")
    save_paragraph(page)
    page.get_by_role("link", name="§ 2").click()
    check(page, checked)
    page.get_by_label("Beslut", exact=True).fill("Regionstyrelsen föreslår regionfullmäktige att bifalla motionen.")
    page.get_by_label("Yrkanden (ett per rad: vem som yrkar och vad)").fill("Ordföranden yrkar bifall till motionen.")
    page.get_by_label("Sätt").select_option("open")
    page.get_by_label("Ja står för").fill("att bifalla motionen")
    page.get_by_label("Nej står för").fill("att avslå motionen")
    rows = page.locator("table tbody tr", has=page.locator("input[type=radio]"))
    assert rows.count() == 15
    serving = [rows.nth(i).locator("th").inner_text() for i in range(15)]
    assert "Pontus Lundgren (BA)" in serving and "Martin Nedergaard-Hansen (BA)" not in serving
    for i in range(15):
        rows.nth(i).locator(f"input[value={'no' if i >= 9 else 'yes'}]").check()
    for name in serving[13:15]:
        page.get_by_label(f"Reserverar sig: {name}", exact=True).check()
    page.get_by_label("Reservationen").fill("")
    save_paragraph(page)

    # § 3: a secret ballot; § 4: an election; § 5: a decision.
    page.get_by_role("link", name="§ 3").click()
    page.get_by_label("Beslut", exact=True).fill("Regionstyrelsen väljer Per Eriksson (C) till ordförande i krisledningsnämnden.")
    page.get_by_label("Sätt").select_option("secret")
    page.get_by_label("Sluten omröstning: kandidater och röster").fill("Per Eriksson (C): 8\nJimmy Ekström (L): 6")
    page.get_by_label("Blanka valsedlar").fill("1")
    save_paragraph(page)
    page.get_by_role("link", name="§ 4").click()
    page.get_by_label("Beslut", exact=True).fill("Regionstyrelsen utser Per Svenberg (S) till ombud vid bolagsstämman.")
    page.get_by_label("Val (ett per rad").fill("Per Svenberg (S) | ombud | Jönköpings Airport AB | 2023-2026")
    save_paragraph(page)
    # § 5 is saved by the page itself a few seconds after the last keystroke (autosave).
    page.get_by_role("link", name="§ 5").click()
    page.get_by_label("Beslut", exact=True).fill("Inga övriga frågor anmäls.")
    page.get_by_text("Sparat (version").wait_for()
    page.reload()
    assert page.get_by_label("Beslut", exact=True).input_value() == "Inga övriga frågor anmäls."

    # The minutes made ready; the chair and the adjusters sign, each logged in.
    page.get_by_role("link", name="Protokoll: Regionstyrelsen 9 mars 2027").click()
    submit(page, page.get_by_role("button", name="Gör protokollet klart för justering"))
    assert "Väntar på: Rachel De Basso, Tommie Ekered, Maria Frisk." in page.content()
    meeting_path = page.url.split(portal)[1].split("protokoll/")[0]
    for username, name in SIGNERS:
        signer = new_page(browser)
        log_in(signer, portal, username, PASSWORD)
        signer.goto(portal + meeting_path + "justering/")
        check(signer, checked)
        submit(signer, signer.get_by_role("button", name="Signera protokollet"))
        assert f"{name} har justerat protokollet." in signer.content()
        signer.context.close()

    # The public: the notice board with the appeal date, the signed PDF with three valid signatures.
    public = new_page(browser)
    public.goto(portal + "/anslagstavla/")
    check(public, checked)
    row = public.locator("tr", has_text="Regionstyrelsen 9 mars 2027")
    posted = row.locator("td[data-label=Anslaget] time").get_attribute("datetime")
    dates = posting_dates(datetime.date.fromisoformat(posted))
    assert row.locator("td[data-label='Sista dag att överklaga']").inner_text() == swedish(dates.appeal_last_day)
    pdf = public.request.get(portal + "/regionstyrelsen/2027-03-09/protokoll.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    # pyHanko's validator runs its own event loop: not in Playwright's thread.
    with ThreadPoolExecutor(1) as thread:
        statuses = thread.submit(validate, pdf.body(), [(data / "signing-ca" / "ca.pem").read_bytes()]).result()
    assert [(s.signer, s.ok) for s in statuses] == [(name, True) for _user, name in SIGNERS]
    public.goto(portal + "/regionstyrelsen/2027-03-09/")
    check(public, checked)
    said = " ".join(public.locator("section[aria-labelledby=justerat]").inner_text().split())
    assert f"Sista dag att överklaga besluten genom laglighetsprövning: {swedish(dates.appeal_last_day)}" in said

    # After justering an edit is refused, and the refusal is logged.
    page.goto(portal + meeting_path + "protokoll/2/")
    page.get_by_label("Beslut", exact=True).fill("Ändrat efter justeringen.")
    submit(page, page.get_by_role("button", name="Spara paragrafen"))
    assert "Protokollet är justerat och kan inte ändras" in page.content()
    assert "refused: sekreterare-rs changing the minutes of Regionstyrelsen 2027-03-09 (justerad)" in (data / "serve.log").read_text()
    assert len(checked) == 7, checked

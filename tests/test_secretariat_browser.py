"""Issue 13's acceptance in a real browser (Chromium through Playwright, against `paragraf serve` on the
corpus): a secretary logs in, registers a case and uploads two PDFs to it (one confidential), creates a
meeting of Regionstyrelsen, builds an agenda of 10 items in 3 sections from cases, attaches a PDF to
two items, moves one with the keyboard, publishes; the public sees the meeting and its agenda and
downloads the packet; a member sees the confidential document, the public does not. axe-core finds no
WCAG 2.1 A/AA violation on any page of the secretariat, and none scrolls sideways at 360 px."""
from __future__ import annotations

import re

import pypdfium2
import pytest

from tests.browsing import check, launch, log_in, new_page, submit
from tests.live_portal import serve_corpus
from tests.secretariat_world import pdf_bytes

PASSWORD = "korrekt-hast-batteri-häftklammer"
PREPARE = f"""
from django.contrib.auth.models import Group, User
from paragraf.records.models import Body, Membership
from paragraf.secretariat.models import BodySecretary, MemberAccount
body = Body.objects.get(slug="regionstyrelsen")
secretary = User.objects.create_user("sekreterare-rs", "rs@example.se", {PASSWORD!r})
secretary.groups.add(Group.objects.get(name="Sekreterare"))
BodySecretary.objects.create(user=secretary, body=body)
member = User.objects.create_user("ledamot-rs", "ledamot@example.se", {PASSWORD!r})
person = Membership.objects.filter(body=body, role="member").order_by("person__name").first().person
MemberAccount.objects.create(user=member).people.add(person)
"""
MEETING = "/regionstyrelsen/2027-03-09/"
SECTIONS = ("Informationsärenden och aktuellt", "Beslutsärenden till regionfullmäktige", "Beslutsärenden för regionstyrelsen")


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    with serve_corpus(tmp_path_factory.mktemp("secretariat"), prepare=PREPARE) as url:
        yield url.rstrip("/")


@pytest.fixture(scope="module")
def browser():
    with launch() as browser:
        yield browser


def case_value(page, core: str) -> str:
    return page.locator("#id_case option", has_text=core).first.get_attribute("value")


def add_item(page, title: str = "", case: str = "", section: str = "") -> None:
    form = page.locator("form", has=page.get_by_role("button", name="Lägg till punkten"))
    form.get_by_label("Rubrik", exact=True).fill(title)
    if case:
        form.get_by_label("Ärende").select_option(case_value(page, case))
    form.get_by_label("Avsnitt").fill(section)
    submit(page, form.get_by_role("button", name="Lägg till punkten"))


def agenda_titles(page) -> list[str]:
    return [t.strip() for t in page.locator("table.agenda tr[data-move] td:nth-child(2) a").all_inner_texts()]


def pdf_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(data)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def test_a_secretary_prepares_and_publishes_a_meeting_the_public_and_a_member_see_it(browser, portal, tmp_path):
    checked: list[str] = []
    public_pdf, secret_pdf = tmp_path / "tjansteskrivelse.pdf", tmp_path / "anbud.pdf"
    public_pdf.write_bytes(pdf_bytes("Tjänsteskrivelse solceller", pages=2))
    secret_pdf.write_bytes(pdf_bytes("Anbud med sekretess"))

    page = new_page(browser)
    page.goto(portal + "/konto/logga-in/")
    check(page, checked)
    log_in(page, portal, "sekreterare-rs", PASSWORD)
    assert page.url == portal + "/sekretariat/"
    check(page, checked)

    # A case with two documents, one of them confidential.
    page.get_by_role("link", name="Ärenden", exact=True).click()
    check(page, checked)
    page.get_by_label("Diarieserie (förled)").fill("RS")
    page.get_by_label("Rubrik", exact=True).fill("Solceller på Regionens hus")
    submit(page, page.get_by_role("button", name="Registrera"))
    number = page.locator("h1").inner_text().split(" Solceller")[0]
    assert re.fullmatch(r"RS \d{4}/\d+", number), number
    check(page, checked)
    for title, path, confidential in (("Tjänsteskrivelse solceller", public_pdf, False), ("Anbud med sekretess", secret_pdf, True)):
        upload = page.locator("form[enctype='multipart/form-data']")
        upload.get_by_label("Rubrik", exact=True).fill(title)
        upload.get_by_label("Fil (PDF)").set_input_files(str(path))
        if confidential:
            upload.get_by_label("Omfattas av sekretess").check()
        submit(page, upload.get_by_role("button", name="Ladda upp"))
        assert page.get_by_role("status").inner_text().startswith(f"Handlingen {title}")

    # The meeting: 5 standard items, then 5 more in 3 sections, 4 of them from cases.
    page.goto(portal + "/sekretariat/")
    page.get_by_role("link", name="Nytt sammanträde för Regionstyrelsen").click()
    check(page, checked)
    page.get_by_label("Datum").fill("2027-03-09")
    page.get_by_label("Tid").fill("13:00")
    page.get_by_label("Plats").fill("Sal A, Regionens hus")
    submit(page, page.get_by_role("button", name="Skapa sammanträdet"))
    assert len(agenda_titles(page)) == 5
    add_item(page, title="Aktuell information", section=SECTIONS[0])
    add_item(page, case="2023/217", section=SECTIONS[1])
    add_item(page, case="2023/241", section=SECTIONS[1])
    add_item(page, case=number, section=SECTIONS[2])
    add_item(page, case="2023/137", section=SECTIONS[2])
    titles = agenda_titles(page)
    assert len(titles) == 10 and titles[8] == "Solceller på Regionens hus"
    assert page.locator("table.agenda tr.section").all_inner_texts() == list(SECTIONS)
    check(page, checked)

    # A PDF to two items: the public one to the new case, the confidential one to the last item.
    rows = page.locator("table.agenda tr[data-move]")
    for row_index, title in ((8, "Tjänsteskrivelse solceller"), (9, "Anbud med sekretess")):
        row = rows.nth(row_index)
        row.locator("select").select_option(label=f"{number}: {title}" + (" (sekretess)" if "sekretess" in title else ""))
        submit(page, row.get_by_role("button", name="Bifoga"))
    # The last item moved up with the keyboard alone.
    page.locator("table.agenda tr[data-move]").nth(9).get_by_role("button", name="Upp").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    titles = agenda_titles(page)
    assert titles[8] != "Solceller på Regionens hus" and titles[9] == "Solceller på Regionens hus"
    # … and the mouse: the last row dragged onto the seventh (the whole table in view: no scrolling).
    page.set_viewport_size({"width": 1280, "height": 4000})
    rows = page.locator("table.agenda tr[data-move]")
    with page.expect_navigation():
        rows.nth(9).drag_to(rows.nth(6), source_position={"x": 20, "y": 10}, target_position={"x": 20, "y": 10})
    page.set_viewport_size({"width": 1280, "height": 900})
    after = agenda_titles(page)
    assert after == titles[:6] + [titles[9]] + titles[6:9], (titles, after)

    page.locator("table.agenda tr[data-move]").nth(5).get_by_role("link").click()
    check(page, checked)
    page.goto(portal + "/sekretariat/")
    page.get_by_role("link", name="Standardpunkter för Regionstyrelsen").click()
    check(page, checked)
    page.go_back()
    page.get_by_role("link", name="Regionstyrelsen 9 mars 2027").click()
    submit(page, page.get_by_role("button", name="Publicera kallelsen"))
    assert "Kallelsen är publicerad" in page.get_by_role("status").inner_text()
    check(page, checked)

    # The public: the meeting, its agenda, the packet; not the confidential document.
    public = new_page(browser)
    public.goto(portal + MEETING)
    check(public, checked)
    agenda_rows = public.locator("#dagordning ~ table tbody tr, section[aria-labelledby=dagordning] tbody tr")
    assert agenda_rows.count() == 10
    assert public.get_by_role("link", name="Tjänsteskrivelse solceller").count() == 1
    assert "Anbud med sekretess" not in public.content()
    assert "1 handling omfattas av sekretess" in public.content()
    packet = public.request.get(portal + MEETING + "handlingar.pdf")
    assert packet.ok and packet.headers["content-type"] == "application/pdf"
    text = pdf_text(packet.body())
    assert "Tjänsteskrivelse solceller" in text and "Anbud med sekretess" not in text and "KALLELSE" in text

    # A member of Regionstyrelsen: sees the confidential document and opens it.
    member = new_page(browser)
    log_in(member, portal, "ledamot-rs", PASSWORD)
    member.goto(portal + MEETING)
    secret = member.get_by_role("link", name="Anbud med sekretess")
    assert secret.count() == 1
    secret_link = secret.get_attribute("href")
    opened = member.request.get(portal + secret_link)
    assert opened.ok and opened.headers["content-type"] == "application/pdf"
    assert "Anbud med sekretess" in pdf_text(opened.body())
    # … which the public cannot open: sent to the login page.
    refused = public.request.get(portal + secret_link)
    assert refused.headers["content-type"].startswith("text/html") and "/konto/logga-in/" in refused.url

    assert len(checked) == 10, checked

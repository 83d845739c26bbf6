"""The portal in a real browser (issue 4): Playwright drives Debian's Chromium against
`paragraf serve` on a temporary database holding both corpus packets.

- every page type: axe-core (WCAG 2.0/2.1 A and AA rules) finds no violations at 1280 and
  360 px, nothing scrolls sideways at 360 px, and a full-page screenshot of each is kept in
  artifacts/screenshots/<page>-<width>.png;
- keyboard: the skip link comes first, shows when focused and moves focus to the content;
  focused links have a visible outline;
- acceptance: search `sjukresor` → § → case and its path; the 9–6 vote of Regionstyrelsen
  2023-01-31 § 14 with the names and the reservation; subscribing to Regionstyrelsen by e-mail (the
  pages of the mailed links are page types above);
- Content-Security-Policy: no page type and no admin page used (log in, a change list with its
  actions, a change form with its date widgets) makes Chromium refuse anything.

Without /usr/bin/chromium the tests are skipped, except in CI (tests/browsing.py).
"""
from __future__ import annotations

import re
from datetime import date

import pytest

from tests.browsing import axe_violations, check, describe, launch
from tests.conftest import ROOT
from tests.live_portal import STAFF_PASSWORD, STAFF_USER, serve_corpus

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
WIDTHS = [1280, 360]
# The source file page shows a whole packet (~17 000 numbered lines, one link each): axe needs
# ~45 s per run on it. Its lines are one template loop, so axe checks the page with the first
# SOURCE_LINES_CHECKED lines; the 360 px overflow check runs on the whole page first.
SOURCE_LINES_CHECKED = 300


# A pending alert subscription to Regionstyrelsen, with the tokens of its mailed links known here.
CONFIRM_TOKEN, ALL_TOKEN = "bevakning-av-regionstyrelsen", "alla-bevakningar-for-lasare"
PREPARE = f"""
from django.utils import timezone
from paragraf.alerts.models import Subscriber, Subscription
from paragraf.records.models import Body
reader = Subscriber.objects.create(email="lasare@example.org", token="{ALL_TOKEN}")
Subscription.objects.create(subscriber=reader, kind="body", body=Body.objects.get(slug="regionstyrelsen"), target="rs",
                            token="{CONFIRM_TOKEN}", requested=timezone.now())
"""


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    with serve_corpus(tmp_path_factory.mktemp("browser"), prepare=PREPARE) as url:
        yield url.rstrip("/")


@pytest.fixture(scope="module")
def browser():
    with launch() as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def page_urls(browser, portal):
    """The address of each page type on the corpus; person, document, source file and
    indicator report are found by following links, as a visitor would."""
    context = browser.new_context()
    page = context.new_page()

    def first_link(path: str, selector: str) -> str:
        page.goto(portal + path)
        href = page.locator(f"main {selector}").first.get_attribute("href")
        assert href, f"no link {selector} on {path}"
        return href.split("#")[0]

    urls = {
        "start": "/",
        "search": "/sok/?q=sjukresor",
        "organisation": "/organisationer/region-jonkopings-lan/",
        "body": "/regionstyrelsen/",
        "meeting": "/regionstyrelsen/2023-01-31/",
        "paragraph": "/regionstyrelsen/2023-01-31/14/",
        "case": "/arenden/region-jonkopings-lan/2023-217/",
        "case-cited-steps": "/arenden/region-jonkopings-lan/2022-1409/",
        "secret-ballot": "/regionstyrelsen/2023-01-31/24/",
        "elections": "/regionstyrelsen/2023-01-31/38/",
        "person": first_link("/regionstyrelsen/2023-01-31/", "a[href^='/personer/']"),
        "person-replaced": first_link("/regionstyrelsen/", "a[href^='/personer/annelie-borgstrom']"),
        "party": "/partier/SD/",
        "document": first_link("/arenden/region-jonkopings-lan/2023-217/", "a[href^='/handlingar/']"),
        "source": first_link("/regionstyrelsen/2023-01-31/14/", "a[href^='/kallor/']"),
        "indicator-reports": "/organisationer/region-jonkopings-lan/matetal/",
        "indicators": first_link("/organisationer/region-jonkopings-lan/matetal/", "a[href*='/matetal/']"),
        "internal-control": "/organisationer/region-jonkopings-lan/intern-kontroll/",
        "registers": "/namnd-for-folkhalsa-och-sjukvard/2022-02-22/",
        "followup": "/namnd-for-folkhalsa-och-sjukvard/uppfoljning/",
        "not-found": "/finns-inte/alls/",
        "alert-confirm": f"/bevakning/bekrafta/{CONFIRM_TOKEN}/",
        "alert-unsubscribe": f"/bevakning/avsluta/{CONFIRM_TOKEN}/",
        "alert-unsubscribe-all": f"/bevakning/avsluta-alla/{ALL_TOKEN}/",
        "alert-unknown-link": "/bevakning/avsluta/finns-inte/",
    }
    context.close()
    return urls


PAGE_TYPES = ["start", "search", "organisation", "body", "meeting", "paragraph", "secret-ballot", "elections", "case",
              "case-cited-steps", "person", "person-replaced", "party", "document", "source", "indicator-reports",
              "indicators", "internal-control", "registers", "followup", "not-found", "alert-confirm", "alert-unsubscribe", "alert-unsubscribe-all", "alert-unknown-link"]
NOT_FOUND = {"not-found", "alert-unknown-link"}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_type_is_accessible_and_fits(page, portal, page_urls, kind, width):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(portal + page_urls[kind])
    assert response.status == (404 if kind in NOT_FOUND else 200), page_urls[kind]
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("main h1").count() == 1
    if width == 360:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 360, f"{page_urls[kind]} scrolls sideways at 360 px ({scroll_width} px wide)"
    if kind == "internal-control":  # the plan's table (caption, headers) is on the page axe checks
        assert page.locator("main table caption", has_text="kontrollmoment efter risk").count() == 1
    if kind == "source":
        page.evaluate("""n => { const pre = document.querySelector("pre.lines");
            const cut = pre.querySelectorAll(":scope > span")[n];
            while (cut && cut.nextSibling) cut.nextSibling.remove();
            if (cut) cut.remove(); }""", SOURCE_LINES_CHECKED)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{kind}-{width}.png", full_page=True)
    violations = axe_violations(page)
    assert not violations, f"axe-core on {page_urls[kind]} at {width} px:\n{describe(violations)}"


def test_a_citizen_subscribes_to_a_body_by_e_mail_with_the_keyboard(page, portal):
    """The form on the body page: labelled, described, sent with Enter, answered by a page that fits and
    passes axe; a wrong address (as a browser that does not check it sends it) is named and announced."""
    page.goto(portal + "/regionstyrelsen/")
    field = page.get_by_label("Din e-postadress")
    assert field.get_attribute("type") == "email" and field.get_attribute("autocomplete") == "email"
    assert "Regionstyrelsen har fattat nya beslut" in page.locator("#bevaka-om").inner_text()
    assert not page.locator("input[name=hemsida]").is_visible()  # the honeypot is for robots only
    field.fill("medborgare@example.org")
    with page.expect_navigation():
        field.press("Enter")
    assert page.locator("main h1").inner_text() == "Bekräfta i mejlet"
    check(page, [])

    page.goto(portal + "/regionstyrelsen/")
    page.locator("#bevaka-epost").evaluate("field => { field.type = 'text'; field.required = false; }")
    page.get_by_label("Din e-postadress").fill("inte en adress")
    with page.expect_navigation():
        page.get_by_role("button", name="Bevaka").click()
    assert page.locator("main h1").inner_text() == "Kontrollera e-postadressen"
    alert = page.get_by_role("alert")
    assert "Skriv en hel e-postadress" in alert.inner_text()
    field = page.get_by_label("Din e-postadress")
    assert field.get_attribute("aria-invalid") == "true" and field.input_value() == "inte en adress"
    check(page, [])


def test_skip_link_comes_first_shows_and_moves_focus_to_content(page, portal):
    page.goto(portal + "/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Hoppa till innehållet"
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0 and box["width"] > 20 and box["height"] > 10, box
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "innehall"
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
    # The next Tab continues inside the content: the search box of the start page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "sok"


def focus_style(page) -> dict:
    return page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return {tag: document.activeElement.tagName, text: document.activeElement.textContent.trim(),
                style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor}; }""")


def test_focused_links_have_a_visible_outline(page, portal):
    page.goto(portal + "/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # the brand link in the header
    header_link = focus_style(page)
    assert header_link["tag"] == "A" and header_link["text"] == "Paragraf"
    assert header_link["style"] != "none" and header_link["width"] >= 2, header_link
    # A link in the content (white background), reached by keyboard from the search form.
    page.locator("#sok").focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "A":
            break
    content_link = focus_style(page)
    assert content_link["tag"] == "A"
    assert content_link["style"] != "none" and content_link["width"] >= 2, content_link
    # The header is dark blue: its focus outline is another colour than the one on white.
    assert header_link["color"] != content_link["color"]


SWEDISH_MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
                  "oktober", "november", "december"]


def check_case_path(page):
    """The case page of RJL 2023/217 shows its path through the bodies in date order."""
    assert re.search(r"/arenden/region-jonkopings-lan/2023-217/$", page.url), page.url
    heading = page.get_by_role("heading", name="Ärendets gång")
    assert heading.is_visible()
    steps = page.locator("ol.path > li")
    dates = [date.fromisoformat(d) for d in steps.locator("time").evaluate_all("els => els.map(e => e.dateTime)")]
    assert dates == sorted(dates) and len(dates) >= 4, dates
    text = " ".join(steps.all_inner_texts())
    expected = ["24 januari 2023", "8 februari 2023", "22 februari 2023", "7 mars 2023"]
    positions = [text.find(day) for day in expected]
    assert -1 not in positions and positions == sorted(positions), (expected, text)


def test_search_sjukresor_then_paragraph_then_case_path(page, portal):
    page.goto(portal + "/")
    page.get_by_label("Sök bland beslut, ärenden och handlingar").fill("sjukresor")
    page.locator("#sok").press("Enter")
    page.wait_for_url(re.compile(r"/sok/\?q=sjukresor"))
    hits = page.locator("ol.hits > li.hit")
    assert hits.count() > 0, "no hits for sjukresor"
    paragraph_link = re.compile(r"^/[\w-]+/\d{4}-\d{2}-\d{2}/\d+/$")
    links = hits.locator("h2 a").filter(has_text=re.compile("Regelverk sjukresor", re.I))
    hrefs = [href for href in links.evaluate_all("els => els.map(e => e.getAttribute('href'))") if paragraph_link.match(href)]
    assert hrefs, f"no hit for a § titled Regelverk sjukresor: {hits.all_inner_texts()}"
    hits.locator(f"h2 a[href='{hrefs[0]}']").first.click()
    page.wait_for_url(re.compile(re.escape(hrefs[0]) + "$"))
    assert "Regelverk sjukresor" in page.locator("h1").inner_text()
    page.locator("main a[href^='/arenden/']").first.click()
    page.wait_for_url(re.compile(r"/arenden/"))
    check_case_path(page)


def test_paragraph_links_to_its_case_and_path(page, portal):
    """The part of the search flow that does not need search: § → case → path."""
    page.goto(portal + "/namnd-for-trafik-infrastruktur-och-miljo/2023-02-22/39/")
    assert "Regelverk sjukresor" in page.locator("h1").inner_text()
    page.locator("main a[href^='/arenden/']").first.click()
    page.wait_for_url(re.compile(r"/arenden/"))
    check_case_path(page)


def test_vote_nine_to_six_with_names_and_reservation(page, portal):
    page.goto(portal + "/regionstyrelsen/2023-01-31/14/")
    vote = page.locator("section.vote")
    assert vote.get_by_role("heading", level=2).inner_text() == "Omröstning: 9 ja, 6 nej"
    sides = {}
    for side in vote.locator(".sides > div").all():
        sides[side.get_by_role("heading", level=3).inner_text()] = side.locator("li").all_inner_texts()
    assert set(sides) == {"Ja (9)", "Nej (6)"}, sides
    assert len(sides["Ja (9)"]) == 9 and len(sides["Nej (6)"]) == 6
    assert "Linnéa Nilsson (BA)" in sides["Ja (9)"] and "Rachel De Basso (S)" in sides["Ja (9)"]
    assert "Håkan Karlsson Nyborg (SD)" in sides["Nej (6)"] and "Maria Frisk (KD)" in sides["Nej (6)"]
    reservations = page.locator("section[aria-labelledby='reservationer']")
    assert reservations.get_by_role("heading", level=2, name="Reservationer").is_visible()
    assert "reserverar sig mot beslutet" in reservations.inner_text()


@pytest.fixture
def refused(page) -> list[str]:
    """What Chromium refuses on this page under the Content-Security-Policy, as it reports it."""
    messages: list[str] = []
    page.on("console", lambda message: "Content Security Policy" in message.text and messages.append(message.text))
    return messages


def test_no_page_type_breaks_the_content_security_policy(page, portal, page_urls, refused):
    for kind in PAGE_TYPES:
        response = page.goto(portal + page_urls[kind])
        assert "default-src 'self'" in response.headers["content-security-policy"], kind
        # The stylesheet applied: the header is dark blue, not the browser's transparent default.
        assert page.evaluate("getComputedStyle(document.querySelector('header.site')).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert not refused, "\n".join(refused)


def test_the_admin_works_under_the_content_security_policy(page, portal, refused):
    page.goto(portal + "/admin/")
    page.locator("#id_username").fill(STAFF_USER)
    page.locator("#id_password").fill(STAFF_PASSWORD)
    page.locator("#login-form input[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert page.locator("#site-name").inner_text() == "Paragraf – administration"
    # A change list: actions.js counts the rows selected.
    response = page.goto(portal + "/admin/records/meeting/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    counter = page.locator(".action-counter")
    assert counter.inner_text().startswith("0 av")
    page.locator("#action-toggle").check()
    assert not counter.inner_text().startswith("0 av"), counter.inner_text()
    # A change form: DateTimeShortcuts.js adds its shortcuts beside the date field.
    page.locator("#result_list tbody a").first.click()
    page.wait_for_url(re.compile(r"/admin/records/meeting/\d+/change/$"))
    page.locator("#id_date + .datetimeshortcuts a", has_text="I dag").wait_for()
    assert not refused, "\n".join(refused)


@pytest.mark.parametrize("kind", ["paragraph", "meeting"])
def test_a_printed_paragraph_or_meeting_is_the_record_without_the_site(page, portal, page_urls, kind):
    page.goto(portal + page_urls[kind])
    page.emulate_media(media="print")
    for hidden in ("header.site", "footer.site", "nav.crumbs", ".search-mini"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("main h1").first.is_visible()
    page.emulate_media(media="screen")
    assert page.locator("header.site").first.is_visible()


SKIPPED_PATHS = re.compile(r"^/(oparl|api|export|admin|konto|sekretariat|granskning|static)/|\.(ics|atom|jsonl|pdf|csv|xlsx)$|/fil$|/sok/")


def test_no_page_of_the_corpus_scrolls_sideways_at_320_390_or_1280_px(browser, portal):
    """Every portal page reachable from the start page (not a sample), each laid out at three widths."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    seen, queue, wide = set(), ["/"], []
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        page.goto(portal + path)
        for width in (320, 390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                wide.append((path, width, scroll))
        for href in page.eval_on_selector_all("a[href^='/']", "links => links.map(a => a.getAttribute('href'))"):
            target = href.split("#")[0]
            if target and target not in seen and not SKIPPED_PATHS.search(target.split("?")[0]):
                queue.append(target)
    context.close()
    assert len(seen) > 300, len(seen)  # the corpus: meetings, §, cases, documents, people, parties, bodies …
    assert wide == []


def test_search_filters_and_facets_fold_away_on_a_small_screen(page, portal):
    """At 390 px the filters and the facets are behind their summaries; at 1280 px they are open,
    and a facet link narrows the search to as many hits as it counts."""
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(portal + "/sok/?q=regionfullm%C3%A4ktige")
    filters, facets = page.locator("main .filters"), page.locator("main .facets")
    assert not filters.is_visible() and not facets.is_visible()
    page.locator("main summary", has_text="Avgränsa sökningen").click()
    assert filters.is_visible()
    page.locator("main summary", has_text="Träffarna per").click()
    assert facets.is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(portal + "/sok/?q=regionfullm%C3%A4ktige")
    assert filters.is_visible() and facets.is_visible()
    assert not page.locator("main summary", has_text="Avgränsa sökningen").is_visible()
    link = page.locator("main .facets nav[aria-label='Organ'] a").first
    counted = int(re.search(r"\((\d+)\)", link.inner_text()).group(1))
    link.click()
    assert page.locator("main p.summary").inner_text().startswith(f"{counted} träff")
    violations = axe_violations(page)
    assert not violations, describe(violations)

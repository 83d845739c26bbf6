"""Issue 19's acceptance in a real browser: staff upload 20 packets (19 of three templates, one bad) to
`paragraf serve` with a `paragraf worker` process beside it (the database is the queue); the job's page
follows the import without reload — its progress is seen between none and all — and ends with every file
imported but the bad one, which shows its line and reason. axe-core finds nothing on either page."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.browsing import check, launch, log_in, new_page, submit
from tests.live_portal import STAFF_PASSWORD, STAFF_USER, serve_corpus

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Minutes of three templates and organisations, and the date each says (every occurrence is replaced).
SEEDS = (("01_ks-ciceron-layout.txt", "2023-03-14"), ("02_kf-narvaro-omrostningslista.txt", "2023-04-24"),
         ("04_rs-region-lopande-rubrik.txt", "2023-09-26"))
BAD = ("trasig.txt", "§ 4 Budget 2024\n\nBeslut\nNämnden beslutar att anta budgeten.\n")  # says no body, no date


def packets(n: int) -> list[dict]:
    """`n` packets: the seeds in turn, each meeting a week after the one before of its template."""
    files = []
    for i in range(n):
        name, date = SEEDS[i % len(SEEDS)]
        new_date = (dt.date(2024, 1, 9) + dt.timedelta(weeks=i)).isoformat()
        text = (TEMPLATES / name).read_text(encoding="utf-8").replace(date, new_date)
        files.append({"name": f"{name[:5]}{new_date}.txt", "mimeType": "text/plain", "buffer": text.encode("utf-8")})
    return files


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    with serve_corpus(tmp_path_factory.mktemp("intake"), corpus=False, workers=1, PARAGRAF_WORKER_THREAD="0",
                      PARAGRAF_REVIEW_IMPORTS="0") as url:
        yield url.rstrip("/")


@pytest.fixture(scope="module")
def browser():
    with launch() as browser:
        yield browser


def test_twenty_packets_uploaded_are_imported_by_the_worker_and_the_page_follows_without_reload(portal, browser):
    page, checked = new_page(browser, timeout_ms=120_000), []
    log_in(page, portal, STAFF_USER, STAFF_PASSWORD)
    page.goto(portal + "/sekretariat/inlasning/")
    check(page, checked)
    files = [*packets(19), {"name": BAD[0], "mimeType": "text/plain", "buffer": BAD[1].encode("utf-8")}]
    page.get_by_label("Mötespaket").set_input_files(files)
    submit(page, page.get_by_role("button", name="Läs in"))
    assert "/sekretariat/inlasning/" in page.url and page.get_by_role("heading", level=1).inner_text().startswith("Inläsning")
    page.evaluate("window.sameDocument = true")

    # Between none and all: the worker imports one file after the other, and the page shows it.
    page.wait_for_function("() => { const bar = document.querySelector('progress');"
                           " return bar.value > 0 && bar.value < bar.max; }", polling=100)
    page.get_by_role("status").filter(has_text="20 av 20 filer klara, 1 misslyckades.").wait_for()
    assert page.evaluate("window.sameDocument") is True  # no reload

    bad = page.get_by_role("row").filter(has_text=BAD[0])
    assert bad.locator("[data-status]").inner_text() == "misslyckades"
    assert bad.locator("[data-line]").inner_text() == "1"
    assert "does not say the body" in bad.locator("[data-detail]").inner_text()
    statuses = [cell.inner_text() for cell in page.locator("td[data-status]").all()]
    assert statuses.count("inläst") == 19, statuses
    check(page, checked)

    # What the worker stored is public: a meeting of each template's organisation.
    for path in ("/kommunstyrelsen/2024-01-09/", "/kommunfullmaktige/2024-01-16/", "/regionstyrelsen/2024-01-23/"):
        response = page.request.get(portal + path)
        assert response.status == 200, path

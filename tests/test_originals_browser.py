"""Original PDF pages in a real browser (issue 17): a PDF-imported packet served by `paragraf serve`;
its document page shows the pages as images that load, every page with them fits 320, 390 and
1280 px without scrolling sideways, and axe-core finds no violations on them."""
from __future__ import annotations

import pytest

from tests.browsing import axe_violations, describe, one_page
from tests.live_portal import serve_corpus
from tests.original_packet import write_minutes_pdf

DATE = "2022-01-26"


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    data = tmp_path_factory.mktemp("originals")
    pdf = write_minutes_pdf(data / "protokoll.pdf", date=DATE)
    prepare = ("from paragraf.records.importer import import_path\n"
               f"result = import_path({str(pdf)!r})\n"
               "assert result.ok, result.message\n")
    with serve_corpus(data, corpus=False, prepare=prepare) as url:
        yield url.rstrip("/")


@pytest.fixture(scope="module")
def page(portal):
    with one_page(width=1280) as page:
        yield page


@pytest.fixture(scope="module")
def addresses(page, portal):
    page.goto(f"{portal}/namnd-for-folkhalsa-och-sjukvard/{DATE}/14/")
    original = page.locator("main a", has_text="originalsidorna").get_attribute("href")
    page.goto(f"{portal}/kallor/1/")
    document = page.locator("main details a[href^='/kallor/1/']").last.get_attribute("href")
    assert original and document
    return {"paragraph": f"/namnd-for-folkhalsa-och-sjukvard/{DATE}/14/", "original": original,
            "document": "/handlingar/2/"}


def test_the_document_page_shows_its_original_pages(page, portal, addresses):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(portal + addresses["document"])
    images = page.locator("main ol.original img")
    assert images.count() == 10
    first = images.first
    first.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=first.element_handle())
    assert first.evaluate("img => img.naturalWidth") == 893
    assert first.evaluate("img => img.getBoundingClientRect().width") <= 390
    assert "personuppgifter övermålade" in first.get_attribute("alt")


@pytest.mark.parametrize("kind", ["document", "original", "paragraph"])
def test_pages_with_original_pages_fit_and_are_accessible(page, portal, addresses, kind):
    page.goto(portal + addresses[kind])
    for width in (320, 390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{addresses[kind]} scrolls sideways at {width} px ({scroll} px wide)"
        if width in (390, 1280):
            violations = axe_violations(page)
            assert not violations, f"axe-core on {addresses[kind]} at {width} px:\n{describe(violations)}"

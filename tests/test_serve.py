"""`paragraf serve` in a real process: the index of meetings with their §, linking to the admin."""
from __future__ import annotations

import urllib.request

import pytest

from tests.live_portal import serve_corpus


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serve_corpus(tmp_path_factory.mktemp("serve")) as url:
        yield url


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def test_start_page_links_both_corpus_meetings(server):
    status, html = get(server)
    assert status == 200
    assert '<html lang="sv">' in html
    assert 'href="/regionstyrelsen/2023-01-31/"' in html
    assert 'href="/namnd-for-folkhalsa-och-sjukvard/2022-01-25/"' in html


def test_meeting_pages_list_their_paragraphs(server):
    status, html = get(server + "regionstyrelsen/2023-01-31/")
    assert status == 200
    assert "Regionstyrelsen 31 januari 2023" in html and "47 paragrafer" in html
    assert "§ 14 Motion - Bättre vård för patienter med Lipödem" in html
    status, html = get(server + "namnd-for-folkhalsa-och-sjukvard/2022-01-25/")
    assert status == 200 and "Nämnd för folkhälsa och sjukvård 25 januari 2022" in html


def test_admin_is_served_in_swedish(server):
    status, html = get(server + "admin/login/")
    assert status == 200 and "Logga in" in html

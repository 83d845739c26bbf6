"""`paragraf serve` in a real process: the index of meetings with their §, linking to the admin; the
reverse proxy's headers; the production profile behind a proxy."""
from __future__ import annotations

import http.client
import re
import secrets
import urllib.request
from urllib.parse import urlencode, urlsplit

import pytest

from tests.live_portal import serve_corpus


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return tmp_path_factory.mktemp("serve")


@pytest.fixture(scope="module")
def server(data):
    with serve_corpus(data) as url:
        yield url


def request(url: str, method: str = "GET", headers: dict | None = None, body: str | None = None):
    """One request, redirects not followed: (response, text)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request(method, parts.path, body=body, headers=headers or {})
    response = connection.getresponse()
    text = response.read().decode("utf-8")
    connection.close()
    return response, text


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


def test_the_proxy_on_this_host_is_believed_for_the_scheme_and_the_client_address(server, data):
    _, plain = request(server)
    _, proxied = request(server, headers={"X-Forwarded-Proto": "https"})
    assert re.search(r'og:url" content="http://127\.0\.0\.1:\d+/"', plain)
    assert re.search(r'og:url" content="https://127\.0\.0\.1:\d+/"', proxied)
    # A failed admin login through the proxy is logged with the client's address, not the proxy's.
    response, form = request(server + "admin/login/")
    cookie = response.getheader("Set-Cookie").split(";")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "203.0.113.9"}
    body = urlencode({"csrfmiddlewaretoken": token, "username": "ingen-sadan", "password": "fel"})
    response, _ = request(server + "admin/login/", "POST", headers, body)
    assert response.status == 200
    log = (data / "serve.log").read_text()
    assert 'AXES: New login failure by {username: "ingen-sadan", ip_address: "203.0.113.9"' in log, log


def test_production_behind_a_proxy_redirects_http_and_serves_https_with_hsts(tmp_path_factory):
    with serve_corpus(tmp_path_factory.mktemp("production"), PARAGRAF_PROFILE="production",
                      SECRET_KEY=secrets.token_urlsafe(50)) as url:
        response, _ = request(url + "regionstyrelsen/")
        assert response.status == 301 and response.getheader("Location") == url.replace("http://", "https://") + "regionstyrelsen/"
        response, page = request(url + "regionstyrelsen/", headers={"X-Forwarded-Proto": "https"})
        assert response.status == 200 and "Regionstyrelsen" in page
        assert response.getheader("Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload"
        assert "default-src 'self'" in response.getheader("Content-Security-Policy")
        response, _ = request(url + "admin/login/", headers={"X-Forwarded-Proto": "https"})
        assert response.status == 200 and "Secure" in response.getheader("Set-Cookie")

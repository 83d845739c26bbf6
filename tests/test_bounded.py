"""Production is safe by default (issue 12): hostile parameters are never a 500, public work is bounded
(the source page a page of lines at a time, downloads streamed, OParl file lists without texts, rate
limits), the import refuses packets too large or without records, and a locked SQLite is a clear 503."""
from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import time
import types
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from http.cookiejar import CookieJar

import pytest
from django.core.cache import cache

from paragraf.api.oparl import lists
from paragraf.portal.lines import LINES_PER_PAGE
from paragraf.records.importer import import_path
from paragraf.records.models import Document, Indicator, Paragraph, SourceFile
from paragraf.privacy.pieces import masked_stream
from paragraf.privacy.rules import current_masker
from paragraf.search.contract import MAX_PAGE
from tests.conftest import CORPUS, ROOT
from tests.live_portal import serve_corpus

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
OPARL = "/oparl/v1.1/"


# ---------------------------------------------------------------- hostile parameters (fuzzing found these)


@pytest.mark.parametrize("q", ["\x00", "sjukresor\x00", "n\u00e4mnd\x01\x1b", "\x0c", "\ufffe"])
def test_a_control_character_in_a_search_reaches_no_feed_or_query(client, q):
    feed = client.get("/sok/flode.atom", {"q": q, "organisation": q, "organ": q, "parti": q})
    assert feed.status_code == 200
    title = ET.fromstring(feed.content).find(f"{ATOM}title").text
    assert title.startswith("Paragraf – sökning") and not re.search(r"[\x00-\x1f\ufffe]", title)
    assert client.get("/sok/", {"q": q, "organisation": q, "parti": q}).status_code == 200


def test_a_decision_feed_leaves_out_what_xml_cannot_hold(client):
    paragraph = Paragraph.objects.select_related("meeting__body").exclude(decision="").first()
    Paragraph.objects.filter(pk=paragraph.pk).update(title="Budget\x0c2024\x01", decision="Bifall\x1b.")  # a form feed from a PDF
    feed = ET.fromstring(client.get(f"/{paragraph.meeting.body.slug}/beslut.atom").content)
    assert any(e.find(f"{ATOM}title").text.endswith("Budget2024") for e in feed.findall(f"{ATOM}entry"))


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_a_page_number_out_of_range_is_a_404_never_an_overflow(client, sort):
    for page in ("461168601842738791", str(2**64), str(MAX_PAGE + 1)):
        assert client.get("/sok/", {"q": "sjukresor", "ordning": sort, "sida": page}).status_code == 404
        assert client.get("/sok/flode.atom", {"q": "sjukresor", "sida": page}).status_code == 404
    for page in ("-5", "0", "abc", "٣", "", str(MAX_PAGE)):
        assert client.get("/sok/", {"q": "sjukresor", "ordning": sort, "sida": page}).status_code == 200
    assert client.get("/partier/SD/", {"sida": "461168601842738791"}).status_code == 404
    assert client.get("/partier/SD/", {"sida": "2"}).status_code == 404  # SD has fewer than 100 representatives here
    assert client.get("/partier/S\x00D/").status_code == 404


def test_numbers_in_addresses_beyond_an_id_are_a_404(client):
    huge = str(2**64)
    assert client.get(f"/handlingar/{huge}/").status_code == 404
    assert client.get(f"/regionstyrelsen/2023-01-31/{huge}/").status_code == 404
    api = client.get(f"{OPARL}meeting/{huge}/")
    assert api.status_code == 404 and api.json()["error"]["status"] == 404


def test_oparl_cursors_and_instants_at_the_edges(client):
    assert client.get(f"{OPARL}body/1/paper/", {"page": "2", "after": "0-" + "9" * 30}).status_code == 400
    for since in ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"):
        assert client.get(f"{OPARL}body/1/paper/", {"created_since": since}).status_code == 200


# ---------------------------------------------------------------- the source page, a page of lines at a time


def _lines(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<span id="L(\d+)">', html)]


def test_the_source_page_holds_one_page_of_lines(client):
    source = SourceFile.objects.get(name="000_9183b8d70dd3de41.txt")
    first = client.get(f"/kallor/{source.pk}/").content.decode()
    assert _lines(first) == list(range(1, LINES_PER_PAGE + 1))
    assert f'href="?fran={LINES_PER_PAGE + 1}"' in first
    second = client.get(f"/kallor/{source.pk}/", {"fran": "1500"}).content.decode()
    assert _lines(second) == list(range(LINES_PER_PAGE + 1, 2 * LINES_PER_PAGE + 1))
    assert 'href="?fran=1"' in second
    last = client.get(f"/kallor/{source.pk}/", {"fran": str(source.line_count)}).content.decode()
    assert _lines(last)[-1] == source.line_count and 'rel="next"' not in last
    assert client.get(f"/kallor/{source.pk}/", {"fran": str(source.line_count + 1)}).status_code == 404
    assert _lines(client.get(f"/kallor/{source.pk}/", {"fran": "x"}).content.decode())[0] == 1


def test_a_long_document_is_shown_a_page_of_lines_at_a_time(client):
    from django.db.models import F

    document = Document.objects.annotate(length=F("last_line") - F("first_line")).order_by("-length").first()
    assert document.last_line - document.first_line >= 2 * LINES_PER_PAGE
    html = client.get(f"/handlingar/{document.pk}/").content.decode()
    shown = _lines(html)
    assert shown and document.first_line <= shown[0] and shown[-1] < document.first_line + LINES_PER_PAGE
    assert f'href="?fran={document.first_line + LINES_PER_PAGE}"' in html
    last = client.get(f"/handlingar/{document.pk}/", {"fran": str(document.last_line)}).content.decode()
    assert _lines(last)[-1] <= document.last_line and 'rel="next"' not in last and 'rel="prev"' in last
    assert client.get(f"/handlingar/{document.pk}/", {"fran": str(document.last_line + 1)}).status_code == 404


def _source_links(html: str) -> list[str]:
    return re.findall(r'href="(/kallor/\d+/(?:\?fran=\d+)?#L\d+)"', html)


def test_every_link_to_a_source_line_lands_on_the_page_that_holds_it(client):
    """The § page, the document page, the indicator page and the source page's list of documents."""
    deep = Document.objects.filter(first_line__gt=3 * LINES_PER_PAGE).order_by("pk").first()
    paragraph = Paragraph.objects.select_related("meeting__body").filter(first_line__gt=LINES_PER_PAGE).first()
    indicator = Indicator.objects.exclude(report="").select_related("organization").first()
    from django.utils.text import slugify

    pages = [
        f"/{paragraph.meeting.body.slug}/{paragraph.meeting.date}/{paragraph.number}/",
        f"/handlingar/{deep.pk}/",
        f"/organisationer/{indicator.organization.slug}/matetal/{slugify(indicator.report)}/",
        f"/kallor/{deep.source_file_id}/",
    ]
    links = [link for page in pages for link in _source_links(client.get(page).content.decode())]
    assert any("?fran=" in link for link in links) and len({link.split("#")[0] for link in links}) > 2
    for link in links:
        path, anchor = link.split("#")
        assert f'id="{anchor}"' in client.get(path).content.decode(), link


# ---------------------------------------------------------------- downloads streamed, OParl lists without texts


@pytest.mark.parametrize("size", [1, 7, 100, 4096])
def test_a_packet_masked_in_pieces_is_the_packet_masked_whole(size):
    for packet in sorted(CORPUS.glob("*.txt")):
        text = packet.read_text(encoding="utf-8")
        if size < 100:
            text = text[:60_000]  # the cut rule at every line; the whole packets at the larger sizes
        masker = current_masker()
        chunks = (text[i : i + size] for i in range(0, len(text), size))
        assert b"".join(masked_stream(chunks, masker.mask)) == masker.mask(text).encode()


def test_the_public_downloads_stream_the_masked_text(client):
    source = SourceFile.objects.get(name="000_9183b8d70dd3de41.txt")
    portal = client.get(f"/kallor/{source.pk}/fil")
    oparl = client.get(f"{OPARL}file/source/{source.pk}/download")
    assert portal.streaming and oparl.streaming
    assert portal.getvalue() == oparl.getvalue() == current_masker().mask(source.text).encode()
    again = client.get(f"{OPARL}file/source/{source.pk}/text", HTTP_IF_NONE_MATCH=oparl["ETag"])
    assert again.status_code == 304


def test_oparl_lists_carry_the_texts_of_short_documents_only_and_the_file_keeps_it(client, monkeypatch):
    from paragraf.api.oparl import texts

    monkeypatch.setattr(texts, "EMBEDDED_TEXT_LINES", 100)  # the corpus' documents are 2-3 855 lines
    page = client.get(f"{OPARL}body/1/file/", {"limit": "500"})
    files = page.json()["data"]
    assert len(files) == lists.EMBEDDING_MAX_LIMIT  # whatever the limit asked
    documents = {doc.pk: doc for doc in Document.objects.all()}
    listed = [(f, documents[int(f["id"].rstrip("/").rsplit("/", 1)[-1])]) for f in files if "/file/document/" in f["id"]]
    long = [f for f, doc in listed if doc.last_line - doc.first_line >= 100]
    short = [f for f, doc in listed if doc.last_line - doc.first_line < 100]
    assert long and short
    assert not any("text" in f or "sha512Checksum" in f for f in long)
    assert all(f["text"] and f["size"] == len(f["text"].encode()) for f in short)
    one = client.get(long[0]["id"].removeprefix("http://testserver")).json()
    assert one["text"] and one["size"] == len(one["text"].encode())
    meetings = client.get(f"{OPARL}body/1/meeting/", {"limit": "500"}).json()
    assert meetings["pagination"]["elementsPerPage"] == lists.EMBEDDING_MAX_LIMIT


# ---------------------------------------------------------------- rate limits


def test_search_and_heavy_views_are_rate_limited_with_a_swedish_429(client, settings, monkeypatch):
    settings.PARAGRAF_RATE_LIMITS = {"search": "3/m", "heavy": "2/m"}
    # django-ratelimit counts in fixed windows: requests on both sides of a window's end would count
    # apart (a slow database made the fourth request fall in the next minute). Its clock stands still here.
    from django_ratelimit import core

    now = time.time()
    monkeypatch.setattr(core, "time", types.SimpleNamespace(time=lambda: now))
    cache.clear()
    address = {"REMOTE_ADDR": "192.0.2.7"}
    assert [client.get("/sok/", {"q": "sjukresor"}, **address).status_code for _ in range(4)] == [200, 200, 200, 429]
    limited = client.get("/sok/flode.atom", {"q": "sjukresor"}, **address)
    assert limited.status_code == 429 and int(limited["Retry-After"]) >= 1
    assert "För många förfrågningar" in limited.content.decode()
    assert client.get("/sok/", {"q": "sjukresor"}, REMOTE_ADDR="192.0.2.8").status_code == 200  # per client
    assert client.get("/regionstyrelsen/", **address).status_code == 200  # light pages are not limited
    statuses = [client.get(f"{OPARL}body/1/file/", **address).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    error = client.get(f"{OPARL}file/source/1/text", **address)
    assert error.status_code == 429 and "För många förfrågningar" in error.json()["error"]["message"]
    cache.clear()


# ---------------------------------------------------------------- the import refuses what it should not store


def test_a_packet_over_the_size_limit_is_refused_naming_the_file_and_the_limit(settings, tmp_path):
    settings.PARAGRAF_MAX_PACKET_MB = 0.01
    before = SourceFile.objects.count()
    result = import_path(sorted(CORPUS.glob("*.txt"))[0], force=True)
    assert result.status == "failed"
    assert "000_9183b8d70dd3de41.txt" in result.message and "0.01 MB (PARAGRAF_MAX_PACKET_MB)" in result.message
    assert SourceFile.objects.count() == before


def test_a_packet_without_a_meeting_is_refused_not_imported_empty():
    before = SourceFile.objects.count()
    result = import_path(ROOT / "tests" / "templates" / "08_okand-mall-informationsblad.txt")
    assert result.status == "failed" and "08_okand-mall-informationsblad.txt" in result.message
    assert "no meeting and no § found" in result.message
    assert SourceFile.objects.count() == before


# ---------------------------------------------------------------- SQLite locked by a long import: 503, not 500


def test_a_write_while_an_import_holds_the_lock_is_a_swedish_503(tmp_path):
    with serve_corpus(tmp_path, corpus=False, PARAGRAF_SQLITE_TIMEOUT="0.2") as url:
        staff = "from django.contrib.auth.models import User; User.objects.create_superuser('admin', '', 'pw')"
        subprocess.run([sys.executable, "-m", "paragraf", "manage", "shell", "-c", staff], env=_env(tmp_path), check=True)
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        form = opener.open(url + "admin/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        fields = {"username": "admin", "password": "pw", "csrfmiddlewaretoken": token, "next": "/admin/"}
        login = urllib.parse.urlencode(fields).encode()
        lock = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")  # as `paragraf import` holds it for the whole file
        try:
            with pytest.raises(urllib.error.HTTPError) as busy:
                opener.open(urllib.request.Request(url + "admin/login/", login, headers={"Referer": url}))
            assert busy.value.code == 503 and busy.value.headers["Retry-After"]
            assert "Databasen är upptagen" in busy.value.read().decode()
            assert opener.open(url).status == 200  # reading goes on meanwhile (WAL)
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        assert "admin/login" not in opener.open(urllib.request.Request(url + "admin/login/", login, headers={"Referer": url})).url


def _env(data) -> dict:
    import os

    return {**os.environ, "DATABASE_URL": f"sqlite:///{data / 'db.sqlite3'}", "PARAGRAF_DATA": str(data)}


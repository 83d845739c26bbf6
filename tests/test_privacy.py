"""Personal data never reaches the public (issue 12): a packet with each kind of personal data
is imported; a crawler walks every public URL (portal, feeds, calendars, OParl, native API,
export, and search for each hidden value) as the public and finds none of them, nor a hash of
the original bytes; staff see them; the budget figures stay; a name staff protect is hidden and
a value staff unmask is shown; a packet held for review is public only once published."""
from __future__ import annotations

import hashlib
import json
import re
from collections import deque
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import pytest

from paragraf.privacy.models import MaskingRule, PacketReview
from paragraf.privacy.review import hold, publish
from paragraf.records.importer import import_path
from paragraf.records.models import Meeting, Organization, Paragraph, SourceFile

pytestmark = pytest.mark.django_db(transaction=False)

PACKET = Path(__file__).resolve().parent / "minutes" / "invented-personal-data.txt"
HIDDEN = [
    "19800101-1234", "800101-1234", "19800101–4321", "800101–4321", "0701234567", "070-1234567", "+46701234567",
    "701234567", "(036) 10 50 00", "036105000", "hemlig.person@example.se", "hemlig.person", "19811218-", "Greta Skyddad",
]
SEARCHED = ["19800101-1234", "070-1234567", "+46701234567", "hemlig.person@example.se", "0701234567", "Skyddad",
            "19811218", "(036) 10 50 00"]
UNMASKED = "036-32 40 00"  # the office's switchboard: staff declared it no personal data
LIMIT = 20000  # the crawler must end below this, else it did not walk everything
SKIPPED = ("/admin/", "/static/")


@pytest.fixture
def personal_packet(db):
    MaskingRule.objects.create(action=MaskingRule.PROTECT, kind="name", value="Greta Skyddad", reason="skyddad identitet")
    MaskingRule.objects.create(action=MaskingRule.UNMASK, kind="phone", value=UNMASKED, reason="växeln")
    result = import_path(PACKET)
    assert result.ok and result.status == "imported", result.message
    return SourceFile.objects.get(name=PACKET.name)


def test_the_packet_holds_each_hidden_value_as_staff_see_it(personal_packet, admin_client):
    text = personal_packet.text
    for value in ["19800101-1234", "19800101–4321", "070-1234567", "+46701234567", "(036) 10 50 00",
                  "hemlig.person@example.se", "19811218-\n9876", "Greta Skyddad", UNMASKED]:
        assert value in text, value
    paragraph = Paragraph.objects.get(source_file=personal_packet, number=2)
    meeting = paragraph.meeting
    page = admin_client.get(f"/{meeting.body.slug}/{meeting.date}/2/").content.decode()
    assert "19800101-1234" in page and "hemlig.person@example.se" in page and "Greta Skyddad" in page


def test_with_totp_on_staff_not_verified_by_their_device_see_the_public_page(personal_packet, admin_client, settings):
    settings.PARAGRAF_ADMIN_TOTP = True
    meeting = Paragraph.objects.get(source_file=personal_packet, number=2).meeting
    page = admin_client.get(f"/{meeting.body.slug}/{meeting.date}/2/").content.decode()
    assert "19800101-1234" not in page and "[personnummer dolt]" in page


def test_a_crawler_finds_no_personal_data_on_any_public_url(personal_packet, client):
    original_hash = hashlib.sha256(PACKET.read_bytes()).hexdigest()
    meeting = Meeting.objects.get(paragraphs__source_file=personal_packet, paragraphs__number=2)
    starts = ["/", "/api/v1/", "/oparl/v1.1/", "/kalender.ics", f"/{meeting.body.slug}/beslut.atom",
              *(f"/export/{slug}.jsonl" for slug in Organization.objects.values_list("slug", flat=True))]
    for value in SEARCHED:
        starts += [f"/sok/?q={quote(value)}", f"/sok/flode.atom?q={quote(value)}"]
    seen, failures, kinds = _crawl(client, starts, original_hash)
    assert not failures, failures[:10]
    assert len(seen) < LIMIT
    # It walked every kind of public page: the packet's own § and source, and each surface.
    paragraph_url = f"/{meeting.body.slug}/{meeting.date}/2/"
    assert paragraph_url in seen and f"/kallor/{personal_packet.pk}/" in seen
    for prefix in ("/oparl/v1.1/", "/api/v1/", "/export/", "/sok/", "/personer/", "/handlingar/", "/arenden/"):
        assert any(url.startswith(prefix) for url in seen), prefix
    assert {"text/html", "application/json", "application/atom+xml", "text/calendar", "text/plain",
            "application/jsonl"} <= kinds


def test_the_public_sees_masks_the_budget_figures_and_unmasked_values(personal_packet, client):
    meeting = Meeting.objects.get(paragraphs__source_file=personal_packet, paragraphs__number=2)
    page = client.get(f"/{meeting.body.slug}/{meeting.date}/2/").content.decode()
    assert "[personnummer dolt]" in page and "[telefonnummer dolt]" in page and "[e-post dold]" in page
    assert "[namn dolt]" in page and UNMASKED in page
    budget = client.get(f"/{meeting.body.slug}/{meeting.date}/3/").content.decode()
    assert "Region Blekinge 603 170 556 018 47 152" in budget
    assert "Varav psyk vuxen 51 869 60 024 83 167 -13,6%" in budget


def test_every_budget_line_of_the_corpus_reads_the_same_on_its_public_source_page(client):
    for source in SourceFile.objects.defer("data"):
        page = client.get(f"/kallor/{source.pk}/fil").getvalue().decode()
        for line in source.text.split("\n"):
            if re.fullmatch(r"[^\d@]*\d{1,3}( \d{3})+ .*", line) and "@" not in line and "+46" not in line:
                assert line in page, line


def test_search_finds_no_hidden_number_but_finds_the_record_by_its_words(personal_packet, client):
    for value in ("19800101", "0701234567", "hemlig"):
        page = client.get("/sok/", {"q": value}).content.decode()
        assert "Ansökan om bistånd" not in page, value
    assert "Ansökan om bistånd" in client.get("/sok/", {"q": "bistånd"}).content.decode()


def test_a_name_protected_later_is_hidden_in_search_at_once(db, client):
    assert import_path(PACKET).ok
    assert "Greta" in client.get("/sok/", {"q": "bistånd"}).content.decode()
    MaskingRule.objects.create(action=MaskingRule.PROTECT, kind="name", value="Greta Skyddad")
    page = client.get("/sok/", {"q": "bistånd"}).content.decode()
    assert "Greta" not in page and "Skyddad" not in page


def test_a_cached_packet_text_is_fetched_anew_once_a_name_is_protected(db, client):
    """The ETag of a streamed packet text names the masking rules (and not the text's own hash)."""
    assert import_path(PACKET).ok
    source = SourceFile.objects.get(name=PACKET.name)
    url = f"/oparl/v1.1/file/source/{source.pk}/text"
    first = client.get(url)
    assert b"Greta Skyddad" in first.getvalue()
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    MaskingRule.objects.create(action=MaskingRule.PROTECT, kind="name", value="Greta Skyddad")
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and b"Greta Skyddad" not in again.getvalue()
    assert source.sha256[:16] not in again["ETag"]


def test_a_packet_held_for_review_is_public_only_once_published(db, client, admin_client, admin_user):
    result = hold(PACKET)
    assert result.ok and result.status == "held", result.message
    assert not SourceFile.objects.filter(name=PACKET.name).exists()
    assert client.get("/sok/", {"q": "bistånd"}).content.decode().count("Ansökan om bistånd") == 0
    review = PacketReview.objects.get(name=PACKET.name)
    report = admin_client.get(f"/admin/privacy/packetreview/{review.pk}/report/").content.decode()
    assert report.count("<tr>") >= 8 and "19800101-1234" in report and "hemlig.person@example.se" in report
    assert "Publicera paketet" in report
    assert client.get(f"/admin/privacy/packetreview/{review.pk}/report/").status_code == 302  # staff only
    response = admin_client.post(f"/admin/privacy/packetreview/{review.pk}/report/", {"publish": "1"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.published and review.published_by == admin_user
    assert "Publicera paketet" not in admin_client.get(f"/admin/privacy/packetreview/{review.pk}/report/").content.decode()
    assert "Ansökan om bistånd" in client.get("/sok/", {"q": "bistånd"}).content.decode()
    assert publish(review).status == "unchanged"


def test_the_admin_names_the_review_pages_as_the_readme_does(admin_client):
    index = admin_client.get("/admin/").content.decode()
    assert "Personuppgifter" in index and "Paket att granska" in index and "Regler för personuppgifter" in index


def test_staff_unmask_a_value_from_the_report(personal_packet, admin_client, client):
    report = admin_client.get(f"/admin/privacy/maskingrule/report/{personal_packet.pk}/")
    assert report.status_code == 200 and "(036) 10 50 00" in report.content.decode()
    admin_client.post("/admin/privacy/maskingrule/rule/", {"action": "unmask", "kind": "phone", "value": "(036) 10 50 00"})
    assert MaskingRule.objects.filter(action="unmask", key="036105000").exists()
    meeting = Meeting.objects.get(paragraphs__source_file=personal_packet, paragraphs__number=2)
    assert "(036) 10 50 00" in client.get(f"/{meeting.body.slug}/{meeting.date}/2/").content.decode()


def test_the_cli_holds_packets_for_review_by_default(db, capsys):
    from click.testing import CliRunner

    from paragraf.cli import main

    result = CliRunner().invoke(main, ["import", str(PACKET)])
    assert result.exit_code == 0, result.output
    review = PacketReview.objects.get(name=PACKET.name)
    assert f"held: {PACKET} (held for review of its personal data (packet {review.pk}))" in result.output
    assert not SourceFile.objects.filter(name=PACKET.name).exists()


# ---------------------------------------------------------------- the crawler

def _crawl(client, starts: list[str], original_hash: str):
    queue, seen, failures, kinds = deque(starts), set(starts), [], set()
    while queue and len(seen) < LIMIT:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"{url}: {response.status_code}")
            continue
        if response.status_code in (301, 302):
            _add(response["Location"], url, seen, queue)
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", errors="replace")
        kinds.add(response.get("Content-Type", "").split(";")[0])
        failures += [f"{url}: {problem}" for problem in _leaks(text, original_hash)]
        for link in _links(text, response.get("Content-Type", "")):
            _add(link, url, seen, queue)
    return seen, failures, kinds


def _leaks(text: str, original_hash: str) -> list[str]:
    readable = json.loads(json.dumps(text))  # as written
    forms = {readable, readable.replace("\\u2013", "–"), re.sub(r"&#x?\w+;", " ", readable)}
    problems = [f"shows {value!r}" for value in HIDDEN for form in forms if value in form]
    if original_hash in text:
        problems.append("publishes the SHA-256 of the original bytes")
    return sorted(set(problems))


LINK = re.compile(r"""(?:href|src)=["']([^"'#]+)""")
JSON_URL = re.compile(r'"(https?://testserver/[^"#]*)"')


def _links(text: str, content_type: str) -> list[str]:
    links = LINK.findall(text)
    if "json" in content_type:
        links += JSON_URL.findall(text)
    return links


def _add(link: str, base: str, seen: set[str], queue: deque) -> None:
    parts = urlsplit(urljoin("http://testserver" + base, link.replace("&amp;", "&")))
    if parts.netloc != "testserver" or parts.path.startswith(SKIPPED):
        return
    url = parts.path + (f"?{parts.query}" if parts.query else "")
    if url not in seen:
        seen.add(url)
        queue.append(url)

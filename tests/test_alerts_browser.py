"""E-mail alerts end to end in a real browser (issue 17): `paragraf serve` with the file mail backend;
a citizen subscribes to Regionstyrelsen on its page in Chromium, confirms by the mailed link, `paragraf
import --publish` of a new meeting (in its own process, as staff run it) mails one alert, masked; the
unsubscribe link ends it, and the next new meeting mails nothing."""
from __future__ import annotations

import email
import email.policy
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browsing import axe_violations, describe, one_page
from tests.conftest import CORPUS
from tests.live_portal import serve_corpus

ADDRESS = "medborgare@example.org"
PERSONAL_NUMBER = "19121212-1212"
ORGANIZATION = "Region Jönköpings län"
SEPARATOR = "-" * 79  # between the messages the file backend writes


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data = tmp_path_factory.mktemp("alerts")
    mails = data / "mails"
    mails.mkdir()
    environ = {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": str(mails)}
    with serve_corpus(data, **environ) as url:
        yield {"url": url.rstrip("/"), "data": data, "mails": mails, "environ": environ}


@pytest.fixture(scope="module")
def page(site):
    with one_page(width=390) as page:
        yield page


def messages(folder: Path) -> list[email.message.EmailMessage]:
    found = []
    for file in sorted(folder.iterdir()):
        for chunk in file.read_text(encoding="utf-8").split(SEPARATOR):
            if chunk.strip():
                found.append(email.message_from_string(chunk.strip() + "\n", policy=email.policy.default))
    return found


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def new_meeting(site, date: str) -> None:
    """The minutes of Regionstyrelsen 2023-01-31 (§ 1-14) dated anew, a personal number in § 2, imported
    by `paragraf import --publish` against the served database."""
    lines = (CORPUS / "000_9183b8d70dd3de41.txt").read_text(encoding="utf-8").split("\n")[273:1071]
    at = next(n for n, line in enumerate(lines) if line.startswith("sammanträden tills vidare."))
    lines.insert(at + 1, f"Kontaktperson nås på {PERSONAL_NUMBER}.")
    packet = site["data"] / f"regionstyrelsen-{date}.txt"
    packet.write_text("\n".join(lines).replace("2023-01-31", date), encoding="utf-8")
    env = {**os.environ, **site["environ"], "DATABASE_URL": f"sqlite:///{site['data'] / 'db.sqlite3'}",
           "PARAGRAF_DATA": str(site["data"]), "DJANGO_SETTINGS_MODULE": "paragraf.site.settings",
           "PARAGRAF_PROFILE": "development"}
    done = subprocess.run([sys.executable, "-m", "paragraf", "import", "--publish", "--organization", ORGANIZATION, str(packet)],
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def link(message, kind: str) -> str:
    return re.search(rf"https?://[^/\s]+(/bevakning/{kind}/[-\w]+/)", text_of(message)).group(1)


def test_a_citizen_subscribes_confirms_gets_one_masked_mail_and_unsubscribes(site, page):
    url, mails = site["url"], site["mails"]
    page.goto(url + "/regionstyrelsen/")
    page.locator("#bevaka-epost").fill(ADDRESS)
    page.locator("section.follow button", has_text="Bevaka").click()
    assert page.locator("main h1").inner_text() == "Bekräfta i mejlet"

    [confirmation] = messages(mails)
    assert confirmation["To"] == ADDRESS
    page.goto(url + link(confirmation, "bekrafta"))
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.locator("main button", has_text="Bekräfta bevakningen").click()
    assert "Bevakningen är bekräftad" in page.locator("main").inner_text()

    new_meeting(site, "2024-05-14")
    alerts = messages(mails)[1:]
    assert len(alerts) == 1
    [alert] = alerts
    body = text_of(alert)
    assert alert["To"] == ADDRESS and alert["List-Unsubscribe"]
    assert PERSONAL_NUMBER not in alert.as_string() and PERSONAL_NUMBER not in body
    assert "[personnummer dolt]" in body
    assert sorted({int(n) for n in re.findall(r"/regionstyrelsen/2024-05-14/(\d+)/", body)}) == list(range(1, 15))
    page.goto(url + "/regionstyrelsen/2024-05-14/2/")
    assert page.locator("main h1").count() == 1  # the linked § is public

    page.goto(url + link(alert, "avsluta"))
    page.locator("main button", has_text="Avsluta bevakningen").click()
    assert "avslutad" in page.locator("main").inner_text().lower()
    new_meeting(site, "2024-06-11")
    assert len(messages(mails)) == 2  # the confirmation and the one alert: nothing more

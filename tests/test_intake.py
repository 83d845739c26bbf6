"""Upload and background import (issue 19), in process: the upload page makes a job with a file and a queued
task each; the worker (django-tasks' database worker, run here until the queue is empty) imports each file in
one transaction with its result; a bad file says file, line and reason and stores nothing; a packet of
another organisation is refused; a file whose worker died is queued again; only staff of the organisation
see a job."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from paragraf.intake.jobs import Upload, requeue_abandoned, run_file, submit
from paragraf.intake.models import ImportFile, ImportJob
from paragraf.intake.worker import run_pending
from paragraf.privacy.models import PacketReview
from paragraf.privacy.review import publish
from paragraf.records.models import Body, Meeting, Organization, Paragraph
from paragraf.secretariat.models import BodySecretary
from paragraf.secretariat.permissions import SECRETARIES

TEMPLATES = Path(__file__).resolve().parent / "templates"
NORRVIK = "Norrviks kommun"  # the organisation of templates/01 (Kommunstyrelsen 2023-03-14, § 112-119)
# A § without the minutes' head: neither the body nor the date is said (line 1 is its heading).
HEADLESS = "§ 4 Budget 2024\n\nDnr KS 2023/12\n\nBeslut\nKommunstyrelsen beslutar att anta budgeten.\n"


@pytest.fixture(autouse=True)
def published_at_once(settings):
    """Uploads stored at once (PARAGRAF_REVIEW_IMPORTS=0); `test_an_upload_is_held_for_review_…` the other way."""
    settings.PARAGRAF_REVIEW_IMPORTS = False


@pytest.fixture
def norrvik(db):
    return Organization.objects.create(name=NORRVIK, slug="norrviks-kommun")


@pytest.fixture
def secretary(django_user_model, norrvik):
    """A secretary of a body of Norrvik."""
    user = django_user_model.objects.create_user("sekr", password="x")
    user.groups.add(Group.objects.get_or_create(name=SECRETARIES)[0])
    body = Body.objects.create(organization=norrvik, name="Kommunstyrelsen", slug="kommunstyrelsen-norrvik")
    BodySecretary.objects.create(user=user, body=body)
    return user


def uploaded(client, organization: Organization, *files: tuple[str, str]):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("intake:upload"), {
        "organization": organization.pk,
        "files": [SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain") for name, text in files],
    })


def test_an_upload_is_imported_by_the_worker_file_by_file_and_the_bad_file_says_line_and_reason(client, secretary, norrvik):
    client.force_login(secretary)
    good = (TEMPLATES / "01_ks-ciceron-layout.txt").read_text(encoding="utf-8")
    response = uploaded(client, norrvik, ("ks-2023-03-14.txt", good), ("utan-huvud.txt", HEADLESS))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("intake:job", args=[job.pk])
    assert list(job.files.values_list("status", flat=True)) == ["queued", "queued"]
    assert DBTaskResult.objects.filter(status="READY").count() == 2
    meetings_before = Meeting.all_objects.count()

    run_pending()

    good_file, bad_file = job.files.order_by("position")
    assert good_file.status == "imported", good_file.message
    assert good_file.counts["paragraphs"] == 8 and good_file.source_file is not None and bytes(good_file.data) == b""
    meeting = Meeting.all_objects.get(body__organization=norrvik, date="2023-03-14")
    assert Paragraph.objects.filter(meeting=meeting).count() == 8
    assert bad_file.status == "failed" and bad_file.line == 1
    assert "utan-huvud.txt" in bad_file.message and "does not say the body" in bad_file.message
    assert bytes(bad_file.data) == HEADLESS.encode("utf-8")  # kept, to check the reason against
    assert Meeting.all_objects.count() == meetings_before + 1  # the bad file stored nothing
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2

    status = client.get(reverse("intake:job_status", args=[job.pk])).json()
    assert (status["total"], status["finished"], status["failed"], status["done"]) == (2, 2, 1, True)
    assert [f["status"] for f in status["files"]] == ["imported", "failed"]
    assert status["files"][1]["line"] == 1
    page = client.get(reverse("intake:job", args=[job.pk])).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert "2 av 2 filer klara, 1 misslyckades." in text and "utan-huvud.txt misslyckades 1" in text


def test_a_packet_of_another_organisation_is_refused_and_nothing_is_stored(secretary, norrvik):
    other = (TEMPLATES / "02_kf-narvaro-omrostningslista.txt").read_text(encoding="utf-8")  # Ljungsala kommun
    job = submit([Upload("ljungsala.txt", other.encode("utf-8"))], norrvik, secretary)
    before = Meeting.all_objects.count()
    run_pending()
    file = job.files.get()
    assert file.status == "failed"
    assert "is of Ljungsala kommun, not of Norrviks kommun" in file.message
    assert Meeting.all_objects.count() == before and not Organization.objects.filter(name="Ljungsala kommun").exists()


def test_an_upload_is_held_for_review_of_its_personal_data_as_paragraf_import_does(secretary, norrvik, settings):
    settings.PARAGRAF_REVIEW_IMPORTS = True
    good = (TEMPLATES / "01_ks-ciceron-layout.txt").read_bytes()
    other = (TEMPLATES / "02_kf-narvaro-omrostningslista.txt").read_bytes()
    job = submit([Upload("ks.txt", good), Upload("ljungsala.txt", other)], norrvik, secretary)
    run_pending()
    held, refused = job.files.order_by("position")
    assert held.status == "held" and "held for review" in held.message
    assert refused.status == "failed" and "is of Ljungsala kommun, not of Norrviks kommun" in refused.message
    assert not Meeting.all_objects.filter(body__organization=norrvik, date="2023-03-14").exists()  # nothing stored yet
    review = PacketReview.objects.get(name="ks.txt")
    assert review.submitted_by == secretary and PacketReview.objects.count() == 1
    assert publish(review, secretary).status == "imported"
    assert Meeting.all_objects.filter(body__organization=norrvik, date="2023-03-14").exists()


def test_a_file_run_twice_is_imported_once(secretary, norrvik):
    good = (TEMPLATES / "01_ks-ciceron-layout.txt").read_bytes()
    job = submit([Upload("ks.txt", good)], norrvik, secretary)
    file = job.files.get()
    assert run_file(file.pk) == "imported"
    assert run_file(file.pk) == "imported"  # the task again (its worker died after the commit): left as it is
    file.refresh_from_db()
    assert file.attempts == 1
    assert Meeting.all_objects.filter(body__organization=norrvik, date="2023-03-14").count() == 1


def test_a_file_left_running_by_a_stopped_worker_is_queued_again_and_imported(secretary, norrvik):
    good = (TEMPLATES / "01_ks-ciceron-layout.txt").read_bytes()
    job = submit([Upload("ks.txt", good)], norrvik, secretary)
    DBTaskResult.objects.all().delete()  # the task its worker claimed and never finished
    job.files.update(status=ImportFile.Status.RUNNING)
    assert requeue_abandoned() == 1
    assert job.files.get().status == "queued" and DBTaskResult.objects.filter(status="READY").count() == 1
    run_pending()
    assert job.files.get().status == "imported"


def test_only_staff_of_the_organisation_see_a_job(client, django_user_model, secretary, norrvik):
    job = submit([Upload("x.txt", b"x")], norrvik, secretary)
    status_url = reverse("intake:job_status", args=[job.pk])
    assert client.get(status_url).status_code == 302  # not logged in: to the login page
    stranger = django_user_model.objects.create_user("annan", password="x")
    stranger.groups.add(Group.objects.get_or_create(name=SECRETARIES)[0])
    other = Organization.objects.create(name="Annan kommun", slug="annan-kommun")
    BodySecretary.objects.create(user=stranger, body=Body.objects.create(organization=other, name="KS", slug="ks-annan"))
    client.force_login(stranger)
    assert client.get(status_url).status_code == 403
    assert client.get(reverse("intake:job", args=[job.pk])).status_code == 403
    page = client.get(reverse("intake:upload")).content.decode()
    assert "Annan kommun" in page and NORRVIK not in page  # uploads only for the organisations of their bodies
    client.force_login(secretary)
    assert client.get(status_url).status_code == 200


def test_a_file_over_the_size_limit_is_refused_by_the_form(client, secretary, norrvik, settings):
    settings.PARAGRAF_MAX_PACKET_MB = 0.001  # 1 000 bytes
    client.force_login(secretary)
    response = uploaded(client, norrvik, ("stor.txt", "x" * 2000))
    assert response.status_code == 400 and "stor.txt är större än 0.001 MB" in response.content.decode()
    assert not ImportJob.objects.exists()

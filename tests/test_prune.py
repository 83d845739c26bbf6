"""`paragraf prune`: finished uploads (job, files, a failed file's bytes) and the task results older than the
days kept go; newer ones, unfinished ones and the records they stored stay."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from paragraf.cli import main
from paragraf.intake.jobs import Upload, submit
from paragraf.intake.models import ImportFile, ImportJob
from paragraf.intake.worker import run_pending
from paragraf.records.models import Meeting, Organization, SourceFile

pytestmark = pytest.mark.django_db(transaction=True)
TEMPLATES = Path(__file__).resolve().parent / "templates"
NOW = timezone.now()


def aged(job: ImportJob, days: int) -> None:
    """The job and its files as if made and finished `days` ago, and their tasks' results as old."""
    then = NOW - dt.timedelta(days=days)
    ImportJob.objects.filter(pk=job.pk).update(created_at=then)
    job.files.update(started_at=then, finished_at=then)
    DBTaskResult.objects.filter(id__in=list(job.files.values_list("task_id", flat=True))).update(
        enqueued_at=then, started_at=then, finished_at=then)


@pytest.fixture
def uploads(settings):
    settings.PARAGRAF_REVIEW_IMPORTS = False
    norrvik = Organization.objects.create(name="Norrviks kommun", slug="norrviks-kommun")
    packet = (TEMPLATES / "01_ks-ciceron-layout.txt").read_bytes()
    old = submit([Upload("ks.txt", packet), Upload("trasig.txt", b"\xff\xfe garbage")], norrvik, None)
    recent = submit([Upload("ks-igen.txt", packet)], norrvik, None)
    run_pending()
    waiting = submit([Upload("ks-sen.txt", packet)], norrvik, None)  # queued: no worker has run it
    aged(old, 40)
    aged(recent, 5)
    ImportJob.objects.filter(pk=waiting.pk).update(created_at=NOW - dt.timedelta(days=60))
    return old, recent, waiting


def test_prune_forgets_the_old_finished_uploads_and_keeps_the_records(uploads):
    old, recent, waiting = uploads
    assert sorted(old.files.values_list("status", flat=True)) == ["failed", "imported"]
    meetings, sources = Meeting.objects.count(), SourceFile.objects.count()
    old_tasks = list(old.files.values_list("task_id", flat=True))

    result = CliRunner().invoke(main, ["prune", "--days", "30"])

    assert result.exit_code == 0, result.output
    assert result.output.strip() == "1 uploads (2 files) forgotten"
    assert set(ImportJob.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not ImportFile.objects.filter(job=old.pk).exists()
    assert not DBTaskResult.objects.filter(id__in=old_tasks).exists()
    assert DBTaskResult.objects.filter(id__in=list(recent.files.values_list("task_id", flat=True))).count() == 1
    assert (Meeting.objects.count(), SourceFile.objects.count()) == (meetings, sources) and meetings > 0


def test_prune_keeps_uploads_within_the_setting(uploads, settings):
    old, recent, waiting = uploads
    settings.PARAGRAF_KEEP_UPLOADS_DAYS = 45
    result = CliRunner().invoke(main, ["prune"])
    assert result.exit_code == 0, result.output
    assert set(ImportJob.objects.values_list("pk", flat=True)) == {old.pk, recent.pk, waiting.pk}
    settings.PARAGRAF_KEEP_UPLOADS_DAYS = 2
    CliRunner().invoke(main, ["prune"])
    assert set(ImportJob.objects.values_list("pk", flat=True)) == {waiting.pk}

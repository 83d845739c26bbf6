"""Import jobs: an upload becomes one `ImportFile` and one task per file (`submit`); a worker imports each
(`run_file`) in one transaction with the file's result, so a file is either imported and marked so, or
neither; files whose worker died are queued again (`requeue_abandoned`).

Two imports of one organisation never run at once: each holds its organisation's row locked
(`SELECT … FOR UPDATE`) while it stores; SQLite writes one transaction at a time anyway. Imports of
different organisations run side by side; one that fails because another wrote the same new person,
party or body at the same moment is tried again (`ATTEMPTS`).
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from django_tasks_db.models import DBTaskResult

from paragraf.ingest.identity import MeetingHints
from paragraf.intake.models import ImportFile, ImportJob
from paragraf.intake.tasks import import_file
from paragraf.privacy.review import hold_bytes
from paragraf.records.importer import ImportResult, import_bytes
from paragraf.records.models import Organization, OrganizationSettings, SourceFile

LOG = logging.getLogger("paragraf.intake")
ATTEMPTS = 5  # imports of one file when another import's new rows (a person, a body) collide with its own
LOCK_SPACE = 0x7061  # PostgreSQL advisory locks of files being imported: (LOCK_SPACE, file id)


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def submit(uploads: Iterable[Upload], organization: Organization | None, user=None) -> ImportJob:
    """One job with a file and a queued task for each upload, in one transaction (a worker sees all or none)."""
    with transaction.atomic():
        job = ImportJob.objects.create(organization=organization, created_by=user)
        for position, upload in enumerate(uploads, start=1):
            file = ImportFile.objects.create(job=job, position=position, name=upload.name[:255], size=len(upload.data),
                                             data=upload.data)
            _enqueue(file.pk)
    return job


def _enqueue(file_id: int) -> None:
    ImportFile.objects.filter(pk=file_id).update(task_id=str(import_file.enqueue(file_id).id))


def run_file(file_id: int) -> str:
    """Import one file of a job (the task's body). A file already finished is left as it is: its task ran
    before, and its worker died after the commit, or it was queued again while its worker still ran."""
    with _claimed(file_id):
        file = ImportFile.objects.select_related("job__organization").get(pk=file_id)
        if file.finished:
            return file.status
        ImportFile.objects.filter(pk=file_id).update(status=ImportFile.Status.RUNNING, started_at=timezone.now(),
                                                     attempts=F("attempts") + 1)
        for _ in range(ATTEMPTS):
            try:
                with transaction.atomic():
                    result = _import(file)
                    if not result.conflict:
                        return _record(file, result)
            except Exception as error:  # a defect: the file fails with the reason, stores nothing, and the worker goes on
                LOG.exception("importing %s (file %d) failed", file.name, file.pk)
                result = ImportResult(file.name, "failed", f"{file.name}: could not import: {type(error).__name__}: {error}")
                break
        with transaction.atomic():
            return _record(file, result)


def _import(file: ImportFile) -> ImportResult:
    """Stored, or held for review of its personal data (the organisation's setting, else PARAGRAF_REVIEW_IMPORTS,
    as `paragraf import` does)."""
    organization = file.job.organization
    hints = MeetingHints(organization=organization.name) if organization else None
    name = organization.name if organization else None
    if held_for_review(organization):
        return hold_bytes(bytes(file.data), file.name, hints, file.job.created_by, organization=name)
    if organization is not None:
        Organization.objects.select_for_update().filter(pk=organization.pk).first()  # one import of it at a time
    return import_bytes(bytes(file.data), file.name, hints=hints, organization=name)


def held_for_review(organization: Organization | None) -> bool:
    """Whether an upload for this organisation waits for review: its own setting, else the site's."""
    own = OrganizationSettings.of(organization).review_imports if organization else None
    return settings.PARAGRAF_REVIEW_IMPORTS if own is None else own


def _record(file: ImportFile, result: ImportResult) -> str:
    """The file's result, unless another run of it finished first (then its result stands); its status."""
    sha256 = hashlib.sha256(bytes(file.data)).hexdigest()
    stored = SourceFile.without_content.filter(sha256=sha256).first() if result.ok else None
    unfinished = ImportFile.objects.filter(pk=file.pk).exclude(status__in=ImportFile.FINISHED)
    if not unfinished.update(
        status=result.status, message=result.message, line=result.line, counts=result.counts,
        warnings=stored.warnings if stored else [], source_file=stored, finished_at=timezone.now(),
        data=b"" if result.ok else file.data,  # kept when failed: the reason can be checked against it (a held packet keeps its own)
    ):
        return ImportFile.objects.get(pk=file.pk).status
    return result.status


@contextmanager
def _claimed(file_id: int):
    """PostgreSQL: a session lock of the file while its worker imports it, released when the worker's
    connection ends (`requeue_abandoned` reads it). SQLite: nothing (one worker, the server's own)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_SPACE, file_id])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_SPACE, file_id])


def requeue_abandoned() -> int:
    """Queue again the unfinished files whose task a worker took and did not finish (it died: its import was
    rolled back with it); returns how many. PostgreSQL: those whose session lock nobody holds. SQLite: every
    one (the embedded default has one worker, which asks at its start). A file queued again while its worker
    lives after all is imported once: the second run finds it finished, or the packet already stored."""
    unfinished = dict(ImportFile.objects.exclude(status__in=ImportFile.FINISHED).values_list("pk", "task_id"))
    waiting = {str(pk) for pk in DBTaskResult.objects.filter(status="READY").values_list("pk", flat=True)}
    abandoned = [pk for pk, task in unfinished.items() if task not in waiting]
    if connection.vendor == "postgresql":
        abandoned = [pk for pk in abandoned if _nobody_holds(pk)]
    for pk in abandoned:
        with transaction.atomic():
            if ImportFile.objects.filter(pk=pk).exclude(status__in=ImportFile.FINISHED).update(status=ImportFile.Status.QUEUED):
                _enqueue(pk)
    return len(abandoned)


def _nobody_holds(file_id: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_SPACE, file_id])
        (free,) = cursor.fetchone()
        if free:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_SPACE, file_id])
    return free


@dataclass(frozen=True)
class Progress:
    total: int
    finished: int
    failed: int

    @property
    def done(self) -> bool:
        return self.finished == self.total


def progress(job: ImportJob) -> Progress:
    statuses = list(job.files.values_list("status", flat=True))
    return Progress(total=len(statuses), finished=sum(s in ImportFile.FINISHED for s in statuses),
                    failed=statuses.count(ImportFile.Status.FAILED))

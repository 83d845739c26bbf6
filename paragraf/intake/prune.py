"""Forgetting finished uploads: an upload's job page and its files' rows (a failed file keeps its bytes for
the reason to be checked) are kept for `PARAGRAF_KEEP_UPLOADS_DAYS` after its last file finished; the records
it stored are not touched. The task engine's own results go by its own command, with the same age."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.management import call_command
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from paragraf.intake.models import ImportFile, ImportJob


@dataclass(frozen=True)
class Pruned:
    jobs: int
    files: int


def prune_uploads(days: int, now: dt.datetime | None = None) -> Pruned:
    """Delete the uploads whose every file finished more than `days` ago, and the task results as old."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    unfinished = ImportFile.objects.filter(job=OuterRef("pk")).exclude(status__in=ImportFile.FINISHED)
    recent = ImportFile.objects.filter(job=OuterRef("pk"), finished_at__gte=cutoff)
    old = ImportJob.objects.filter(created_at__lt=cutoff).exclude(Exists(unfinished)).exclude(Exists(recent))
    with transaction.atomic():
        ids = list(old.values_list("pk", flat=True))
        files = ImportFile.objects.filter(job__in=ids).count()
        ImportJob.objects.filter(pk__in=ids).delete()
    call_command("prune_db_task_results", queue_name="*", min_age_days=days, verbosity=0)
    return Pruned(jobs=len(ids), files=files)

"""An upload (`ImportJob`: one organisation, one or many files) and its files (`ImportFile`: one import each,
with its status, the place and reason of a failure, the parser's warnings and what was stored)."""
from __future__ import annotations

from django.conf import settings
from django.db import models

from paragraf.records.models import Organization, SourceFile


class ImportJob(models.Model):
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                                     help_text="The packets must be of this organisation; none: as each packet's text says.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"inläsning {self.pk}"


class ImportFile(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "i kö"
        RUNNING = "running", "läses in"
        IMPORTED = "imported", "inläst"
        UPDATED = "updated", "uppdaterad"
        UNCHANGED = "unchanged", "oförändrad (redan inläst)"
        HELD = "held", "väntar på granskning av personuppgifter"
        FAILED = "failed", "misslyckades"

    FINISHED = (Status.IMPORTED, Status.UPDATED, Status.UNCHANGED, Status.HELD, Status.FAILED)

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    data = models.BinaryField()  # the upload, until it is imported: workers on other machines read it here
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    message = models.TextField(blank=True)  # why it failed; where it is held
    line = models.PositiveIntegerField(null=True)  # where, when known
    warnings = models.JSONField(default=list)  # the parser's, of the stored packet
    counts = models.JSONField(default=dict)  # what was stored: meetings, §, …
    attempts = models.PositiveSmallIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)  # of the task that imports it (django_tasks_db's DBTaskResult)
    source_file = models.ForeignKey(SourceFile, null=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["job", "position"]
        constraints = [models.UniqueConstraint(fields=["job", "position"], name="import_file_position")]

    def __str__(self) -> str:
        return self.name

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED

"""The tasks of the intake, on Django's task framework (django-tasks; settings.TASKS)."""
from __future__ import annotations

from django_tasks import task

QUEUE = "imports"


@task(queue_name=QUEUE)
def import_file(file_id: int) -> str:
    """Import one uploaded file (`jobs.run_file`); returns its status."""
    from paragraf.intake.jobs import run_file

    return run_file(file_id)

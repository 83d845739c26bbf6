"""Who may upload (docs/roles.md): administrators for any organisation, secretaries for the organisations of
their bodies; a job is seen by those who may upload for its organisation."""
from __future__ import annotations

import rules

from paragraf.intake.models import ImportJob
from paragraf.secretariat.permissions import is_administrator, staff
from paragraf.secretariat.views.cases import organizations_of


@rules.predicate
def may_see_job(user, job: ImportJob) -> bool:
    if is_administrator(user):
        return True
    return job.organization_id is not None and organizations_of(user).filter(pk=job.organization_id).exists()


def register() -> None:
    rules.add_perm("intake.upload", staff)
    rules.add_perm("intake.view_job", staff & may_see_job)

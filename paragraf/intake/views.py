"""Upload packets and follow their import: the form with the user's recent jobs, a job's page (updated by
intake/job.js from its status, without reload) and its status as JSON."""
from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from paragraf.intake.forms import UploadForm
from paragraf.intake.jobs import progress, submit
from paragraf.intake.models import ImportFile, ImportJob
from paragraf.secretariat.permissions import is_administrator
from paragraf.secretariat.views.access import permission
from paragraf.secretariat.views.cases import organizations_of

RECENT = 20


def _job(pk: int) -> ImportJob:
    return get_object_or_404(ImportJob.objects.select_related("organization"), pk=pk)


@permission("intake.upload")
def upload(request):
    organizations = organizations_of(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, organizations=organizations,
                      may_leave_to_text=is_administrator(request.user))
    if request.method == "POST" and form.is_valid():
        job = submit(form.cleaned_data["files"], form.cleaned_data["organization"], request.user)
        return redirect("intake:job", pk=job.pk)
    jobs = ImportJob.objects.select_related("organization").filter(created_by=request.user)[:RECENT]
    return render(request, "intake/upload.html", {"form": form, "jobs": [(job, progress(job)) for job in jobs]},
                  status=400 if request.method == "POST" else 200)


@permission("intake.view_job", _job)
def job(request, job: ImportJob, pk: int):
    files = job.files.defer("data").select_related("source_file")
    return render(request, "intake/job.html", {"job": job, "files": files, "progress": progress(job)})


@require_GET
@permission("intake.view_job", _job)
def job_status(request, job: ImportJob, pk: int):
    done = progress(job)
    return JsonResponse({
        "total": done.total, "finished": done.finished, "failed": done.failed, "done": done.done,
        "files": [_file(file) for file in job.files.defer("data")],
    })


def _file(file: ImportFile) -> dict:
    return {"position": file.position, "name": file.name, "status": file.status, "status_text": file.get_status_display(),
            "message": file.message, "line": file.line, "warnings": file.warnings, "counts": file.counts}

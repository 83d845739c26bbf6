"""A case: its path through bodies and meetings in date order, its documents and §."""
from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from paragraf.records import registers
from paragraf.records.cases import case_path, case_status
from paragraf.records.models import Case
from paragraf.portal import crumbs


def case(request, org: str, year: int, serial: int):
    case = get_object_or_404(Case.objects.select_related("organization"), organization__slug=org, year=year, serial=serial)
    path = case_path(case)
    context = {
        "case": case,
        "path": path,
        "status": case_status(path),
        "documents": case.documents.select_related("source_file").defer("source_file__text", "source_file__data").order_by("date", "position"),
        "paragraphs": case.paragraphs.select_related("meeting__body").order_by("meeting__date"),
        # A register row recorded in the secretariat is public once reported at a published meeting.
        "delegated_decisions": case.delegated_decisions.filter(registers.PUBLIC)
                               .select_related("reported_at__body").order_by("decided_on", "pk"),
        "information_documents": case.information_documents.filter(registers.PUBLIC).select_related("reported_at__body").order_by("date", "pk"),
        "crumbs": crumbs.case(case),
    }
    return render(request, "portal/case.html", context)

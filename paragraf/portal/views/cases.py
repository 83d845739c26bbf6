"""A case: its path through bodies and meetings in date order, its documents and §."""
from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from paragraf.records.cases import case_path, case_status
from paragraf.records.models import Case
from paragraf.portal import crumbs

# A register's entry read from a packet, or one recorded in the secretariat and reported at a meeting
# whose notice is published (before that it is staff's alone).
PUBLIC_ENTRY = Q(source_file__isnull=False) | Q(reported_at__published=True)


def case(request, org: str, year: int, serial: int):
    case = get_object_or_404(Case.objects.select_related("organization"), organization__slug=org, year=year, serial=serial)
    path = case_path(case)
    context = {
        "case": case,
        "path": path,
        "status": case_status(path),
        "documents": case.documents.select_related("source_file").defer("source_file__text", "source_file__data").order_by("date", "position"),
        "paragraphs": case.paragraphs.select_related("meeting__body").order_by("meeting__date"),
        # One recorded in the secretariat is public once reported at a meeting whose notice is published.
        "delegated_decisions": case.delegated_decisions.filter(PUBLIC_ENTRY).select_related("reported_at__body").order_by("decided_on", "pk"),
        "information_documents": case.information_documents.filter(PUBLIC_ENTRY).select_related("reported_at__body").order_by("date", "pk"),
        "crumbs": crumbs.case(case),
    }
    return render(request, "portal/case.html", context)

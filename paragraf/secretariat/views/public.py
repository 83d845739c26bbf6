"""What the public and members get of a published notice: the notice and packet PDFs as published, and
one document (a confidential one only to those with the right, docs/roles.md)."""
from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from paragraf.records.models import Meeting
from paragraf.secretariat.models import CaseDocument, NoticeVersion
from paragraf.secretariat.views.access import permission
from paragraf.secretariat.views.pdf import pdf_response


def _latest(body: str, date) -> NoticeVersion:
    meeting = get_object_or_404(Meeting.objects, body__slug=body, date=date)  # published meetings only
    version = NoticeVersion.objects.filter(meeting=meeting).order_by("-version").first()
    if version is None:
        raise Http404("Sammanträdet har ingen publicerad kallelse.")
    return version


def packet(request, body: str, date):
    version = _latest(body, date)
    data = NoticeVersion.with_pdfs.only("packet_pdf").get(pk=version.pk).packet_pdf
    return pdf_response(data, f"handlingar-{body}-{date.isoformat()}.pdf", f"packet-{version.pk}")


def notice(request, body: str, date):
    version = _latest(body, date)
    data = NoticeVersion.with_pdfs.only("notice_pdf").get(pk=version.pk).notice_pdf
    return pdf_response(data, f"kallelse-{body}-{date.isoformat()}.pdf", f"notice-{version.pk}")


def _document(pk: int) -> CaseDocument:
    return get_object_or_404(CaseDocument.objects, pk=pk)


@permission("secretariat.view_document", _document)
def document(request, document: CaseDocument, pk: int):
    data = CaseDocument.with_data.only("data").get(pk=document.pk).data
    response = pdf_response(data, document.file_name.replace('"', ""), document.sha256[:32])
    if document.confidential:
        response["Cache-Control"] = "private, no-store"
    return response

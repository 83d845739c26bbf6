"""The case register: list and register cases, a case with its documents, upload a document."""
from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from paragraf.records.models import Case, Organization, OrganizationSettings
from paragraf.secretariat.forms import CaseEditForm, CaseForm, DocumentForm
from paragraf.secretariat.models import CaseDocument
from paragraf.secretariat.numbering import register_case
from paragraf.secretariat.permissions import is_administrator
from paragraf.secretariat.views.access import permission

PAGE_SIZE = 50
UPLOAD = "handling"  # the upload form's prefix: its title is not the case's


def organizations_of(user):
    """The organisations a user keeps cases of: all for an administrator, those of their bodies otherwise."""
    if is_administrator(user):
        return Organization.objects.order_by("name")
    return Organization.objects.filter(bodies__secretaries__user=user).distinct().order_by("name")


def _case(pk: int) -> Case:
    return get_object_or_404(Case.objects.select_related("organization", "prepared_for"), pk=pk)


@permission("secretariat.manage_cases")
def case_list(request):
    organizations = organizations_of(request.user)
    form = CaseForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        prefix = data["prefix"] or OrganizationSettings.of(data["organization"]).case_prefix
        case = register_case(data["organization"], datetime.date.today().year, prefix, data["title"], data["office"])
        messages.success(request, f"Ärendet {case.number} är registrerat.")
        return redirect("secretariat:case", pk=case.pk)
    cases = Case.objects.filter(organization__in=organizations).select_related("organization").order_by("-year", "-serial")
    query = request.GET.get("q", "").strip()
    if query:
        cases = cases.filter(title__icontains=query) | cases.filter(number__icontains=query)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "secretariat/cases.html", {"form": form, "page": page, "q": query})


@permission("secretariat.manage_cases", _case)
def case(request, case: Case, pk: int):
    form = CaseEditForm(request.POST if request.method == "POST" else None, instance=case)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Ärendet är sparat.")
        return redirect("secretariat:case", pk=case.pk)
    documents = CaseDocument.objects.filter(case=case).order_by("date", "pk")
    return render(request, "secretariat/case.html", {"case": case, "form": form, "documents": documents, "upload": DocumentForm(prefix=UPLOAD)})


@permission("secretariat.manage_cases", _case)
def upload(request, case: Case, pk: int):
    form = DocumentForm(request.POST or None, request.FILES or None, prefix=UPLOAD)
    if request.method == "POST" and form.is_valid():
        document = form.save(case, request.user)
        messages.success(request, f"Handlingen {document.title} ({document.pages} sidor) är uppladdad.")
        return redirect("secretariat:case", pk=case.pk)
    documents = CaseDocument.objects.filter(case=case).order_by("date", "pk")
    status = 400 if request.method == "POST" else 200
    return render(request, "secretariat/case.html", {"case": case, "form": CaseEditForm(instance=case), "documents": documents,
                                                     "upload": form}, status=status)

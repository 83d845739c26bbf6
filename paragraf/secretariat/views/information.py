"""Information documents of a body: its secretary registers a document the body is to be told of and sees
the body's register (on a meeting page, *Hämta informationshandlingar* reports what is unreported:
`views/registers.py`)."""
from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from paragraf.records.models import Body, InformationDocument
from paragraf.secretariat import information
from paragraf.secretariat.forms import InformationDocumentForm
from paragraf.secretariat.views.access import permission
from paragraf.secretariat.views.meetings import _body


def _categories(body: Body) -> list[str]:
    """The categories the organisation's registers have used, offered as the secretary types."""
    rows = InformationDocument.objects.filter(organization=body.organization).exclude(category="")
    return list(rows.order_by("category").values_list("category", flat=True).distinct())


@permission("secretariat.register_information_documents", _body)
def documents(request, the_body: Body, body: int):
    body = the_body
    form = InformationDocumentForm(request.POST or None, organization=body.organization)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        document = information.record(body, request.user, direction=data["direction"], category=data["category"].strip(),
                                      title=data["title"].strip(), case=data["case"], counterpart=data["counterpart"].strip(),
                                      date=data["date"])
        messages.success(request, _("The information document “%(title)s” is registered.") % {"title": document.title})
        return redirect("secretariat:information_documents", body=body.pk)
    unreported, reported = information.documents_of(body)
    return render(request, "secretariat/information_documents.html", {
        "body": body, "form": form, "unreported": unreported, "reported": reported, "categories": _categories(body),
    }, status=400 if form.errors else 200)

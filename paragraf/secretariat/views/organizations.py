"""An organisation's settings (`records.OrganizationSettings`): its name in short, website and contact,
where its minutes are kept, its case series, whether its uploads wait for review. Edited by an
administrator or a secretary of one of its bodies; every change is in the settings' history."""
from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from paragraf.records.models import Organization, OrganizationSettings
from paragraf.secretariat.forms import OrganizationSettingsForm
from paragraf.secretariat.views.access import permission


def _organization(org: str) -> Organization:
    return get_object_or_404(Organization, slug=org)


@permission("secretariat.edit_organization_settings", _organization)
def organization_settings(request, organization: Organization, org: str):
    form = OrganizationSettingsForm(request.POST or None, instance=OrganizationSettings.of(organization))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Inställningarna för {organization.name} är sparade.")
        return redirect("secretariat:organization_settings", org=organization.slug)
    history = form.instance.history.select_related("history_user")[:20] if form.instance.pk else []
    return render(request, "secretariat/organization_settings.html",
                  {"organization": organization, "form": form, "history": history}, status=400 if form.errors else 200)

"""Delegated decisions and the delegation scheme of a body: a delegate (or the body's secretary) records
a decision and sees the body's register; the secretary keeps the body's delegation schemes and their
points (the register of a meeting is made from what is unreported by `views/registers.py`)."""
from __future__ import annotations

import datetime

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import gettext as _

from paragraf.records.models import Body, DelegationScheme
from paragraf.review.delegation_facts import scheme_in_force
from paragraf.secretariat import delegation
from paragraf.secretariat.forms import DelegatedDecisionForm, DelegationPointFormSet, DelegationSchemeForm
from paragraf.secretariat.models import Delegate
from paragraf.secretariat.views.access import permission
from paragraf.secretariat.views.meetings import _body

POINTS = "punkter"  # the formset's prefix


def _scheme_body(body: int, **_ignored) -> Body:
    return _body(body)


def _role_of(user, body: Body) -> str:
    return Delegate.objects.filter(user=user, body=body).values_list("role", flat=True).first() or ""


@permission("secretariat.record_delegated_decisions", _body)
def decisions(request, the_body: Body, body: int):
    body = the_body
    organization = body.organization
    initial = {"delegate": request.user.get_full_name(), "delegate_role": _role_of(request.user, body)}
    form = DelegatedDecisionForm(request.POST or None, organization=organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decision, judgement = delegation.record(body, request.user, point=data["point"].strip(), title=data["title"].strip(),
                                                case=data["case"], decided_on=data["decided_on"], delegate=data["delegate"].strip(),
                                                delegate_role=data["delegate_role"].strip())
        messages.success(request, _("The delegated decision “%(title)s” is recorded.") % {"title": decision.title})
        if judgement.problem:
            messages.warning(request, _("Check against the delegation scheme: %(problem)s The decision is saved all the same; "
                                        "correct it or the delegation scheme.") % {"problem": judgement.problem})
        elif judgement.scheme is None:
            messages.warning(request, _("%(body)s has no delegation scheme in force on %(date)s in Paragraf: the point "
                                        "could not be checked.") % {"body": body.name, "date": formats.date_format(decision.decided_on, "j F Y")})
        return redirect("secretariat:delegated_decisions", body=body.pk)
    unreported, reported = delegation.decisions_of(body)
    schemes = list(DelegationScheme.objects.filter(body=body).prefetch_related("points"))
    current = scheme_in_force(schemes, datetime.date.today())
    return render(request, "secretariat/delegated_decisions.html", {
        "body": body, "form": form, "unreported": unreported, "reported": reported, "scheme": current,
        "points": list(current.points.all()) if current else [],
        "may_edit_scheme": request.user.has_perm("secretariat.edit_delegation_scheme", body),
    }, status=400 if form.errors else 200)


@permission("secretariat.edit_delegation_scheme", _body)
def schemes(request, the_body: Body, body: int):
    body = the_body
    rows = DelegationScheme.objects.filter(body=body).select_related("decided_in__meeting").order_by("-valid_from")
    current = scheme_in_force(list(rows), datetime.date.today())
    return render(request, "secretariat/delegation_schemes.html", {"body": body, "schemes": rows, "current": current})


@permission("secretariat.edit_delegation_scheme", _scheme_body)
def scheme(request, the_body: Body, body: int, scheme: int | None = None):
    body = the_body
    instance = get_object_or_404(DelegationScheme, pk=scheme, body=body) if scheme is not None else DelegationScheme(body=body)
    form = DelegationSchemeForm(request.POST or None, instance=instance, body=body)
    formset = DelegationPointFormSet(request.POST or None, instance=instance, prefix=POINTS)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            saved = form.save()
            for position, point_form in enumerate(formset.forms, start=1):
                if point_form.has_changed() and not point_form.cleaned_data.get("DELETE"):
                    point_form.instance.position = position
            formset.instance = saved
            formset.save()
        messages.success(request, _("The delegation scheme “%(title)s” is saved.") % {"title": saved.title})
        return redirect("secretariat:delegation_scheme", body=body.pk, scheme=saved.pk)
    return render(request, "secretariat/delegation_scheme.html", {"body": body, "scheme": instance, "form": form, "formset": formset},
                  status=400 if request.method == "POST" else 200)

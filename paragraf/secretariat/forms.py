"""The secretariat's forms (labels in Swedish, as every page of the secretariat)."""
from __future__ import annotations

import datetime
import hashlib
import re

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from paragraf.records.models import (Body, Case, DelegationPoint, DelegationScheme, InformationDocument, Organization, OrganizationSettings,
                                     Paragraph)
from paragraf.secretariat.agenda import SECTIONS
from paragraf.secretariat.models import CaseDocument
from paragraf.secretariat.typeset.packet import InvalidPdf, pdf_page_count

CALLED_GROUP_CHOICES = [("ledamot", "Ordinarie ledamot"), ("ersättare", "Ersättare"),
                        ("adjungerad", "Adjungerad"), ("tjänsteman", "Tjänsteman")]


class CaseForm(forms.Form):
    organization = forms.ModelChoiceField(Organization.objects.none(), label="Organisation", empty_label=None)
    prefix = forms.CharField(label="Diarieserie (förled)", max_length=12, required=False, help_text="Till exempel RS i RS 2023/217. Tomt: organisationens diarieserie (dess inställningar).")
    title = forms.CharField(label="Rubrik", max_length=500)
    office = forms.CharField(label="Ansvarig förvaltning eller enhet", max_length=200, required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class CaseEditForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = ["title", "office", "status", "prepared_for"]
        labels = {"title": "Rubrik", "office": "Ansvarig förvaltning eller enhet", "status": "Status",
                  "prepared_for": "Redo för organ"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prepared_for"].queryset = Body.objects.filter(organization=self.instance.organization).order_by("name")
        self.fields["status"].choices = [("open", "Öppet"), ("prepared", "Berett"), ("decided", "Beslutat"), ("closed", "Avslutat")]


class ReviewSelect(forms.NullBooleanSelect):
    def __init__(self, attrs=None) -> None:
        super().__init__(attrs)
        self.choices = [("unknown", f"Som webbplatsen ({'ja' if settings.PARAGRAF_REVIEW_IMPORTS else 'nej'})"),
                        ("true", "Ja, håll dem tills personuppgifterna är granskade"), ("false", "Nej, publicera direkt")]


def _https_by_default(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"  # `www.norrvik.se` is https://www.norrvik.se
    return field.formfield(**kwargs)


class OrganizationSettingsForm(forms.ModelForm):
    """Labels and help from the model (`records.OrganizationSettings`, translated)."""

    class Meta:
        model = OrganizationSettings
        exclude = ["organization"]
        widgets = {"review_imports": ReviewSelect}
        formfield_callback = _https_by_default


class DocumentForm(forms.Form):
    title = forms.CharField(label="Rubrik", max_length=300)
    date = forms.DateField(label="Datum", initial=datetime.date.today, widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label="Typ av handling", choices=[
        ("tjansteskrivelse", "Tjänsteskrivelse"), ("beslutsunderlag", "Beslutsunderlag"), ("protokollsutdrag", "Protokollsutdrag"),
        ("motion", "Motion"), ("skrivelse", "Skrivelse"), ("rapport", "Rapport"), ("bilaga", "Bilaga"), ("ovrigt", "Övrigt")])
    confidential = forms.BooleanField(label="Omfattas av sekretess (visas aldrig för allmänheten)", required=False)
    file = forms.FileField(label="Fil (PDF)", help_text="Endast PDF. Spara ett Word- eller LibreOffice-dokument som PDF först.",
                           widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = int(settings.PARAGRAF_MAX_DOCUMENT_MB * 1024 * 1024)
        if upload.size > limit:
            raise forms.ValidationError(f"Filen är större än {settings.PARAGRAF_MAX_DOCUMENT_MB:g} MB.")
        data = upload.read()
        try:
            self.pages = pdf_page_count(data)
        except InvalidPdf as error:
            raise forms.ValidationError(f"{upload.name} är ingen läsbar PDF ({error}). Endast PDF tas emot.") from None
        self.data_bytes = data
        return upload

    def save(self, case: Case, user) -> CaseDocument:
        upload = self.cleaned_data["file"]
        data = self.data_bytes
        return CaseDocument.with_data.create(
            case=case, title=self.cleaned_data["title"], date=self.cleaned_data["date"], kind=self.cleaned_data["kind"],
            confidential=self.cleaned_data["confidential"], file_name=upload.name[:255], pages=self.pages, size=len(data),
            sha256=hashlib.sha256(data).hexdigest(), uploaded_by=user, data=data)


class MeetingForm(forms.Form):
    date = forms.DateField(label="Datum", widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label="Tid", required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    place = forms.CharField(label="Plats", max_length=300, required=False)


class ItemForm(forms.Form):
    title = forms.CharField(label="Rubrik", max_length=1000, required=False, help_text="Tom: ärendets rubrik.")
    case = forms.ModelChoiceField(Case.objects.none(), label="Ärende", required=False, empty_label="(inget ärende)")
    section = forms.CharField(label="Avsnitt", max_length=300, required=False,
                              widget=forms.TextInput(attrs={"list": "avsnitt"}))
    presenter = forms.CharField(label="Föredragande", max_length=300, required=False)
    sections = SECTIONS

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = Case.objects.filter(organization=organization).order_by("-year", "-serial")

    def clean(self):
        data = super().clean()
        if not data.get("title") and not data.get("case"):
            raise forms.ValidationError("Ange en rubrik eller välj ett ärende.")
        return data


class CalledForm(forms.Form):
    name = forms.CharField(label="Namn", max_length=200)
    party = forms.CharField(label="Parti (förkortning)", max_length=12, required=False)
    group = forms.ChoiceField(label="Kallas som", choices=CALLED_GROUP_CHOICES, initial="adjungerad")
    role = forms.CharField(label="Uppdrag eller titel", max_length=200, required=False)


class AttachForm(forms.Form):
    document = forms.ModelChoiceField(CaseDocument.objects.none(), label="Handling", empty_label=None)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = CaseDocument.objects.filter(case__organization=organization).select_related("case")
        self.fields["document"].label_from_instance = lambda d: f"{d.case.number}: {d.title}" + (" (sekretess)" if d.confidential else "")


class StandardItemsForm(forms.Form):
    items = forms.CharField(label="Standardpunkter, en per rad (rubrik | avsnitt)", widget=forms.Textarea(attrs={"rows": 10}), required=False)

    def rows(self) -> list[tuple[str, str]]:
        result = []
        for line in self.cleaned_data["items"].splitlines():
            title, _bar, section = line.partition("|")
            if title.strip():
                result.append((title.strip()[:300], section.strip()[:300]))
        return result


CASE_CORE = re.compile(r"(\d{4})\s*/\s*(\d+)")


def case_by_number(organization: Organization, written: str) -> Case | None:
    """The organisation's case of a written case number (`RS 2023/217`, `2023/217`: one case per year and
    serial whatever the series prefix, as `records.resolve`)."""
    found = CASE_CORE.search(written)
    if not found:
        return None
    return Case.objects.filter(organization=organization, year=int(found[1]), serial=int(found[2])).first()


class OrganizationCaseMixin:
    """A form whose optional field `case` is a written case number of the form's organisation, cleaned to
    its Case (an unknown number refused)."""

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization

    def clean_case(self) -> Case | None:
        written = self.cleaned_data["case"].strip()
        if not written:
            return None
        case = case_by_number(self.organization, written)
        if case is None:
            raise forms.ValidationError(_("%(organization)s has no case numbered %(number)s.")
                                        % {"organization": self.organization.name, "number": written})
        return case


def not_in_future(value: datetime.date, message: str) -> datetime.date:
    if value > datetime.date.today():
        raise forms.ValidationError(message)
    return value


class DelegatedDecisionForm(OrganizationCaseMixin, forms.Form):
    """A decision a delegate took on the body's behalf. The point is typed or picked from the points of the
    scheme in force (`points`, offered as a list); a point the scheme lacks is saved too, with a warning."""

    point = forms.CharField(label=_("Delegation point"), max_length=60, required=False,
                            widget=forms.TextInput(attrs={"list": "punkter", "autocomplete": "off"}))
    title = forms.CharField(label=_("Matter"), widget=forms.Textarea(attrs={"rows": 2}))
    case = forms.CharField(label=_("Case number"), max_length=40, required=False,
                           help_text=_("The organisation's case the decision was taken in, e.g. RS 2023/217. Empty: none."))
    decided_on = forms.DateField(label=_("Decision date"), initial=datetime.date.today, widget=forms.DateInput(attrs={"type": "date"}))
    delegate = forms.CharField(label=_("Delegate"), max_length=200, help_text=_("Who took the decision."))
    delegate_role = forms.CharField(label=_("Delegate's role"), max_length=200, required=False,
                                    help_text=_("The role the delegation scheme names, e.g. Regiondirektör."))

    def clean_decided_on(self) -> datetime.date:
        return not_in_future(self.cleaned_data["decided_on"],
                             _("A decision cannot be recorded before it is taken: the date is in the future."))


class InformationDocumentForm(OrganizationCaseMixin, forms.Form):
    """A document the body is to be told of: received or sent, grouped by a category as the register lists it."""

    direction = forms.ChoiceField(label=_("Received or sent"), choices=[(InformationDocument.Direction.IN, _("Incoming")),
                                                                        (InformationDocument.Direction.OUT, _("Outgoing"))])
    category = forms.CharField(label=_("Category"), max_length=300, required=False,
                               widget=forms.TextInput(attrs={"list": "kategorier", "autocomplete": "off"}),
                               help_text=_("The heading the register lists it under, e.g. Inkomna skrivelser or Protokoll."))
    title = forms.CharField(label=_("Document"), widget=forms.Textarea(attrs={"rows": 2}))
    case = forms.CharField(label=_("Case number"), max_length=40, required=False,
                           help_text=_("The organisation's case the document belongs to, e.g. RS 2023/217. Empty: none."))
    counterpart = forms.CharField(label=_("Sender or recipient"), max_length=300, required=False)
    date = forms.DateField(label=_("Date"), initial=datetime.date.today, widget=forms.DateInput(attrs={"type": "date"}),
                           help_text=_("When it was received or sent."))

    def clean_date(self) -> datetime.date:
        return not_in_future(self.cleaned_data["date"], _("A document cannot be registered before it is dated: the date is in the future."))


class DelegationSchemeForm(forms.ModelForm):
    """A scheme's title and date, and the § that decided it (the body's meeting and § number), when known."""

    decided_meeting = forms.DateField(label=_("Decided at the meeting of"), required=False,
                                      widget=forms.DateInput(attrs={"type": "date"}))
    decided_number = forms.IntegerField(label=_("Decided in §"), min_value=1, required=False)

    class Meta:
        model = DelegationScheme
        fields = ["title", "valid_from"]
        widgets = {"valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body
        decided = self.instance.decided_in if self.instance.pk else None
        if decided is not None:
            self.initial.setdefault("decided_meeting", decided.meeting.date)
            self.initial.setdefault("decided_number", decided.number)

    def clean(self):
        data = super().clean()
        date, number = data.get("decided_meeting"), data.get("decided_number")
        self.paragraph = None
        if (date is None) != (number is None):
            raise forms.ValidationError(_("Give both the meeting's date and the § number, or neither."))
        if date is not None:
            self.paragraph = Paragraph.objects.filter(meeting__body=self.body, meeting__date=date, number=number).first()
            if self.paragraph is None:
                raise forms.ValidationError(_("No § %(number)s of %(body)s on %(date)s is in Paragraf.")
                                            % {"number": number, "body": self.body.name, "date": date.isoformat()})
        return data

    def save(self, commit: bool = True) -> DelegationScheme:
        scheme = super().save(commit=False)
        scheme.body, scheme.decided_in = self.body, self.paragraph
        scheme.source_file = None  # saved by staff: a re-import leaves it as it is
        if commit:
            scheme.save()
        return scheme


DelegationPointFormSet = forms.inlineformset_factory(
    DelegationScheme, DelegationPoint, fields=["number", "matter", "delegate_role", "limits"], extra=3, can_delete=True,
    widgets={"matter": forms.Textarea(attrs={"rows": 2}), "limits": forms.Textarea(attrs={"rows": 2})})

"""The upload form: an organisation of the user's and one or many packet files (text or PDF)."""
from __future__ import annotations

from django import forms
from django.conf import settings

from paragraf.intake.jobs import Upload

MB = 1_000_000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PacketsField(forms.FileField):
    widget = MultipleFileInput(attrs={"accept": ".txt,.pdf,text/plain,application/pdf"})

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(PacketsField, self).clean(file, initial) for file in files]


class UploadForm(forms.Form):
    organization = forms.ModelChoiceField(label="Organisation", queryset=None, empty_label=None)
    files = PacketsField(label="Mötespaket (text eller PDF, en eller flera filer)")

    def __init__(self, *args, organizations, may_leave_to_text: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        field.queryset = organizations
        if may_leave_to_text:  # an administrator may import the packets of an organisation not yet known
            field.required, field.empty_label = False, "Enligt handlingarnas text"

    def clean_files(self) -> list[Upload]:
        limit = settings.PARAGRAF_MAX_PACKET_MB
        uploads = []
        for file in self.cleaned_data["files"]:
            if file.size > limit * MB:
                raise forms.ValidationError(f"{file.name} är större än {limit:g} MB.")
            uploads.append(Upload(name=file.name, data=file.read()))
        return uploads

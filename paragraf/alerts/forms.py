"""The subscribe form: an address, what to follow (as the page names it), and a field people leave empty."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from paragraf.portal.follow import KINDS


class SubscribeForm(forms.Form):
    epost = forms.EmailField(max_length=254, error_messages={
        "required": _("Write your e-mail address."),
        "invalid": _("Write a whole e-mail address, with @ and a domain."),
        "max_length": _("The e-mail address is too long."),
    })
    bevaka = forms.ChoiceField(choices=[(kind, kind) for kind in KINDS])
    mal = forms.CharField(max_length=4000)
    # A honeypot: hidden from people by the stylesheet (`.trap`), filled in by form-filling robots.
    hemsida = forms.CharField(required=False, max_length=200)

    def is_robot(self) -> bool:
        return bool(self.data.get("hemsida", "").strip())

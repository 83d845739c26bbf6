"""The form "Bevaka via e-post" the portal shows on the pages of a body, a case, a person and a search."""
from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from paragraf.portal.follow import Followed


def subscribe_panel(request: HttpRequest | None, followed: Followed, address: str = "", error: str = "") -> str:
    context = {"followed": followed, "address": address, "error": error}
    return render_to_string("alerts/_panel.html", context, request=request)

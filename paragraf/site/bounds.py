"""Whole numbers in addresses (`<int:pk>`) beyond a 64-bit id are a 404 for every route: no
database holds such an id, and SQLite cannot even be asked (OverflowError)."""
from __future__ import annotations

from django.utils.translation import gettext as _

from paragraf.site.answers import Guard, refuse

MAX_ID = 2**63 - 1


class PathNumberMiddleware(Guard):
    def process_view(self, request, view, args, kwargs):
        if any(isinstance(value, int) and not -MAX_ID <= value <= MAX_ID for value in [*args, *kwargs.values()]):
            return refuse(request, 404, _("There is no such page."), _("No record has an id so large."))
        return None

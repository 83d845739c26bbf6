"""What the admin login answers while a user name is locked out (django-axes: AXES_LOCKOUT_CALLABLE)."""
from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


def locked_out(request, original_response=None, credentials=None):
    cooloff = settings.AXES_COOLOFF_TIME
    context = {
        **admin.site.each_context(request),
        "title": _("Too many failed logins"),
        "limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(cooloff.total_seconds() // 60) if cooloff else None,
    }
    return render(request, "staff/locked_out.html", context, status=429)

"""Template context for every portal page."""
from __future__ import annotations


def portal(request):
    # Staff see personal data (phone numbers, e-mail, personal identity numbers) as written.
    return {"show_private": bool(request.user.is_authenticated and request.user.is_staff)}

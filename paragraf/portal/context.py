"""Template context for every portal page."""
from __future__ import annotations

from paragraf.privacy.layer import shows_private


def portal(request):
    # Staff see personal data (phone numbers, e-mail, personal identity numbers) as written.
    return {"show_private": shows_private(request)}

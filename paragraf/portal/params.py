"""Query parameters of the public pages, read so that no value can fail a page: text without control
characters (XML 1.0 cannot hold them, PostgreSQL text no NUL), whole numbers within bounds."""
from __future__ import annotations

import re

from django.http import Http404
from django.utils.translation import gettext as _

CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]+")  # C0, DEL and C1
NUMBER_RE = re.compile(r"-?[0-9]+")
MAX_NUMBER = 10**9  # beyond any page or line of a page


def printable(text: str) -> str:
    """`text` with each run of control characters (tabs and line breaks too) as one space."""
    return CONTROL_RE.sub(" ", text)


def text(params, name: str, limit: int = 500) -> str:
    """A free-text parameter, at most `limit` characters, trimmed; "" when absent."""
    return printable(params.get(name, ""))[:limit].strip()


def number(params, name: str, maximum: int = MAX_NUMBER) -> int:
    """A page or line number from 1: absent, empty or not a number is 1, below 1 is 1, above
    `maximum` is a 404 (a page that does not exist)."""
    value = params.get(name, "").strip()
    if not NUMBER_RE.fullmatch(value) or value.startswith("-"):
        return 1
    if len(value) > 12 or int(value) > maximum:
        raise Http404(_("There is no such page."))
    return max(1, int(value))

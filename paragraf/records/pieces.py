"""A whole packet's text masked in pieces, for downloads that stream it instead of building the
masked copy (and its bytes) of a text of many megabytes at once.

A piece ends just before a line break that follows a character no mask can end or go on with (a
letter, a full stop …: not a digit, `+`, `(`, `)`, `-` or a space): every pattern of `privacy.py`
is made of those characters alone where it reaches a line break, so no match crosses a cut and the
pieces joined are `mask_personal_data` of the whole text (tests/test_bounded.py holds this)."""
from __future__ import annotations

import re
from collections.abc import Iterator

from paragraf.records.privacy import mask_personal_data

PIECE = 1 << 20  # characters, about
CUT_RE = re.compile(r"[^\d\s+()\-]\n")


def masked_pieces(text: str, size: int = PIECE) -> Iterator[str]:
    start = 0
    while start < len(text):
        found = CUT_RE.search(text, start + size)
        end = found.start() + 1 if found else len(text)
        yield mask_personal_data(text[start:end])
        start = end

"""Personal data in imported text: phone numbers, e-mail addresses and personal identity numbers.

Public pages, the API and the public export show them masked; logged-in staff see them as written.
"""
from __future__ import annotations

import re

PERSONAL_NUMBER_RE = re.compile(r"\b(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|[6-8]\d|9[01])[-+ ]?\d{4}\b")
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# Swedish numbers: 036-32 40 00, 070-123 45 67, +46 36 324000, +46 36-32 50 95: an area code
# (0 and a non-zero digit, or +46), then subscriber digits in groups separated by spaces.


def _phone_re(space: str) -> re.Pattern:
    separator = f"(?:{space}|-)"
    return re.compile(
        rf"(?<![\w/+-])(?:\+46{separator}?(?:\(0\))?{space}?[1-9]\d{{0,2}}|0[1-9]\d{{0,2}})"
        rf"{separator}\d{{2,6}}(?:{space}\d{{2,4}}){{0,3}}(?![\w/-])"
    )


PHONE_RE = _phone_re(r"\s")
PHONE_IN_LINE_RE = _phone_re(r"[^\S\n]")  # the same, never across a line break
PHONE_DIGITS = range(8, 12)  # a national number has 8-10 digits; +46 adds two and drops the 0

MASKS = [
    (EMAIL_RE, "[e-post dold]"),
    (PERSONAL_NUMBER_RE, "[personnummer dolt]"),
]


def mask_personal_data(text: str) -> str:
    return PHONE_RE.sub(_mask_phone, _mask_fixed_forms(text))


def mask_personal_data_by_line(text: str) -> str:
    """As `mask_personal_data` on each line by itself (as the portal shows a source file), in one
    pass over the whole text: the line breaks, and so the line numbers, stay."""
    return PHONE_IN_LINE_RE.sub(_mask_phone, _mask_fixed_forms(text))


def _mask_fixed_forms(text: str) -> str:
    for pattern, replacement in MASKS:
        if pattern is not EMAIL_RE or "@" in text:  # the e-mail pattern is the slowest to fail
            text = pattern.sub(replacement, text)
    return text


def _mask_phone(match: re.Match) -> str:
    digits = sum(c.isdigit() for c in match.group())
    return "[telefonnummer dolt]" if digits in PHONE_DIGITS else match.group()

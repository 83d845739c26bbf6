"""Personal data in text, found and masked: Swedish personal identity numbers, phone numbers,
e-mail addresses and the names staff protect. Pure Python (no Django): the publication layer
(`paragraf.privacy.layer`), the search index and the export all mask through `Masker`.

What counts:

- a personal identity number (personnummer, samordningsnummer: day + 60), 10 or 12 digits,
  with a valid date: with a hyphen, a dash of any kind (PDF text gives an en dash) or `+`
  always; with a space or nothing between its parts only when its check digit is right;
- a phone number in every Swedish form (`070-123 45 67`, `0701234567`, `+46701234567`,
  `+46 (0)70-123 45 67`, `(036) 10 50 00`, `0046 36 10 50 00`), 8–10 national digits; a number
  written with spaces only, among other figures on its line or followed by `kr`, `tkr`, `%` …,
  is an amount in a table and stays;
- an e-mail address;
- a protected name, as written in any case, its words split by any white space.

A value may run over a line break (PDF text breaks lines anywhere); its mask keeps the break,
so line numbers stay right. Staff can declare a value no personal data (`unmasked`): compared
by its digits (numbers) or in lower case (addresses).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

PERSONAL_NUMBER = "personal_number"
PHONE = "phone"
EMAIL = "email"
NAME = "name"
LABELS = {
    PERSONAL_NUMBER: "[personnummer dolt]",
    PHONE: "[telefonnummer dolt]",
    EMAIL: "[e-post dold]",
    NAME: "[namn dolt]",
}

_BREAK = r"[^\S\n]*(?:\n[^\S\n]*)?"  # blanks, at most one line break among them
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"

PERSONAL_NUMBER_RE = re.compile(
    rf"(?<![\w+\-/.,\]])(?P<century>19|20)?(?P<date>\d{{6}})"
    rf"(?P<sep>{_BREAK}[{_DASHES}+]{_BREAK}|[^\S\n]?\n?[^\S\n]?)(?P<serial>\d{{4}})(?![\w/\[]|[.,]\d)"
)
EMAIL_RE = re.compile(r"(?<![\w.+\]-])[\w.+-]+@(?:\n?)[\w-]+(?:\.(?:\n?)[\w-]+)*\.[A-Za-z]{2,}\b")
# An area code (0 and a digit, 0046, +46 with an optional (0), or one in parentheses), then
# subscriber digits in groups; any separator may be a line break.
_SEP = rf"(?:{_BREAK}[{_DASHES}/]{_BREAK}|[^\S\n]{{1,2}}|\n[^\S\n]*)"
PHONE_RE = re.compile(
    rf"(?<![\w/+\-.,:\]])"
    rf"(?P<prefix>(?:\+|00)46{_SEP}?(?:\(0\){_SEP}?)?[1-9]\d{{0,2}}|\(0[1-9]\d{{0,2}}\)|0[1-9]\d{{0,2}})"
    rf"(?P<rest>(?:{_SEP}?\d{{2,8}})(?:{_SEP}\d{{2,4}}){{0,3}})(?![\w/\[]|[.,]\d)"
)
MAX_PASSES = 4
NATIONAL_DIGITS = range(8, 11)  # 08-123 45 (8) … 070-123 45 67 (10)
AMOUNT_AFTER = re.compile(r"[^\S\n]*(?:%|‰|kr\b|tkr\b|mkr\b|mnkr\b|mdkr\b|msek\b|ksek\b|kronor\b|procent\b|st\b|\d)", re.I)
AMOUNT_BEFORE = re.compile(r"(?:\d|[−\-–]|%)[^\S\n]*$")


@dataclass(frozen=True)
class Finding:
    kind: str  # PERSONAL_NUMBER | PHONE | EMAIL | NAME
    start: int  # offsets into the text
    end: int
    value: str  # as written

    @property
    def key(self) -> str:
        """What staff unmask by: the digits of a number, an address or name in lower case."""
        return value_key(self.kind, self.value)


def value_key(kind: str, value: str) -> str:
    if kind in (PERSONAL_NUMBER, PHONE):
        digits = "".join(c for c in value if c.isdigit())
        return digits[2:] if kind == PERSONAL_NUMBER and len(digits) == 12 else _national(digits)
    return " ".join(value.lower().split())


def _national(digits: str) -> str:
    for prefix in ("0046", "46"):
        if digits.startswith(prefix) and len(digits) > 9:
            rest = digits[len(prefix):]
            return "0" + rest.removeprefix("0")
    return digits


_NAME_GAP = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"  # blanks between words of a name, at most one line break


class Masker:
    """Finds and masks personal data; `unmasked` are keys staff declared no personal data,
    `protected` names staff want masked."""

    def __init__(self, unmasked: frozenset[str] | set[str] = frozenset(), protected: tuple[str, ...] | list[str] = ()) -> None:
        self.unmasked = frozenset(unmasked)
        names = sorted({" ".join(n.split()) for n in protected if n.strip()}, key=len, reverse=True)
        # Names what this masker does beyond the patterns (a cache key of what it masks).
        self.fingerprint = hashlib.sha256(repr((sorted(self.unmasked), names)).encode()).hexdigest()[:16]
        self.names_re = (
            re.compile(r"(?<!\w)(?:" + "|".join(_NAME_GAP.join(map(re.escape, n.split())) for n in names) + r")(?!\w)", re.I)
            if names else None
        )

    def findings(self, text: str) -> list[Finding]:
        """Every piece of personal data in the text, in order, none overlapping."""
        found = [*_personal_numbers(text), *_emails(text), *_phones(text), *self._names(text)]
        found.sort(key=lambda f: (f.start, -f.end))
        kept: list[Finding] = []
        for finding in found:
            if kept and finding.start < kept[-1].end:
                continue
            if finding.key not in self.unmasked:
                kept.append(finding)
        return kept

    def mask(self, text: str, labels: bool = True) -> str:
        """The text with each finding replaced by its label (`labels` False: left out). Masked
        again until nothing more is found: a value cut from another by the first pass (a phone
        number run into an e-mail address) is found once its neighbour is a label."""
        for _ in range(MAX_PASSES):
            masked = self._mask_once(text, labels)
            if masked is text:
                return text
            text = masked
        return text

    def _mask_once(self, text: str, labels: bool) -> str:
        if not text or not _may_hold(text, self.names_re is not None):
            return text
        parts, at = [], 0
        for finding in self.findings(text):
            parts.append(text[at:finding.start])
            parts.append((LABELS[finding.kind] if labels else "") + "\n" * finding.value.count("\n"))
            at = finding.end
        if not parts:
            return text
        parts.append(text[at:])
        return "".join(parts)

    def _names(self, text: str) -> list[Finding]:
        if self.names_re is None:
            return []
        return [Finding(NAME, m.start(), m.end(), m.group()) for m in self.names_re.finditer(text)]


def _may_hold(text: str, names: bool) -> bool:
    """Cheap test first: no digit and no @ means nothing to find but names."""
    return names or "@" in text or any(c.isdigit() for c in text)


def _personal_numbers(text: str) -> list[Finding]:
    found = []
    for m in PERSONAL_NUMBER_RE.finditer(text):
        century, date, sep, serial = m.group("century"), m.group("date"), m.group("sep"), m.group("serial")
        if not _valid_date(century, date):
            continue
        written_apart = any(c in _DASHES or c == "+" for c in sep)
        if written_apart or (century and not sep) or _luhn(date + serial):
            found.append(Finding(PERSONAL_NUMBER, m.start(), m.end(), m.group()))
    return found


def _valid_date(century: str | None, date: str) -> bool:
    month, day = int(date[2:4]), int(date[4:6])
    if day > 60:  # samordningsnummer
        day -= 60
    return 1 <= month <= 12 and 1 <= day <= 31


def _luhn(digits: str) -> bool:
    total = 0
    for i, c in enumerate(digits):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d // 10 + d % 10
    return total % 10 == 0


def _emails(text: str) -> list[Finding]:
    if "@" not in text:
        return []
    return [Finding(EMAIL, m.start(), m.end(), m.group()) for m in EMAIL_RE.finditer(text)]


def _phones(text: str) -> list[Finding]:
    found = []
    for m in PHONE_RE.finditer(text):
        value = m.group()
        digits = value_key(PHONE, value)
        if len(digits) not in NATIONAL_DIGITS:
            continue
        if _amount(text, m, value):
            continue
        found.append(Finding(PHONE, m.start(), m.end(), value))
    return found


def _amount(text: str, m: re.Match, value: str) -> bool:
    """A figure in a table, not a phone number: written with spaces only (no dash, no +46, no
    parentheses) and among other figures on its line or followed by a unit."""
    marked = any(c in _DASHES or c in "+/(" for c in value) or value.startswith("00")
    if marked:
        return False
    line_start = text.rfind("\n", 0, m.start()) + 1
    return bool(AMOUNT_BEFORE.search(text, line_start, m.start()) or AMOUNT_AFTER.match(text, m.end()))

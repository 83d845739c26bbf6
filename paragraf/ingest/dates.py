"""Dates as Swedish documents write them: `2023-05-22`, and in words with an
optional weekday: `Måndag 5 juni 2023`, `Torsdagen den 9 november 2023`,
`den 3 maj 2023`, `3 sept. 2023`, `onsdag 1:a mars 2023`."""
from __future__ import annotations

import re
from dataclasses import dataclass

from paragraf.ingest.text import DATE

MONTHS = {
    "januari": 1, "jan": 1,
    "februari": 2, "feb": 2, "febr": 2,
    "mars": 3, "mar": 3,
    "april": 4, "apr": 4,
    "maj": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "augusti": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAY = r"(?:mån|tis|ons|tors|fre|lör|sön)(?:dag(?:en)?|\.)?"
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))


def _words_date(named: bool) -> str:
    """A weekday, `den`, the day (`1:a`, `22:e`), the month (maybe abbreviated) and the year."""
    day, month, year = ("(?P<day>", "(?P<month>", "(?P<year>") if named else ("(?:",) * 3
    return (
        rf"(?i:(?:\b{WEEKDAY}\s*,?\s+)?(?:\bden\s+)?\b{day}[0-3]?\d)(?::[ae])?\s+"
        rf"{month}{MONTH})\b\.?\s*{year}(?:19|20)\d{{2}})\b)"
    )


WORDS_DATE = _words_date(named=False)
ANY_DATE = rf"(?:{DATE}|{WORDS_DATE})"  # to embed in patterns that only need to know a date is there
ANY_DATE_RE = re.compile(rf"(?P<iso>{DATE})|{_words_date(named=True)}")


@dataclass
class DateMatch:
    iso: str  # YYYY-MM-DD
    start: int
    end: int


def find_date(text: str) -> DateMatch | None:
    """The first date in the text, in digits or in words, as an ISO date."""
    for m in ANY_DATE_RE.finditer(text):
        iso = m.group("iso") or _iso(m)
        if iso:
            return DateMatch(iso, m.start(), m.end())
    return None


def is_date(text: str) -> bool:
    """The whole text is one date (a weekday and `den` allowed)."""
    found = find_date(text)
    return found is not None and found.start == 0 and not text[found.end:].strip(" ,.")


def _iso(m: re.Match) -> str | None:
    day, month, year = int(m.group("day")), MONTHS[m.group("month").lower()], int(m.group("year"))
    if not 1 <= day <= _days_in(month, year):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _days_in(month: int, year: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31

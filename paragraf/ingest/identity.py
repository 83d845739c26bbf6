"""Which meeting a text records: body and date, from the text or from the caller.

The page headers say it in most packets (`cleanup.py`: a known template's header
or furniture found by repetition). Where they do not, the first page of minutes
may (`Sammanträdesdatum 2024-03-20`, `Plats och tid … den 3 maj 2023`, the body's
name alone on a line), and where the text says nothing at all (a per-§ export, an
extract, a cut packet) the caller can: `MeetingHints`, given to `paragraf parse`
and `paragraf import` as `--organization`, `--body` and `--date`. A hint fills in
what the text does not say; it never overrides what the text says.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from paragraf.ingest.cleanup import Line
from paragraf.ingest.dates import find_date
from paragraf.ingest.errors import InputError
from paragraf.ingest.text import BODY_WORD, DATE_RE

# A label whose value (on its line or the next) is the meeting's date: `Sammanträdesdatum 2024-03-20`,
# `Plats och tid Stadshuset, den 3 maj 2023`, `Protokoll 4 mars 2024` (not `Datum för anslags uppsättande`).
DATE_LABEL = re.compile(r"^(?:Sammanträdesdatum|Mötesdatum|Sammanträde|Datum|Tid|Plats och tid|Tid och plats|Protokoll|"
                        r"Sammanträdesprotokoll)\b(?!\s+(?:för|då|när)\b)\s*:?\s*(?P<rest>.*)$", re.I)
# A line that names a body and nothing else: `Kommunstyrelsen`, `Organ: Bygg- och miljönämnden`
BODY_LINE = re.compile(rf"^(?:(?:Organ|Nämnd|Styrelse|Instans)\s*:?\s+)?(?P<body>[A-ZÅÄÖ][\wåäöé\- ]{{0,60}}(?:{BODY_WORD.pattern})\w*)$",
                       re.I)
# `Protokoll nr 10/2024 fört vid sammanträde med Ekby stadsdelsnämnd`
HELD_BY = re.compile(rf"\b(?:sammanträde|sammanträdet|möte|mötet)\s+(?:med|i)\s+(?P<body>[\wåäöé\- ]{{0,60}}?(?:{BODY_WORD.pattern})\w*)",
                     re.I)
COVER_WINDOW = 60  # text lines of a first page looked at
OPTION = {"organization": "--organization", "body": "--body", "date": "--date"}


@dataclass(frozen=True)
class MeetingHints:
    """What the caller knows of the meeting that the text may not say."""

    organization: str | None = None
    body: str | None = None
    date: str | None = None  # YYYY-MM-DD

    def __post_init__(self) -> None:
        if self.date is not None and not _iso_date(self.date):
            raise InputError(f"--date {self.date!r} is not a date in the form YYYY-MM-DD")


@dataclass(frozen=True)
class Identity:
    body: str | None
    date: str | None


def _iso_date(text: str) -> bool:
    if not DATE_RE.fullmatch(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def cover_identity(lines: list[Line]) -> Identity:
    """Body and date from the first page of minutes (the lines before the first §)."""
    texts = [line.text for line in lines if line.text][:COVER_WINDOW]
    return Identity(_cover_body(texts), _cover_date(texts))


def _cover_date(texts: list[str]) -> str | None:
    for index, text in enumerate(texts):
        m = DATE_LABEL.match(text)
        if not m:
            continue
        found = find_date(m.group("rest")) or (find_date(texts[index + 1]) if index + 1 < len(texts) else None)
        if found:
            return found.iso
    return None


def _cover_body(texts: list[str]) -> str | None:
    for text in texts:
        m = BODY_LINE.match(text) or HELD_BY.search(text)
        if m and len(m.group("body").split()) <= 6:
            body = m.group("body").strip()
            body = body.capitalize() if body.isupper() else body
            return body[0].upper() + body[1:]
    return None


def missing_warning(field: str) -> str:
    what = {"body": "which body held the meeting", "date": "the date of the meeting"}[field]
    return f"the text does not say {what}: give it with {OPTION[field]}"

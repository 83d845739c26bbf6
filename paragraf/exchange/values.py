"""One field value between the database and the dump: ISO dates, ids for foreign keys,
personal data masked in free text, and back."""
from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import models

from paragraf.records.privacy import mask_personal_data

# Masking only ever touches text with a digit or an @ in it.
MAY_HOLD_PERSONAL_DATA = re.compile(r"[\d@]")


def mask_text(text: str) -> str:
    """Personal data masked line by line (line numbers into source text stay right), until
    nothing more changes, so that masking the dump's own text again gives the same text."""
    if not MAY_HOLD_PERSONAL_DATA.search(text):
        return text
    return "\n".join(_mask_line(line) for line in text.split("\n"))


def _mask_line(line: str) -> str:
    # Every change removes digits or an @, so this ends.
    while MAY_HOLD_PERSONAL_DATA.search(line):
        masked = mask_personal_data(line)
        if masked == line:
            break
        line = masked
    return line


def public_value(value, masked: bool):
    """A value as the dump holds it: JSON types only, dict keys sorted, free text masked."""
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, str):
        return mask_text(value) if masked else value
    if isinstance(value, dict):
        return {key: public_value(value[key], masked) for key in sorted(value)}
    if isinstance(value, (list, tuple)):
        return [public_value(item, masked) for item in value]
    return value


def stored_value(field: models.Field, value):
    """A dump value for the database; ValueError says what is wrong with it."""
    if value is None:
        if not field.null:
            raise ValueError(f"{field.name}: must not be null")
        return None
    if isinstance(field, models.JSONField):
        return value
    if isinstance(field, (models.CharField, models.TextField)) and not isinstance(value, str):
        raise ValueError(f"{field.name}: must be a string, not {value!r}")
    if isinstance(field, (models.IntegerField, models.ForeignKey)) and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueError(f"{field.name}: must be a whole number, not {value!r}")
    try:
        return field.to_python(value)
    except ValidationError as exc:
        raise ValueError(f"{field.name}: {' '.join(exc.messages)} ({value!r})") from None

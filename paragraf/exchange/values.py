"""One field value between the database and the dump: ISO dates, ids for foreign keys,
personal data masked in free text, and back."""
from __future__ import annotations

import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import models

from paragraf.records.privacy import mask_personal_data_by_line

# Masking only ever touches text with a digit or an @ in it.
MAY_HOLD_PERSONAL_DATA = re.compile(r"[\d@]")


def mask_text(text: str) -> str:
    """Personal data masked line by line (line numbers into source text stay right), until
    nothing more changes, so that masking the dump's own text again gives the same text."""
    # Every change removes digits or an @, so this ends.
    while MAY_HOLD_PERSONAL_DATA.search(text):
        masked = mask_personal_data_by_line(text)
        if masked == text:
            break
        text = masked
    return text


def public_converter(field: models.Field, masked: bool) -> Callable:
    """How a field's value goes into the dump: JSON types only, free text masked."""
    if isinstance(field, (models.DateField, models.TimeField)):  # DateTimeField is a DateField
        return _isoformat
    if isinstance(field, models.JSONField):
        return _public_json
    if masked:
        return _masked
    return _same


def _isoformat(value):
    return None if value is None else value.isoformat()


def _masked(value):
    return None if value is None else mask_text(value)


def _same(value):
    return value


def _public_json(value):
    """JSON with dict keys sorted and every string masked."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {key: _public_json(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_public_json(item) for item in value]
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

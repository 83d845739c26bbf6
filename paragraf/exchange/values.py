"""One field value between the database and the dump: ISO dates, ids for foreign keys,
personal data masked in free text, and back."""
from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import models

from paragraf.privacy.layer import mask_data
from paragraf.privacy.masking import Masker


def public_converter(field: models.Field, masker: Masker | None) -> Callable:
    """How a field's value goes into the dump: JSON types only, free text masked (`masker`
    None: the field is no free text)."""
    if isinstance(field, (models.DateField, models.TimeField)):  # DateTimeField is a DateField
        return _isoformat
    if isinstance(field, models.JSONField):
        return lambda value: _sorted(mask_data(value, masker))
    if masker is not None:
        return lambda value: None if value is None else masker.mask(value)
    return _same


def _isoformat(value):
    return None if value is None else value.isoformat()


def _same(value):
    return value


def _sorted(value):
    """JSON with dict keys sorted."""
    if isinstance(value, dict):
        return {key: _sorted(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted(item) for item in value]
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

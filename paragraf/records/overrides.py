"""Staff corrections that survive re-import.

A correction made in the admin is stored as an `Override` (record, field, value,
who, when, and what the importer read). The importer writes what it reads and
then applies the overrides of each record it touches, so the corrected value
stays while `imported_value` shows what the parser says now.
"""
from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import models

from paragraf.records.changes import touch_parents
from paragraf.records.models import Override


def to_json(field: models.Field, value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (dt.date, dt.time, dt.datetime)):
        return value.isoformat()
    return value


def from_json(field: models.Field, value):
    if isinstance(field, models.ForeignKey):
        return value
    if isinstance(field, models.JSONField):
        return value
    return field.to_python(value)


def record_override(obj: models.Model, field_name: str, imported_value, user: str = "") -> Override:
    """Keep the current value of one field of `obj` as a correction (called by the admin)."""
    field = obj._meta.get_field(field_name)
    value = to_json(field, getattr(obj, field.attname))
    override, _ = Override.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        field=field.attname,
        defaults={"value": value, "imported_value": to_json(field, imported_value), "corrected_by": user},
    )
    return override


class Overrides:
    """All corrections, loaded once per import, applied to every record the import writes."""

    def __init__(self) -> None:
        self.by_record: dict[tuple[int, int], dict[str, Override]] = {}
        for override in Override.objects.all():
            self.by_record.setdefault((override.content_type_id, override.object_id), {})[override.field] = override
        self.content_types: dict[type, int] = {}

    def _for(self, obj: models.Model) -> dict[str, Override]:
        if obj.pk is None or not self.by_record:
            return {}
        model = type(obj)
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(model).pk
        return self.by_record.get((self.content_types[model], obj.pk), {})

    def assign(self, obj: models.Model, values: dict) -> models.Model:
        """Set the imported values, then the corrections; save only when something changed."""
        changed = obj.pk is None
        for name, value in values.items():
            field = obj._meta.get_field(name)
            attname = field.attname
            new = value.pk if isinstance(value, models.Model) else value
            if getattr(obj, attname) != new:
                setattr(obj, attname, new)
                changed = True
        if self._apply(obj):
            changed = True
        if changed:
            obj.save()
        return obj

    def save(self, obj: models.Model, before: dict) -> None:
        """Apply corrections to an object the importer changed field by field, and save it when its
        values differ from `before` (`snapshot(obj)` taken before the changes): an unchanged record
        keeps its `modified`."""
        self._apply(obj)
        if snapshot(obj) != before:
            obj.save()

    def _apply(self, obj: models.Model) -> bool:
        changed = False
        for attname, override in self._for(obj).items():
            field = next(f for f in obj._meta.concrete_fields if f.attname == attname)
            imported = to_json(field, getattr(obj, attname))
            corrected = from_json(field, override.value)
            if override.imported_value != imported and imported != override.value:
                override.imported_value = imported
                override.save(update_fields=["imported_value"])
            if getattr(obj, attname) != corrected:
                setattr(obj, attname, corrected)
                changed = True
        return changed

    def sync(self, model: type[models.Model], queryset, rows: list[dict], fresh: bool = False) -> list[models.Model]:
        """Make the rows of `queryset` (ordered by position) equal `rows`, updating in place so ids stay.

        `fresh`: the parent was created by this import, so it has no rows yet (saves a query).
        """
        existing = [] if fresh else list(queryset.order_by("position"))
        stored = [self.assign(obj, {**values, "position": n}) for n, (obj, values) in enumerate(zip(existing, rows))]
        new = [model(**values, position=n) for n, values in enumerate(rows) if n >= len(existing)]
        if new:
            stored.extend(model.objects.bulk_create(new))
            touch_parents(new)  # bulk_create sends no post_save
        surplus = [obj.pk for obj in existing[len(rows):]]
        if surplus:
            model.objects.filter(pk__in=surplus).delete()
        return stored


def snapshot(obj: models.Model) -> dict:
    """The stored values of a record, but its `modified`: to tell whether changing it changed anything."""
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.attname != "modified"}

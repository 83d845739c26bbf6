"""What OParl clients need to keep their copies equal to ours: a tombstone for every public record
removed, and the `modified` of the records that embed or list another one moved forward when that
one changes or goes (a meeting when one of its § does, a case when its documents do, a person when
their memberships do).

Both are written in the transaction of the change: a receiver of Django's save and delete signals
for the records' own saves and deletes (re-import, admin, restore), and `touch_parents` for rows
written in bulk (`bulk_create` sends no signal). A record whose content did not change is not saved
(`overrides.Overrides.assign`), so neither it nor its parents move.
"""
from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from django.utils import timezone

from paragraf.records.models import (
    AgendaItem, Attendance, Body, Case, Document, Meeting, Membership, Organization, Paragraph, Person, SourceFile,
    Tombstone, Vote,
)

KINDS = {
    Organization: Tombstone.Kind.ORGANIZATION, Body: Tombstone.Kind.BODY, Person: Tombstone.Kind.PERSON,
    Membership: Tombstone.Kind.MEMBERSHIP, Meeting: Tombstone.Kind.MEETING, Paragraph: Tombstone.Kind.PARAGRAPH,
    AgendaItem: Tombstone.Kind.AGENDA_ITEM, Case: Tombstone.Kind.CASE, Document: Tombstone.Kind.DOCUMENT,
    SourceFile: Tombstone.Kind.SOURCE_FILE,
}
CHILDREN = (Paragraph, AgendaItem, Attendance, Vote, Document, Membership)


def touch_parents(rows: Iterable) -> None:
    """Move `modified` of the records that embed or list these rows to now."""
    meetings, cases, people, bodies, sources = set(), set(), set(), set(), set()
    paragraphs = set()
    for row in rows:
        if isinstance(row, (Paragraph, AgendaItem, Attendance)):
            meetings.add(row.meeting_id)
        if isinstance(row, (Paragraph, AgendaItem, Document)) and row.case_id:
            cases.add(row.case_id)
        if isinstance(row, Vote):
            paragraphs.add(row.paragraph_id)
        if isinstance(row, Document) and row.source_file_id:
            sources.add(row.source_file_id)
        if isinstance(row, Membership):
            people.add(row.person_id)
            bodies.add(row.body_id)
    if paragraphs:
        meetings |= set(Paragraph.objects.filter(pk__in=paragraphs).values_list("meeting_id", flat=True))
    now = timezone.now()
    if sources:
        Meeting.all_objects.filter(Q(notice_source__in=sources) | Q(minutes_source__in=sources)).update(modified=now)
    for model, ids in ((Meeting, meetings), (Case, cases), (Person, people), (Body, bodies)):
        ids.discard(None)
        if ids:
            manager = Meeting.all_objects if model is Meeting else model.objects
            manager.filter(pk__in=ids).update(modified=now)


def forget_tombstones(model, ids: Iterable[int]) -> None:
    """Records stored again under their old ids (a restore) are no longer removed."""
    if model in KINDS:
        Tombstone.objects.filter(kind=KINDS[model], object_id__in=list(ids)).delete()


@receiver(post_save)
def _saved(sender, instance, created, raw=False, **kwargs) -> None:
    if raw or sender not in CHILDREN:
        return
    touch_parents([instance])


@receiver(pre_delete)
def _deleted(sender, instance, **kwargs) -> None:
    if sender in KINDS and instance.pk is not None:
        Tombstone.objects.update_or_create(
            kind=KINDS[sender], object_id=instance.pk,
            defaults=dict(organization_id=_organization_of(instance), had_case=bool(getattr(instance, "case_id", None)),
                          created=_created(instance), deleted=timezone.now()),
        )
    if sender in CHILDREN:
        touch_parents([instance])


def _created(instance):
    return getattr(instance, "created", None) or getattr(instance, "imported_at", None) or timezone.now()


def _organization_of(instance) -> int | None:
    if isinstance(instance, Organization):
        return instance.pk
    if isinstance(instance, (Body, Case, Document)):
        return instance.organization_id
    if isinstance(instance, Membership):
        return Body.objects.filter(pk=instance.body_id).values_list("organization_id", flat=True).first()
    if isinstance(instance, Meeting):
        return Body.objects.filter(pk=instance.body_id).values_list("organization_id", flat=True).first()
    if isinstance(instance, (Paragraph, AgendaItem)):
        return Meeting.all_objects.filter(pk=instance.meeting_id).values_list("body__organization_id", flat=True).first()
    return None  # a person or a packet belongs to no one organisation

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

import contextlib
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.utils import timezone

from paragraf.records.models import (
    AgendaItem, Attendance, Ballot, Body, Case, Dissent, Document, Election, Meeting, Membership, Organization, Paragraph,
    Party, Person, Proposal, Seat, SourceFile, Tombstone, Vote,
)

KINDS = {
    Organization: Tombstone.Kind.ORGANIZATION, Body: Tombstone.Kind.BODY, Person: Tombstone.Kind.PERSON,
    Membership: Tombstone.Kind.MEMBERSHIP, Meeting: Tombstone.Kind.MEETING, Paragraph: Tombstone.Kind.PARAGRAPH,
    AgendaItem: Tombstone.Kind.AGENDA_ITEM, Case: Tombstone.Kind.CASE, Document: Tombstone.Kind.DOCUMENT,
    SourceFile: Tombstone.Kind.SOURCE_FILE,
}
# Records whose change another one shows: its meeting, case, person (the person's counts in OParl
# `paragraf:facts` come from seats, ballots, elections, proposals and reservations) or body.
# A person's party lists its members.
CHILDREN = (Paragraph, AgendaItem, Attendance, Vote, Document, Membership, Ballot, Election, Proposal, Dissent, Person)


@dataclass
class Touched:
    """The ids of the records to move `modified` of, gathered before they are moved."""

    meetings: set = field(default_factory=set)
    cases: set = field(default_factory=set)
    people: set = field(default_factory=set)
    bodies: set = field(default_factory=set)
    parties: set = field(default_factory=set)
    sources: set = field(default_factory=set)  # packets whose Files are embedded in their meetings, § and cases
    documents_of: set = field(default_factory=set)  # packets whose documents themselves move
    paragraphs: set = field(default_factory=set)  # → their meetings
    proposals: set = field(default_factory=set)  # → their proposers
    dissents: set = field(default_factory=set)  # → the people they mean


_batch: ContextVar[Touched | None] = ContextVar("changes_batch", default=None)


@contextlib.contextmanager
def batched() -> Iterator[None]:
    """Gather every touch inside (an import: hundreds of rows) and move each record once at the end."""
    if _batch.get() is not None:
        yield
        return
    token = _batch.set(Touched())
    try:
        yield
        touched = _batch.get()
    finally:
        _batch.reset(token)
    _apply(touched)


def in_batch() -> bool:
    """Whether an import is storing its packet (other listeners wait for its end, `packet_stored`)."""
    return _batch.get() is not None


def touch_parents(rows: Iterable, now: bool = False) -> None:
    """Move `modified` of the records that embed or list these rows to now (at the end of a batch)."""
    touched = _batch.get()
    if touched is None or now:
        touched = Touched()
        _collect(rows, touched)
        _apply(touched)
    else:
        _collect(rows, touched)


def touch_people(ids: Iterable[int]) -> None:
    """People whose counts changed (their seats rebuilt, a reservation or proposal resolved anew)."""
    touched = _batch.get()
    if touched is not None:
        touched.people.update(ids)
    else:
        _apply(Touched(people=set(ids)))


def _collect(rows: Iterable, touched: Touched) -> None:
    for row in rows:
        if isinstance(row, (Paragraph, AgendaItem, Attendance)):
            touched.meetings.add(row.meeting_id)
        if isinstance(row, (Paragraph, AgendaItem, Document)) and row.case_id:
            touched.cases.add(row.case_id)
        if isinstance(row, Vote):
            touched.paragraphs.add(row.paragraph_id)
        if isinstance(row, Document) and row.source_file_id:
            touched.sources.add(row.source_file_id)
        if isinstance(row, Membership):
            touched.people.add(row.person_id)
            touched.bodies.add(row.body_id)
        if isinstance(row, (Ballot, Election, Proposal, Attendance)):
            touched.people.add(row.person_id)
        if isinstance(row, Proposal) and row.pk:
            touched.proposals.add(row.pk)
        if isinstance(row, Dissent) and row.pk:
            touched.dissents.add(row.pk)
        if isinstance(row, Person):
            touched.parties.add(row.party_id)


def _going(row, touched: Touched) -> None:
    """What a record about to be removed leaves changed, read while it is still there."""
    _collect([row], touched)
    _resolve_links(touched)
    if isinstance(row, Meeting):  # the people it counted for, the documents naming it
        touched.people.update(Seat.objects.filter(meeting=row.pk).values_list("person_id", flat=True))
        touched.documents_of.update({row.notice_source_id, row.minutes_source_id}
                                    | set(Paragraph.objects.filter(meeting=row.pk).values_list("source_file_id", flat=True)))


def _resolve_links(touched: Touched) -> None:
    """The people proposals and dissents mean, the meetings of §; read now (they may be gone later)."""
    if touched.proposals:
        touched.people.update(Proposal.proposers.through.objects.filter(proposal__in=touched.proposals)
                              .values_list("person_id", flat=True))
        touched.proposals.clear()
    if touched.dissents:
        touched.people.update(Dissent.people.through.objects.filter(dissent__in=touched.dissents)
                              .values_list("person_id", flat=True))
        touched.dissents.clear()
    if touched.paragraphs:
        touched.meetings.update(Paragraph.objects.filter(pk__in=touched.paragraphs).values_list("meeting_id", flat=True))
        touched.paragraphs.clear()


def _apply(touched: Touched) -> None:
    _resolve_links(touched)
    now = timezone.now()
    documents_of = touched.documents_of - {None}
    if documents_of:  # a File lists the meetings it belongs to
        going = Document.objects.filter(source_file__in=documents_of)
        touched.cases.update(going.exclude(case=None).values_list("case_id", flat=True))
        going.update(modified=now)
    sources = (touched.sources | documents_of) - {None}
    if sources:  # a File is embedded in its meeting, in the § it is an extract of, and in its case
        embedding = Paragraph.objects.filter(source_file__in=sources, meeting__locked=False)
        touched.meetings.update(embedding.values_list("meeting_id", flat=True))
        touched.cases.update(embedding.exclude(case=None).values_list("case_id", flat=True))
        embedding.update(modified=now)
        touched.meetings.update(Meeting.all_objects.filter(Q(notice_source__in=sources) | Q(minutes_source__in=sources))
                                .values_list("pk", flat=True))
    for model, ids in ((Meeting, touched.meetings), (Case, touched.cases), (Person, touched.people),
                       (Body, touched.bodies), (Party, touched.parties)):
        ids = ids - {None}
        if ids:
            rows = Meeting.all_objects.filter(locked=False) if model is Meeting else model.objects
            rows.filter(pk__in=ids).update(modified=now)


def _saved(sender, instance, created, raw=False, **kwargs) -> None:
    if not raw:
        touch_parents([instance])


def _people_changed(sender, instance, action, pk_set=None, reverse=False, **kwargs) -> None:
    """Who a proposal or a reservation means changed (`proposers.set`, `people.set`; from the person's
    side, `person.dissents.add(…)`: that person)."""
    if reverse and action in ("post_add", "post_remove", "post_clear"):
        touch_people([instance.pk])
    elif action in ("post_add", "post_remove"):
        touch_people(pk_set or ())
    elif action == "pre_clear":
        touch_people(instance.proposers.values_list("pk", flat=True) if isinstance(instance, Proposal)
                     else instance.people.values_list("pk", flat=True))


def _deleted(sender, instance, **kwargs) -> None:
    if sender in KINDS and instance.pk is not None:
        organization_id = _organization_of(instance)
        Tombstone.objects.update_or_create(
            kind=KINDS[sender], object_id=instance.pk, place="",
            defaults=dict(organization_id=organization_id, had_case=bool(getattr(instance, "case_id", None)),
                          created=_created(instance), deleted=timezone.now()),
        )
        if isinstance(instance, Meeting) and instance.place and not Meeting.all_objects.filter(
                body__organization=organization_id, place=instance.place).exclude(pk=instance.pk).exists():
            # the last meeting held there: the organisation's Location goes with it (`api/oparl/deleted.py`)
            Tombstone.objects.update_or_create(
                kind=Tombstone.Kind.LOCATION, object_id=instance.pk, place=instance.place,
                defaults=dict(organization_id=organization_id, created=_created(instance), deleted=timezone.now()))
    if sender in CHILDREN or sender is Meeting:
        batch = _batch.get()
        if batch is not None:
            _going(instance, batch)
        else:
            touched = Touched()
            _going(instance, touched)
            _apply(touched)


def connect() -> None:
    """Listen to the saves and deletes of the records named (each model named: a receiver for every
    model would keep Django from deleting any rows in bulk)."""
    for model in CHILDREN:
        post_save.connect(_saved, sender=model, dispatch_uid=f"changes-saved-{model.__name__}")
    for model in set(CHILDREN) | set(KINDS):
        pre_delete.connect(_deleted, sender=model, dispatch_uid=f"changes-deleted-{model.__name__}")
    m2m_changed.connect(_people_changed, sender=Proposal.proposers.through, dispatch_uid="changes-proposers")
    m2m_changed.connect(_people_changed, sender=Dissent.people.through, dispatch_uid="changes-dissent-people")


def _created(instance):
    return getattr(instance, "created", None) or getattr(instance, "imported_at", None) or timezone.now()


def _organization_of(instance) -> int | None:
    if isinstance(instance, Organization):
        return instance.pk
    if isinstance(instance, (Body, Case, Document, Person)):
        return instance.organization_id
    if isinstance(instance, Membership):
        return Body.objects.filter(pk=instance.body_id).values_list("organization_id", flat=True).first()
    if isinstance(instance, Meeting):
        return Body.objects.filter(pk=instance.body_id).values_list("organization_id", flat=True).first()
    if isinstance(instance, (Paragraph, AgendaItem)):
        return Meeting.all_objects.filter(pk=instance.meeting_id).values_list("body__organization_id", flat=True).first()
    return None  # a packet belongs to no one organisation

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


def touch_parents(rows: Iterable) -> None:
    """Move `modified` of the records that embed or list these rows to now."""
    meetings, cases, people, bodies, sources, parties, documents_of = set(), set(), set(), set(), set(), set(), set()
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
        if isinstance(row, (Ballot, Election, Proposal, Attendance)):
            people.add(row.person_id)
        if isinstance(row, Proposal) and row.pk:
            people.update(row.proposers.values_list("pk", flat=True))
        if isinstance(row, Dissent) and row.pk:
            people.update(row.people.values_list("pk", flat=True))
        if isinstance(row, Person):
            parties.add(row.party_id)
        if isinstance(row, Meeting) and row.pk:  # going: the people it counted for, the documents naming it
            people.update(Seat.objects.filter(meeting=row.pk).values_list("person_id", flat=True))
            documents_of.update({row.notice_source_id, row.minutes_source_id}
                                | set(Paragraph.objects.filter(meeting=row.pk).values_list("source_file_id", flat=True)))
    if paragraphs:
        meetings |= set(Paragraph.objects.filter(pk__in=paragraphs).values_list("meeting_id", flat=True))
    now = timezone.now()
    documents_of.discard(None)
    if documents_of:  # a File lists the meetings it belongs to
        going = Document.objects.filter(source_file__in=documents_of)
        cases |= set(going.exclude(case=None).values_list("case_id", flat=True))
        going.update(modified=now)
        sources |= documents_of
    sources.discard(None)
    if sources:  # a File is embedded in its meeting, in the § it is an extract of, and in its case
        embedding = Paragraph.objects.filter(source_file__in=sources, meeting__locked=False)
        meetings |= set(embedding.values_list("meeting_id", flat=True))
        cases |= set(embedding.exclude(case=None).values_list("case_id", flat=True))
        embedding.update(modified=now)
        meetings |= set(Meeting.all_objects.filter(Q(notice_source__in=sources) | Q(minutes_source__in=sources))
                        .values_list("pk", flat=True))
    for model, ids in ((Meeting, meetings), (Case, cases), (Person, people), (Body, bodies), (Party, parties)):
        ids.discard(None)
        if ids:
            rows = Meeting.all_objects.filter(locked=False) if model is Meeting else model.objects
            rows.filter(pk__in=ids).update(modified=now)


def touch_people(ids: Iterable[int]) -> None:
    """People whose counts changed (their seats rebuilt, a reservation or proposal resolved anew)."""
    ids = set(ids) - {None}
    if ids:
        Person.objects.filter(pk__in=ids).update(modified=timezone.now())


def _saved(sender, instance, created, raw=False, **kwargs) -> None:
    if not raw:
        touch_parents([instance])


def _people_changed(sender, instance, action, pk_set=None, **kwargs) -> None:
    """Who a proposal or a reservation means changed (`proposers.set`, `people.set`)."""
    if action in ("post_add", "post_remove"):
        touch_people(pk_set or ())
    elif action == "pre_clear":
        touch_people(instance.proposers.values_list("pk", flat=True) if isinstance(instance, Proposal)
                     else instance.people.values_list("pk", flat=True))


def _deleted(sender, instance, **kwargs) -> None:
    if sender in KINDS and instance.pk is not None:
        Tombstone.objects.update_or_create(
            kind=KINDS[sender], object_id=instance.pk,
            defaults=dict(organization_id=_organization_of(instance), had_case=bool(getattr(instance, "case_id", None)),
                          created=_created(instance), deleted=timezone.now()),
        )
    if sender in CHILDREN or sender is Meeting:
        touch_parents([instance])


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
    if isinstance(instance, (Body, Case, Document)):
        return instance.organization_id
    if isinstance(instance, Membership):
        return Body.objects.filter(pk=instance.body_id).values_list("organization_id", flat=True).first()
    if isinstance(instance, Meeting):
        return Body.objects.filter(pk=instance.body_id).values_list("organization_id", flat=True).first()
    if isinstance(instance, (Paragraph, AgendaItem)):
        return Meeting.all_objects.filter(pk=instance.meeting_id).values_list("body__organization_id", flat=True).first()
    return None  # a person or a packet belongs to no one organisation

"""What the public dump holds: the tables of the records app in dependency order, their
exported fields, and which rows belong to one organisation.

Left out: `Override` (staff corrections are not public; the dump carries the corrected
values the records hold) and `SourceFile.data` (the original bytes are shown to staff only;
the dump carries the text read from them, masked like the portal shows it), and
`PersonAlias.first_token` and `folded_name` (the name beside them indexed, derived again on restore),
and `recorded_by` of delegated decisions and information documents (a staff account).
Left out too, as from every public reader: a meeting the secretariat prepares until its notice is
published, with its agenda, the called and anything else of it, and a delegated decision or information
document recorded in the secretariat until it is reported at a published meeting (`records/registers.py`).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q, QuerySet

from paragraf.records import registers
from paragraf.records.models import (
    AgendaItem,
    Attendance,
    Ballot,
    Body,
    BodyAlias,
    Case,
    CitedStep,
    ControlPoint,
    DelegatedDecision,
    DelegationPoint,
    DelegationScheme,
    Dissent,
    Document,
    Election,
    Indicator,
    InformationDocument,
    InternalControlPlan,
    InternalControlReport,
    Invitation,
    Meeting,
    Membership,
    Organization,
    Paragraph,
    ParagraphCopy,
    Party,
    Person,
    PersonAlias,
    PlannedControl,
    Proposal,
    RecordedStatement,
    Seat,
    SourceFile,
    StatedFulfilment,
    Term,
    Tombstone,
    Vote,
)

NOT_EXPORTED = {SourceFile: {"data"}, PersonAlias: {"first_token", "folded_name"},
                DelegatedDecision: {"recorded_by"}, InformationDocument: {"recorded_by"}}  # a staff account is not public data
# Text fields that are identifiers, never free text: not masked.
NOT_MASKED = {"sha256", "kind", "abbreviation", "parser_version"}
MEETING = "meeting__body__organization"
PARAGRAPH = "paragraph__meeting__body__organization"
DissentPerson = Dissent.people.through
ProposalProposer = Proposal.proposers.through
ParagraphDisqualified = Paragraph.disqualified.through
ParagraphDocument = Paragraph.documents.through


@dataclass(frozen=True)
class Table:
    model: type[models.Model]
    # Lookup from a row to its organisation; None for rows shared between organisations
    # (people, parties, terms, source files): those go with the organisations that refer to them.
    owner: str | None

    @property
    def name(self) -> str:
        return self.model._meta.model_name

    @property
    def public(self) -> Q:
        """The rows the public may see: of a published meeting (by the owner path through the meeting);
        of a register, those `records.registers.PUBLIC` admits; all others."""
        if self.model is Meeting:
            return Q(published=True)
        if self.model in (DelegatedDecision, InformationDocument):
            return registers.PUBLIC
        if self.owner and self.owner.endswith(MEETING):
            return Q(**{self.owner.removesuffix("body__organization") + "published": True})
        return Q()

    @property
    def fields(self) -> list[models.Field]:
        """Exported fields in model order, primary key first."""
        skip = NOT_EXPORTED.get(self.model, set())
        return [f for f in self.model._meta.concrete_fields if f.name not in skip]

    def masked(self, field: models.Field) -> bool:
        """Free text that may hold personal data: masked in the public dump."""
        if isinstance(field, models.JSONField):
            return True
        return (
            isinstance(field, (models.CharField, models.TextField))
            and not isinstance(field, models.SlugField)
            and not field.choices
            and field.name not in NOT_MASKED
        )


TABLES = [
    Table(SourceFile, None),
    Table(Organization, "pk"),
    Table(Term, None),
    Table(Party, None),
    Table(Person, None),
    Table(PersonAlias, None),
    Table(Body, "organization"),
    Table(BodyAlias, "body__organization"),
    Table(Membership, "body__organization"),
    Table(Case, "organization"),
    Table(Meeting, "body__organization"),
    Table(AgendaItem, MEETING),
    Table(Invitation, MEETING),
    Table(Attendance, MEETING),
    Table(Seat, MEETING),
    Table(Paragraph, MEETING),
    Table(ParagraphDisqualified, "paragraph__" + MEETING),
    Table(ParagraphCopy, PARAGRAPH),
    Table(Proposal, PARAGRAPH),
    Table(ProposalProposer, "proposal__" + PARAGRAPH),
    Table(Vote, PARAGRAPH),
    Table(Ballot, "vote__" + PARAGRAPH),
    Table(Election, PARAGRAPH),
    Table(Dissent, PARAGRAPH),
    Table(DissentPerson, "dissent__" + PARAGRAPH),
    Table(RecordedStatement, PARAGRAPH),
    Table(Document, "organization"),
    Table(ParagraphDocument, "document__organization"),
    Table(CitedStep, PARAGRAPH),
    Table(Indicator, "organization"),
    Table(StatedFulfilment, "organization"),
    Table(InternalControlPlan, "organization"),
    Table(PlannedControl, "plan__organization"),
    Table(InternalControlReport, "organization"),
    Table(ControlPoint, "report__organization"),
    Table(DelegationScheme, "body__organization"),
    Table(DelegationPoint, "scheme__body__organization"),
    Table(DelegatedDecision, "organization"),
    Table(InformationDocument, "organization"),
    Table(Tombstone, "organization_id"),  # records removed: kind, id, when (a packet's, of no organisation, in the whole dump only)
]
TABLES_BY_NAME = {table.name: table for table in TABLES}
# Shared tables in the order their scope is worked out: a party is also in scope through a person.
SHARED_ORDER = [Person, Party, Term, SourceFile]


def scoped_querysets(organization: Organization | None, since=None) -> dict[str, QuerySet]:
    """Each table's rows in the dump: all of them, or one organisation's rows and the
    people, parties, terms and source files they refer to; with `since` (an aware datetime) only
    the rows changed since then (`changed_since`)."""
    scoped = _scoped(organization)
    if since is not None:
        scoped = {name: changed_since(queryset, since) for name, queryset in scoped.items()}
    return scoped


def changed_since(rows: QuerySet, since) -> QuerySet:
    """Rows stored or changed since `since`: by their own time, else by the time of the record they
    belong to (a ballot by its vote, an alias by its person); removed records by when they went."""
    model = rows.model
    names = {f.name for f in model._meta.concrete_fields}
    for stamp in ("deleted", "modified", "updated_at"):
        if stamp in names:
            return rows.filter(**{f"{stamp}__gte": since})
    for field in model._meta.concrete_fields:
        if field.is_relation and "modified" in {f.name for f in field.related_model._meta.concrete_fields}:
            return rows.filter(**{f"{field.name}__modified__gte": since})
    return rows


def _scoped(organization: Organization | None) -> dict[str, QuerySet]:
    if organization is None:
        return {table.name: table.model._base_manager.filter(table.public) for table in TABLES}
    scopes: dict[type[models.Model], QuerySet] = {}
    for table in TABLES:
        if table.owner is not None:
            scopes[table.model] = table.model._base_manager.filter(table.public, **{table.owner: organization.pk})
    for model in SHARED_ORDER:
        scopes[model] = model._base_manager.filter(_referenced_from(model, scopes))
    scopes[PersonAlias] = PersonAlias._base_manager.filter(person__in=scopes[Person].values("pk"))
    return {table.name: scopes[table.model] for table in TABLES}


def _referenced_from(target: type[models.Model], scopes: dict[type[models.Model], QuerySet]) -> Q:
    """Rows of `target` that a foreign key of a row already in scope points to."""
    conditions = [
        Q(pk__in=queryset.values(field.name))
        for model, queryset in scopes.items()
        if model is not target
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is target
    ]
    return reduce(or_, conditions) if conditions else Q(pk__in=[])

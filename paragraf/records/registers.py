"""The registers reported to a meeting (`Anmälan av delegationsbeslut`, `… informationshandlingar`), as
the pages show them: each register's delegated decisions and information documents, grouped by the
register's case, which is also the case of the agenda item and the § that report it."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from paragraf.records.models import Case, DelegatedDecision, InformationDocument, Meeting, Paragraph


# A register row the public may see: one read from a packet, or one recorded in the secretariat once it is
# reported at a meeting whose notice is published (the case page, the export).
PUBLIC = Q(source_file__isnull=False) | Q(reported_at__published=True)


@dataclass
class ReportedRegister:
    case: Case | None  # the register's own case: the item or § that reports it has it too
    decisions: list[DelegatedDecision] = field(default_factory=list)
    documents: list[InformationDocument] = field(default_factory=list)


def reported_at(meeting: Meeting) -> list[ReportedRegister]:
    """Every register reported at the meeting, in the order read."""
    registers: dict[int | None, ReportedRegister] = {}
    for decision in DelegatedDecision.objects.filter(reported_at=meeting).select_related("case__organization", "register_case"):
        registers.setdefault(decision.register_case_id, ReportedRegister(decision.register_case)).decisions.append(decision)
    for document in InformationDocument.objects.filter(reported_at=meeting).select_related("case__organization", "register_case"):
        registers.setdefault(document.register_case_id, ReportedRegister(document.register_case)).documents.append(document)
    return list(registers.values())


def reported_under(paragraph: Paragraph) -> ReportedRegister | None:
    """The register a § reports: the one of its case reported at its meeting."""
    if paragraph.case_id is None:
        return None
    return next((r for r in reported_at(paragraph.meeting) if r.case is not None and r.case.pk == paragraph.case_id), None)

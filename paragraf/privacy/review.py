"""A packet's personal data, as staff review it before the packet is published: the report of
what is masked, line by line; holding a packet for review; publishing it."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from paragraf.ingest.errors import InputError
from paragraf.ingest.identity import MeetingHints
from paragraf.ingest.packet import parse_source_with_text
from paragraf.ingest.source import read_bytes
from paragraf.privacy.masking import LABELS, Masker
from paragraf.privacy.models import PacketReview
from paragraf.records.importer import ImportResult, import_bytes, other_organization
from paragraf.records.models import SourceFile

CONTEXT = 40  # characters shown either side of a finding


@dataclass(frozen=True)
class ReportRow:
    line: int  # 1-based line of the packet where the value starts
    kind: str
    label: str  # the mask the public sees
    value: str  # as written (shown to staff only)
    key: str  # what a rule compares
    before: str
    after: str


def report(text: str, masker: Masker) -> list[ReportRow]:
    """Every value the public sees masked, with its line and a little text around it."""
    rows = []
    line, at = 1, 0
    for finding in masker.findings(text):
        line += text.count("\n", at, finding.start)
        at = finding.start
        rows.append(ReportRow(
            line=line, kind=finding.kind, label=LABELS[finding.kind], value=finding.value, key=finding.key,
            before=text[max(0, finding.start - CONTEXT):finding.start].rsplit("\n", 1)[-1],
            after=text[finding.end:finding.end + CONTEXT].split("\n", 1)[0],
        ))
    return rows


def held_text(review: PacketReview) -> str:
    return "\n".join(read_bytes(bytes(review.data), review.name).lines)


def hold(path: Path, hints: MeetingHints | None = None, user=None) -> ImportResult:
    """Keep a packet for review instead of storing its records: read and parsed now (a broken
    packet is refused at once), published only by staff."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ImportResult(str(path), "failed", f"cannot read file ({exc.strerror})")
    return hold_bytes(data, str(path), hints, user)


def hold_bytes(data: bytes, name: str, hints: MeetingHints | None = None, user=None,
               organization: str | None = None) -> ImportResult:
    """As `hold`, for a packet's bytes (an upload); `organization`: the packet must be of it (as `import_bytes`)."""
    try:
        sha256 = hashlib.sha256(data).hexdigest()
        if SourceFile.objects.filter(sha256=sha256).exists():
            return ImportResult(name, "unchanged", "already imported")
        source = read_bytes(data, Path(name).name)
        packet, _ = parse_source_with_text(source, hints)
    except InputError as exc:
        return ImportResult(name, "failed", str(exc), line=exc.line)
    problem = other_organization(packet.get("organization"), organization)
    if problem:
        return ImportResult(name, "failed", f"{source.name}: {problem}")
    held, created = PacketReview.objects.get_or_create(sha256=sha256, defaults={
        "name": Path(name).name, "data": data, "hints": _hints_dict(hints), "submitted_by": user})
    status = "held" if created else "unchanged"
    return ImportResult(name, status, f"held for review of its personal data (packet {held.pk})")


def publish(review: PacketReview, user=None) -> ImportResult:
    """Store the records of a reviewed packet: from now on it is public (masked)."""
    hints = MeetingHints(**review.hints) if review.hints else None
    with transaction.atomic():
        result = import_bytes(bytes(review.data), review.name, hints=hints)
        if result.ok:
            review.published = timezone.now()
            review.published_by = user
        review.result = result.message or result.status
        review.save()
    return result


def _hints_dict(hints: MeetingHints | None) -> dict:
    if hints is None:
        return {}
    return {k: v for k, v in {"organization": hints.organization, "body": hints.body, "date": hints.date}.items() if v}

"""Justering: the minutes PDF signed by the chair and the adjusters, one after another (PAdES, each an
incremental update), then the meeting justerad: the signed PDF read into the records by the importer
(every § traceable to its line of the signed minutes), the meeting locked (records/locks.py) and the
minutes posted on the notice board with the dates the law gives (dates.py)."""
from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from paragraf.ingest.identity import MeetingHints
from paragraf.records.importer import import_bytes
from paragraf.records.models import Meeting
from paragraf.review.dates import justering_deadline, posting_dates
from paragraf.secretariat.models import Correction, Justering, Posting
from paragraf.secretariat.signing.interface import Signer
from paragraf.secretariat.typeset.correction import Correction as CorrectionText
from paragraf.secretariat.typeset.correction import correction_pdf

CHAIR, ADJUSTER = "Ordförande", "Justerare"


class JusteringError(ValueError):
    """A signature refused (not a signer, signed already, the deadline …), the reason in Swedish."""


def configured_signer() -> Signer:
    """The signer of the settings (PARAGRAF_SIGNING): `local:DIR` (a development CA, made on first use)
    or `pkcs12:FILE` (an organisation certificate, its passphrase in PARAGRAF_SIGNING_PASSPHRASE)."""
    from paragraf.secretariat.signing.local_ca import LocalCA, init_ca
    from paragraf.secretariat.signing.pkcs12 import Pkcs12Signer

    kind, _colon, where = settings.PARAGRAF_SIGNING.partition(":")
    if kind == "pkcs12":
        return Pkcs12Signer(where, settings.PARAGRAF_SIGNING_PASSPHRASE)
    if kind == "local":
        if not (Path(where) / "ca.pem").exists():
            init_ca(where)
        return LocalCA(where)
    raise JusteringError(f"PARAGRAF_SIGNING={settings.PARAGRAF_SIGNING!r}: expected local:DIR or pkcs12:FILE")


def start(meeting: Meeting, pdf: bytes, chair: str, adjusters: list[str], boxes: dict[str, list] | None = None,
          accepted: list[dict] | None = None) -> Justering:
    """The minutes PDF made ready for signing by the chair and the adjusters (named at the meeting);
    `boxes`: where each name's visible signature goes ([page, x1, y1, x2, y2], from the typesetting)."""
    if Justering.objects.filter(meeting=meeting, completed__isnull=False).exists():
        raise JusteringError("Protokollet är redan justerat.")
    boxes = boxes or {}
    signers = [{"role": CHAIR, "name": chair, "signed": None, "box": boxes.get(chair)}] + [
        {"role": ADJUSTER, "name": name, "signed": None, "box": boxes.get(name)} for name in adjusters]
    justering, _created = Justering.objects.update_or_create(
        meeting=meeting, defaults={"signers": signers, "signed_pdf": pdf, "deadline": justering_deadline(meeting.date),
                                   "accepted": accepted or []})
    return justering


def waiting(justering: Justering) -> list[str]:
    return [entry["name"] for entry in justering.signers if not entry["signed"]]


def sign(justering: Justering, name: str, signer: Signer) -> Justering:
    """`name` signs the minutes (the next incremental signature); the last signature justerar them."""
    meeting = justering.meeting
    reason = f"Justering av protokoll, {meeting.body.name} {meeting.date.isoformat()}"
    return _sign_in_turn(Justering, justering.pk, name, signer, reason, complete, "Protokollet")


def correct(meeting: Meeting, number: int, text: str, reason: str, user) -> Correction:
    """A rättelse of § `number` of the justerade minutes, ready for those who justerade them to sign."""
    justering = Justering.objects.filter(meeting=meeting, completed__isnull=False).defer("signed_pdf").first()
    if justering is None:
        raise JusteringError("Bara ett justerat protokoll rättas; före justeringen ändras protokollet direkt.")
    if not text.strip() or not reason.strip():
        raise JusteringError("Skriv både rättelsen och skälet till den.")
    made = timezone.localdate()
    pdf = correction_pdf(CorrectionText(meeting.body.organization.name, meeting.body.name, meeting.date, number, text.strip(),
                                        reason.strip(), made))
    signers = [{"role": e["role"], "name": e["name"], "signed": None} for e in justering.signers]
    return Correction.objects.create(meeting=meeting, number=number, text=text.strip(), reason=reason.strip(), created_by=user,
                                     signers=signers, signed_pdf=pdf)


def sign_correction(correction: Correction, name: str, signer: Signer) -> Correction:
    meeting = correction.meeting
    reason = f"Rättelse av protokoll, {meeting.body.name} {meeting.date.isoformat()} § {correction.number}"
    return _sign_in_turn(Correction, correction.pk, name, signer, reason, _completed, "Rättelsen")


def _completed(record) -> None:
    record.completed = timezone.now()
    record.save(update_fields=["completed"])


def _sign_in_turn(model, pk: int, name: str, signer: Signer, reason: str, on_complete, what: str):
    """One more signature on the record's PDF, by `name` (one of its signers, once); `on_complete`
    when all have signed."""
    with transaction.atomic():
        record = model.objects.select_for_update().get(pk=pk)
        if record.completed:
            raise JusteringError(f"{what} är redan justerat.")
        entry = next((e for e in record.signers if e["name"] == name), None)
        if entry is None:
            raise JusteringError(f"{name} ska inte justera {what.lower()}.")
        if entry["signed"]:
            raise JusteringError(f"{name} har redan justerat {what.lower()}.")
        index = record.signers.index(entry)
        field = CHAIR if index == 0 else f"{ADJUSTER} {index}"
        record.signed_pdf = signer.sign(bytes(record.signed_pdf), signer_name=name, field=field, reason=reason,
                                        location=record.meeting.place, box=tuple(entry["box"]) if entry.get("box") else None)
        entry["signed"] = timezone.now().isoformat(timespec="seconds")
        record.save()
        if all(e["signed"] for e in record.signers):
            on_complete(record)
    return record


def complete(justering: Justering, today: datetime.date | None = None) -> Posting:
    """All have signed: the signed minutes read into the records, the meeting locked and posted."""
    meeting = justering.meeting
    hints = MeetingHints(organization=meeting.body.organization.name, body=meeting.body.name, date=meeting.date.isoformat())
    result = import_bytes(bytes(justering.signed_pdf), f"protokoll-{meeting.body.slug}-{meeting.date.isoformat()}-justerat.pdf",
                          hints=hints)
    if not result.ok:
        raise JusteringError(f"Det justerade protokollet kunde inte läsas in: {result.message}")
    dates = posting_dates(today or timezone.localdate())
    Meeting.all_objects.filter(pk=meeting.pk).update(locked=True, justered_on=timezone.localdate(), posted_on=dates.posted)
    justering.completed = timezone.now()
    justering.save(update_fields=["completed"])
    posting, _created = Posting.objects.update_or_create(
        meeting=meeting, defaults={"posted": dates.posted, "appeal_last_day": dates.appeal_last_day, "taken_down": dates.taken_down})
    return posting

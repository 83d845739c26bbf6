"""`validate`: the status of every signature of a PDF, by pyHanko's validator (`pyhanko.sign.validation`).

For each signature: is the signed part unchanged (intact), is the CMS signature correct (valid),
does its certificate lead to one of the given roots (trusted: no network, no revocation check —
the development CA publishes no revocation lists; a soft failure is no failure), how much of the file
it covers, and what changed after it (a later signature is a form-filling change: allowed).
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation import EmbeddedPdfSignature, validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .certificates import common_name, load_certificates

#: A signing certificate needs one of these key usages (an organisation's certificate often has
#: only digital signature; pyHanko's default asks for non-repudiation).
KEY_USAGE = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)

COVERAGE = {
    SignatureCoverageLevel.ENTIRE_FILE: "document",
    SignatureCoverageLevel.ENTIRE_REVISION: "revision",
}
CHANGES = {
    ModificationLevel.NONE: "none",
    ModificationLevel.LTA_UPDATES: "validation data",
    ModificationLevel.FORM_FILLING: "signatures and form fields",
    ModificationLevel.ANNOTATIONS: "annotations",
    ModificationLevel.OTHER: "other changes",
}


@dataclass(frozen=True)
class SignatureStatus:
    """One signature of a PDF, as the validator found it."""

    field: str  # the signature field's name
    signer: str  # the certificate subject's common name
    name: str  # the name in the signature dictionary (the person an organisation certificate signed for)
    reason: str
    signing_time: datetime | None  # as the signer reported it (/M), not a trusted timestamp
    intact: bool  # the bytes it signed are unchanged
    valid: bool  # intact and the signature is mathematically correct
    trusted: bool  # the certificate chains up to a given trust root (not checked, False, when not intact)
    coverage: str  # "document" (the whole file), "revision" (its revision; later updates follow), "part"
    revision: int  # the file's revision it signed (0: the original, before any signature; -1: unknown)
    later_changes: str  # what the updates after it do: "none", "signatures and form fields", … "other changes"
    ok: bool  # valid, trusted and the later changes allowed (pyHanko's bottom line)
    error: str = ""  # why the signature could not be validated at all

    @property
    def covers_document(self) -> bool:
        """Whether the signature covers the whole file (it is the last update)."""
        return self.coverage == "document"

    @property
    def summary(self) -> str:
        """One line: who, the verdict, when, what it covers."""
        if self.signer and self.name != self.signer:
            who = f"{self.name} (certificate: {self.signer})"
        else:
            who = self.name or self.signer or "unknown signer"
        if self.error:
            return f"{self.field}: {who}: cannot be validated: {self.error}"
        if not self.intact:
            verdict = "NOT intact (the signed content was changed after signing)"
        else:
            verdict = ", ".join(["intact", "valid" if self.valid else "NOT valid (the signature does not verify)",
                                 "trusted" if self.trusted else "NOT trusted (no path to a trusted root)"])
        when = f"signed {self.signing_time.isoformat(timespec='minutes')}" if self.signing_time else "no signing time"
        covers = {"document": "covers the whole document",
                  "revision": f"covers revision {self.revision}, later: {self.later_changes}"}.get(self.coverage, "covers part of the file only")
        return f"{self.field}: {who}: {verdict}; {when}; {covers}{'' if self.ok else '; NOT OK'}"


def validate(pdf: bytes, trust_roots: Sequence[bytes]) -> list[SignatureStatus]:
    """The status of every signature in `pdf` in the order they were made, trusting the certificates
    in `trust_roots` (each PEM, possibly several in one, or DER). A signature that cannot be read or
    validated at all has its `error` (and revision -1, first in the list); a PDF without signatures
    gives []; bytes that are no PDF raise `ValueError`. Document timestamps are not listed."""
    roots = [certificate for data in trust_roots for certificate in load_certificates(data)]
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        fields = list(enumerate_sig_fields(reader, filled_status=True))
    except (PdfError, ValueError) as exc:
        raise ValueError(f"not a readable PDF: {exc}") from exc
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    statuses = [_status(reader, str(name), field, value.get_object(), context) for name, value, field in fields
                if value.get_object().get("/Type", "/Sig") == "/Sig"]
    return sorted(statuses, key=lambda s: s.revision)


def _status(reader: PdfFileReader, field_name: str, field, dictionary, context: ValidationContext) -> SignatureStatus:
    name, reason = str(dictionary.get("/Name", "")), str(dictionary.get("/Reason", ""))
    try:
        signature = EmbeddedPdfSignature(reader, field, field_name)
        status: PdfSignatureStatus = validate_pdf_signature(signature, context, key_usage_settings=KEY_USAGE)
    except (SignatureValidationError, PdfError, ValueError, KeyError) as exc:
        return SignatureStatus(
            field=field_name, signer="", name=name, reason=reason, signing_time=None, intact=False, valid=False,
            trusted=False, coverage="part", revision=-1, later_changes="", ok=False, error=str(exc) or type(exc).__name__)
    signer = common_name(status.signing_cert)
    return SignatureStatus(
        field=field_name, signer=signer, name=name or signer, reason=reason, signing_time=status.signer_reported_dt,
        intact=status.intact, valid=status.intact and status.valid, trusted=status.trusted,
        coverage=COVERAGE.get(status.coverage, "part"), revision=signature.signed_revision,
        later_changes=CHANGES.get(status.modification_level, "unknown"), ok=status.bottom_line)

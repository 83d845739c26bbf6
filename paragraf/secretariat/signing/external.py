"""`ExternalService`: signatures made by a remote signing service, in two steps.

1. `prepare`: the PDF with a signature field and a reserved hole for the signature is written, the
   digest of its signed byte ranges is put into the CMS signed attributes (PAdES: content type,
   message digest, the signer's certificate), and the SHA-256 of those attributes is what the
   service signs (`PendingSignature.digest`);
2. the service signs that digest with the person's key (an e-ID signing service after the person
   authenticated, or any remote signing API) and returns the raw signature and the certificate chain;
3. `finish`: the signature and chain are checked against the announced certificate and embedded
   as a CMS object in the hole (pyHanko's `ExternalSigner` and `PdfTBSDocument.async_finish_signing`).

`PendingSignature` is plain bytes and numbers, so a web flow can keep it (session, database) while
the person signs and call `finish` when the service answers; `sign` does the three steps in one call
with the `sign_digest` callable. The service must say up front which certificate it will sign with
(`certificate_for`): PAdES puts the certificate's hash into the signed attributes (docs/signing.md).
"""
from __future__ import annotations

import asyncio
import hashlib
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from cryptography.x509 import load_der_x509_certificate
from pyhanko.sign import signers
from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest
from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
from pyhanko_certvalidator.registry import SimpleCertificateStore

from .certificates import load_certificates
from .interface import Box, SignatureRequest, SigningError
from .placement import DIGEST, incremental_writer, pdf_signer, pyhanko_errors

#: sign_digest(digest, signer_name) -> (raw signature, certificate chain: the signer's first, PEM or DER each)
SignDigest = Callable[[bytes, str], tuple[bytes, Sequence[bytes]]]
#: certificate_for(signer_name) -> the certificate (PEM or DER) the service will sign that person's digest with
CertificateFor = Callable[[str], bytes]

#: DER bytes reserved for the CMS object by default: the signature and a chain of a few certificates.
RESERVE = 16 * 1024


@dataclass(frozen=True)
class PendingSignature:
    """A PDF prepared for a signature not yet made: what the service signs and what `finish` needs."""

    pdf: bytes  # the PDF with the signature field and the reserved hole
    signer_name: str
    certificate: bytes  # DER, the certificate the signed attributes name
    signed_attributes: bytes  # DER of the CMS signed attributes (some services sign these whole)
    document_digest: bytes  # SHA-256 of the PDF's signed byte ranges
    hole: tuple[int, int]  # start and end of the reserved region in `pdf`

    @property
    def digest(self) -> bytes:
        """The SHA-256 of the signed attributes: what the service signs with the person's key."""
        return hashlib.sha256(self.signed_attributes).digest()


class ExternalService:
    """A `Signer` whose signatures a remote service makes (see the module's docstring)."""

    def __init__(self, sign_digest: SignDigest, certificate_for: CertificateFor, *, reserve: int = RESERVE):
        self.sign_digest = sign_digest
        self.certificate_for = certificate_for
        self.reserve = reserve

    def sign(self, pdf: bytes, *, signer_name: str, field: str, reason: str, location: str = "",
             box: Box | None = None) -> bytes:
        """`Signer.sign`: prepare, ask the service (`sign_digest`), finish."""
        pending = self.prepare(pdf, signer_name=signer_name, field=field, reason=reason, location=location, box=box)
        signature, chain = self.sign_digest(pending.digest, pending.signer_name)
        return finish(pending, signature, chain)

    def prepare(self, pdf: bytes, *, signer_name: str, field: str, reason: str, location: str = "",
                box: Box | None = None) -> PendingSignature:
        """Step 1: the PDF with a hole for the signature, and the digest the service is to sign."""
        request = SignatureRequest(signer_name, field, reason, location, box)
        announced = load_certificates(self.certificate_for(request.signer_name))
        if not announced:
            raise SigningError(f"the service announced no certificate for {request.signer_name!r}")
        with pyhanko_errors():
            return asyncio.run(_prepare(pdf, request, announced[0], self.reserve))


async def _prepare(pdf: bytes, request: SignatureRequest, certificate: asn1_x509.Certificate,
                   reserve: int) -> PendingSignature:
    placeholder = signers.ExternalSigner(certificate, SimpleCertificateStore(), signature_value=512)
    prepared, tbs, output = await pdf_signer(placeholder, request).async_digest_doc_for_signing(
        incremental_writer(pdf), bytes_reserved=2 * reserve)
    if tbs.post_sign_instructions is not None:  # only with validation info or timestamps, never asked here
        raise SigningError("post-signing steps are not supported by ExternalService")
    attributes = await placeholder.signed_attrs(prepared.document_digest, DIGEST, use_pades=True)
    return PendingSignature(
        pdf=output.getvalue(), signer_name=request.signer_name, certificate=certificate.dump(),
        signed_attributes=attributes.dump(), document_digest=prepared.document_digest,
        hole=(prepared.reserved_region_start, prepared.reserved_region_end))


def finish(pending: PendingSignature, signature: bytes, chain: Sequence[bytes]) -> bytes:
    """Step 3: the signed PDF, from the prepared one and the service's signature and certificate chain
    (the signer's certificate first; intermediates after it are embedded too). Raises `SigningError`
    when the chain does not start with the announced certificate or the signature does not verify."""
    certificates = [c for data in chain for c in load_certificates(data)]
    if not certificates or certificates[0].dump() != pending.certificate:
        raise SigningError("the service signed with another certificate than the one it announced")
    verify_digest_signature(pending.certificate, signature, pending.digest)
    final = signers.ExternalSigner(certificates[0], SimpleCertificateStore.from_certs(certificates[1:]),
                                   signature_value=signature)
    output = io.BytesIO(pending.pdf)
    with pyhanko_errors():
        asyncio.run(_embed(final, pending, output))
    return output.getvalue()


async def _embed(final: signers.ExternalSigner, pending: PendingSignature, output: io.BytesIO) -> None:
    attributes = cms.CMSAttributes.load(pending.signed_attributes)
    container = await final.async_sign_prescribed_attributes(DIGEST, attributes)
    prepared = PreparedByteRangeDigest(pending.document_digest, *pending.hole)
    await PdfTBSDocument.async_finish_signing(output, prepared, container)


def verify_digest_signature(certificate: bytes, signature: bytes, digest: bytes) -> None:
    """Raise `SigningError` unless `signature` is the certificate's key's signature of the SHA-256
    `digest` (ECDSA, or RSA PKCS#1 v1.5 as pyHanko declares an RSA certificate's signatures)."""
    key = load_der_x509_certificate(certificate).public_key()
    prehashed = Prehashed(hashes.SHA256())
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, digest, ec.ECDSA(prehashed))
        elif isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, digest, padding.PKCS1v15(), prehashed)
        else:
            raise SigningError(f"keys of type {type(key).__name__} are not supported")
    except InvalidSignature:
        raise SigningError("the service's signature does not verify with its certificate") from None

"""`Pkcs12Signer`: one organisation certificate (a PKCS#12 file) signs on behalf of each person.

The certificate names the organisation (the municipality or region, as its e-seal or a signing
certificate of its own); the person is named in the signature dictionary: `/Name`, and the reason
(`"Justering (Anna Åberg)"`), which PDF readers show in their signature panel, and in the box.
"""
from __future__ import annotations

from pathlib import Path

from pyhanko.sign import signers

from .interface import Box, SignatureRequest, SigningError
from .placement import sign_with


class Pkcs12Signer:
    """A `Signer` with the key and certificate chain of a PKCS#12 (.p12, .pfx) file."""

    def __init__(self, path: str | Path, passphrase: str = ""):
        self.path = Path(path)
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise SigningError(f"cannot read the PKCS#12 file {self.path}: {exc}") from exc
        try:
            self.cms_signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=(),
                                                                    passphrase=passphrase.encode() or None)
        except ValueError as exc:
            raise SigningError(f"{self.path} is not a PKCS#12 file this passphrase opens") from exc

    def sign(self, pdf: bytes, *, signer_name: str, field: str, reason: str, location: str = "",
             box: Box | None = None) -> bytes:
        """`Signer.sign` with the organisation's certificate, the person named in the signature."""
        return sign_with(pdf, self.cms_signer, SignatureRequest(signer_name, field, reason, location, box), on_behalf=True)

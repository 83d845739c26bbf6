"""`LocalCA`: a certificate authority for development and tests, kept in a directory.

    paragraf ca init DIR          # DIR/ca.pem (the root to trust), DIR/ca-key.pem
    paragraf ca issue DIR "Name"  # DIR/people/name-<hash>.pem: the person's key and certificate

A person's certificate is issued on first use (one per signer name) and kept in `DIR/people/`; it is
issued anew when the one kept was not issued by the directory's root or is no longer valid. Keys are
stored unencrypted: this CA proves that signing works, it identifies nobody. Its signatures are
trusted only by a validator (or a PDF reader) that was given `ca.pem`.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from . import certificates as certs
from .interface import Box, SignatureRequest, SigningError
from .placement import sign_with

ROOT_CERTIFICATE = "ca.pem"
ROOT_KEY = "ca-key.pem"
PEOPLE = "people"
DEFAULT_NAME = "Paragraf development CA"


def init_ca(directory: str | Path, name: str = DEFAULT_NAME) -> LocalCA:
    """Make a new root CA in `directory` (created if missing); refuses to replace one already there."""
    directory = Path(directory)
    if (directory / ROOT_CERTIFICATE).exists() or (directory / ROOT_KEY).exists():
        raise SigningError(f"{directory} already holds a CA ({ROOT_CERTIFICATE}); choose another directory")
    directory.mkdir(parents=True, exist_ok=True)
    key = certs.new_key()
    try:
        _write_private(directory / ROOT_KEY, certs.key_pem(key), exclusive=True)
    except FileExistsError:  # another process made one just now
        raise SigningError(f"{directory} already holds a CA ({ROOT_KEY}); choose another directory") from None
    (directory / ROOT_CERTIFICATE).write_bytes(certs.certificate_pem(certs.root_certificate(key, name)))
    return LocalCA(directory)


class LocalCA:
    """A `Signer` whose every person has a certificate of the development CA in `directory`."""

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)
        try:
            self.root = x509.load_pem_x509_certificate((self.directory / ROOT_CERTIFICATE).read_bytes())
            self._root_key = serialization.load_pem_private_key((self.directory / ROOT_KEY).read_bytes(), None)
        except (OSError, ValueError) as exc:
            raise SigningError(f"no CA in {self.directory} ({exc}): make one with `paragraf ca init {self.directory}`") from exc
        self._people: dict[str, tuple[certs.PrivateKey, x509.Certificate]] = {}

    @property
    def root_pem(self) -> bytes:
        """The root certificate (PEM): the trust root to give `validate` and PDF readers."""
        return certs.certificate_pem(self.root)

    def person_path(self, signer_name: str) -> Path:
        """The file that holds the person's key and certificate (PEM)."""
        return self.directory / PEOPLE / f"{_slug(signer_name)}.pem"

    def identity(self, signer_name: str) -> tuple[certs.PrivateKey, x509.Certificate]:
        """The person's key and certificate: kept in memory, read from `people/`, or issued now."""
        name = " ".join(signer_name.split())
        if name not in self._people:
            self._people[name] = self._read(name) or self._issue(name)
        return self._people[name]

    def _read(self, name: str) -> tuple[certs.PrivateKey, x509.Certificate] | None:
        try:
            data = self.person_path(name).read_bytes()
            key = serialization.load_pem_private_key(data, None)
            certificate = x509.load_pem_x509_certificate(data)
        except (OSError, ValueError):
            return None
        if not certs.issued_by(certificate, self.root) or certs.common_name(certs.to_asn1_certificate(certificate)) != name:
            return None
        return key, certificate

    def _issue(self, name: str) -> tuple[certs.PrivateKey, x509.Certificate]:
        key = certs.new_key()
        certificate = certs.person_certificate(key, name, self._root_key, self.root)
        path = self.person_path(name)
        path.parent.mkdir(exist_ok=True)
        _write_private(path, certs.key_pem(key) + certs.certificate_pem(certificate))
        return key, certificate

    def cms_signer(self, signer_name: str) -> signers.SimpleSigner:
        """pyHanko's signer with the person's key, its certificate and the root in the chain."""
        key, certificate = self.identity(signer_name)
        return signers.SimpleSigner(
            signing_cert=certs.to_asn1_certificate(certificate), signing_key=certs.to_asn1_key(key),
            cert_registry=SimpleCertificateStore.from_certs([certs.to_asn1_certificate(self.root)]))

    def sign(self, pdf: bytes, *, signer_name: str, field: str, reason: str, location: str = "",
             box: Box | None = None) -> bytes:
        """`Signer.sign` with the person's own certificate (issued on first use)."""
        request = SignatureRequest(signer_name, field, reason, location, box)
        return sign_with(pdf, self.cms_signer(request.signer_name), request)

    def sign_digest(self, digest: bytes, signer_name: str) -> tuple[bytes, list[bytes]]:
        """What a remote signing service does, with the person's key here: the ECDSA signature of a
        SHA-256 `digest` and the certificate chain (the person's, the root). With `certificate_for`,
        the stand-in service of `ExternalService` in development and tests."""
        key, certificate = self.identity(signer_name)
        signature = key.sign(digest, ec.ECDSA(Prehashed(hashes.SHA256())))
        return signature, [certs.certificate_pem(certificate), self.root_pem]

    def certificate_for(self, signer_name: str) -> bytes:
        """The person's certificate (PEM), as a remote service announces it before signing."""
        return certs.certificate_pem(self.identity(signer_name)[1])

    def pkcs12(self, signer_name: str, passphrase: str = "") -> bytes:
        """The person's key, certificate and the root as a PKCS#12 file (for `Pkcs12Signer` in
        development: issue the organisation's name and sign with it on behalf of each person)."""
        key, certificate = self.identity(signer_name)
        encryption = (serialization.BestAvailableEncryption(passphrase.encode()) if passphrase
                      else serialization.NoEncryption())
        return pkcs12.serialize_key_and_certificates(signer_name.encode(), key, certificate, [self.root], encryption)


def _slug(name: str) -> str:
    """A file name for a signer's name: its letters folded to ASCII, and a hash of the exact name."""
    name = " ".join(name.split())
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    stem = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:40] or "signer"
    return f"{stem}-{hashlib.sha256(name.encode()).hexdigest()[:10]}"


def _write_private(path: Path, data: bytes, exclusive: bool = False) -> None:
    """Write `data` readable by the owner only (mkstemp's 0600), atomically: another process sees all
    of it or none. With `exclusive`, raise `FileExistsError` rather than replace a file there."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        if exclusive:
            os.link(temporary, path)
        else:
            os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)

"""Keys and certificates with `cryptography`, and their asn1crypto form that pyHanko reads.

Keys are EC P-256 (a key in well under a millisecond; ECDSA signatures are read by every current PDF
reader). A root CA certificate signs person certificates whose key usage is digital signature and
non-repudiation, as for a qualified signature.
"""
from __future__ import annotations

import datetime as dt

from asn1crypto import keys as asn1_keys
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

PrivateKey = ec.EllipticCurvePrivateKey

ROOT_YEARS = 20
PERSON_YEARS = 5
#: Certificates start to be valid this long before they are made (clocks of other machines).
BACKDATE = dt.timedelta(hours=1)


def new_key() -> PrivateKey:
    """A new EC P-256 private key."""
    return ec.generate_private_key(ec.SECP256R1())


def _name(common_name: str, organization: str = "") -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organization:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    return x509.Name(attributes)


def _usage(*, sign_certificates: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not sign_certificates, content_commitment=not sign_certificates, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=sign_certificates, crl_sign=sign_certificates,
        encipher_only=False, decipher_only=False)


def _builder(subject: x509.Name, issuer: x509.Name, key: PrivateKey, years: int,
             now: dt.datetime | None = None) -> x509.CertificateBuilder:
    now = now or dt.datetime.now(dt.timezone.utc)
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - BACKDATE)
            .not_valid_after(now + dt.timedelta(days=365 * years))
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))


def root_certificate(key: PrivateKey, common_name: str) -> x509.Certificate:
    """A self-signed CA certificate that may sign end-entity certificates only (path length 0)."""
    name = _name(common_name)
    return (_builder(name, name, key, ROOT_YEARS)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_usage(sign_certificates=True), critical=True)
            .sign(key, hashes.SHA256()))


def person_certificate(key: PrivateKey, common_name: str, issuer_key: PrivateKey, issuer: x509.Certificate,
                       organization: str = "") -> x509.Certificate:
    """A signing certificate for `common_name` issued by `issuer`."""
    return (_builder(_name(common_name, organization), issuer.subject, key, PERSON_YEARS)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_usage(sign_certificates=False), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
            .sign(issuer_key, hashes.SHA256()))


def issued_by(certificate: x509.Certificate, issuer: x509.Certificate, at: dt.datetime | None = None) -> bool:
    """Whether `issuer` signed `certificate` and `certificate` is valid at `at` (default now)."""
    at = at or dt.datetime.now(dt.timezone.utc)
    if not certificate.not_valid_before_utc <= at <= certificate.not_valid_after_utc:
        return False
    try:
        certificate.verify_directly_issued_by(issuer)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def key_pem(key: PrivateKey) -> bytes:
    """The key as unencrypted PKCS#8 PEM (files of the development CA only)."""
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def certificate_pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def to_asn1_certificate(certificate: x509.Certificate) -> asn1_x509.Certificate:
    """The asn1crypto form of a `cryptography` certificate (what pyHanko works with)."""
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def to_asn1_key(key: PrivateKey) -> asn1_keys.PrivateKeyInfo:
    return asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))


def load_certificates(data: bytes) -> list[asn1_x509.Certificate]:
    """Every certificate in `data`: one DER certificate, or PEM with one or more of them."""
    if pem.detect(data):
        return [asn1_x509.Certificate.load(der) for kind, _, der in pem.unarmor(data, multiple=True)
                if kind == "CERTIFICATE"]
    return [asn1_x509.Certificate.load(data)]


def common_name(certificate: asn1_x509.Certificate) -> str:
    """The subject's common name, else the whole subject as one line."""
    subject = certificate.subject.native
    return str(subject.get("common_name") or certificate.subject.human_friendly)


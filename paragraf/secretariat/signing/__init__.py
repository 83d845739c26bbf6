"""Justering: the chair and the adjusters sign the minutes PDF, one after another (PAdES signatures).

Pure Python, no Django. Every way of signing is a `Signer` (`interface.py`): `sign(pdf, *,
signer_name, field, reason, location="", box=None) -> bytes` adds one signature as an incremental
update, so the signatures made before stay valid.

- `LocalCA` (`local_ca.py`): a development CA in a directory (`paragraf ca init DIR`), a certificate
  per person issued on first use;
- `Pkcs12Signer` (`pkcs12.py`): one organisation certificate signs on behalf of each person;
- `ExternalService` (`external.py`): a remote signing service (an e-ID signing service) in two steps;
- `signer_from_setting("local:DIR" | "pkcs12:FILE", passphrase)` (`setting.py`);
- `validate(pdf, trust_roots) -> [SignatureStatus]` (`validation.py`), by pyHanko's validator.

How it fits together and how to plug in a real e-ID service: docs/signing.md.
"""
from .external import ExternalService, PendingSignature, finish
from .interface import Box, Signer, SigningError
from .local_ca import LocalCA, init_ca
from .pkcs12 import Pkcs12Signer
from .setting import signer_from_setting
from .validation import SignatureStatus, validate

__all__ = [
    "Box", "ExternalService", "LocalCA", "PendingSignature", "Pkcs12Signer", "SignatureStatus", "Signer", "SigningError",
    "finish", "init_ca", "signer_from_setting", "validate",
]

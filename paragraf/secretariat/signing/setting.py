"""`signer_from_setting`: the `Signer` a setting names (the Django side reads the environment).

    PARAGRAF_SIGNING="local:/srv/paragraf/ca"        # development CA made by `paragraf ca init`
    PARAGRAF_SIGNING="pkcs12:/srv/paragraf/org.p12"  # the organisation's certificate (production)
"""
from __future__ import annotations

from .interface import Signer, SigningError
from .local_ca import LocalCA
from .pkcs12 import Pkcs12Signer

KINDS = ("local", "pkcs12")


def signer_from_setting(value: str, passphrase: str = "") -> Signer:
    """The signer of `value`, `KIND:PATH`: `local:DIR` (a `LocalCA` directory) or `pkcs12:FILE` (a
    `Pkcs12Signer`, opened with `passphrase`). Raises `SigningError` for any other value, or when the
    directory or file cannot be used. An `ExternalService` needs code (its callables), not a setting."""
    kind, _, path = value.strip().partition(":")
    if kind == "local" and path:
        return LocalCA(path)
    if kind == "pkcs12" and path:
        return Pkcs12Signer(path, passphrase)
    raise SigningError(f"signing setting {value!r} is not local:DIR or pkcs12:FILE")

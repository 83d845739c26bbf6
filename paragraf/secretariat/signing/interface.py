"""What every way of signing the minutes offers: `Signer.sign`, the box of a visible signature, the error.

A signature is added to the PDF as an incremental update: the bytes given are kept as they are and
the signature is appended after them, so signatures made before stay valid (the chair signs first,
then each adjuster signs the PDF the one before returned).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

#: A visible signature: (page index, x1, y1, x2, y2). The page counts from 0, a negative index from
#: the end (-1: the last page, where the minutes are signed off); the rectangle is in PDF points
#: (1/72 inch) from the page's lower left corner.
Box = tuple[int, float, float, float, float]


class SigningError(Exception):
    """The PDF could not be signed: a field already signed, a broken PDF, a key that cannot be read,
    a remote signature that does not match. The message says which."""


class Signer(Protocol):
    """One way of signing the minutes PDF (`LocalCA`, `Pkcs12Signer`, `ExternalService`)."""

    def sign(self, pdf: bytes, *, signer_name: str, field: str, reason: str, location: str = "",
             box: Box | None = None) -> bytes:
        """`pdf` with one more PAdES signature (an incremental update) in the signature field `field`.

        `signer_name` is the person who signs (the chair, an adjuster); `reason` and `location` go into
        the signature dictionary, where PDF readers show them. `box` makes the signature visible in a
        new field on that page; without it the signature goes into the empty field `field` if the PDF
        has one, else into a new invisible field. Raises `SigningError`."""
        ...


@dataclass(frozen=True)
class SignatureRequest:
    """The arguments of one `Signer.sign` call, checked: the field name is a PDF field name (no dots,
    not empty) and the signer's name is not empty."""

    signer_name: str
    field: str
    reason: str
    location: str = ""
    box: Box | None = None

    def __post_init__(self) -> None:
        if not self.signer_name.strip():
            raise SigningError("the signer's name is empty")
        if not self.field or "." in self.field:
            raise SigningError(f"{self.field!r} is not a signature field name (not empty, no dots)")
        if self.box is not None and (len(self.box) != 5 or self.box[1] >= self.box[3] or self.box[2] >= self.box[4]):
            raise SigningError(f"{self.box!r} is not a box (page, x1, y1, x2, y2 with x1 < x2 and y1 < y2)")

"""A signature placed in the PDF with pyHanko: the signature dictionary, the field, the visible box.

Shared by every `Signer`: `pdf_signer` describes one signature (PAdES baseline B-B, SHA-256, an
incremental update), `sign_with` signs with a pyHanko CMS signer that holds its key here.
"""
from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import signers
from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.stamp import TextStampStyle

from .certificates import common_name
from .interface import SignatureRequest, SigningError

DIGEST = "sha256"
#: Letters of names that have no base letter in Unicode's decomposition.
UNDECOMPOSED = str.maketrans("ŁłĐđıĦħ", "LlDdiHh")


def pdf_signer(cms_signer: signers.Signer, request: SignatureRequest, *, on_behalf: bool = False) -> signers.PdfSigner:
    """pyHanko's signer of one signature as `request` asks. With `on_behalf` (one organisation
    certificate signs for each person) the reason in the signature dictionary ends with the person's
    name, which readers show beside the certificate's, and the box shows the certificate's name too."""
    reason = request.reason
    if on_behalf and request.signer_name not in reason:
        reason = f"{reason} ({request.signer_name})" if reason else request.signer_name
    meta = signers.PdfSignatureMetadata(
        field_name=request.field, reason=reason or None, location=request.location or None, name=request.signer_name,
        subfilter=SigSeedSubFilter.PADES, md_algorithm=DIGEST)
    spec = None
    if request.box is not None:
        page, *rectangle = request.box
        spec = SigFieldSpec(request.field, on_page=page, box=tuple(rectangle))
    certificate_name = common_name(cms_signer.signing_cert) if on_behalf and cms_signer.signing_cert else ""
    return signers.PdfSigner(meta, cms_signer, stamp_style=stamp_style(request, certificate_name), new_field_spec=spec)


def stamp_style(request: SignatureRequest, certificate_name: str = "") -> TextStampStyle:
    """The visible box: the person's name, the reason, the place, the certificate's name when it is not
    the person's own, the signing time; black on white with a thin frame, in Courier (a standard
    font: nothing embedded, so letters outside Windows-1252 are folded, Ł → L)."""
    lines = [request.signer_name, request.reason, request.location, certificate_name]
    text = "\n".join(_escaped(line) for line in lines if line)
    return TextStampStyle(stamp_text=text + "\n%(ts)s", background=None, border_width=1)


def _escaped(text: str) -> str:
    """One line of the box: shown by the standard fonts, and `%` kept from pyHanko's %-formatting."""
    return winansi(" ".join(text.split())).replace("%", "%%")


def winansi(text: str) -> str:
    """`text` with the characters the PDF standard fonts (WinAnsi) cannot show folded to their base
    letter, or `?`."""
    out = []
    for char in text.translate(UNDECOMPOSED):
        try:
            char.encode("cp1252")
            out.append(char)
        except UnicodeEncodeError:
            out.append(unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode() or "?")
    return "".join(out)


def incremental_writer(pdf: bytes) -> IncrementalPdfFileWriter:
    """A writer that appends an incremental update to `pdf` (raises `SigningError` if it is no PDF)."""
    with pyhanko_errors():
        return IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)


def sign_with(pdf: bytes, cms_signer: signers.Signer, request: SignatureRequest, *, on_behalf: bool = False) -> bytes:
    """`pdf` signed by `cms_signer` (a pyHanko signer holding its key) as `request` asks."""
    writer = incremental_writer(pdf)
    with pyhanko_errors():
        output = pdf_signer(cms_signer, request, on_behalf=on_behalf).sign_pdf(writer)
    return output.getvalue()


@contextmanager
def pyhanko_errors() -> Iterator[None]:
    """pyHanko's and the PDF reader's errors as `SigningError`, with their message."""
    try:
        yield
    except (PyHankoSigningError, PdfError, ValueError) as exc:
        raise SigningError(str(exc) or type(exc).__name__) from exc

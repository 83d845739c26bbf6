"""The meeting packet (handlingar) as one PDF: the notice, then every item's documents.

`packet_pdf` assembles it with pikepdf: the pages in agenda order, an outline
("Kallelse", then `"{number}. {title}"` per item with a child per document; an
item without documents has no entry)
and every page stamped `Sida N(M)` in its lower right corner. The stamps are one
Typst document of M pages, each the size of the page it is laid on as the
reader sees it (a rotated page's width and height swapped), placed as a form
XObject by `Page.add_overlay`, which undoes the page's rotation so the stamp
stands upright.

`pdf_page_count` validates an uploaded PDF: garbage, a file without pages, one
that needs a password, or one damaged beyond repair raise `InvalidPdf`.
"""
from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager

import pikepdf
import typst

from paragraf.secretariat.typeset.model import PacketItem
from paragraf.secretariat.typeset.notice import FONT

STAMP_LABEL = "Sida"
STAMP_TEMPLATE = r"""
#let s = json(bytes(sys.inputs.stamp))
#set text(font: sys.inputs.font, size: 8pt, lang: "sv")
#for (index, size) in s.sizes.enumerate() {
  page(width: size.at(0) * 1pt, height: size.at(1) * 1pt, margin: 0pt,
    place(bottom + right, dx: -24pt, dy: -12pt,
      s.label + " " + str(index + 1) + "(" + str(s.sizes.len()) + ")"))
}
"""
HEADER_WINDOW = 1024  # a PDF's `%PDF-` header must be within its first kilobyte
#: What qpdf says when it rebuilds a missing or wrong cross-reference table (the file is whole).
XREF_REPAIRS = {"file is damaged", "xref not found", "can't find startxref", "Attempting to reconstruct cross-reference table"}
QPDF_PLACE = re.compile(r"^(?:WARNING: |ERROR: )?(?:stream <[^>]*>|\S+\.pdf)?(?: \([^)]*\))?: ")


class InvalidPdf(ValueError):
    """Bytes that are not a PDF this module can use (the message says why, in English)."""


class PacketError(ValueError):
    """A document of the packet that cannot be used: names the item, the document and the reason."""


def pdf_page_count(data: bytes) -> int:
    """The number of pages of a PDF; `InvalidPdf` when it cannot be used in a packet."""
    with _open(data) as pdf:
        return len(pdf.pages)


def packet_pdf(notice_pdf: bytes, items: Sequence[PacketItem], title: str = "") -> bytes:
    """The notice followed by every document of every item, in the order given, with an outline
    and a page stamp `Sida N(M)` on every page. `title` is the PDF's document title."""
    with ExitStack() as stack:
        out = stack.enter_context(pikepdf.new())
        try:
            notice = stack.enter_context(_open(notice_pdf))
        except InvalidPdf as exc:
            raise PacketError(f"the notice: {exc}") from exc
        out.pages.extend(notice.pages)
        outline = [pikepdf.OutlineItem("Kallelse", 0)]
        for item in items:
            entry = None
            for document in item.documents:
                try:
                    source = stack.enter_context(_open(document.data))
                except InvalidPdf as exc:
                    raise PacketError(f"item {item.number} ({item.title}), document {document.title!r}: {exc}") from exc
                if entry is None:
                    entry = pikepdf.OutlineItem(f"{item.number}. {item.title}", len(out.pages))
                    outline.append(entry)
                entry.children.append(pikepdf.OutlineItem(document.title, len(out.pages)))
                out.pages.extend(source.pages)
        with out.open_outline() as tree:
            tree.root.extend(outline)
        out.Root.PageMode = pikepdf.Name.UseOutlines
        if title:
            out.docinfo[pikepdf.Name.Title] = title
        _stamp(out)
        buffer = io.BytesIO()
        out.save(buffer)
        return buffer.getvalue()


def stamp_pdf(sizes: Sequence[tuple[float, float]], label: str = STAMP_LABEL) -> bytes:
    """One page per size (width, height in points) with `{label} N(M)` in its lower right corner."""
    data = json.dumps({"label": label, "sizes": [[round(w, 3), round(h, 3)] for w, h in sizes]})
    return typst.compile(STAMP_TEMPLATE.encode(), sys_inputs={"stamp": data, "font": FONT}, ignore_system_fonts=True)


def _stamp(pdf: pikepdf.Pdf) -> None:
    boxes = [pikepdf.Rectangle(page.cropbox) for page in pdf.pages]
    sizes = [_seen_size(box, page) for box, page in zip(boxes, pdf.pages)]
    with pikepdf.open(io.BytesIO(stamp_pdf(sizes))) as stamps:
        for page, stamp, box in zip(pdf.pages, stamps.pages, boxes):
            page.add_overlay(stamp, box)


def _seen_size(box: pikepdf.Rectangle, page: pikepdf.Page) -> tuple[float, float]:
    """Width and height of the page as a reader shows it (turned by its /Rotate)."""
    turned = int(page.obj.get(pikepdf.Name.Rotate, 0)) % 180 == 90
    return (box.height, box.width) if turned else (box.width, box.height)


@contextmanager
def _open(data: bytes) -> Iterator[pikepdf.Pdf]:
    """The PDF opened with pikepdf, or `InvalidPdf` saying why it cannot be used."""
    if b"%PDF-" not in data[:HEADER_WINDOW]:
        raise InvalidPdf("not a PDF: the file does not begin with a %PDF- header")
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise InvalidPdf("encrypted PDF: a password is required to open it; upload it without a password") from None
    except pikepdf.PdfError as exc:
        raise InvalidPdf(f"broken PDF: it cannot be read ({_reason(exc)})") from None
    with pdf:
        _check(pdf)
        yield pdf


def _check(pdf: pikepdf.Pdf) -> None:
    """A PDF qpdf had to repair on opening is used only when the repair was of its cross-reference
    table (wrong offsets): a truncated or overwritten file has lost objects qpdf cannot bring back."""
    try:
        if not len(pdf.pages):
            raise InvalidPdf("broken PDF: it has no pages")
        repairs = pdf.get_warnings()
        problems = [m for m in map(_reason, repairs + (pdf.check_pdf_syntax() if repairs else [])) if m not in XREF_REPAIRS]
    except pikepdf.PdfError as exc:
        raise InvalidPdf(f"broken PDF: it cannot be read ({_reason(exc)})") from None
    if problems:
        raise InvalidPdf(f"broken PDF: damaged or truncated beyond repair ({problems[0]})")


def _reason(problem: Exception | str) -> str:
    """qpdf's message without the name of the stream it read and the place in it."""
    return QPDF_PLACE.sub("", str(problem)).strip()

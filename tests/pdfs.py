"""Real PDFs for tests and benchmarks, rendered with reportlab.

    render_pdf(pages, path)       # pages: list of pages, each a list of text lines
    paginate(lines, per_page=50)  # a flat list of lines cut into pages
    extracted_lines(lines)        # the lines PDFium gives back for rendered lines

Text is drawn line by line in a standard font (Helvetica, WinAnsi encoding: covers
å ä ö é, – — • “ ” … § and the rest of Windows-1252, without embedding a font file).
Characters outside it are drawn by reportlab's fallback fonts or as a box.
Pass `font=` a TrueType file (e.g. reportlab's bundled Vera.ttf or Debian's
DejaVuSans.ttf) to embed it instead.

What a PDF keeps of the lines (see `extracted_lines`): PDFium folds runs of
spaces to one, and a blank line is only a vertical gap, so it is not
extracted at all. Trailing spaces are not drawn.

PDFium finds line ends by comparing each text run with the previous one; it
needs the page's text direction for that when a run has a single character,
and on a page with very little text it may not know it: two one-character
lines on an almost empty page can come back as one line ("3" and "4" as
"34"). Pages of real packets have enough text; tests of tiny pages should
avoid one-character lines.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

A4 = (595.276, 841.89)
MARGIN = 56.0


def render_pdf(
    pages: Sequence[Sequence[str]],
    path: str | Path,
    *,
    font: str = "Helvetica",
    size: float = 10.0,
    leading: float | None = None,
    header: Sequence[str] = (),
    footer: Sequence[str] = (),
    encrypt: str | None = None,
) -> Path:
    """Write a PDF with one page per item of `pages`, each line drawn as one text line.

    `header` and `footer` lines are drawn on every page before and after its
    lines; `{page}` and `{pages}` in them are replaced by the page number and
    page count (`"PROTOKOLL {page}({pages})"`). A page is A4, made wider or
    taller where its lines need it, so no text falls outside the page.
    `font` is a standard PDF font name or the path of a TrueType file.
    `encrypt` sets a user password (the PDF then cannot be opened without it).
    """
    path = Path(path)
    font_name = _font(font)
    leading = leading or size * 1.4
    count = len(pages)
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt, pageCompression=1)
    c.setTitle(path.stem)
    for number, page in enumerate(pages, 1):
        fill = {"page": number, "pages": count}
        lines = [h.format(**fill) for h in header] + [_drawable(line) for line in page] + [
            f.format(**fill) for f in footer
        ]
        width = max([pdfmetrics.stringWidth(line, font_name, size) for line in lines] or [0.0])
        page_width = max(A4[0], width + 2 * MARGIN)
        page_height = max(A4[1], len(lines) * leading + 2 * MARGIN)
        c.setPageSize((page_width, page_height))
        c.setFont(font_name, size)
        y = page_height - MARGIN - size
        for line in lines:
            if line.strip():  # a blank line is a vertical gap: nothing drawn
                c.drawString(MARGIN, y, line)
            y -= leading
        c.showPage()
    c.save()
    return path


def paginate(lines: Sequence[str], per_page: int = 50) -> list[list[str]]:
    """`lines` cut into pages of `per_page` lines (the last page may be shorter)."""
    return [list(lines[i : i + per_page]) for i in range(0, len(lines), per_page)] or [[]]


def extracted_lines(lines: Sequence[str]) -> list[str]:
    """What PDFium's extraction gives back for rendered `lines`, ignoring trailing
    spaces: blank lines dropped (nothing is drawn for them), runs of spaces folded to one."""
    return [_SPACES.sub(" ", line).rstrip() for line in map(_drawable, lines) if line.strip()]


_SPACES = re.compile(r"[ \t\u00a0]+")


def _drawable(line: str) -> str:
    # A tab has no glyph in the standard fonts: draw a space. Trailing spaces are
    # not drawn: they are invisible, and PDFium reads a space-only text run
    # between two lines as the separator of one line.
    return line.replace("\t", " ").rstrip()


def _font(font: str) -> str:
    if font.lower().endswith((".ttf", ".otf")):
        name = Path(font).stem
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, font))
        return name
    return font

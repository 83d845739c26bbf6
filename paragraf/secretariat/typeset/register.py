"""A register reported to a meeting as a PDF, typeset with Typst: `Sammanställning av anmälda
delegationsbeslut` (the delegation point, the matter, the case number, the decision date, the delegate)
or `Sammanställning av anmälda informationshandlingar` (the category, the document, the case number,
the date, the sender or recipient), a table whose columns the register's layout gives, as the
registers of the seed packets list them.

Pure Python (no Django); every text goes to Typst as JSON, never into the markup (`layout.py`).
"""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from paragraf.secretariat.typeset.layout import chunks, compile_pdf, one_line

TEMPLATE = r"""
#let r = json(bytes(sys.inputs.register))
#set document(title: r.title, author: r.organisation)
#set text(font: sys.inputs.font, size: 10pt, lang: "sv", hyphenate: false)
#set par(justify: false)
#set page(paper: "a4", margin: (top: 4.2cm, bottom: 2.2cm, left: 2.2cm, right: 2.2cm),
  header: page-header(r.organisation, r.label, r.title, (r.body,), ()), header-ascent: 12%)
// A cell is one line of text, or the pieces of a text that may wrap (an array: `words`).
#let cell(c) = if type(c) == array { words(c) } else { c }
#if r.rows == () {
  par(r.empty)
} else {
  table(columns: r.widths.map(w => if w == none { 1fr } else { w * 1em }), inset: 4pt, stroke: 0.4pt, align: left,
    table.header(..r.headings.map(h => text(weight: "bold", h))),
    ..r.rows.map(row => row.map(cell)).flatten())
}
"""


class RegisterError(ValueError):
    """A register that cannot be typeset (Typst refused it)."""


@dataclass(frozen=True)
class Column:
    heading: str
    width: float | None  # in em; None: what is left of the line
    wraps: bool = False  # a long text, cut in pieces that may wrap; otherwise one line


@dataclass(frozen=True)
class Layout:
    """What makes one kind of register: its title, the label of its page header, its columns, and what it
    says when nothing is reported."""
    title: str
    label: str
    columns: tuple[Column, ...]
    empty: str


DELEGATION = Layout(
    title="Sammanställning av anmälda delegationsbeslut", label="DELEGATIONSBESLUT",
    columns=(Column("Punkt", 4.5), Column("Beslut", None, wraps=True), Column("Diarienummer", 7.5),
             Column("Beslutsdatum", 6.5), Column("Delegat", 8, wraps=True)),
    empty="Inga delegationsbeslut anmäls.")
INFORMATION = Layout(
    title="Sammanställning av anmälda informationshandlingar", label="INFORMATIONSHANDLINGAR",
    columns=(Column("Kategori", 7, wraps=True), Column("Handling", None, wraps=True), Column("Diarienummer", 7.5),
             Column("Datum", 6.5), Column("Från eller till", 10, wraps=True)),
    empty="Inga informationshandlingar anmäls.")
TITLE = DELEGATION.title  # the delegated decisions' register, as tests and callers have named it


@dataclass(frozen=True)
class Register:
    layout: Layout
    organisation: str
    body: str
    date: datetime.date  # the meeting the register is reported to
    rows: tuple[tuple[str, ...], ...]  # one text a column of the layout


def date_cell(date: datetime.date | None) -> str:
    """A date as the seed registers write it (empty when unknown)."""
    return date.isoformat() if date else ""


def register_data(register: Register) -> dict:
    """Every string the register prints (the JSON the template reads)."""
    columns = register.layout.columns
    return {
        "title": register.layout.title,
        "organisation": one_line(register.organisation),
        "label": register.layout.label,
        "body": one_line(f"{register.body}, sammanträde {register.date.isoformat()}"),
        "headings": [column.heading for column in columns],
        "widths": [column.width for column in columns],
        "empty": register.layout.empty,
        "rows": [[chunks(text) if column.wraps else one_line(text) for column, text in zip(columns, row, strict=True)]
                 for row in register.rows],
    }


def register_pdf(register: Register) -> bytes:
    """The register as an A4 PDF (fonts embedded)."""
    return compile_pdf(TEMPLATE, RegisterError, f"the register “{register.layout.title}”",
                       {"register": json.dumps(register_data(register), ensure_ascii=False)})

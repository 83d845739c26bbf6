"""The register of delegated decisions reported to a meeting (`Sammanställning av anmälda
delegationsbeslut`) as a PDF, typeset with Typst: a table with the delegation point, the matter, the case
number, the decision date and the delegate, as the registers of the seed packets list them.

Pure Python (no Django); every text goes to Typst as JSON, never into the markup (`layout.py`).
"""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from paragraf.secretariat.typeset.layout import chunks, compile_pdf, one_line

TITLE = "Sammanställning av anmälda delegationsbeslut"
HEADINGS = ("Punkt", "Beslut", "Diarienummer", "Beslutsdatum", "Delegat")

TEMPLATE = r"""
#let r = json(bytes(sys.inputs.register))
#set document(title: r.title, author: r.organisation)
#set text(font: sys.inputs.font, size: 10pt, lang: "sv", hyphenate: false)
#set par(justify: false)
#set page(paper: "a4", margin: (top: 4.2cm, bottom: 2.2cm, left: 2.2cm, right: 2.2cm),
  header: page-header(r.organisation, r.label, r.title, (r.body,), ()), header-ascent: 12%)
#if r.rows == () {
  par(r.empty)
} else {
  table(columns: (4.5em, 1fr, 7.5em, 6.5em, 8em), inset: 4pt, stroke: 0.4pt, align: left,
    table.header(..r.headings.map(h => text(weight: "bold", h))),
    ..r.rows.map(row => (row.point, words(row.title), row.case, row.date, words(row.delegate))).flatten())
}
"""


class RegisterError(ValueError):
    """A register that cannot be typeset (Typst refused it)."""


@dataclass(frozen=True)
class RegisterRow:
    point: str
    title: str
    case_number: str
    decided_on: datetime.date | None
    delegate: str


@dataclass(frozen=True)
class DelegationRegister:
    organisation: str
    body: str
    date: datetime.date  # the meeting the decisions are reported to
    rows: tuple[RegisterRow, ...]


def register_data(register: DelegationRegister) -> dict:
    """Every string the register prints (the JSON the template reads); dates as the seed registers write them."""
    return {
        "title": TITLE,
        "organisation": one_line(register.organisation),
        "label": "DELEGATIONSBESLUT",
        "body": one_line(f"{register.body}, sammanträde {register.date.isoformat()}"),
        "headings": list(HEADINGS),
        "empty": "Inga delegationsbeslut anmäls.",
        "rows": [{"point": one_line(row.point), "title": chunks(row.title), "case": one_line(row.case_number),
                  "date": row.decided_on.isoformat() if row.decided_on else "", "delegate": chunks(row.delegate)}
                 for row in register.rows],
    }


def register_pdf(register: DelegationRegister) -> bytes:
    """The register as an A4 PDF (fonts embedded)."""
    return compile_pdf(TEMPLATE, RegisterError, "the register of delegated decisions",
                       {"register": json.dumps(register_data(register), ensure_ascii=False)})

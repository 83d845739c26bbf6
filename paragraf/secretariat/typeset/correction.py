"""A rättelse: the correction of a § of justerade minutes, as its own PDF that names the original
(body, date, §) and says what is corrected and why; signed like the minutes (pure Python, Typst)."""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from paragraf.secretariat.typeset.layout import compile_pdf

TEMPLATE = r"""
#let d = json(bytes(sys.inputs.correction))
#set document(title: d.title)
#set page(paper: "a4", margin: (x: 2.5cm, top: 2.5cm, bottom: 3cm),
  header: page-header(d.organisation, "RÄTTELSE", d.body, (), ()))
#set text(font: sys.inputs.font, size: 11pt, lang: "sv")
#v(1em)
#text(weight: "bold", d.title)
#v(0.5em)
#d.original
#v(1em)
#text(weight: "bold", "Rättelse")
#linebreak()
#d.text
#v(1em)
#text(weight: "bold", "Skäl")
#linebreak()
#d.reason
#v(3em)
#text(weight: "bold", "Justering")
#v(6em)
"""


class CorrectionError(ValueError):
    """The correction could not be typeset (a bug of the template, never of the text)."""


@dataclass(frozen=True)
class Correction:
    organisation: str
    body: str
    meeting_date: datetime.date
    number: int  # the § corrected
    text: str  # what the § says after the correction
    reason: str
    made: datetime.date


def correction_pdf(correction: Correction) -> bytes:
    data = {
        "organisation": correction.organisation, "body": correction.body,
        "title": f"Rättelse av protokoll {correction.meeting_date.isoformat()} § {correction.number}",
        "original": (f"Protokollet från {correction.body} {correction.meeting_date.isoformat()} är justerat. "
                     f"Denna rättelse, upprättad {correction.made.isoformat()}, rättar § {correction.number}; "
                     "det justerade protokollet är oförändrat."),
        "text": correction.text, "reason": correction.reason,
    }
    return compile_pdf(TEMPLATE, CorrectionError, "the correction", {"correction": json.dumps(data, ensure_ascii=False)})

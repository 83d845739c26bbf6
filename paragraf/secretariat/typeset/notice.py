"""The notice of a meeting (kallelse) as a PDF, typeset with Typst.

The layout is that of the notices the importer reads (`paragraf.ingest.notice`):
a page header on every page (`KALLELSE 1(3)` at the right, the body, `Tid:` and,
on the first page, `Plats:`), the numbered items with the case number in a
column at the right and section headings between them, then `Kallade` and
`För kännedom` with their groups of people, `Name (S) ordförande` or
`Name, regiondirektör`.

No user text is ever written into Typst markup: the notice goes to the Typst
program as JSON (`sys.inputs`), which inserts each value as plain text, so a
title may hold `#`, `*`, `$`, `[`, `\\` or anything else.
"""
from __future__ import annotations

import json

from paragraf.secretariat.typeset.layout import FONT, chunks, compile_pdf, one_line as _line
from paragraf.secretariat.typeset.model import CalledGroup, CalledPerson, Notice

__all__ = ["FONT", "NoticeError", "chunks", "notice_data", "notice_pdf", "person_line"]

TEMPLATE = r"""
#let n = json(bytes(sys.inputs.notice))
#set document(title: n.title, author: n.organisation)
#set text(font: sys.inputs.font, size: 11pt, lang: "sv", hyphenate: false)
#set par(justify: false)
#let header = page-header(n.organisation, n.label, n.body, (n.when,), if n.place != "" { (n.place,) } else { () })
#set page(paper: "a4", margin: (top: 4.2cm, bottom: 2.2cm, left: 2.5cm, right: 2.2cm),
  header: header, header-ascent: 12%)
#if n.amendment != () {
  block(above: 0pt, below: 1.4em, width: 100%, inset: (left: 0.8em), stroke: (left: 1.5pt),
    [#text(weight: "bold", "Ändrad kallelse:") #words(n.amendment)])
}
#for row in n.agenda {
  if row.kind == "section" {
    block(above: 1.3em, below: 0.7em, sticky: true, text(weight: "bold", row.text))
  } else {
    block(above: 0.55em, below: 0.55em, breakable: false, grid(columns: (2em, 1fr, 8em), column-gutter: 0.6em,
      str(row.number),
      { words(row.title); if row.presenter != "" { linebreak(); text(size: 9pt, row.presenter) } },
      align(right, row.case)))
  }
}
#let people(heading, rows) = {
  block(above: 1.1em, below: 0.5em, sticky: true, text(style: "italic", weight: "bold", heading))
  for line in rows { block(above: 0.5em, below: 0.5em, line) }
}
#for part in n.roster {
  block(above: 2em, below: 0.6em, sticky: true, text(size: 12pt, weight: "bold", part.heading))
  for group in part.groups { people(group.heading, group.people) }
}
"""


class NoticeError(ValueError):
    """A notice that cannot be typeset (Typst refused it)."""


def notice_pdf(notice: Notice) -> bytes:
    """The notice as an A4 PDF (fonts embedded)."""
    return compile_pdf(TEMPLATE, NoticeError, "the notice", {"notice": json.dumps(notice_data(notice), ensure_ascii=False)})


def notice_data(notice: Notice) -> dict:
    """Every string the notice prints, in the order it prints them (the JSON the template reads)."""
    when = f"Tid: {notice.date.isoformat()}"
    if notice.start_time is not None:
        when += f" kl. {notice.start_time.strftime('%H:%M')}"
    agenda: list[dict] = []
    section = ""
    for item in notice.items:
        if item.section and item.section != section:
            agenda.append({"kind": "section", "text": _line(item.section)})
        section = item.section
        agenda.append({"kind": "item", "number": item.number, "title": chunks(item.title), "case": _line(item.case_number),
                       "presenter": _line(f"Föredragande: {item.presenter}") if item.presenter.strip() else ""})
    roster = [{"heading": heading, "groups": [_group(g) for g in groups]}
              for heading, groups in (("Kallade", notice.called), ("För kännedom", notice.for_information)) if groups]
    return {
        "title": _line(f"Kallelse {notice.body} {notice.date.isoformat()}"),
        "organisation": _line(notice.organisation),
        "label": "ÄNDRAD KALLELSE" if notice.amendment.strip() else "KALLELSE",
        "body": _line(notice.body),
        "when": when,
        "place": _line(f"Plats: {notice.place}") if notice.place.strip() else "",
        "amendment": chunks(notice.amendment),
        "agenda": agenda,
        "roster": roster,
    }


def person_line(person: CalledPerson) -> str:
    """`Name (S) ordförande`, `Name (S)`, `Name, regiondirektör`."""
    name, party, role = _line(person.name), _line(person.party), _line(person.role)
    if party:
        return " ".join(part for part in (name, f"({party})", role) if part)
    return f"{name}, {role}" if role else name


def _group(group: CalledGroup) -> dict:
    return {"heading": _line(group.heading), "people": [person_line(p) for p in group.people]}

"""Notices and document PDFs for the tests and the benchmark of `paragraf.secretariat.typeset`.

    seed_meeting()                       # the seed's parse and its Regionstyrelsen 2023-03-07 meeting
    notice_from_meeting(meeting, org)    # a `Notice` of a meeting of the packet contract
    document_pdf(title, lines, ...)      # a real PDF of text pages, typeset with Typst

Documents are typeset from lines of text (the corpus's, for realistic pages) passed as JSON,
so any text is safe; `rotate` sets the pages' /Rotate with pikepdf.
"""
from __future__ import annotations

import datetime
import importlib.util
import io
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pikepdf
import typst

from paragraf.ingest import parse_path
from paragraf.secretariat.typeset.model import CalledGroup, CalledPerson, Notice, NoticeItem

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEED = SAMPLES / "corpus" / "000_9183b8d70dd3de41.txt"
SEED_DATE = "2023-03-07"
AGENDA_FIELDS = ("number", "title", "case_number", "section")
INVITED_FIELDS = ("name", "party", "group", "role")
HEADER_FIELDS = ("body", "date", "start_time", "place")
#: The heading each group of the packet contract is printed under, and whether it is called
#: (`Kallade`) or told (`För kännedom`), as in the seed's notice.
GROUPS = {
    "ledamot": ("Ordinarie ledamöter", True),
    "ersättare": ("Ersättare", False),
    "adjungerad": ("Adjungerad", False),
    "regionråd": ("Regionråd", False),
    "tjänsteman": ("Tjänstemän", False),
    "personalrepresentant": ("Personalrepresentanter", False),
}
DOCUMENT_TEMPLATE = r"""
#let d = json(bytes(sys.inputs.document))
#set page(width: d.width * 1mm, height: d.height * 1mm, margin: 2cm)
#set text(font: "Libertinus Serif", size: 10pt, lang: "sv")
#for (index, page) in d.pages.enumerate() {
  if index > 0 { pagebreak() }
  text(weight: "bold", d.title)
  for line in page { linebreak(); line }
}
"""


@cache
def seed_packet() -> dict:
    return parse_path(SEED)


def seed_meeting() -> tuple[dict, dict]:
    """The seed's parse and its meeting of 2023-03-07 (the notice at its start)."""
    packet = seed_packet()
    return packet, next(m for m in packet["meetings"] if m["date"] == SEED_DATE)


def notice_from_meeting(meeting: dict, organisation: str, amendment: str = "") -> Notice:
    """The notice of a meeting as the packet contract gives it (agenda, invited)."""
    items = tuple(NoticeItem(a["number"], a["title"], a["case_number"] or "", a["section"] or "", a["presenter"] or "")
                  for a in meeting["agenda"])
    people: dict[str, list[CalledPerson]] = {}
    for p in meeting["invited"]:
        people.setdefault(p["group"], []).append(CalledPerson(p["name"], p["party"] or "", p["role"] or ""))
    groups = [(GROUPS[g], tuple(members)) for g, members in people.items()]
    return Notice(
        organisation=organisation,
        body=meeting["body"],
        date=datetime.date.fromisoformat(meeting["date"]),
        start_time=datetime.time.fromisoformat(meeting["start_time"]) if meeting["start_time"] else None,
        place=meeting["place"] or "",
        items=items,
        called=tuple(CalledGroup(heading, members) for (heading, called), members in groups if called),
        for_information=tuple(CalledGroup(heading, members) for (heading, called), members in groups if not called),
        amendment=amendment,
    )


def corpus_lines() -> list[str]:
    """Non-blank lines of the seed packet: text for realistic document pages."""
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def document_pdf(title: str, pages: Sequence[Sequence[str]], size_mm: tuple[float, float] = (210, 297),
                 rotate: int = 0) -> bytes:
    """A PDF with one page per item of `pages` (its lines under `title`), of the given size; `rotate`
    sets every page's /Rotate (a scanned page turned for reading)."""
    data = json.dumps({"title": title, "pages": [list(p) for p in pages], "width": size_mm[0], "height": size_mm[1]})
    pdf = typst.compile(DOCUMENT_TEMPLATE.encode(), sys_inputs={"document": data}, ignore_system_fonts=True)
    if not rotate:
        return pdf
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            page.rotate(rotate, relative=False)
        out = io.BytesIO()
        doc.save(out)
    return out.getvalue()


def read_back(pdf: bytes, folder, name: str = "kallelse.pdf") -> dict:
    """The PDF parsed as `paragraf parse FILE.pdf` parses it."""
    path = folder / name
    path.write_bytes(pdf)
    return parse_path(path)


def only_meeting(packet: dict) -> dict:
    assert len(packet["meetings"]) == 1, [(m["body"], m["date"]) for m in packet["meetings"]]
    return packet["meetings"][0]


def scorer():
    """samples/eval/score.py as a module."""
    spec = importlib.util.spec_from_file_location("score", SAMPLES / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_of(meeting: dict, first_line: int) -> dict:
    """The gold annotation (samples/eval/FORMAT.md) of the notice of `meeting` as the seed's parse
    gives it; `first_line` is where the notice begins in the text of the PDF (its first line)."""
    return {
        "seed": "kallelse.pdf",
        "scope": "the notice of Regionstyrelsen 2023-03-07 typeset from the seed's parse",
        "documents": [{"kind": "kallelse", "first_line": first_line, "title": meeting["body"], "date": meeting["date"],
                       "case_number": None}],
        "meetings": [{
            **{key: meeting[key] for key in ("body", "date", "start_time", "end_time", "place")},
            "agenda": [{f: a[f] for f in AGENDA_FIELDS} for a in meeting["agenda"]],
            "invited": [{f: p[f] for f in INVITED_FIELDS} for p in meeting["invited"]],
            "attendance": [], "signatories": None, "paragraphs": [],
        }],
    }

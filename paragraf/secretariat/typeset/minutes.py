"""The minutes of a meeting (protokoll) and extracts of them (protokollsutdrag) as PDF, typeset with Typst.

The layout is that of the seed's minutes, which the importer reads (`paragraf.ingest.minutes`):

- a page header on every page: the organisation and `PROTOKOLL 5(60)`, the body and the § range
  (`Regionstyrelsen §§ 1-47`), `Tid:` (with the adjournment) and `Plats:`; `Justerandes sign` and
  `Utdragsbestyrkande` at the foot;
- `Innehållsförteckning`: every § with its case number and pages (its heading row on every page);
- `Närvarande`: `Beslutande` (`Name (S) ers. Other`), `Ersättare`, `Adjungerad`,
  `Personalrepresentanter`, `Övriga` (`Name, title §§ 1-13`);
- `Justering`: the secretary, and an empty box over the name of the chair and of each adjuster, where
  their signatures go (`signature_boxes`: page and rectangle of each, for the signing module);
- each § on a page of its own: `§ 14`, the title, `Diarienummer:`, then `Beslut` (and the elections
  the decision does not name), `Jäv`, `Reservation`, `Sammanfattning`, `Beslutsunderlag`,
  `Yrkanden`, `Beslutsgång` (with every vote: each side and its voters, or a secret ballot's
  counts), `Protokollsanteckning`, `Beslutet skickas till` and `Beslutets antal sidor` (counted by
  Typst). Each reservation, note and jäv stands under a heading of its own.

An extract (`extract_pdf`) is the header (`PROTOKOLLSUTDRAG`) and the § asked for, each as in the
minutes, then the `Utdragsbestyrkande`: `Utdraget bestyrks`, the date and who certifies it.

No line of a text opens with a number, a label, a § sign or a new sentence (`layout.chunks`), so a
reader takes no sentence for a heading, a vote or a new proposal. Every text goes to Typst as JSON,
never into its markup.
"""
from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass

from paragraf.secretariat.typeset.layout import chunks, compile_pdf, one_line, query_values
from paragraf.secretariat.typeset.minutes_model import ElectionRecord, Minutes, MinutesParagraph, Present, VoteRecord

TEMPLATE = r"""
#let m = json(bytes(sys.inputs.minutes))
#set document(title: m.title, author: m.organisation)
#set text(font: sys.inputs.font, size: 11pt, lang: "sv", hyphenate: false)
#set par(justify: false, leading: 0.6em)
// The header and the foot of every page (`Justerandes sign`, `Utdragsbestyrkande`) are drawn as the
// page's background, the foot right after the header: so its text follows the header's in the text of
// the page, as the seed's furniture (`Protokollsutdrag, bestyrkande`) did. Drawn after the page's text,
// the last lines of every § above it (`Beslutets antal sidor` and its value) would recur beside it on
// most pages, and a reader would take them for furniture too.
#let margin = (top: 4.4cm, bottom: 2.4cm, left: 2.5cm, right: 2.2cm)
#let foot = grid(columns: (1fr, 1fr), text(size: 8pt, "Justerandes sign"), align(right, text(size: 8pt, "Utdragsbestyrkande")))
#set page(paper: "a4", margin: margin, background: {
  let width = 100% - margin.left - margin.right
  place(top + left, dx: margin.left, dy: 1.3cm, block(width: width, page-header(m.organisation, m.label, m.heading, m.lines, ())))
  place(bottom + left, dx: margin.left, dy: -1.3cm, block(width: width, foot))
})
#let section-heading(value) = block(above: 1.2em, below: 0.55em, sticky: true, text(weight: "bold", value))
#let pages-of(number) = context {
  str(here().page() - locate(label("start-" + str(number))).page() + 1)
}
#let span-of(number) = context {
  let first = locate(label("start-" + str(number))).page()
  let last = locate(label("end-" + str(number))).page()
  if first == last { str(first) } else { str(first) + "-" + str(last) }
}
#let show-block(b, number) = {
  if b.kind == "heading" { section-heading(b.text) }
  else if b.kind == "text" { block(above: 0.5em, below: 0.5em, words(b.chunks)) }
  else if b.kind == "item" { block(above: 0.35em, below: 0.35em, inset: (left: 1.2em), [#h(-1.2em)#box(width: 1.2em, "•")#words(b.chunks)]) }
  else if b.kind == "pages" { block(above: 0.5em, below: 0.5em, pages-of(number)) }
}
#let signature(s) = {
  block(above: 0.3em, below: 0.2em, breakable: false, {
    box(width: s.width * 1pt, height: s.height * 1pt, stroke: (bottom: 0.5pt), context [#metadata((
      field: s.field, name: s.signer, page: here().page(), x: here().position().x.pt(), y: here().position().y.pt(),
    )) <signature>])
    linebreak()
    s.name
  })
}
#if m.contents != none {
  table(columns: (3.2em, 1fr, 7.6em, 3.4em), stroke: none, inset: (x: 0.3em, y: 0.35em),
    table.header(text(weight: "bold", "Innehållsförteckning"), [], text(weight: "bold", "Diarienr"),
      align(right, text(weight: "bold", "Sida"))),
    ..m.contents.map(row => (row.heading, words(row.title), row.case, align(right, span-of(row.number)))).flatten())
}
#if m.attendance != none {
  pagebreak(weak: true)
  block(below: 0.8em, text(size: 12pt, weight: "bold", "Närvarande"))
  for group in m.attendance {
    block(above: 0.7em, below: 0.7em, grid(columns: (3.6cm, 1fr), row-gutter: 0.5em,
      text(weight: "bold", group.heading), group.people.map(p => words(p)).join(linebreak())))
  }
}
#if m.signoff != none {
  block(above: 2em, breakable: false, {
    block(below: 0.8em, text(size: 12pt, weight: "bold", "Justering"))
    for line in m.signoff.lines { block(above: 0.5em, below: 0.5em, words(line)) }
    for part in m.signoff.parts {
      block(above: 1em, below: 0.3em, sticky: true, text(weight: "bold", part.label))
      if part.signatures == () { block(above: 0.3em, below: 0.3em, part.name) }
      for s in part.signatures { signature(s) }
    }
  })
}
#for p in m.paragraphs {
  pagebreak(weak: true)
  [#metadata(p.number) #label("start-" + str(p.number))]
  block(below: 0.7em, sticky: true, {
    text(weight: "bold", size: 12pt, p.heading)
    linebreak()
    text(weight: "bold", words(p.title))
    if p.case != "" { linebreak(); p.case }
  })
  for b in p.blocks { show-block(b, p.number) }
  [#metadata(p.number) #label("end-" + str(p.number))]
}
#if m.certification != none {
  block(above: 2em, breakable: false, {
    block(below: 0.6em, text(weight: "bold", "Utdragsbestyrkande"))
    for line in m.certification { block(above: 0.5em, below: 0.5em, line) }
  })
}
"""
A4 = (595.2756, 841.8898)  # points
SIGNATURE_SIZE = (226.77, 45.35)  # 8 cm by 1.6 cm: room for a visible signature


class MinutesError(ValueError):
    """Minutes that cannot be typeset (Typst refused them, or an extract of a § they do not have)."""


@dataclass(frozen=True)
class SignatureBox:
    """Where a signature goes on the sign-off page: page index from 0 and the rectangle in PDF points
    from the page's lower left corner. `field` names the signature field ("Ordförande", "Justerare 1",
    "Justerare 2"), `name` the person who signs. `box` is the form `signing.interface.Box` takes."""

    page_index: int
    x1: float
    y1: float
    x2: float
    y2: float
    field: str
    name: str

    @property
    def box(self) -> tuple[int, float, float, float, float]:
        return (self.page_index, self.x1, self.y1, self.x2, self.y2)


@dataclass(frozen=True)
class TypesetMinutes:
    """The minutes PDF and where its signatures go."""

    pdf: bytes
    signature_boxes: tuple[SignatureBox, ...]


def minutes_pdf(minutes: Minutes) -> bytes:
    """The minutes as an A4 PDF (fonts embedded)."""
    return compile_pdf(TEMPLATE, MinutesError, "the minutes", _inputs(minutes_data(minutes)))


def signature_boxes(minutes: Minutes) -> list[SignatureBox]:
    """Where the chair and each adjuster sign the PDF `minutes_pdf(minutes)` gives (Typst lays the
    minutes out again to say where their boxes are)."""
    found = query_values(TEMPLATE, MinutesError, "the minutes", _inputs(minutes_data(minutes)), "<signature>")
    width, height = SIGNATURE_SIZE
    return [SignatureBox(s["page"] - 1, round(s["x"], 2), round(A4[1] - s["y"] - height, 2), round(s["x"] + width, 2),
                         round(A4[1] - s["y"], 2), s["field"], s["name"]) for s in found]


def typeset_minutes(minutes: Minutes) -> TypesetMinutes:
    """The minutes PDF and its signature boxes."""
    return TypesetMinutes(minutes_pdf(minutes), tuple(signature_boxes(minutes)))


def extract_pdf(minutes: Minutes, numbers: Sequence[int], certified_by: str, certified_on: datetime.date) -> bytes:
    """A protokollsutdrag: the § numbered `numbers` (in the minutes' order), each as in the minutes but
    without `Beslutets antal sidor` (a reader ends an extract at that line), then the
    `Utdragsbestyrkande`: certified as a true extract by `certified_by` on `certified_on`."""
    wanted = set(numbers)
    missing = wanted - {p.number for p in minutes.paragraphs}
    if missing or not wanted:
        raise MinutesError(f"the minutes have no § {sorted(missing)}" if missing else "an extract needs a §")
    paragraphs = [p for p in minutes.paragraphs if p.number in wanted]
    data = _document(minutes, "PROTOKOLLSUTDRAG", "Protokollsutdrag", paragraphs)
    data["certification"] = ["Utdraget bestyrks", certified_on.isoformat(), one_line(certified_by)]
    return compile_pdf(TEMPLATE, MinutesError, "the extract", _inputs(data))


def _inputs(data: dict) -> dict[str, str]:
    return {"minutes": json.dumps(data, ensure_ascii=False)}


def minutes_data(minutes: Minutes) -> dict:
    """Every string the minutes print, in the order they print them (the JSON the template reads)."""
    data = _document(minutes, "PROTOKOLL", "Protokoll", list(minutes.paragraphs))
    data["attendance"] = [{"heading": heading, "people": [chunks(present_line(p)) for p in people]}
                          for heading, people in (("Beslutande", minutes.deciding), ("Ersättare", minutes.substitutes),
                                                  ("Adjungerad", minutes.co_opted),
                                                  ("Personalrepresentanter", minutes.staff_representatives),
                                                  ("Övriga", minutes.others)) if people]
    data["signoff"] = _signoff(minutes)
    data["contents"] = [{"number": p.number, "heading": f"§ {p.number}", "title": chunks(p.title),
                         "case": one_line(p.case_number)} for p in minutes.paragraphs]
    return data


def _document(minutes: Minutes, label: str, kind: str, paragraphs: list[MinutesParagraph]) -> dict:
    numbers = [p.number for p in paragraphs]
    first, last = min(numbers, default=0), max(numbers, default=0)
    span = f"§ {first}" if first == last else f"§§ {first}-{last}"
    return {
        "title": one_line(f"{kind} {minutes.body} {minutes.date.isoformat()}"),
        "organisation": one_line(minutes.organisation),
        "label": label,
        "heading": one_line(f"{minutes.body} {span}") if paragraphs else one_line(minutes.body),
        "lines": [when_line(minutes)] + ([one_line(f"Plats: {minutes.place}")] if minutes.place.strip() else []),
        "attendance": None, "signoff": None, "contents": None, "certification": None,
        "paragraphs": [paragraph_data(p, pages=label == "PROTOKOLL") for p in paragraphs],
    }


def when_line(minutes: Minutes) -> str:
    """`Tid: 2023-01-31 kl. 13:00-15:40, ajournering kl. 14:20-14:40`."""
    out = f"Tid: {minutes.date.isoformat()}"
    if minutes.start_time is not None:
        out += f" kl. {minutes.start_time.strftime('%H:%M')}"
        if minutes.end_time is not None:
            out += f"-{minutes.end_time.strftime('%H:%M')}"
    if minutes.adjournment.strip():
        out += f", ajournering kl. {one_line(minutes.adjournment)}"
    return out


def present_line(person: Present) -> str:
    """`Name (S)`, `Name (S) ers. Other (S)`, `Name (S) ordförande`, `Name, regiondirektör §§ 1-13`."""
    name, party, role = one_line(person.name), one_line(person.party), one_line(person.role)
    if party:
        replaces = f"ers. {one_line(person.replaces)}" if person.replaces.strip() else ""
        line = " ".join(part for part in (name, f"({party})", replaces, role) if part)
    else:
        line = f"{name}, {role}" if role else name
    return f"{line} {one_line(person.paragraphs)}" if person.paragraphs.strip() else line


def _signoff(minutes: Minutes) -> dict:
    """The `Justering` block: its place and date, the secretary, and the boxes of the chair and adjusters."""
    width, height = SIGNATURE_SIZE
    parties = _parties(minutes.deciding)

    def signed(field: str, name: str) -> dict:
        return {"field": field, "signer": one_line(name), "name": _with_party(name, parties), "width": width, "height": height}

    where = ", ".join(part for part in (one_line(minutes.justering_place),
                                        minutes.justering_date.isoformat() if minutes.justering_date else "") if part)
    chair = [signed("Ordförande", minutes.chair)] if minutes.chair.strip() else []
    adjusters = [signed(f"Justerare {n}", name) for n, name in enumerate(minutes.adjusters, 1)]
    parts = [{"label": "Sekreterare", "name": one_line(minutes.secretary), "signatures": []},
             {"label": "Ordförande", "name": "", "signatures": chair},
             {"label": "Justerare", "name": "", "signatures": adjusters}]
    return {"lines": [chunks(f"Justeringens plats och tid: {where}")] if where else [],
            "parts": [part for part in parts if part["name"] or part["signatures"]]}


def _parties(people: Sequence[Present]) -> dict[str, str]:
    """The party of each name that only one person of `people` bears."""
    seen: dict[str, set[str]] = {}
    for person in people:
        seen.setdefault(one_line(person.name), set()).add(one_line(person.party))
    return {name: parties.pop() for name, parties in seen.items() if len(parties) == 1 and "" not in parties}


def _with_party(name: str, parties: dict[str, str]) -> str:
    name = one_line(name)
    return f"{name} ({parties[name]})" if name in parties else name


def paragraph_data(p: MinutesParagraph, pages: bool = True) -> dict:
    """The § as the template reads it: heading, title, case line and its blocks in order (the last,
    with `pages`, `Beslutets antal sidor` and the count)."""
    blocks: list[dict] = []
    _section(blocks, "Beslut", _texts(p.decision) + _appointments(p))
    for text in p.disqualifications:  # each under a heading of its own: a reader parts them by their headings
        _section(blocks, "Jäv", [_text(text)])
    for text in p.dissents:
        _section(blocks, "Reservation", [_text(text)])
    _section(blocks, "Sammanfattning", _texts(p.summary))
    _section(blocks, "Beslutsunderlag", [{"kind": "item", "chunks": chunks(item)} for item in p.basis if item.strip()])
    _section(blocks, "Yrkanden", [_text(t) for t in p.proposals])
    _section(blocks, "Beslutsgång", _texts(p.procedure) + [b for vote in p.votes for b in vote_blocks(vote)])
    for text in p.statements:
        _section(blocks, "Protokollsanteckning", [_text(text)])
    _section(blocks, "Beslutet skickas till", [_text(r) for r in p.recipients])
    if pages:
        blocks += [{"kind": "heading", "text": "Beslutets antal sidor"}, {"kind": "pages"}]
    return {"number": p.number, "heading": f"§ {p.number}", "title": chunks(p.title),
            "case": f"Diarienummer: {one_line(p.case_number)}" if p.case_number.strip() else "", "blocks": blocks}


def _section(blocks: list[dict], heading: str, content: list[dict]) -> None:
    content = [b for b in content if b.get("chunks")]
    if content:
        blocks.append({"kind": "heading", "text": heading})
        blocks.extend(content)


def _text(text: str) -> dict:
    return {"kind": "text", "chunks": chunks(text, sentences=True)}


def _texts(text: str) -> list[dict]:
    """A text's paragraphs: one a line of it."""
    return [_text(line) for line in text.splitlines() if line.strip()]


def vote_blocks(vote: VoteRecord) -> list[dict]:
    """The lines of a vote and its outcome, one paragraph each."""
    return [_text(line) for line in vote_lines(vote)] + _texts(vote.outcome)


def vote_lines(vote: VoteRecord) -> list[str]:
    """What a vote prints, a paragraph a string: each side of an open vote (`JA – för … röstar 9
    ledamöter: A (S), B (M) och C (S).`) or its counts in a sentence; each option of a secret ballot
    (`4 ledamöter röstar för Per Eriksson (C)`) and the blank."""
    if vote.method == "secret":
        lines = [f"{count} {_members(count)} röstar för {one_line(label)}" for label, count in vote.options]
        if vote.blank:
            lines.append(f"{vote.blank} {_members(vote.blank)} avstår från att rösta eller röstar blankt.")
        return lines
    if not vote.ballots:
        counts = f"Omröstningen utfaller med {vote.yes} ja-röster mot {vote.no} nej-röster."
        if vote.abstain:
            counts += f" {vote.abstain} {_members(vote.abstain)} avstår från att rösta."
        options = [f"Ja för {one_line(vote.yes_option)}."] if vote.yes_option.strip() else []
        options += [f"Nej för {one_line(vote.no_option)}."] if vote.no_option.strip() else []
        return [" ".join(options + [counts])]
    lines = []
    for choice, label, count, option in (("yes", "JA", vote.yes, vote.yes_option), ("no", "NEJ", vote.no, vote.no_option),
                                         ("abstain", "AVSTÅR", vote.abstain, "")):
        voters = [b for b in vote.ballots if b.choice == choice]
        if choice == "abstain" and not (count or voters):
            continue
        verb = f"avstår {count} {_members(count)} från att rösta" if choice == "abstain" else f"röstar {count} {_members(count)}"
        side = f"{label} – för {one_line(option)} {verb}" if option.strip() else f"{label} – {verb}"
        names = _listed([f"{one_line(b.name)} ({one_line(b.party)})" if b.party.strip() else one_line(b.name) for b in voters])
        lines.append(f"{side}: {names}." if names else f"{side}.")
    return lines


def _members(count: int) -> str:
    return "ledamot" if count == 1 else "ledamöter"


def _listed(items: list[str]) -> str:
    """`A, B och C`."""
    return items[0] if len(items) == 1 else (", ".join(items[:-1]) + " och " + items[-1] if items else "")


def _appointments(p: MinutesParagraph) -> list[dict]:
    """The elections and nominations the decision does not name (`Name (P)`), a line per post:
    `Utser Anna Ek (S) och Bo Al (M) till ledamot i Kulturrådet för 2023-2026.`"""
    decision = one_line(p.decision)
    out = []
    for verb, records in (("Utser", p.elections), ("Nominerar", p.nominations)):
        groups: dict[tuple[str, str, str, str], list[ElectionRecord]] = {}
        for record in records:
            if f"{one_line(record.name)} ({one_line(record.party)})" not in decision:
                key = (one_line(record.post), one_line(record.organisation), one_line(record.sub_body), one_line(record.period))
                groups.setdefault(key, []).append(record)
        for (post, organisation, sub_body, period), people in groups.items():
            names = _listed([f"{one_line(r.name)} ({one_line(r.party)})" if r.party.strip() else one_line(r.name) for r in people])
            where = " ".join(part for part in (f"i {organisation}" if organisation else "",
                                               f"({sub_body})" if sub_body else "", f"för {period}" if period else "") if part)
            out.append(_text(f"{verb} {names} till {post} {where}".rstrip() + "."))
    return out

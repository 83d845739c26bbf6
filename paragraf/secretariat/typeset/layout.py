"""What the notice and the minutes share: the font, Typst run on JSON inputs, the page header, and
text cut into pieces that may wrap without a line opening with something a reader takes for structure.

No user text is ever written into Typst markup: every document goes to its Typst program as JSON
(`sys.inputs`), which inserts each value as plain text, so a text may hold `#`, `*`, `$`, `[`, `\\`
or anything else.
"""
from __future__ import annotations

import json
import re

import typst

FONT = "Libertinus Serif"  # embedded in Typst itself: the same PDF on every machine

#: Typst definitions every template starts with (the document's JSON is bound by the template itself).
PRELUDE = r"""
// The header's first line is one run of text across the whole width (justified, the words of each
// side glued by narrow no-break spaces): PDFium takes a page whose text covers most of its width
// for horizontal text; on a short page it would otherwise join lines ("Tid: … 1 Upprop …").
// Under it: `title` in larger type, then `lines`, and `first-lines` on the first page only.
#let page-header(organisation, label, title, lines, first-lines) = context {
  let number = here().page()
  let glued(words) = words.replace(" ", "\u{202f}")
  par(justify: true, text(weight: "bold", glued(upper(organisation)) + " " + glued(label + " " + str(number)
    + "(" + str(counter(page).final().first()) + ")") + linebreak(justify: true)))
  v(0.6em)
  text(size: 13pt, weight: "bold", title)
  for line in lines { linebreak(); line }
  if number == 1 { for line in first-lines { linebreak(); line } }
}
// Pieces of a text (see `chunks`), each kept on one line: a line breaks only between them.
#let words(chunks) = chunks.map(c => if c.contains(regex("[ \-–/]")) { box(c) } else { c }).join(" ")
"""


def compile_pdf(template: str, error: type[Exception], what: str, inputs: dict[str, str]) -> bytes:
    """`PRELUDE` + `template` compiled to PDF with `inputs` (JSON strings) as `sys.inputs`, the font as
    `sys.inputs.font`; a Typst error (a bug of the template, never of the text) raises `error`."""
    try:
        return typst.compile((PRELUDE + template).encode(), sys_inputs={**inputs, "font": FONT},
                             ignore_system_fonts=True)
    except typst.TypstError as exc:
        raise error(f"Typst could not typeset {what}: {exc.message}") from exc


def query_values(template: str, error: type[Exception], what: str, inputs: dict[str, str], selector: str) -> list:
    """The values of the `metadata` elements `selector` (a label, `<signature>`) finds in the document
    `compile_pdf` makes of the same arguments (Typst lays it out again)."""
    try:
        found = typst.query((PRELUDE + template).encode(), selector, field="value",
                            sys_inputs={**inputs, "font": FONT}, ignore_system_fonts=True)
    except typst.TypstError as exc:
        raise error(f"Typst could not lay out {what}: {exc.message}") from exc
    return json.loads(found)


def one_line(text: str) -> str:
    """A value printed on one line: whitespace (a line break too) folded to single spaces."""
    return " ".join(text.split())


LABEL = re.compile(r"[^:]+:")
MAX_CHUNK = 40  # characters: a longer run of glued words could not fit a line
SENTENCE_END = re.compile(r"[.!?:;]$")


def chunks(text: str, sentences: bool = False) -> list[str]:
    """The words of a text that may wrap, each number, label (`Tid:`), § sign, word in parentheses
    (`(S)`) or lone dash glued to the word before it: no line may begin with one, or a reader would
    take `12 ärenden …` for item 12, `Tid: 2023-03-08` for the meeting's time, `§ 5 i …` for a § and
    `(C) yrkar` for a wrapped name. With `sentences`, the first word of a sentence is glued to the
    end of the one before, so that no line but a paragraph's first opens a sentence (a reader cuts
    proposals, reservations and decisions where a line opens with one). Typst keeps a chunk on one
    line. (A chunk grows to `MAX_CHUNK` characters at most, so it always fits a line.)"""
    out: list[str] = []
    for word in text.split():
        glue = word[0].isdigit() or word[0] in "§(–-" or bool(LABEL.fullmatch(word))
        glue = glue or (sentences and bool(out) and bool(SENTENCE_END.search(out[-1])))
        if out and glue and len(out[-1]) + len(word) < MAX_CHUNK:
            out[-1] += " " + word
        else:
            out.append(word)
    return out

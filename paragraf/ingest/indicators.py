"""Indicators (mätetal): rows of `Mätetal Målvärde Resultat Analys` tables in annual
reports and plans.

Text extraction flattens such a table into blocks: the label in a narrow column
(wrapped over short lines, maybe with a level prefix `VO` or `Nämnd`), then one
line with target and result, then the analysis. A label cut by a page break goes
on after the repeated table header on the next page; a label broken into several
blocks by blank lines (`Andel` / `heltidsanställda.`) is one label while it has not
ended a sentence, and a word the narrow cell broke without a hyphen
(`(munhälsobedömnin` / `gar)`) is joined again.

Each row is named by the report it stands in (`name_reports`: the title of its
document, else of the report the text last named) with that report's year, and
the unit written beside its values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from paragraf.ingest.cleanup import Line
from paragraf.ingest.polarity import polarity
from paragraf.ingest.model import Indicator
from paragraf.ingest.text import join_lines

TABLE_HEADER = re.compile(r"^Mätetal\s+Målvärde\s+(?:Resultat|Utfall)(?:\s+Analys|\s+Kommentar)?$", re.I)
# `Aktivitet` capitalised only: a label may wrap onto a line `aktivitet`
TABLE_END = re.compile(r"^(?:(?-i:Aktiviteter\s+Analys|Aktivitet\b)|Uppdrag/mål:|Uppdrag:|Framgångsfaktor(?:er)?:|Strategiska mål:|Strategiskt mål:)", re.I)
# The header of another table, its columns dated (`2021-12-31 Andel 2020-12-31 Andel`): a summary of
# how many indicators were met, no indicator rows
DATED_COLUMNS = re.compile(r"^\s*(?:19|20)\d\d-\d\d-\d\d\s+\w+\s+(?:19|20)\d\d-\d\d-\d\d\b")
# A heading begins with a capital: `medarbetare` alone on a line is a label wrapped (`VO Antal disputerade medarbetare`)
PERSPECTIVES = re.compile(r"^(?=(?-i:[A-ZÅÄÖ]))(?:Perspektiv:?\s*)?(Medborgare och kund|Process och produktion|Lärande och förnyelse|Medarbetare|Ekonomi|Hållbarhet|Verksamhet och process|Kund|Invånare)$", re.I)
VALUE = r"(?:[<>≤≥]=?\s?)?[-−]?\s?\d+(?:[ ]\d{3})*(?:[,.]\d+)?\s?(?:%|procent|tkr|mnkr|mkr|kr|st\.?|dagar|dgr|timmar|min)?"
VALUES_LINE = re.compile(rf"^({VALUE})(?:\s+({VALUE}))?$")
LABEL_WITH_VALUES = re.compile(rf"^(?P<label>.*[A-Za-zåäöÅÄÖ)])\s+(?P<target>{VALUE})(?:\s+(?P<result>{VALUE}))?$")
LEVELS = ("VO", "Nämnd", "RF", "RS")
LABEL_LINE_MAX = 32
LABEL_LINES_MAX = 10  # a label cell of ten short lines (`Ökad` / `projektmognad för` / …); longer is prose
# A line naming a report and its year (`Verksamhetsberättelse 2022 - Regionstyrelsens`): rows after it
# belong to it until a document of their own names them (`reports.py`)
REPORT_TITLE = re.compile(r"^(?:Verksamhetsberättelse|Verksamhetsplan|Årsredovisning|Delårsrapport|Budget och verksamhetsplan)"
                          r"(?:\s+(?:och budget|för))?\s+(?P<year>(?:19|20)\d\d)\b.{0,60}$", re.I)


@dataclass(frozen=True)
class Place:
    """Where in a report's tree a table stands: report, perspective, strategic goal, success factor, assignment."""

    report: str | None = None
    perspective: str | None = None
    goal: str | None = None
    success_factor: str | None = None
    assignment: str | None = None


# The levels of the tree above a table, each on a line of its own (`Strategiska mål: Jämlik hälsa …`).
TREE_LABELS = re.compile(r"^(?P<label>Strategiska mål|Strategiskt mål|Framgångsfaktor(?:er)?|Uppdrag/mål|Uppdrag)\s*:\s*(?P<value>.*)$", re.I)


def _tree_field(label: str) -> str:
    """The level of the tree a line names: `Strategiska mål` the goal, `Framgångsfaktorer` the success factor,
    `Uppdrag/mål` the assignment."""
    label = label.casefold()
    if label.startswith("strategisk"):
        return "goal"
    return "success_factor" if label.startswith("framgångsfaktor") else "assignment"


def _placed(place: Place, label: str, value: str) -> Place:
    """The place after a tree line: a goal starts a new goal (its factor and assignment unknown), and so on down."""
    field = _tree_field(label)
    below = {"goal": {"success_factor": None, "assignment": None}, "success_factor": {"assignment": None}}.get(field, {})
    return replace(place, **{field: value.strip() or None}, **below)


def _wrapped(place: Place, label: str, text: str) -> Place:
    """A tree line that went on over the next line (`… på såväl kort som` / `lång sikt`)."""
    field = _tree_field(label)
    return replace(place, **{field: f"{getattr(place, field) or ''} {text}".strip()})


def _goes_on(place: Place, label: str, text: str) -> bool:
    """A line right below a tree line whose sentence has not ended goes on with it (`… jämfört med` /
    `2019. Rekvirerad …`), unless it opens a table or its end."""
    value = getattr(place, _tree_field(label)) or ""
    return bool(value) and not value.endswith((".", ":", "!", "?")) and not (TABLE_HEADER.match(text) or TABLE_END.match(text))


def read_indicators(lines: list[Line]) -> list[Indicator]:
    rows: list[Indicator] = []
    place = Place()
    wrapped_tree: str | None = None  # the tree line just read: a line in lower case after it goes on with it
    tree_gap = False  # a blank line since it
    in_table = False
    blocks: list[list[Line]] = []
    block: list[Line] = []

    def flush_table() -> None:
        nonlocal blocks
        if block:
            blocks.append(list(block))
        rows.extend(_rows(blocks, place, rows))
        blocks = []

    for line in lines:
        text = line.text
        if line.header:
            continue
        if text and REPORT_TITLE.match(text) and not in_table:
            place = Place(report=text.strip(" -–"))
        if text and PERSPECTIVES.match(text):
            if in_table:
                flush_table()
                block = []
                in_table = False
            place = Place(report=place.report, perspective=PERSPECTIVES.match(text).group(1))
            continue
        tree = TREE_LABELS.match(text) if text else None
        if tree:
            if in_table:
                flush_table()
                block = []
                in_table = False
            place, wrapped_tree, tree_gap = _placed(place, tree["label"], tree["value"]), tree["label"], False
            continue
        if wrapped_tree and not text:
            tree_gap = True
        if wrapped_tree and text:
            if not in_table and (text[:1].islower() or (not tree_gap and _goes_on(place, wrapped_tree, text))):
                place = _wrapped(place, wrapped_tree, text)
                continue
            wrapped_tree = None
        if text and TABLE_HEADER.match(text):
            if in_table:
                flush_table()
                block = []
                blocks.append([Line(line.no, "\x00continued")])
            in_table = True
            continue
        if not in_table:
            continue
        if text and (TABLE_END.match(text) or DATED_COLUMNS.match(text)):
            flush_table()
            block = []
            in_table = False
            continue
        if text:
            block.append(line)
        elif block:
            blocks.append(block)
            block = []
    if in_table:
        flush_table()
    for row in rows:  # once each label is whole: a row's label may go on over the next page
        row.polarity = polarity(row.label, row.target)
    return rows


def _rows(blocks: list[list[Line]], place: Place, previous: list[Indicator]) -> list[Indicator]:
    out: list[Indicator] = []
    label_block: list[Line] | None = None
    continued = False
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        texts = [line.text for line in block]
        if texts == ["\x00continued"]:
            continued = True
            label_block = None
            continue
        if continued and (texts[0][:1].islower() or texts[0].startswith("(")) and all(len(t) <= LABEL_LINE_MAX for t in texts):
            target_rows = out or previous
            if target_rows:
                last = target_rows[-1]
                last.label = _label_text([last.label] + texts)
            continued = False
            continue
        continued = False
        if len(texts) == 1 and VALUES_LINE.match(texts[0]) and label_block:
            m = VALUES_LINE.match(texts[0])
            target, result = (m.group(1), m.group(2)) if m.group(2) else (None, m.group(1))
            out.append(_indicator(label_block, target, result, place))
            label_block = None
            continue
        worded = _worded_target(texts, blocks[index] if index < len(blocks) else None) if label_block else None
        if worded:
            out.append(_indicator(label_block, *worded, place))
            label_block = None
            index += 1
            continue
        wrapped = _wrapped_values(blocks, index - 1) if label_block else None
        if wrapped:
            (target, result), used = wrapped
            out.append(_indicator(label_block, target, result, place))
            label_block = None
            index += used - 1
            continue
        if len(texts) == 1 and LABEL_WITH_VALUES.match(texts[0]) and label_block is None:
            m = LABEL_WITH_VALUES.match(texts[0])
            label = m.group("label")
            # a row on one line: with its level (`VO …`), or with both target and result (`Frisknärvaro 66 % 58 %`)
            if (_level(label)[0] or m.group("result") or _pair(m.group("target"))) and len(label) <= 2 * LABEL_LINE_MAX:
                target, result = (m.group("target"), m.group("result")) if m.group("result") else (None, m.group("target"))
                out.append(_indicator([Line(block[0].no, label)], target, result, place))
                continue
        if all(len(t) <= LABEL_LINE_MAX for t in texts) and len(texts) <= LABEL_LINES_MAX and not NUMBER_START.match(texts[0]):
            # a label: short lines that do not start with a number; it goes on over a blank line
            # while it has not ended (a sentence, or a line of figures) and no level opens the next
            label_block = label_block + block if _label_goes_on(label_block, texts[0]) else block
        else:
            if label_block and _without_figures(label_block, texts):
                out.append(_indicator(label_block, None, None, place))
            label_block = None
    return out


def _without_figures(label: list[Line], next_texts: list[str]) -> bool:
    """A row that opens with its level (`VO Semester`) and is followed by its analysis, prose of long lines,
    with no figure between: an indicator the report follows without target or result."""
    level, rest = _level(_label_text([line.text for line in label]))
    return bool(level and rest) and any(len(t) > LABEL_LINE_MAX for t in next_texts)


def _worded_target(texts: list[str], next_block: list[Line] | None) -> tuple[str, str] | None:
    """A target in words over short lines (`Öka jfm` / `fg år 5 %`) and the result alone after it."""
    if next_block is None or len(next_block) != 1 or not all(len(t) <= LABEL_LINE_MAX for t in texts):
        return None
    result = VALUES_LINE.match(next_block[0].text)
    if not result or result.group(2) or not re.search(rf"\s{VALUE}$", texts[-1]) or NUMBER_START.match(texts[0]):
        return None
    return join_lines(texts), result.group(1)


def _label_goes_on(label: list[Line] | None, text: str) -> bool:
    if label is None or _level(text)[0]:
        return False
    return not re.search(r"[.:!?%\d]$", label[-1].text.rstrip())


NUMBER_START = re.compile(r"^(?:[<>≤≥]=?\s?)?[-−]?\d")  # a target may be written `>300`
THOUSANDS = re.compile(r"^\d{3}$")
BARE_NUMBER = re.compile(r"^[-−]?\d{1,3}$")
VALUE_REGION_BLOCKS = 6


def _wrapped_values(blocks: list[list[Line]], start: int) -> tuple[tuple[str | None, str], int] | None:
    """Target and result that do not fit one line: units on their own lines, words
    split by the narrow cell (`0,127ton` / `CO2/årsar` / `betare`), a number's
    thousands on the next line (`0 tkr -24` / `678 tkr`). The short lines from a line
    that starts with a number up to the analysis are read as one or two values.
    Returns the values and the number of blocks used."""
    texts: list[str] = []
    used = 0
    for block in blocks[start:start + VALUE_REGION_BLOCKS]:
        lines = [line.text for line in block]
        if lines == ["\x00continued"] or any(len(t) > LABEL_LINE_MAX for t in lines):
            break
        if not (NUMBER_START.match(lines[0]) or (texts and lines[0][:1].islower())):
            break
        texts.extend(lines)
        used += 1
    values = _split_values(_join_value_lines(texts)) if texts else []
    if not 1 <= len(values) <= 2:
        return None
    return ((values[0], values[1]) if len(values) == 2 else (None, values[0])), used


BROKEN_DENOMINATOR = re.compile(r"[a-zåäö]/\d+$")
UNIT_WORDS = {"procent", "tkr", "mnkr", "mkr", "kr", "st", "dagar", "dgr", "timmar", "min", "index", "ton", "år", "dygn"}


def _join_value_lines(texts: list[str]) -> str:
    """The lines of a value cell as one text; a lone lower-case word after a line ending in a
    letter is the rest of a word the narrow cell broke (`CO2/årsar` / `betare`), unless it is a unit."""
    out: list[str] = []
    for text in (t.strip() for t in texts):
        if out and re.fullmatch(r"[a-zåäö]+[.)]?", text) and text.rstrip(".)") not in UNIT_WORDS and _broken_word_end(out[-1]):
            out[-1] += text
        elif out and BROKEN_DENOMINATOR.search(out[-1]) and re.match(r"\d", text):
            out[-1] += text  # `recept/100` / `0 inv`: the cell broke the number of a unit
        else:
            out.append(text)
    return join_lines(out)


def _broken_word_end(text: str) -> bool:
    """A line ending in three or more letters that are no unit (`CO2/årsar`, not `CO2-ekv/kg`)."""
    m = re.search(r"[a-zåäö]{3,}$", text)
    return bool(m) and m.group(0) not in UNIT_WORDS


def _split_values(text: str) -> list[str]:
    """`1 200 st. 10 088` → `1 200 st.`, `10 088`: a value starts at a number, unless
    the number is the next thousands group of the number before it."""
    values: list[list[str]] = []
    for token in text.split():
        continues_number = values and BARE_NUMBER.match(values[-1][-1]) and THOUSANDS.match(token)
        if NUMBER_START.match(token) and not continues_number:
            values.append([token])
        elif values:
            values[-1].append(token)
    return [" ".join(value) for value in values]


def _level(label: str) -> tuple[str | None, str]:
    for level in LEVELS:
        if label == level:
            return level, ""
        if label.startswith(level + " "):
            return level, label[len(level) + 1:]
    return None, label


def _indicator(block: list[Line], target, result, place: Place) -> Indicator:
    level, label = _level(_label_text([line.text for line in block]))
    target, result = _value(target), _value(result)
    if target is None and result is not None:
        target, result = _pair(result) or (None, result)
    year = REPORT_TITLE.match(place.report) if place.report else None
    return Indicator(place.report, place.perspective, level, label, target, result, block[0].no,
                     year=int(year.group("year")) if year else None, unit=_unit(target, result),
                     goal=place.goal, success_factor=place.success_factor, assignment=place.assignment)


# A word the narrow label cell broke without a hyphen: a long word at the end of a line and
# a lower-case piece of one to three letters that is no word of its own (`bemanningskostnad` / `er`),
# or a piece that closes the parenthesis the long word opened (`(vuxentandvårdspro` / `gram)`).
SHORT_WORDS = {"i", "å", "ö", "av", "på", "om", "en", "ett", "och", "att", "som", "per", "för", "med", "vid", "den",
               "det", "de", "är", "har", "ej", "ska", "mot", "till", "ur", "nya", "ny", "alla", "fg", "jfm", "kr"}
WORD_PIECE = re.compile(r"^(?P<piece>[a-zåäö]{1,3})(?=[)\].,:;]|\s|$)")
LONG_WORD_END = re.compile(r"[A-Za-zÅÄÖåäö(]?[a-zåäö]{9,}$")
PAREN_WORD_END = re.compile(r"\([a-zåäö]{9,}$")
PAREN_PIECE = re.compile(r"^[a-zåäö]{1,8}\)")


def _label_text(texts: list[str]) -> str:
    out: list[str] = []
    for text in (t.strip() for t in texts):
        piece = WORD_PIECE.match(text)
        closes = out and PAREN_PIECE.match(text) and PAREN_WORD_END.search(out[-1])
        if closes or (out and piece and piece.group("piece") not in SHORT_WORDS and LONG_WORD_END.search(out[-1])):
            out[-1] += text
        else:
            out.append(text)
    return join_lines(out)


UNIT_RE = re.compile(r"^[-−]?\s?\d+(?:[ ]\d{3})*(?:[,.]\d+)?\s?(?P<unit>\S.*)?$")


def _unit(target: str | None, result: str | None) -> str | None:
    """The unit beside the values (`87 %`, `1 200 st.`, `0,624ton CO2/årsar betare`), the result's first."""
    for value in (result, target):
        m = UNIT_RE.match(value or "")
        if m and m.group("unit"):
            return m.group("unit").rstrip(".")
    return None


MARKED_PAIR = re.compile(r"^(?P<target>[<>≤≥]=?\s?\d+)\s(?P<result>\d.*)$")
DECIMAL_PAIR = re.compile(r"^(?P<target>\d+,\d+)\s(?P<result>\d+(?:,\d+)?)$")
DIGIT_GROUPS = re.compile(r"^\d{1,3}(?: \d{3})+$")


def _pair(value: str) -> tuple[str, str] | None:
    """Target and result read as one number with thousands groups: after a comparison mark (`>300 199`:
    a mark opens a target, so a result follows), after a decimal comma (`3,1 3,1`: no thousands
    group follows decimals), or two halves of as many digits (`128 128`,
    `272 000 272 804`; never `1 200`)."""
    marked = MARKED_PAIR.match(value) or DECIMAL_PAIR.match(value)
    if marked:
        return marked["target"], marked["result"]
    if not DIGIT_GROUPS.match(value):
        return None
    groups = value.split()
    if len(groups) % 2:
        return None
    first, second = " ".join(groups[:len(groups) // 2]), " ".join(groups[len(groups) // 2:])
    return (first, second) if len(first) == len(second) else None


def _value(value: str | None) -> str | None:
    return re.sub(r"\s+", " ", value).strip() if value else None

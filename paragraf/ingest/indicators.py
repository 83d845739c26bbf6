"""Indicators (mätetal): rows of `Mätetal Målvärde Resultat Analys` tables in annual
reports and plans.

Text extraction flattens such a table into blocks: the label in a narrow column
(wrapped over short lines, maybe with a level prefix `VO` or `Nämnd`), then one
line with target and result, then the analysis. A label cut by a page break goes
on after the repeated table header on the next page.
"""
from __future__ import annotations

import re

from paragraf.ingest.cleanup import Line
from paragraf.ingest.model import Indicator
from paragraf.ingest.text import join_lines

TABLE_HEADER = re.compile(r"^Mätetal\s+Målvärde\s+(?:Resultat|Utfall)(?:\s+Analys|\s+Kommentar)?$", re.I)
TABLE_END = re.compile(r"^(?:Aktiviteter\s+Analys|Aktivitet\b|Uppdrag/mål:|Uppdrag:|Framgångsfaktor(?:er)?:|Strategiska mål:|Strategiskt mål:)", re.I)
PERSPECTIVES = re.compile(r"^(?:Perspektiv:?\s*)?(Medborgare och kund|Process och produktion|Lärande och förnyelse|Medarbetare|Ekonomi|Hållbarhet|Verksamhet och process|Kund|Invånare)$", re.I)
VALUE = r"[-−]?\s?\d+(?:[ ]\d{3})*(?:[,.]\d+)?\s?(?:%|procent|tkr|mnkr|mkr|kr|st|dagar|dgr|timmar|min)?"
VALUES_LINE = re.compile(rf"^({VALUE})(?:\s+({VALUE}))?$")
LABEL_WITH_VALUES = re.compile(rf"^(?P<label>.*[A-Za-zåäöÅÄÖ)])\s+(?P<target>{VALUE})(?:\s+(?P<result>{VALUE}))?$")
LEVELS = ("VO", "Nämnd", "RF", "RS")
LABEL_LINE_MAX = 32
REPORT_TITLE = re.compile(r"^Verksamhetsberättelse\s+(?:19|20)\d\d\b(?:\s*[-–]\s*)?(?P<name>.*)$", re.I)


def read_indicators(lines: list[Line]) -> list[Indicator]:
    rows: list[Indicator] = []
    report: str | None = None
    perspective: str | None = None
    in_table = False
    blocks: list[list[Line]] = []
    block: list[Line] = []

    def flush_table() -> None:
        nonlocal blocks
        if block:
            blocks.append(list(block))
        rows.extend(_rows(blocks, report, perspective, rows))
        blocks = []

    for line in lines:
        text = line.text
        if line.header:
            continue
        if text and REPORT_TITLE.match(text) and not in_table:
            report = REPORT_TITLE.match(text).group("name") or report
        if text and PERSPECTIVES.match(text):
            if in_table:
                flush_table()
                block = []
                in_table = False
            perspective = PERSPECTIVES.match(text).group(1)
            continue
        if text and TABLE_HEADER.match(text):
            if in_table:
                flush_table()
                block = []
                blocks.append([Line(line.no, "\x00continued")])
            in_table = True
            continue
        if not in_table:
            continue
        if text and TABLE_END.match(text):
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
    return rows


def _rows(blocks: list[list[Line]], report, perspective, previous: list[Indicator]) -> list[Indicator]:
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
                last.label = join_lines([last.label] + texts)
            continued = False
            continue
        continued = False
        if len(texts) == 1 and VALUES_LINE.match(texts[0]) and label_block:
            m = VALUES_LINE.match(texts[0])
            target, result = (m.group(1), m.group(2)) if m.group(2) else (None, m.group(1))
            out.append(_indicator(label_block, target, result, report, perspective))
            label_block = None
            continue
        wrapped = _wrapped_values(blocks, index - 1) if label_block else None
        if wrapped:
            (target, result), used = wrapped
            out.append(_indicator(label_block, target, result, report, perspective))
            label_block = None
            index += used - 1
            continue
        if len(texts) == 1 and LABEL_WITH_VALUES.match(texts[0]) and label_block is None:
            m = LABEL_WITH_VALUES.match(texts[0])
            label = m.group("label")
            if _level(label)[0] and len(label) <= 2 * LABEL_LINE_MAX:
                target, result = (m.group("target"), m.group("result")) if m.group("result") else (None, m.group("target"))
                out.append(_indicator([Line(block[0].no, label)], target, result, report, perspective))
                continue
        if all(len(t) <= LABEL_LINE_MAX for t in texts) and len(texts) <= 8 and not NUMBER_START.match(texts[0]):
            label_block = block  # a label: short lines that do not start with a number
        else:
            label_block = None
    return out


NUMBER_START = re.compile(r"^[-−]?\d")
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
    values = _split_values(join_lines(texts)) if texts else []
    if not 1 <= len(values) <= 2:
        return None
    return ((values[0], values[1]) if len(values) == 2 else (None, values[0])), used


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


def _indicator(block: list[Line], target, result, report, perspective) -> Indicator:
    level, label = _level(join_lines([line.text for line in block]))
    return Indicator(report, perspective, level, label, _value(target), _value(result), block[0].no)


def _value(value: str | None) -> str | None:
    return re.sub(r"\s+", " ", value).strip() if value else None

"""Recognising the headings of Swedish minutes: § headings and the sections inside a §.

A § heading opens a line with `§` and the number, maybe after the body's short
name (`Ks § 250`), maybe followed by the title or by the case number, with or
without its label: `§1`, `§ 12 Budget 2024`, `§ 15 1435/22`,
`§ 37 Ärendenummer SLK-2026-00245`, `§ 43 Diarienummer 00541/20231.2.2.`,
`Ks § 250  Dnr KS 2021/123`, `§ 12 Dnr 2024-000123`. A heading carried over a
page break says so (`§ 29 (forts.)`, `forts. § 29`).

The section headings inside a § are a table of data (`sections.py`).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from typing import TYPE_CHECKING

from paragraf.ingest.sections import inline_section, section_role
from paragraf.ingest.text import case_parts, fold, heading_case_number

if TYPE_CHECKING:
    from paragraf.ingest.cleanup import Line

__all__ = ["DNR_RE", "ParagraphHeading", "inline_section", "margin_heading", "next_text_line", "paragraph_heading",
           "section_heading", "split_case"]

CONTINUED = r"(?i:\(?\s*forts(?:\.|ättning)?\s*\)?\.?)"
# `§ 14`, `Ks § 250  Dnr KS 2021/123`, `KF § 3`, `KS § 3 a`, `forts. § 29`, `§ 29 (forts.)`
PARAGRAPH_RE = re.compile(
    rf"^(?:(?P<before>{CONTINUED})\s+)?"
    r"(?:(?P<prefix>[A-ZÅÄÖ][\wÅÄÖåäö/\-]{0,7})\s+)?"
    r"§\s*(?P<number>\d{1,4})(?![\d/]|[.,:\-]\d)[.:]?(?:\s?(?P<suffix>[a-h])\b)?"
    r"(?:\s*[,:]?\s+(?P<rest>.*))?$"
)
# Words before a § in running text, not a body's short name (`Enligt § 5`, `Se § 12`)
NOT_A_PREFIX = {"enligt", "se", "jfr", "och", "i", "om", "av", "till", "under", "med", "från", "vid", "samt", "från"}
# `KU § 317 06-12-05`: an earlier decision cited by its date (two-digit year), no heading
CITED_DATE = re.compile(r"^\d\d-\d\d-\d\d\b")
CONTINUED_RE = re.compile(rf"^{CONTINUED}$")
CONTINUED_START = re.compile(rf"^{CONTINUED}\s+")
CASE_LABEL = r"(?:Diarienummer|Diarienr|Dnr|Ärendenummer|Ärende nr|Ärendenr|Vårt dnr|Dossiernummer)"
DNR_RE = re.compile(rf"^{CASE_LABEL}\.?\s*:?\s*(?P<case>.+)$", re.I)
LABELLED_CASE_RE = re.compile(rf"(?:^|\s){CASE_LABEL}\b\.?\s*:?\s*(?P<case>\S.*)$", re.I)


class ParagraphHeading(NamedTuple):
    number: int
    rest: str  # what follows the number: a title, a case number, or both
    continued: bool = False  # the heading carried over a page break: the § goes on
    prefix: str | None = None  # the body's short name before the § (`Ks`, `KF`)
    suffix: str | None = None  # a sub-§ letter (`§ 3 a`), read as part of § 3


def section_heading(text: str) -> str | None:
    """The role of a section heading standing alone on its line (see `sections.HEADINGS`)."""
    return section_role(text)


def paragraph_heading(text: str) -> ParagraphHeading | None:
    if "§" not in text:
        return None
    m = PARAGRAPH_RE.match(text)
    if not m:
        return None
    if m.group("prefix") and m.group("prefix").casefold() in NOT_A_PREFIX:
        return None
    rest = (m.group("rest") or "").strip()
    continued = bool(m.group("before"))
    if rest and CONTINUED_RE.match(rest):
        rest, continued = "", True
    elif rest and CONTINUED_START.match(rest):  # `KS § 13 forts. Budget 2025`
        rest, continued = CONTINUED_START.sub("", rest), True
    if rest and (rest[0].islower() or rest.startswith(("§", ",")) or CITED_DATE.match(rest)):
        return None
    return ParagraphHeading(int(m.group("number")), rest, continued, m.group("prefix"), m.group("suffix"))


def split_case(rest: str) -> tuple[str, str | None]:
    """The title and the case number of what follows a § number: `Dnr KS 2021/123`,
    `Ärendenummer SLK-2024-00067`, a case number alone (`1435/22`) or before the title
    (`KFKS 2024/88 Ekonomisk uppföljning`), a title with the case number after it
    (`Delårsrapport augusti 2024    SN.2024.0098`), or a title."""
    rest = rest.strip().lstrip("-–: ").strip()
    m = LABELLED_CASE_RE.search(rest)
    if m and re.search(r"\d", m.group("case")):  # a label gives a case number, in a form read or as written
        case = heading_case_number(m.group("case"), labelled=True) or m.group("case").split()[0]
        return rest[: m.start()].strip(" ,-–"), case
    parts = case_parts(rest)
    if parts is not None:
        return rest[len(parts.written):].strip(" ,-–:"), parts.written
    head, _, last = rest.rpartition(" ")
    if head and case_parts(last) is not None and case_parts(last).written == last:
        return head.strip(" ,-–"), last
    return rest, None


MARGIN_INDENT = 2  # a label stands at the left margin
MAX_LABEL_WORDS = 4


def next_text_line(lines: list[Line], k: int) -> Line | None:
    return next((line for line in lines[k + 1:k + 4] if line.text), None)


def margin_heading(line: Line, following: Line | None) -> tuple[str, str] | None:
    """`Beslut          Socialnämnden godkänner …`: a heading in the label column of a
    layout with its text in the next column (three spaces or more between them, or
    one where the label fills its column and the next line goes on in the text column)."""
    if line.indent > MARGIN_INDENT or not line.raw or not line.raw[0].isupper():
        return None
    if "   " in line.raw:
        cells = re.split(r"\s{3,}", line.raw, maxsplit=1)
        role = section_role(fold(cells[0]))
        return (role, fold(cells[1])) if role else None
    if following is None or not following.text or following.indent <= MARGIN_INDENT:
        return None
    words = line.raw.split()
    for k in range(min(MAX_LABEL_WORDS, len(words) - 1), 0, -1):
        label = " ".join(words[:k])
        column = line.indent + line.raw.find(words[k], len(label))
        if section_role(label) and abs(following.indent - column) <= 2 and following.indent > MARGIN_INDENT:
            return section_role(label), fold(" ".join(words[k:]))
    return None


"""What a report says of its own goal fulfilment (måluppfyllelse), to compare with its figures: the counts
of indicators met, partly met and not met (`Antal mätetal som är uppfyllda 4 21% 4 19%` under a header
of dated columns) and the lists of the indicators it says reach or miss their target (`Verksamhetsområdet
når målet avseende måtten :`, `Målet nås inte avseende måtten :`).

Read by that shape only. The report a statement belongs to is the one of the indicators after it.
"""
from __future__ import annotations

import re

from paragraf.ingest.cleanup import Line
from paragraf.ingest.model import Indicator, StatedFulfilment

COUNT_LABEL = re.compile(r"^Antal mätetal som$", re.I)
COUNT_KINDS = (  # the line after `Antal mätetal som`
    (re.compile(r"^är delvis uppfyllda$", re.I), "partly"),
    (re.compile(r"^(?:inte är|är inte|ej är|är ej) uppfyllda$", re.I), "not_met"),
    (re.compile(r"^är uppfyllda$", re.I), "met"),
    (re.compile(r"^(?:mäts|följs upp)$", re.I), "measured"),
)
COUNTS_LINE = re.compile(r"^(?P<count>\d+)\s+\d+\s?%(?:\s+\d+\s+\d+\s?%)?$")
DATED_HEADER = re.compile(r"^(?P<year>(?:19|20)\d\d)-\d\d-\d\d\s+Andel\b", re.I)
MET_LIST = re.compile(r"\bnår målet avseende måtten\s*:?$", re.I)
NOT_MET_LIST = re.compile(r"\b(?:målet nås inte|når inte målet) avseende måtten\s*:?$", re.I)
PARTLY_LIST = re.compile(r"\b(?:målet nås delvis|når delvis målet) avseende måtten\s*:?$", re.I)
LIST_ITEM_MAX = 100


def read_fulfilment(lines: list[Line], indicators: list[Indicator]) -> list[StatedFulfilment]:
    texts = [line for line in lines if line.text and not line.header]
    statements: list[StatedFulfilment] = []
    current: StatedFulfilment | None = None
    year: int | None = None
    listing: str | None = None
    for i, line in enumerate(texts):
        text = line.text.strip()
        dated = DATED_HEADER.match(text)
        if dated:
            year, current, listing = int(dated["year"]), None, None
            continue
        if COUNT_LABEL.match(text) and i + 2 < len(texts):
            kind = next((k for pattern, k in COUNT_KINDS if pattern.match(texts[i + 1].text.strip())), None)
            counts = COUNTS_LINE.match(texts[i + 2].text.strip())
            if kind and counts:
                current = current or _new(statements, line.no, year, indicators)
                setattr(current, kind, int(counts["count"]))
            continue
        which = "met" if MET_LIST.search(text) else "not_met" if NOT_MET_LIST.search(text) else "partly" if PARTLY_LIST.search(text) else None
        if which:
            current = current or _new(statements, line.no, year, indicators)
            listing = which
            continue
        if listing and current is not None:
            if text.endswith(".") or len(text) > LIST_ITEM_MAX or text.endswith(":"):
                listing = None
                continue
            getattr(current, f"{listing}_labels").append(text)
    return statements


def _new(statements: list[StatedFulfilment], line: int, year: int | None, indicators: list[Indicator]) -> StatedFulfilment:
    after = next((i for i in indicators if i.line > line), None)
    statement = StatedFulfilment(report=after.report if after else None, year=year or (after.year if after else None), line=line)
    statements.append(statement)
    return statement

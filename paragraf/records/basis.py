"""The basis of a § (beslutsunderlag) item by item: the stored document each item names, and
where it stands in the source. The importer links by it, the portal shows by it: one rule."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from paragraf.ingest.basis import BasisItem, read_basis_item
from paragraf.records.cases import MEETING_DOCUMENTS
from paragraf.records.models import Document

ITEM_PREFIX = 40  # characters of an item enough to find its line


@dataclass
class BasisLink:
    text: str  # the item as written
    read: BasisItem | None  # the kind, date and cited body it names; None when no kind is named
    document: Document | None  # the stored document it names (kind and date), each document once

    @property
    def date(self) -> dt.date | None:
        return _date(self.read)


def link_basis(items: list[str], documents: list[Document]) -> list[BasisLink]:
    """Each item with the document it names: a dated letter by its kind and date (`Missiv
    daterat 2023-01-31`), else by its title (`Verksamhetsberättelse 2022 IT-centrum` names
    `IT-centrum, Verksamhetsberättelse`: the words of one are all words of the other, two at least)."""
    out: list[BasisLink] = []
    used: set[int] = set()
    for item in items:
        read = read_basis_item(item)
        date = _date(read)
        unused = [d for d in documents if d.pk not in used]
        if read is not None and date is not None:
            document = next((d for d in unused if d.kind == read.kind and d.date == date), None)
        else:
            # minutes and extracts are their § (whose title the item may repeat), not a document of the basis
            document = next((d for d in unused if d.kind not in MEETING_DOCUMENTS and _same_title(item, d.title)), None)
        if document is not None:
            used.add(document.pk)
        out.append(BasisLink(item, read, document))
    return out


def line_of(item: str, text_lines: list[str], first: int, last: int) -> int | None:
    """The 1-based line within `first`..`last` where a basis item begins."""
    prefix = " ".join(item.lstrip("•-– ").split())[:ITEM_PREFIX]
    for number in range(first, min(last, len(text_lines)) + 1):
        if prefix and prefix in " ".join(text_lines[number - 1].split()):
            return number
    return None


TITLE_WORD = re.compile(r"[\wåäöÅÄÖ][\wåäöÅÄÖ-]{3,}")
YEAR = re.compile(r"^(?:19|20)\d\d(?:-(?:19|20)\d\d)?$")


def _same_title(item: str, title: str) -> bool:
    words = [{w.casefold() for w in TITLE_WORD.findall(text) if not YEAR.match(w)} for text in (item, title)]
    return len(words[0] & words[1]) >= 2 and (words[0] <= words[1] or words[1] <= words[0])


def _date(read: BasisItem | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(read.date) if read and read.date else None
    except ValueError:  # a date as written that no calendar has (2022-02-30)
        return None

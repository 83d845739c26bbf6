"""The results contract of search, the same whatever the database: a query in, a page of hits out."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

KINDS = ("paragraph", "agenda_item", "document")
SORTS = ("relevance", "date")
MAX_PER_PAGE = 100
MAX_PAGE = 500  # deeper pages are cut to this one: each costs its offset in rows skipped
# Facets count at most this many matches, the newest the backend's `ranked` found (`search/backends.py`):
# up to it each count is the total of the search narrowed to that value, past it a lower bound. Reading a
# match's kind, body, date and parties costs ~8 µs on PostgreSQL at a million § (a plain GROUP BY over
# the matches read every match); 250 keep a search's p95 near its own (docs/benchmarks.md, "Search facets").
FACET_CAP = 250


class SearchTimeout(Exception):
    """The search took longer in the database than `PARAGRAF_SEARCH_TIMEOUT_MS` allows (`bound.bounded`)."""


@dataclass(frozen=True)
class SearchQuery:
    """What to look for: words, and filters by slug (organisation, body), date, record kind and party."""

    text: str
    organization: str | None = None  # Organization.slug
    body: str | None = None  # Body.slug (bodies of any organisation with that slug)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    kind: str | None = None  # one of KINDS
    party: str | None = None  # Party.abbreviation: § where a member of it proposed, dissented or voted
    sort: str = "relevance"  # or "date": newest first
    page: int = 1
    per_page: int = 20
    facets: bool = False  # count the matches by kind, body, year and party (`SearchPage.facets`)

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {self.kind!r}")
        if self.sort not in SORTS:
            raise ValueError(f"sort must be one of {SORTS}, not {self.sort!r}")
        object.__setattr__(self, "page", min(MAX_PAGE, max(1, int(self.page))))
        object.__setattr__(self, "per_page", min(MAX_PER_PAGE, max(1, int(self.per_page))))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass(frozen=True)
class SearchHit:
    kind: str  # one of KINDS
    record_id: int  # pk of the Paragraph, AgendaItem or Document
    title: str
    snippet_html: str  # escaped text, matched words in <mark>; a SafeString
    date: dt.date | None
    body_name: str  # "" for documents
    organization_name: str
    url_key: dict  # what the portal needs to build the record's URL (slugs, date, number …)
    score: float  # higher is better; comparable only within one page of one backend


@dataclass(frozen=True)
class Facets:
    """The matches of a query counted by kind, body (id), year and party. `complete`: every match
    was counted, and each count is the total of the search filtered by that value; otherwise the
    newest FACET_CAP matches were, and each count is at least as many (a lower bound)."""

    kinds: dict[str, int]
    bodies: dict[int, int]
    years: dict[int, int]
    parties: dict[str, int]
    complete: bool


@dataclass(frozen=True)
class SearchPage:
    hits: list[SearchHit]
    total: int  # counted up to a cap: then `total_is_estimate` and there are at least this many
    page: int
    pages: int
    query: SearchQuery
    total_is_estimate: bool = False
    terms: list[str] = field(default_factory=list)  # the stems looked for
    facets: Facets | None = None  # when the query asked for them

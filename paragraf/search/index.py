"""Building the search index from the records: one SearchEntry per §, agenda item and document (but
an extract holding a §); § and agenda items by one builder, `record_entries`."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable

from django.db import transaction

from paragraf.ingest.cleanup import clean
from paragraf.privacy.rules import current_masker
from paragraf.records.models import (AgendaItem, Ballot, Dissent, Document, Meeting, Paragraph, ParagraphCopy, Proposal,
                                     SourceFile)
from paragraf.search.backends import backend
from paragraf.search.models import SearchEntry

BATCH = 500


def index_source_file(source_file: SourceFile, text_lines: list[tuple[int, str]] | None = None) -> int:
    """(Re)build the entries of every record stored from this file (§ whose content it owns,
    agenda items, documents); returns how many. Idempotent: the old entries of those records go first."""
    paragraphs = Paragraph.objects.filter(source_file=source_file)
    agenda_items = AgendaItem.objects.filter(source_file=source_file)
    documents = Document.objects.filter(source_file=source_file)
    entries = [*record_entries(paragraphs, agenda_items),
               *document_entries(source_file, documents.select_related("organization"), text_lines)]
    SearchEntry.objects.filter(paragraph__in=paragraphs).delete()
    SearchEntry.objects.filter(agenda_item__in=agenda_items).delete()
    SearchEntry.objects.filter(document__in=documents).delete()
    write_entries(backend(), entries)
    return len(entries)


def index_records_of(paragraphs=(), agenda_items=(), documents=()) -> int:
    """The entries of these records (ids) written anew, in the caller's transaction (`search/sync.py`:
    a record saved outside an import); returns how many."""
    entries = record_entries(Paragraph.objects.filter(pk__in=list(paragraphs)),
                             AgendaItem.objects.filter(pk__in=list(agenda_items)))
    by_file = defaultdict(list)
    for document in Document.objects.filter(pk__in=list(documents), source_file__isnull=False).select_related("organization"):
        by_file[document.source_file_id].append(document)
    for source_file in SourceFile.objects.filter(pk__in=list(by_file)).defer("data"):
        entries += document_entries(source_file, by_file[source_file.pk])
    with transaction.atomic():
        SearchEntry.objects.filter(paragraph__in=list(paragraphs)).delete()
        SearchEntry.objects.filter(agenda_item__in=list(agenda_items)).delete()
        SearchEntry.objects.filter(document__in=list(documents)).delete()
        write_entries(backend(), entries)
    return len(entries)


def write_entries(engine, entries: list[SearchEntry]) -> None:
    """Store entries with their personal data masked: search is public, so a hidden number is
    neither shown in a snippet nor found by searching for it."""
    masker = current_masker()
    for entry in entries:
        entry.title = masker.mask(entry.title)
        entry.text = masker.mask(entry.text)
    engine.prepare(entries)
    SearchEntry.objects.bulk_create(entries, batch_size=BATCH)


def rebuild_index(progress: Callable[[int], None] | None = None) -> int:
    """Every entry anew, in one transaction (`index_records` batch by batch inside it);
    `progress(n)` after each batch of n entries (out of `count_records()`)."""
    with transaction.atomic():
        return index_records(progress)


def document_entries(source_file: SourceFile, documents, text_lines: list[tuple[int, str]] | None = None) -> list[SearchEntry]:
    """Documents (but the extracts of a §) with the cleaned lines of their span as text (page furniture left out):
    `text_lines` as the parser read them, or cleaned here again."""
    documents = _without_extracts_of_paragraphs(source_file, list(documents))
    if not documents:
        return []
    lines = text_lines if text_lines is not None else text_only(source_file.text)
    numbers = [n for n, _ in lines]
    entries = []
    for document in documents:
        first, last = document.first_line or 1, document.last_line or source_file.line_count
        span = lines[bisect_left(numbers, first):bisect_right(numbers, last)]
        entries.append(
            SearchEntry(
                kind=SearchEntry.Kind.DOCUMENT,
                document=document,
                organization=document.organization,
                date=document.date,
                title=document.title or document.get_kind_display(),
                text="\n".join(text for _, text in span),
                url_key={"organization": document.organization.slug, "source_file": source_file.pk,
                         "document": document.position},
            )
        )
    return entries


def _without_extracts_of_paragraphs(source_file: SourceFile, documents: list[Document]) -> list[Document]:
    """The documents but the extracts (protokollsutdrag) that hold a § of the packet: a § is found
    once, as itself, not again through each copy of it (its page lists its extracts)."""
    extracts = [d for d in documents if d.kind == Document.Kind.EXTRACT]
    if not extracts:
        return documents
    copies = sorted(line for line in ParagraphCopy.objects.filter(source_file=source_file).values_list("first_line", flat=True)
                    if line is not None)

    def holds_paragraph(document: Document) -> bool:
        at = bisect_left(copies, document.first_line or 1)
        return at < len(copies) and copies[at] <= (document.last_line or source_file.line_count)

    return [d for d in documents if d.kind != Document.Kind.EXTRACT or not holds_paragraph(d)]


def text_only(text: str) -> list[tuple[int, str]]:
    """The cleaned text lines of a packet, page headers left out (as the parser hands them over)."""
    return [(line.no, line.text) for line in clean(text.split("\n")).lines if line.text]


def _parties_text(parties: set[str]) -> str:
    return f" {' '.join(sorted(parties))} " if parties else ""


def meeting_entries(meeting_ids: list[int]) -> list[SearchEntry]:
    """The entries of the § and agenda items of these meetings."""
    return record_entries(Paragraph.objects.filter(meeting__in=meeting_ids), AgendaItem.objects.filter(meeting__in=meeting_ids))


def record_entries(paragraphs, agenda_items) -> list[SearchEntry]:
    """The one builder of the entries of § and agenda items (querysets of them), read as plain rows
    (a few queries, no model instances): on import, on a save (`sync.py`) and in bulk alike."""
    rows = list(
        paragraphs.order_by("meeting__date", "meeting", "number")
        .values_list("id", "meeting_id", "number", "title", "case_number", "decision", "summary", "procedure")
    )
    items = list(agenda_items.order_by("meeting__date", "meeting", "position")
                 .values_list("id", "meeting_id", "number", "title", "case_number", "section", "presenter"))
    meetings = {
        m["id"]: m
        for m in Meeting.objects.filter(pk__in={row[1] for row in rows} | {row[1] for row in items}).values(
            "id", "date", "body_id", "body__slug", "body__organization_id", "body__organization__slug"
        )
    }
    ids = [row[0] for row in rows]
    proposals, dissents, parties = defaultdict(list), defaultdict(list), defaultdict(set)
    for pk, text, party, person_party in Proposal.objects.filter(paragraph__in=ids).order_by("paragraph", "position").values_list(
        "paragraph_id", "text", "party", "person__party__abbreviation"
    ):
        proposals[pk].append(text)
        parties[pk].add(party or person_party)
    for pk, text in Dissent.objects.filter(paragraph__in=ids).order_by("paragraph", "position").values_list("paragraph_id", "text"):
        dissents[pk].append(text)
    for pk, person_party in Dissent.people.through.objects.filter(dissent__paragraph__in=ids).values_list(
        "dissent__paragraph_id", "person__party__abbreviation"
    ):
        parties[pk].add(person_party)
    for pk, party, person_party in Ballot.objects.filter(vote__paragraph__in=ids).values_list(
        "vote__paragraph_id", "party", "person__party__abbreviation"
    ):
        parties[pk].add(party or person_party)

    def common(meeting_id: int) -> dict:
        m = meetings[meeting_id]
        return dict(organization_id=m["body__organization_id"], body_id=m["body_id"], date=m["date"])

    def key(meeting_id: int) -> dict:
        m = meetings[meeting_id]
        return {"organization": m["body__organization__slug"], "body": m["body__slug"], "date": m["date"].isoformat()}

    entries = []
    for pk, meeting_id, number, title, case_number, decision, summary, procedure in rows:
        texts = [case_number, decision, summary, procedure, *proposals[pk], *dissents[pk]]
        entries.append(SearchEntry(
            kind=SearchEntry.Kind.PARAGRAPH, paragraph_id=pk, **common(meeting_id), title=title,
            text="\n".join(t for t in texts if t),
            parties=_parties_text({p.upper() for p in parties[pk] if p}),
            url_key=key(meeting_id) | {"paragraph": number},
        ))
    for pk, meeting_id, number, title, case_number, section, presenter in items:
        entries.append(SearchEntry(
            kind=SearchEntry.Kind.AGENDA_ITEM, agenda_item_id=pk, **common(meeting_id), title=title,
            text="\n".join(t for t in (case_number, section, presenter) if t),
            url_key=key(meeting_id) | {"agenda_item": number},
        ))
    return entries


def count_records() -> int:
    """How many entries `index_records` writes at most (an extract holding a § gets none)."""
    return Paragraph.objects.count() + AgendaItem.objects.count() + Document.objects.count()


def index_records(progress: Callable[[int], None] | None = None, batch: int = 100, bulk: bool = False) -> int:
    """Every entry anew, whatever file the records came from, `batch` meetings at a time
    (oldest first) with one transaction each, so memory stays bounded on a large database;
    `progress(n)` after each batch. `bulk`: for a first load, the full-text indexes are built once at the end
    instead of row by row (SQLite: the FTS5 insert trigger is off and the table rebuilt;
    PostgreSQL: the GIN indexes are dropped and created again)."""
    engine = backend()
    if bulk:
        engine.before_bulk()
    SearchEntry.objects.all().delete()
    total = 0
    try:
        # Meetings in date order, so entries are written (and numbered) oldest first, as imports add them.
        meetings = list(Meeting.objects.order_by("date", "pk").values_list("pk", flat=True))
        start = 0
        while start < len(meetings):
            with transaction.atomic():
                end = start + batch
                entries = meeting_entries(meetings[start:end])
                write_entries(engine, entries)
            start = end
            total += len(entries)
            if progress:
                progress(len(entries))
        files = Document.objects.order_by().values_list("source_file_id", flat=True).distinct()
        for pk in sorted(f for f in files if f is not None):
            with transaction.atomic():
                source_file = SourceFile.objects.defer("data").get(pk=pk)
                documents = Document.objects.filter(source_file=source_file).select_related("organization")
                entries = document_entries(source_file, documents)
                write_entries(engine, entries)
            total += len(entries)
            if progress:
                progress(len(entries))
    finally:
        if bulk:
            engine.after_bulk()
    return total

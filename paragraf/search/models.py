"""The search index: one SearchEntry per searchable record (§, agenda item, document).

The full-text part lives beside the table and differs by database (migration 0002):
SQLite: the FTS5 table `search_fts` over `title_terms`/`text_terms` (stems written
here by Python), kept in step by triggers. PostgreSQL: columns `vector`
(tsvector, 'swedish') and `lexemes` (its lexemes as text, for pg_trgm), each with
a GIN index, set by a trigger; `title_terms`/`text_terms` stay empty there.
"""
from __future__ import annotations

from django.db import models

from paragraf.records.models import AgendaItem, Body, Document, Organization, Paragraph


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        PARAGRAPH = "paragraph"
        AGENDA_ITEM = "agenda_item"
        DOCUMENT = "document"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    # Exactly one of these is set; deleting the record deletes its entry.
    paragraph = models.OneToOneField(Paragraph, on_delete=models.CASCADE, null=True, related_name="+")
    agenda_item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, null=True, related_name="+")
    document = models.OneToOneField(Document, on_delete=models.CASCADE, null=True, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, null=True, related_name="+")
    date = models.DateField(null=True)
    title = models.TextField()
    text = models.TextField()  # as written: snippets are cut from it
    parties = models.CharField(max_length=400, blank=True)  # " M S SD ": who proposed, dissented or voted in a §
    url_key = models.JSONField(default=dict)
    title_terms = models.TextField(blank=True)  # SQLite only: stems and reversed stems indexed by FTS5
    text_terms = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["date"], name="search_entry_date"),
            models.Index(fields=["kind", "date"], name="search_entry_kind_date"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.record_id}: {self.title[:60]}"

    @property
    def record_id(self) -> int:
        return self.paragraph_id or self.agenda_item_id or self.document_id

"""The text a document File serves: its cleaned lines, personal data masked (a packet's is streamed in pieces: `privacy.pieces`)."""
from __future__ import annotations

from paragraf.ingest.cleanup import clean_lines
from paragraf.records.models import Document, SourceFile
from paragraf.privacy.rules import current_masker


def document_text(document: Document, source_text: str) -> str:
    """The document's span of its packet, page furniture removed (as on its portal page), masked."""
    if not (document.first_line and document.last_line):
        return ""
    lines = source_text.split("\n", document.last_line)[document.first_line - 1 : document.last_line]
    return current_masker().mask("\n".join(text for _, text in clean_lines(lines) if text)) + "\n"


def source_texts(source_ids) -> dict[int, str]:
    """The packet texts for a page of documents, each read once."""
    return dict(SourceFile.objects.filter(pk__in=set(source_ids)).values_list("pk", "text"))

"""The text a document File serves: its cleaned lines, personal data masked (a packet's is streamed in pieces: `privacy.pieces`)."""
from __future__ import annotations

from paragraf.ingest.cleanup import clean_lines
from paragraf.privacy.rules import current_masker
from paragraf.records.models import Document
from paragraf.records.texts import text_lines


def document_text(document: Document) -> str:
    """The document's span of its packet, page furniture removed (as on its portal page), masked;
    the packet's text read only up to the document's last line."""
    if not (document.source_file_id and document.first_line and document.last_line):
        return ""
    lines = text_lines(document.source_file_id, document.first_line, document.last_line)
    return current_masker().mask("\n".join(text for _, text in clean_lines(lines) if text)) + "\n"

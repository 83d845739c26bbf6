"""OParl File objects: every Document (its cleaned, masked text) and every SourceFile (the packet)."""
from __future__ import annotations

import hashlib

from django.utils.text import slugify

from paragraf.api.oparl.links import Links, common, compact, date_time, oparl_type
from paragraf.records.placing import FileUses
from paragraf.records.models import Document, SourceFile

TEXT = "text/plain"


def document_file_name(document: Document) -> str:
    stem = slugify(document.title)[:60].strip("-") or document.kind
    return f"{stem}-{document.pk}.txt"


def source_file_name(source: SourceFile) -> str:
    return source.name.rsplit(".", 1)[0] + ".txt"


def document_file(links: Links, document: Document, text: str | None = None, uses: FileUses | None = None) -> dict:
    """Embedded (in a meeting, agenda item or paper) without text or back references; in a list with back
    references; the File object itself with both."""
    data = common("File", links.oparl("file_document", document.pk), document, links.portal("document", document.pk))
    data.update(
        name=document.title or str(document.get_kind_display()),
        fileName=document_file_name(document),
        mimeType=TEXT,
        date=document.date.isoformat() if document.date else None,
        accessUrl=links.oparl("file_document_access", document.pk),
        downloadUrl=links.oparl("file_document_download", document.pk),
        masterFile=links.oparl("file_source", document.source_file_id) if document.source_file_id else None,
        keyword=[document.kind],
    )
    if text is not None:
        data.update(text=text, **_checksums(text))
    if uses is not None:
        data["meeting"] = [links.oparl("meeting", pk) for pk in sorted(uses.meetings)]
        data["agendaItem"] = [links.oparl("agenda_item_paragraph", pk) for pk in sorted(uses.paragraphs)]
        data["paper"] = [links.oparl("paper", document.case_id)] if document.case_id else []
    return compact(data)


def embedded_file(links: Links, document: Document, texts: dict[int, str]) -> dict:
    """A File inside a meeting, an agenda item or a paper: with its text, size and checksums when
    `texts` holds it (consumers such as Meine Stadt Transparent read only this copy)."""
    return document_file(links, document, texts.get(document.pk))


def source_file(links: Links, source: SourceFile, derived: list[int], meetings: list[int]) -> dict:
    """The packet; the public gets the text read from it, masked (the original bytes stay with staff)."""
    data = {
        "id": links.oparl("file_source", source.pk),
        "type": oparl_type("File"),
        "deleted": False,
        "created": date_time(source.imported_at),
        "modified": date_time(source.updated_at),
        "web": links.portal("source", source.pk),
        "name": source.name,
        "fileName": source_file_name(source),
        "mimeType": TEXT,
        "accessUrl": links.oparl("file_source_access", source.pk),
        "downloadUrl": links.oparl("file_source_download", source.pk),
        "derivativeFile": [links.oparl("file_document", pk) for pk in derived],
        "meeting": [links.oparl("meeting", pk) for pk in meetings],
        "keyword": ["paket"],
    }
    return compact(data)


def _checksums(text: str) -> dict:
    body = text.encode()
    return {"size": len(body), "sha1Checksum": hashlib.sha1(body).hexdigest(), "sha512Checksum": hashlib.sha512(body).hexdigest()}

"""The importer: meeting packets (text or PDF) to the `paragraf.packet/1` contract.

Pure Python, no Django. Everything else may depend on this package, never the reverse.

    parse_path(path) -> dict        # a text or PDF file
    parse_bytes(data, name) -> dict # raw bytes as read from a file
    parse_text(text, name) -> dict  # already decoded text

Each takes `hints=MeetingHints(organization, body, date)` for what the text does not say.
"""
from paragraf.ingest.errors import InputError
from paragraf.ingest.identity import MeetingHints
from paragraf.ingest.packet import parse_bytes, parse_path, parse_text

__all__ = ["InputError", "MeetingHints", "parse_bytes", "parse_path", "parse_text"]

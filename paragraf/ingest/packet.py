"""Entry points: a packet file, bytes or text to the `paragraf.packet/1` dict."""
from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from paragraf.ingest.assemble import read_packet
from paragraf.ingest.identity import MeetingHints
from paragraf.ingest.organization import find_mentioned_organization, find_organization
from paragraf.ingest.source import Source, read_bytes, read_path
from paragraf.ingest.version import parser_version

SCHEMA = "paragraf.packet/1"


def parse_path(path: str | Path, hints: MeetingHints | None = None) -> dict:
    return parse_source(read_path(path), hints)


def parse_bytes(data: bytes, name: str, hints: MeetingHints | None = None) -> dict:
    return parse_source(read_bytes(data, name), hints)


def parse_text(text: str, name: str = "packet.txt", hints: MeetingHints | None = None) -> dict:
    return parse_bytes(text.encode("utf-8"), name, hints)


def parse_source(source: Source, hints: MeetingHints | None = None) -> dict:
    return parse_source_with_text(source, hints)[0]


def parse_source_with_text(source: Source, hints: MeetingHints | None = None) -> tuple[dict, list[tuple[int, str]]]:
    """The contract dict, and the cleaned text lines the parser read as (source line, text):
    what a caller that keeps the text (the records' search index) would otherwise compute again.
    `hints` give what the text may not say (organisation, body, date of the meeting)."""
    lines = source.lines
    hints = hints or MeetingHints()
    packet = read_packet(lines, hints)
    return {
        "schema": SCHEMA,
        "source": {"name": source.name, "sha256": source.sha256, "lines": len(lines), "kind": source.kind},
        "parser": parser_version(),
        "organization": find_organization(lines) or hints.organization or find_mentioned_organization(lines),
        "documents": [asdict(d) for d in packet.documents],
        "meetings": [asdict(m) for m in packet.meetings],
        "indicators": [asdict(i) for i in packet.indicators],
        "registers": [asdict(r) for r in packet.registers],
        "fulfilment": [asdict(f) for f in packet.fulfilment],
        "internal_control": [asdict(r) for r in packet.internal_control],
        "internal_control_plans": [asdict(p) for p in packet.internal_control_plans],
        "delegation_schemes": [asdict(s) for s in packet.delegation_schemes],
        "warnings": packet.warnings,
    }, packet.text_lines

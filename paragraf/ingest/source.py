"""Reading a packet file into text: UTF-8 text as is, PDF through pypdfium2."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from paragraf.ingest.errors import InputError


@dataclass(frozen=True)
class Source:
    """The text the parser reads, and where it came from."""

    name: str
    sha256: str
    text: str
    kind: str  # "text" or "pdf"
    data: bytes = field(default=b"", repr=False, compare=False)  # the original bytes

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def read_path(path: str | Path) -> Source:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", source=str(path)) from exc
    return read_bytes(data, path.name)


def read_bytes(data: bytes, name: str) -> Source:
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise InputError("empty file: no text to read", source=name)
    if data.lstrip()[:5] == b"%PDF-":
        from paragraf.ingest.pdf import extract_text

        return Source(name, digest, extract_text(data, name), "pdf", data)
    return Source(name, digest, decode_text(data, name), "text", data)


def decode_text(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not UTF-8 text and not a PDF (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            source=name,
            line=line,
        ) from exc
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError("binary data (NUL byte), not a text packet", source=name, line=line)
    return text.replace("\r\n", "\n").replace("\r", "\n")

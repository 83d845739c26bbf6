"""A long text masked in pieces, for responses that stream it instead of building the masked copy
(and its bytes) of a text of many megabytes at once.

A piece ends at a blank line: no pattern of `masking.py` matches over a blank line (phone and
personal identity numbers, e-mail addresses and protected names allow at most one line break
between two of their characters) and the context a pattern reads ends at its own line, so no value
crosses a cut and the pieces joined are the text masked whole (tests/test_masking.py holds this)."""
from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator


def last_safe_cut(text: str) -> int:
    """The end of the last blank line of the text, after which the rest can be masked apart (0: none)."""
    end = len(text)
    while (br := text.rfind("\n", 0, end)) > 0:
        previous = text.rfind("\n", 0, br)
        if previous >= 0 and not text[previous + 1 : br].strip():
            return br + 1
        end = br
    return 0


def masked_texts(chunks: Iterable[str], mask, every_line: bool = False) -> Iterator[str]:
    """Chunks of a text masked by `mask(text)` in pieces that end where no value can run over (JSON
    Lines, `every_line`: at every line break); joined, the text masked whole."""
    pending = ""
    for chunk in chunks:
        pending += chunk
        cut = pending.rfind("\n") + 1 if every_line else last_safe_cut(pending)
        if cut > 0:
            ready, pending = pending[:cut], pending[cut:]
            yield mask(ready)
    if pending:
        yield mask(pending)


def masked_stream(chunks: Iterable[bytes | str], mask, charset: str = "utf-8", every_line: bool = False) -> Iterator[bytes]:
    """`masked_texts` of a streamed response's chunks, bytes in and out."""
    for piece in masked_texts(_decoded(chunks, charset), mask, every_line):
        yield piece.encode(charset)


def _decoded(chunks: Iterable[bytes | str], charset: str) -> Iterator[str]:
    """The chunks as text; a character split between two chunks is decoded whole."""
    decoder = codecs.getincrementaldecoder(charset)(errors="replace")
    for chunk in chunks:
        yield decoder.decode(chunk) if isinstance(chunk, bytes) else chunk
    yield decoder.decode(b"", final=True)

"""Snippets: a short piece of a text where the most query words meet, escaped, matched words in <mark>."""
from __future__ import annotations

import re
from itertools import islice

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from paragraf.search.words import matched_stem

WIDTH = 240
BEFORE = 60
SCAN_CHARS = 100_000  # where to look for the best window: the start of a long document is enough
SCAN_MATCHES = 300
SPACES_RE = re.compile(r"\s+")


def snippet(texts: list[str], terms: list[str]) -> SafeString:
    """The snippet of the first text with a matched word; else the start of the first non-empty text."""
    for text in texts:
        found = list(islice(_matches(text, terms, 0, min(len(text), SCAN_CHARS)), SCAN_MATCHES))
        if found:
            return _marked(text, terms, _best_start(found))
    text = next((t for t in texts if t.strip()), "")
    return mark_safe(_plain(text[:WIDTH]) + ("…" if len(text) > WIDTH else ""))


def _matches(text: str, terms: list[str], start: int, end: int):
    """(match, stem) of the words a query looks for: words containing a term (a stem starts its word)
    are cheap to find, and each is checked by stemming it."""
    if not terms:
        return
    # From a word's start only (the lookbehind): tried at every character, the leading run would
    # scan each word again from each of its letters.
    pattern = re.compile(r"(?<![^\W_])[^\W_]*?(?:%s)[^\W_]*" % "|".join(map(re.escape, terms)), re.IGNORECASE)
    for m in pattern.finditer(text, start, end):
        stem = matched_stem(m.group(), terms)
        if stem is not None:
            yield m, stem


def _best_start(found: list) -> int:
    """Where the window with the most different matched words starts (the first such)."""
    best, best_count = 0, 0
    for m, _ in found:
        start = max(0, m.start() - BEFORE)
        count = len({s for n, s in found if start <= n.start() and n.end() <= start + WIDTH})
        if count > best_count:
            best, best_count = start, count
    return best


def _marked(text: str, terms: list[str], start: int) -> SafeString:
    start = _word_start(text, start)
    end = _word_end(text, min(len(text), start + WIDTH))
    pieces, at = [], start
    for m, _ in _matches(text, terms, start, end):
        pieces.append(_plain(text[at:m.start()]))
        pieces.append(f"<mark>{escape(m.group())}</mark>")
        at = m.end()
    pieces.append(_plain(text[at:end]))
    html = "".join(pieces).strip()
    return mark_safe(("…" if start > 0 else "") + html + ("…" if end < len(text) else ""))


def _plain(text: str) -> str:
    return escape(SPACES_RE.sub(" ", text))


def _word_start(text: str, at: int) -> int:
    """Move forward to the start of a word, so the snippet does not begin mid-word."""
    if at == 0 or text[at - 1].isspace():
        return at
    space = SPACES_RE.search(text, at, at + 20)
    return space.end() if space else at


def _word_end(text: str, at: int) -> int:
    """Move back to the end of a word."""
    if at >= len(text) or text[at].isspace():
        return at
    space = None
    for space in SPACES_RE.finditer(text, max(0, at - 20), at):
        pass
    return space.start() if space else at

"""Words as search sees them: Swedish stopwords, Snowball Swedish stems, compound tails.

A query stem matches a word whose stem is the same, or, for a stem of at least
`TAIL_MIN` letters, a word whose stem ends with it: Swedish compounds put the head
word last, so `nämnd` finds `krisledningsnämnd`.
"""
from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

WORD_RE = re.compile(r"[^\W_]+")
TAIL_MIN = 4
MAX_TERMS = 12
# A query stem's compound tails are matched by name (the indexed words ending with it, from
# `search_term`) up to this many; beyond, by a prefix (SQLite) or LIKE (PostgreSQL) over the whole index.
MAX_TAILS = 200
# PostgreSQL's tsearch_data/swedish.stop (the Snowball list), so both backends drop the same words.
STOPWORDS = frozenset(
    """och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig du
    henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut när efter upp
    vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket sedan ju denna själv
    detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er sådan
    vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt
    våra ert era vilkas""".split()
)
_stemmer = Stemmer.Stemmer("swedish")


def words(text: str) -> list[str]:
    """The words of a text, case-folded, stopwords kept."""
    return WORD_RE.findall(text.casefold())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.casefold())


def stem_all(folded_words: list[str]) -> list[str]:
    return _stemmer.stemWords(folded_words)


def stems(text: str) -> list[str]:
    """The stems of a text's words, stopwords left out, in order (repeats kept)."""
    return stem_all([w for w in words(text) if w not in STOPWORDS])


def query_stems(text: str) -> list[str]:
    """The distinct stems a query looks for, at most MAX_TERMS."""
    return list(dict.fromkeys(stems(text[:1000])))[:MAX_TERMS]


def matches_tail(term: str) -> bool:
    """Whether a query stem also matches as the tail of a compound."""
    return len(term) >= TAIL_MIN and term.isalpha()


def matched_stem(word: str, terms: list[str]) -> str | None:
    """The stem of a word of a text when a query with these stems looks for it (stopwords never), else None."""
    folded = word.casefold()
    if folded in STOPWORDS:
        return None
    s = stem(folded)
    return s if any(s == t or (matches_tail(t) and s.endswith(t)) for t in terms) else None

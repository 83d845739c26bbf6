"""When two written names mean the same person or the same body, and why.

Pure functions (no database): `records.resolve` keeps the index and calls these.
Every positive answer carries a Swedish reason, stored with the alias so that
`paragraf explain` can show why names were merged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# ---------------------------------------------------------------- people


def name_tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s,]+", name.casefold()) if t]


def first_token(name: str) -> str:
    """The first name part, casefolded: every name `same_person` matches begins with one of
    the written name's parts (the same parts, reordered, or a shorter form keeping the first)."""
    tokens = name_tokens(name)
    return tokens[0][:200] if tokens else ""


def folded_name(name: str) -> str:
    """The name parts casefolded, one space between and one around (` anna berg `): a part is
    found as ` part ` whatever case the database's LIKE folds."""
    return f" {' '.join(name_tokens(name))} "[:210]


def same_person(written: str, party: str | None, known: str, known_party: str | None) -> str | None:
    """The reason `written (party)` is the person known as `known (known_party)`, or None.

    Different parties mean different people (`Pontus Lundgren (M)` and `(BA)`).
    The same name parts in another order are one person (`Håkan Karlsson Nyborg`,
    `Håkan Nyborg Karlsson`), and so is a shorter form that keeps the first name
    and at least one other part (`Håkan Nyborg`).
    """
    if party and known_party and party != known_party:
        return None
    a, b = name_tokens(written), name_tokens(known)
    if not a or not b:
        return None
    party_note = "" if party and known_party else " (parti saknas i ena källan)"
    if a == b:
        return "samma namn" + party_note
    if sorted(a) == sorted(b):
        return "samma namndelar i annan ordning" + party_note
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if len(short) >= 2 and short[0] == long[0] and set(short) <= set(long):
        return "kortare namnform: förnamnet och övriga namndelar finns i det längre namnet" + party_note
    return None


# ---------------------------------------------------------------- bodies

KIND_WORDS = ("fullmäktige", "styrelse", "nämnd", "utskott", "presidium", "beredning")
# A presidium or committee belongs to the body named beside it; its own kind wins.
SUBORDINATE_KINDS = ("presidium", "utskott", "beredning")
DEFINITE_FORMS = {
    "nämnden": "nämnd",
    "styrelsen": "styrelse",
    "utskottet": "utskott",
    "presidiet": "presidium",
    "beredningen": "beredning",
}
STOP_WORDS = {"för", "och", "i", "samt", "med", "av", "region", "regionens", "kommun", "kommunens", "landsting", "-", "–"}


@dataclass(frozen=True)
class BodyName:
    """What a body's name says: its kind, its subject words and, for a presidium or committee, its parent's name."""

    written: str
    kind: str  # a Body.Kind value
    subject: frozenset[str]
    initials: str
    parent: str | None
    acronym: str | None


KIND_CODES = {
    "fullmäktige": "fullmaktige",
    "styrelse": "styrelse",
    "nämnd": "namnd",
    "utskott": "utskott",
    "presidium": "presidium",
    "beredning": "beredning",
}


def read_body_name(name: str) -> BodyName:
    written = " ".join(name.split())
    words = [w for w in re.split(r"[\s,]+", written) if w]
    acronym = next((w for w in words if w.isupper() and 2 <= len(w) <= 6 and w.isalpha()), None)
    stems = [_stem(w) for w in words]
    kinds = [kind for stem in stems for kind in [_kind_of(stem)] if kind]
    kind = next((k for k in SUBORDINATE_KINDS if k in kinds), kinds[0] if kinds else None)
    parent = _parent_name(written, kind) if kind in SUBORDINATE_KINDS else None
    subject: list[str] = []
    for word, stem in zip(words, stems):
        for part in _split_compound(stem):
            if part not in STOP_WORDS and part not in KIND_WORDS and part not in subject:
                subject.append(part)
    if parent:
        subject = [p for p in subject if p not in _all_parts(parent)]
    return BodyName(
        written=written,
        kind=KIND_CODES.get(kind, "annat"),
        subject=frozenset(subject),
        initials="".join(p[0] for p in subject if p != (acronym or "").casefold()).upper(),
        parent=parent,
        acronym=acronym,
    )


def same_body(a: BodyName, b: BodyName) -> str | None:
    """The reason two body names (already known to have the same parent) mean one body, or None."""
    if a.kind != b.kind:
        return None
    if a.subject == b.subject:
        return "samma slag av organ och samma ämnesord" if a.written.casefold() != b.written.casefold() else "samma namn"
    if a.acronym and not (a.subject - {a.acronym.casefold()}) and a.acronym == b.initials:
        return f"förkortningen {a.acronym} är initialerna i {b.written}"
    if b.acronym and not (b.subject - {b.acronym.casefold()}) and b.acronym == a.initials:
        return f"förkortningen {b.acronym} är initialerna i {a.written}"
    return None


def _stem(word: str) -> str:
    """Lower case, genitive and definite endings off: `Regionstyrelsens` → `regionstyrelse`."""
    w = word.casefold().strip(".:;()-–")
    if w.endswith("s") and len(w) > 5 and w[:-1].endswith(("en", "et", "e", "na", "ium")):
        w = w[:-1]
    for definite, base in DEFINITE_FORMS.items():
        if w.endswith(definite):
            return w[: -len(definite)] + base
    return w


def _kind_of(stem: str) -> str | None:
    return next((k for k in KIND_WORDS if stem.endswith(k)), None)


def _split_compound(stem: str) -> list[str]:
    """`sjukvårdsnämnd` → [`sjukvård`, `nämnd`]; `regionstyrelse` → [`region`, `styrelse`]."""
    for kind in KIND_WORDS:
        if stem.endswith(kind) and stem != kind:
            prefix = stem[: -len(kind)]
            if prefix.endswith("s") and len(prefix) > 3:
                prefix = prefix[:-1]
            return [prefix, kind]
    return [stem]


def _all_parts(name: str) -> set[str]:
    return {part for word in re.split(r"[\s,]+", name) if word for part in _split_compound(_stem(word))}


def _parent_name(written: str, kind: str) -> str | None:
    """`Presidium - Nämnd för X` → `Nämnd för X`; `Regionstyrelsens arbetsutskott` → `Regionstyrelsen`."""
    words = written.split()
    rest = [w for w in words if _kind_of(_stem(w)) != kind]
    rest = [w for w in rest if w not in {"-", "–", "för", "i"} or rest.index(w) > 0]
    while rest and rest[0].casefold() in {"-", "–", "för", "i"}:
        rest = rest[1:]
    if not rest or not any(_kind_of(_stem(w)) for w in rest):
        return None
    text = " ".join(rest)
    # A genitive parent (`Regionstyrelsens arbetsutskott`): its name is the nominative form.
    if len(rest) == 1 and rest[0].endswith("s") and _kind_of(_stem(rest[0])):
        text = rest[0][:-1]
    return text[0].upper() + text[1:]

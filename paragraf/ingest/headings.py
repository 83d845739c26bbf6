"""Recognising the headings of Swedish minutes: § headings and the sections inside a §."""
from __future__ import annotations

import re

# `§ 14`, `Ks § 250  Dnr KS 2021/123`, `§ 12 Budget 2024`, `KF § 3`
PARAGRAPH_RE = re.compile(r"^(?:(?:[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,5}|[A-ZÅÄÖ]{1,4}-?[A-ZÅÄÖ]{0,3})\s+)?§\s*(\d{1,4})(?:\s+(?P<rest>.*))?$")
DNR_RE = re.compile(r"^(?:Diarienummer|Dnr|Diarienr|Ärendenummer)\.?\s*:?\s*(?P<case>.+)$", re.I)

# Section headings inside a §, each mapped to the field it fills.
SECTION_PATTERNS = [
    ("decision", r"(?:[A-ZÅÄÖ][\wåäö\-]+s\s+)?beslut(?:\s+i\s+ärendet)?|beslutet|förslag till beslut på sammanträdet?"),
    ("reservations", r"reservation(?:er)?|reservationer och protokollsanteckningar"),
    ("summary", r"sammanfattning(?: av ärendet)?|ärendebeskrivning|ärendet|bakgrund|information i ärendet|beskrivning av ärendet"),
    ("basis", r"beslutsunderlag|underlag|handlingar i ärendet|handlingar"),
    ("proposals", r"yrkanden?(?:/förslag till beslut på sammanträde(?:t)?)?|förslag till beslut på sammanträde(?:t)?|yrkanden och förslag"),
    ("procedure", r"beslutsgång|propositionsordning|proposition|beslutsordning|överläggning"),
    ("votes", r"omröstning(?:sresultat)?|votering|omröstningsresultat"),
    ("statements", r"protokollsanteckning(?:ar)?|särskilt yttrande|särskilda yttranden"),
    ("recipients", r"beslutet skickas till|expedieras till|skickas till|expediering|beslutet expedieras till|för kännedom till|sändlista|protokollsutdrag till|utdrag till|beslutet delges"),
    ("pages", r"beslutets antal sidor|antal sidor"),
    ("disqualification", r"jäv|jäv anmäls"),
    ("proposed", r"förslag till beslut|arbetsutskottets förslag|presidiets förslag|tjänstepersonens förslag|förvaltningens förslag"
                 # `Kommunstyrelsens förslag till kommunfullmäktige`: what a board decided to propose to another body
                 r"|[A-ZÅÄÖ][\wåäö\-]+s förslag till [\wåäö\-]*(?:fullmäktige|styrelsen|nämnden)"),
]
# All headings in one expression, tried in the order above (the first that matches names the field).
ANY_SECTION_RE = re.compile(
    "^(?:" + "|".join(f"(?P<{name}_{i}>{pattern})" for i, (name, pattern) in enumerate(SECTION_PATTERNS)) + r")\s*:?$", re.I
)
# A heading followed by its text on the same line: `Beslutet skickas till: Socialnämnden`
INLINE_SECTION_RE = [(name, re.compile(rf"^(?:{pattern})\s*:\s*(?P<rest>\S.*)$", re.I)) for name, pattern in SECTION_PATTERNS
                     if name in ("recipients", "pages", "reservations", "statements", "decision")]


def section_heading(text: str) -> str | None:
    if len(text) > 80:
        return None
    m = ANY_SECTION_RE.match(text)
    if m is None:
        return None
    group = next(name for name, value in m.groupdict().items() if value is not None)
    return group.rsplit("_", 1)[0]


def inline_section(text: str) -> tuple[str, str] | None:
    for name, pattern in INLINE_SECTION_RE:
        m = pattern.match(text)
        if m:
            return name, m.group("rest")
    return None


def paragraph_heading(text: str) -> tuple[int, str] | None:
    if "§" not in text:
        return None
    m = PARAGRAPH_RE.match(text)
    if not m:
        return None
    rest = (m.group("rest") or "").strip()
    if rest and (rest[0].islower() or rest.startswith(("§", ","))):
        return None
    return int(m.group(1)), rest

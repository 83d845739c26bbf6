"""The section headings inside a § of Swedish minutes, and the role of each: one table.

A § is cut into sections by headings on lines of their own (`Beslut`, `Yrkanden`,
`Protokollsutdrag skickas till`); a section runs to the next known heading. The
words differ from template to template, the roles do not. `HEADINGS` below is
all the parser knows of them: a new template's heading is one line there.

`<Body>s` in a heading stands for a body or office in the genitive, one to three
words (`Kommunstyrelsens beslut`, `Bygg- och miljönämndens förslag`), `<Body>`
for one to three words (`… förslag till kommunfullmäktige`).

A heading starts with a capital letter (a line in lower case goes on with the
sentence above it). Matching is otherwise tolerant: letter case, spacing, a
trailing colon, and in headings of eight letters or more one letter wrong,
missing or extra (`Expedieras til`).
A heading may also carry its text after a colon on the same line
(`Beslutet skickas till: Socialnämnden`).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# What the text under a heading of each role is (and which `Paragraph` field it fills).
ROLES = {
    "decision": "the decision (`decision`)",
    "proposed": "a proposed decision: of the staff, a preparing body or the chair (`decision` only when no decision is written)",
    "background": "what the case is about and how it was handled before (`summary`)",
    "basis": "the documents the decision rests on (`basis`)",
    "proposals": "proposals made at the meeting, yrkanden (`proposals`)",
    "procedure": "how the questions were put, beslutsgång (`procedure`)",
    "votes": "votes, omröstning (`votes`, counted from the text)",
    "reservations": "reservations (`reservations`)",
    "statements": "protocol notes and statements (`statements`)",
    "disqualification": "jäv: who left the case (`disqualifications`)",
    "recipients": "who receives the decision (`recipients`)",
    "signoff": "justering of the § at the meeting (`signoff`)",
    "pages": "the number of pages of the decision (`pages`)",
    "adjournment": "an adjournment during the § (kept out of the decision)",
    # also a heading the table lacks, learned from its recurring in the document (`paragraph.py`)
    "other": "a section that fills no field (`Villkor`, `Upplysningar`): its text is no part of the decision",
}

HEADINGS = """
# heading                                              role
Beslut                                                 decision
Beslutet                                               decision
Beslut i ärendet                                       decision
<Body>s beslut                                         decision
<Body>s beslut i ärendet                               decision
Förslag till beslut på sammanträdet                    decision
Förslag till beslut på sammanträde                     decision

Förslag till beslut                                    proposed
Förslag till <Body>s beslut                           proposed
Ordförandens förslag                                   proposed
Beslutsförslag                                         proposed
<Body>s förslag                                        proposed
<Body>s förslag till beslut                            proposed
<Body>s förslag till <Body>                            proposed

Ärendet                                                background
Ärende                                                 background
Ärendebeskrivning                                      background
Beskrivning av ärendet                                 background
Sammanfattning                                         background
Sammanfattning av ärendet                              background
Bakgrund                                               background
Information                                            background
Information i ärendet                                  background
Redogörelse                                            background
Tidigare behandling                                    background
Tidigare beslut                                        background
Ärendets behandling                                    background
Ärendets beredning                                     background
Ärendets handläggning                                  background
Beredning                                              background
Bedömning                                              background
<Body>s bedömning                                      background
Överväganden                                           background
Skäl för beslutet                                      background
Beslutsmotivering                                      background
Handläggning                                           background
Ekonomiska konsekvenser                                background
Konsekvenser                                           background

Beslutsunderlag                                        basis
Underlag                                               basis
Underlag för beslut                                    basis
Handling                                               basis
Handlingar                                             basis
Handlingar i ärendet                                   basis
Bilagor                                                basis
Lagstöd                                                basis
Lagrum                                                 basis
Tillämpliga bestämmelser                               basis
Handlingar som legat till grund för beslutet           basis

Yrkande                                                proposals
Yrkanden                                               proposals
Yrkanden och förslag                                   proposals
Förslag och yrkanden                                   proposals
Yrkanden/förslag till beslut på sammanträde            proposals
Yrkanden/förslag till beslut på sammanträdet           proposals
Ledamöternas förslag till beslut                       proposals
Yrkanden under sammanträdet                            proposals

Beslutsgång                                            procedure
Propositionsordning                                    procedure
Propositionsordningar                                  procedure
Proposition                                            procedure
Beslutsordning                                         procedure
Förslag till beslutsordning                            procedure
Överläggning                                           procedure
Behandling under sammanträdet                          procedure
Behandling på sammanträdet                             procedure
Beslutsgång och omröstning                             procedure
Yrkanden och proposition                               procedure
Proposition och omröstning                             votes

Omröstning                                             votes
Omröstningar                                           votes
Omröstningsresultat                                    votes
Votering                                               votes
Voteringar                                             votes
Voteringsresultat                                      votes
Sluten omröstning                                      votes
Öppen omröstning                                       votes

Reservation                                            reservations
Reservationer                                          reservations
Reservationer och protokollsanteckningar               reservations
Reservation och protokollsanteckning                   reservations
Protokollsanteckningar och reservationer               reservations
Skiljaktig mening                                      reservations

Protokollsanteckning                                   statements
Protokollsanteckningar                                 statements
Anteckning till protokollet                            statements
Särskilt yttrande                                      statements
Särskilda yttranden                                    statements
Deltar inte i beslutet                                 statements
Deltar ej i beslutet                                   statements
Deltar inte i beslut                                   statements
Deltar ej i beslut                                     statements

Jäv                                                    disqualification
Jäv anmäls                                             disqualification
Anmälan om jäv                                         disqualification
Anmält jäv                                             disqualification
Jävsanmälan                                            disqualification

Beslutet skickas till                                  recipients
Beslutet expedieras till                               recipients
Beslutet sänds till                                    recipients
Beslutet delges                                        recipients
Skickas till                                           recipients
Expedieras till                                        recipients
Expedieras                                             recipients
Expediering                                            recipients
Protokollsutdrag skickas till                          recipients
Protokollsutdrag till                                  recipients
Utdrag till                                            recipients
Utdrag skickas till                                    recipients
För kännedom till                                      recipients
Kopia till                                             recipients
Sändlista                                              recipients
Utdrag                                                 recipients
Beslutet ska skickas till                              recipients
Beslutet skall skickas till                            recipients
Beslut skickas till                                    recipients
Beslutet expedieras                                    recipients
Sänds till                                             recipients
Delges                                                 recipients
Delgivning                                             recipients
Exp                                                    recipients

Justering                                              signoff
Omedelbar justering                                    signoff
Omedelbart justerad                                    signoff
Paragrafen justeras omedelbart                         signoff
Justeras omedelbart                                    signoff

Beslutets antal sidor                                  pages
Antal sidor                                            pages

Ajournering                                            adjournment
Ajourneringar                                          adjournment

Villkor                                                other
Upplysningar                                           other
Upplysning                                             other
Avgift                                                 other
Avgifter                                               other
Information till sökanden                              other
"""

MAX_WORDS = 8  # no heading of the table is longer; a longer line is text
QUALIFIER_WORDS = 5  # words after a dash that qualify a heading
QUALIFIER = re.compile(r"\s+[–—-]\s+")
TYPO_MIN_LETTERS = 8  # shorter headings must be written exactly (`Ärendet` is not `Ärenden`)
# `Kommunstyrelsens`, `Bygg- och miljönämndens`, `Tekniska nämndens`, `Kommunstyrelsens arbetsutskotts`,
# `Förvaltningens`, `Ordförandens`: words before the last one are genitives too, adjectives (`-a`) or a
# suspended `Bygg- och`; the last one names a body or an office (a party's proposal is no body's)
OFFICE = (r"(?:nämnden|styrelsen|fullmäktige|utskottet|utskott|beredningen|presidiet|förvaltningen|kontoret|kansliet"
          r"|ordföranden|direktören|chefen|rådet|förbundet|direktionen|avdelningen|enheten|tjänsten|ledningen"
          r"|sekreteraren|handläggaren|tjänstepersonen|tjänstemannen|föredraganden|revisorerna|kommunen|regionen)")
GENITIVE = rf"(?:[\wåäöé]+[sa] |[\wåäöé]+- (?:och|samt) ){{0,2}}[\wåäöé\-]*{OFFICE}s"
# a body: its last word names the kind (`kommunfullmäktige`, `barn- och utbildningsnämnden`)
BODY_WORD = r"(?:fullmäktige|styrelse|styrelsen|nämnd|nämnden|utskott|utskottet|beredning|beredningen|presidium|presidiet|direktion|direktionen|råd|rådet)"
NAMED = rf"(?:[\wåäöé\-]+ (?:och |samt )?){{0,2}}[\wåäöé\-]*{BODY_WORD}"


@dataclass(frozen=True)
class Heading:
    text: str  # as written in the table
    role: str


def _normal(text: str) -> str:
    """The form headings are compared in: case folded, spaces folded, no trailing colon."""
    return " ".join(text.casefold().split()).rstrip(" :").rstrip()


def _table() -> list[Heading]:
    rows = []
    for line in HEADINGS.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        text, role = re.split(r"\s{2,}", line.strip())
        if role not in ROLES:
            raise ValueError(f"sections.HEADINGS: unknown role {role!r} for {text!r}")
        rows.append(Heading(text, role))
    return rows


TABLE = _table()
_EXACT = {_normal(h.text): h.role for h in TABLE if "<" not in h.text}
_PATTERNS = [
    (re.compile("^" + re.escape(h.text.casefold()).replace(re.escape("<body>s"), GENITIVE).replace(re.escape("<body>"), NAMED) + "$"),
     h.role)
    for h in TABLE if "<" in h.text
]
# Exact headings by length, for the one-letter typo check.
_BY_LENGTH: dict[int, list[tuple[str, str]]] = {}
for _text, _role in _EXACT.items():
    _BY_LENGTH.setdefault(len(_text), []).append((_text, _role))
_INLINE_RE = re.compile(r"^(?P<head>[^:]{2,60}?)\s*:\s*(?P<rest>\S.*)$")


@functools.lru_cache(maxsize=8192)
def section_role(text: str) -> str | None:
    """The role of a line that is a section heading on its own, else None."""
    if not text or not text[0].isupper() or len(text) > 80 or text[-1] in ".,;)" or len(text.split()) > MAX_WORDS:
        return None
    key = _normal(text)
    role = _EXACT.get(key)
    if role is not None:
        return role
    for pattern, role in _PATTERNS:
        if pattern.match(key):
            return role
    qualified = QUALIFIER.split(text, maxsplit=1)
    if len(qualified) == 2 and len(qualified[1].split()) <= QUALIFIER_WORDS:  # `Beslut – Förslag till kommunfullmäktige`
        return section_role(qualified[0])
    return _near(key)


def inline_section(text: str) -> tuple[str, str] | None:
    """A heading with its text after a colon on the same line: (role, text)."""
    if ":" not in text[:62]:
        return None
    m = _INLINE_RE.match(text)
    if m is None:
        return None
    role = section_role(m.group("head"))
    # `Avgift: 24 530 kronor` under a decision is a line of it: a section that fills no field needs a heading line
    return (role, m.group("rest")) if role and role != "other" else None


def _near(key: str) -> str | None:
    """A heading of eight letters or more with one letter wrong, missing or extra."""
    if len(key) < TYPO_MIN_LETTERS - 1:
        return None
    for length in (len(key) - 1, len(key), len(key) + 1):
        for text, role in _BY_LENGTH.get(length, ()):
            if len(text) >= TYPO_MIN_LETTERS and text[0] == key[0] and _one_edit(key, text):
                return role
    return None


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by exactly one substituted, inserted or deleted letter."""
    if a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) != 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]

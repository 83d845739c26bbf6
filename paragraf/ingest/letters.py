"""The shape of letters and enclosed documents, for the segmenter.

A staff report, cover letter or written submission ends with its signature
block: a name line and a role line (`Jane Ydman` / `Regiondirektör`), perhaps
several side by side or one under the other, a role wrapped over a lower-case
line. A title line after that block opens the next document, an attachment
whose own heading (kind label, date and case) was lost. A `§ 30` heading with
its case number or decision heading under it opens a minute extract even when
the extract's page header was lost.

An unlabelled document's kind comes from its title (`Verksamhetsberättelse
2022`, `Reglemente för krisledningsnämnd`), from how the cover letter names
it (`enligt skrivelse daterad 2022-02-07`), from the basis list of the extract
or letter that lists it (`• Missiv daterat 2023-01-31`), or from how it
names itself (`I den här planen …`).
"""
from __future__ import annotations

import re

from paragraf.ingest.cleanup import Line
from paragraf.ingest.headings import DNR_RE, paragraph_heading, section_heading
from paragraf.ingest.text import DATE, join_lines, looks_like_name

ROLE_RE = re.compile(
    r"(?:direktör|chef|ordförande|sekreterare|controller|strateg|handläggare|utvecklare|samordnare"
    r"|ansvarig|ekonom|jurist|utredare|koordinator|planerare|inspektör|rådgivare|specialist|registrator)\b",
    re.I,
)
ROLE_MAX_CHARS = 70
TITLE_MAX_WORDS = 12
NOT_A_TITLE = re.compile(r"^(?:Bilag|Kopia|Sändlista|Underlag|Beslut|Expedier|Tel\b|Telefon|E-post|www\.|Postadress|Besöksadress)", re.I)
LETTER_KINDS = ("missiv", "tjansteskrivelse", "skrivelse", None)

# Kind words that open a title, after at most two words that qualify them
# (`Strategisk beredskapsplan`, `Regionstyrelsens intern kontrollplan`), not after
# a conjunction or preposition (`Uppdrag och handlingsplan` is no plan).
LEAD = r"^(?:(?!(?:och|samt|eller|för|av|till|med|om|i|inom|över)\s)[\wåäö\-]+\s+){0,2}"
TITLE_KINDS = [
    (re.compile(LEAD + r"(?:verksamhetsberättelse|årsberättelse|årsrapport|årsredovisning)\b", re.I), "verksamhetsberattelse"),
    (re.compile(LEAD + r"[\wåäö\-]*reglemente\b", re.I), "reglemente"),
    (re.compile(LEAD + r"[\wåäö\-]*arbetsordning\b", re.I), "arbetsordning"),
    (re.compile(r"^(?:förteckning|sammanställning)\b", re.I), "forteckning"),
    (re.compile(LEAD + r"[\wåäö\-]*plan(?:\s|$)", re.I), "plan"),
    (re.compile(LEAD + r"[\wåäö\-]*rapport(?:\s|$)", re.I), "rapport"),
]
# How a document names itself in its first pages: `I den här planen`, `Rapporten beskriver`.
SELF_WORDS = {
    "plan": "plan", "verksamhetsplan": "plan", "verksamhetsberättelse": "verksamhetsberattelse",
    "rapport": "rapport", "förteckning": "forteckning", "reglemente": "reglemente", "arbetsordning": "arbetsordning",
}
SELF_RE = re.compile(
    r"\b(?:den här|denna|detta)\s+(plan|verksamhetsplan|verksamhetsberättelse|rapport|förteckning|reglemente|arbetsordning)(?:en|et)?\b"
    r"|^(verksamhetsplan|verksamhetsberättelse|rapport|förteckning)(?:en|et)\s+(?:för|är|beskriver|redovisar)\b",
    re.I,
)
SELF_WINDOW = 60
# A cover letter naming its attachment: `… enligt skrivelse daterad 2022-02-07`.
ATTACHMENT_RE = re.compile(rf"\benligt\s+(skrivelse|tjänsteskrivelse|rapport|plan|förteckning)\s+daterad\s+{DATE}", re.I)
# The first letter in a basis list: `• Missiv daterat 2023-01-31`.
BASIS_LETTER_RE = re.compile(rf"^[•\-–]?\s*(Missiv|Tjänsteskrivelse|Skrivelse)\s+daterat?d?\s+({DATE})", re.I)
LETTER_WORDS = {"missiv": "missiv", "tjänsteskrivelse": "tjansteskrivelse", "skrivelse": "skrivelse"}


def is_role(text: str) -> bool:
    """A role under a signature: the role word in its first or last word
    (`Regiondirektör`, `Sektionschef Primärvård`, `Ordförande i nämnd för …,`)."""
    if len(text) > ROLE_MAX_CHARS or not text[:1].isupper() or text.endswith("."):
        return False
    words = text.rstrip(",").split()
    return any(ROLE_RE.search(word) for word in {words[0], words[-1]})


def signature_ends_before(lines: list[Line], index: int) -> bool:
    """The text lines just before `index` are a signature block: a name line, a role
    line and at most two lower-case lines that carry the role on."""
    texts = _previous_texts(lines, index, 4)
    i = 0
    while i < len(texts) and i < 2 and texts[i][:1].islower():
        i += 1
    return i + 1 < len(texts) and is_role(texts[i]) and looks_like_name(texts[i + 1])


def opens_attachment(lines: list[Line], index: int) -> bool:
    """The line at `index` follows a signature block and is a title, not the next
    signer, a role or a section of the letter."""
    text = lines[index].text
    if not text or not signature_ends_before(lines, index) or not title_like(text) or is_role(text):
        return False
    nxt = _next_text(lines, index)
    return not (looks_like_name(text) and nxt is not None and is_role(nxt))


def title_like(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= TITLE_MAX_WORDS or not (text[0].isupper() or text[0].isdigit() or text[0] == "§"):
        return False
    if text.endswith((".", ",", ";", ":")) or section_heading(text) or NOT_A_TITLE.match(text):
        return False
    return not (len(words) == 1 and text.isupper())


def opens_extract(lines: list[Line], index: int) -> bool:
    """A § heading with a case number line or a decision heading within the next lines."""
    if not lines[index].text or paragraph_heading(lines[index].text) is None:
        return False
    seen = 0
    for line in lines[index + 1:index + 12]:
        if line.header:
            return False
        if not line.text:
            continue
        if DNR_RE.match(line.text) or section_heading(line.text) == "decision":
            return True
        seen += 1
        if seen >= 4:
            return False
    return False


def title_kind(texts: list[str]) -> str | None:
    """The kind a document's title names: its first line that is no date or case line."""
    title = next((t for t in texts[:3] if not re.match(rf"^(?:{DATE}|[A-ZÅÄÖ]{{1,5}}\s*(?:19|20)\d\d/\d+)", t)), None)
    if title is None:
        return None
    for pattern, kind in TITLE_KINDS:
        if pattern.match(title):
            return kind
    return None


def self_kind(texts: list[str]) -> str | None:
    for text in texts[:SELF_WINDOW]:
        m = SELF_RE.search(text)
        if m:
            return SELF_WORDS[(m.group(1) or m.group(2)).lower()]
    return None


def attachment_kind(cover_texts: list[str]) -> str | None:
    """The kind a cover letter gives the document it forwards (`enligt skrivelse daterad …`)."""
    prose = join_lines([text for text in cover_texts if not text.startswith(("•", "-", "–"))])
    m = ATTACHMENT_RE.search(prose)
    if m is None:
        return None
    word = m.group(1).lower()
    return LETTER_WORDS.get(word) or SELF_WORDS.get(word)


def basis_kind(texts: list[str], date: str | None) -> str | None:
    """The kind of the first letter a basis list names, when its date fits `date`."""
    for text in texts:
        m = BASIS_LETTER_RE.match(text)
        if m:
            if date is None or m.group(2) == date:
                return LETTER_WORDS[m.group(1).lower()]
            return None
    return None


def _previous_texts(lines: list[Line], index: int, count: int) -> list[str]:
    """Up to `count` text lines before `index`, nearest first, not past a page header."""
    out: list[str] = []
    for line in reversed(lines[max(0, index - 3 * count):index]):
        if line.header:
            break
        if line.text:
            out.append(line.text)
            if len(out) == count:
                break
    return out


def _next_text(lines: list[Line], index: int) -> str | None:
    for line in lines[index + 1:index + 4]:
        if line.header:
            return None
        if line.text:
            return line.text
    return None

"""Elections (val): who was appointed to what, read from the decision of a `Val` §."""
from __future__ import annotations

import re

from paragraf.ingest.cleanup import Line
from paragraf.ingest.model import Election
from paragraf.ingest.text import DATE, PARTY, join_lines

ELECTION_TITLE = re.compile(r"^(?:Val\b|Fyllnadsval|Entledigande och val|Nominering)", re.I)
POST_LABEL = re.compile(r"\b(Ledamöter|Ledamot|Ersättare|Ordförande|Vice ordförande|1:e vice ordförande|2:e vice ordförande|Ombud|Ersättare för ombud|Revisorer|Revisor|Lekmannarevisor|Suppleant|Suppleanter)\s*:", re.I)
# A person appointed: first name and at least one more name, then the party. A decision
# verb opening the sentence (`Utser Anna Ek (S) till …`) is not part of the name.
DECISION_VERB = r"(?:(?:Utser|Väljer|Nominerar|Entledigar|Förordnar|Föreslår|Beslutar|Godkänner|Och|Samt|Att)\s+)?"
NAME = r"([A-ZÅÄÖÉ][\w'\-]+(?: [A-ZÅÄÖÉ][\w'\-]+){1,4})"
PERSON = re.compile(rf"(?<![\w-]){DECISION_VERB}{NAME}\s*\(({PARTY})\)")
ONE_PERSON = rf"[A-ZÅÄÖÉ][\w'\-]+(?: [A-ZÅÄÖÉ][\w'\-]+){{1,4}}\s*\((?:{PARTY})\)"
# `Anna Ek (S), Per Berg (M) och Eva Al (C) till ledamöter`: everyone in the list gets the post.
TO_POST = re.compile(
    rf"(?<![\w-]){DECISION_VERB}(?P<people>{ONE_PERSON}(?:\s*(?:,|och)\s*{ONE_PERSON})*)\s+(?:till|som)\s+"
    r"(?P<post>(?:ersättare för |vice |1:e vice |2:e vice )?[\wåäö]+)"
)
PLURAL_POSTS = {"ledamöter": "ledamot", "revisorer": "revisor", "suppleanter": "suppleant", "ombuden": "ombud",
                "nämndemän": "nämndeman", "lekmannarevisorer": "lekmannarevisor"}
POST_NAME = (r"(?:(?:1:e |2:e |förste |andre )?vice )?ordförande|ersättare för ombud|ombud|ledamöter|ledamot|ersättare"
             r"|lekmannarevisorer|lekmannarevisor|revisorer|revisor|suppleanter|suppleant|nämndemän|nämndeman")
# The post before the organisation in the title (`Val av ombud till …`) or in the
# decision (`Till ombud vid årsstämman i … väljs`)
POST_IN_TITLE = re.compile(rf"^(?:Val|Fyllnadsval|Nominering)\s+av\s+({POST_NAME})\s+(?:till|i|för|vid)\s", re.I)
POST_IN_DECISION = re.compile(rf"(?:^|\s)(?:Till|till|Som|som)\s+({POST_NAME})\s+(?:till|i|för|vid|väljs|utses)\b")
# A general meeting is where an ombud acts, not the organisation: `årsstämma i X AB`
ASSEMBLY_PREFIX = re.compile(r"^(?:(?:ordinarie|extra)\s+)?(?:års|bolags|förenings)?stämm(?:a|an|or|orna)\s+(?:i|för|med)\s+", re.I)
PERIOD = re.compile(rf"({DATE}\s*[-–]\s*{DATE})|mandatperioden\s+((?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d)|((?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d)")


# Appointing the adjusters of the minutes is no election.
ADJUSTERS = re.compile(r"justerare|\batt justera\b|\bjustera(?:r)? (?:dagens )?protokoll", re.I)
# A nomination proposes people for another body to appoint (`nominerar`, `föreslår
# regionfullmäktige att välja`).
NOMINATION = re.compile(r"^Nominering|\bnominer(?:as|ar|ades|a)\b|\bföreslå(?:r|s)?\b[^.]{0,80}?\b(?:välja|utse)\b", re.I)


def read_appointments(title: str, decision: list[Line], all_text: str) -> tuple[list[Election], list[Election]]:
    """The elections of a § and its nominations (read alike; a nomination is no election)."""
    text = join_lines([line.text for line in decision if line.text])
    if ADJUSTERS.search(title) or ADJUSTERS.search(text):
        return [], []
    found = read_elections(title, decision, all_text)
    if NOMINATION.search(title) or NOMINATION.search(text):
        return [], found
    return found, []


def read_elections(title: str, decision: list[Line], all_text: str) -> list[Election]:
    if not ELECTION_TITLE.match(title) and not re.search(r"\bväljs\b|\butses\b|\butser\b", join_lines([l.text for l in decision]), re.I):
        return []
    text = join_lines([line.text for line in decision if line.text])
    organisation = _organisation(title)
    period = _period(all_text)
    line = decision[0].no if decision else 0
    out: list[Election] = []
    parts = _sub_bodies(text, organisation, period, line)
    if parts:
        return parts
    labelled = list(POST_LABEL.finditer(text))
    if labelled:
        for i, m in enumerate(labelled):
            end = labelled[i + 1].start() if i + 1 < len(labelled) else len(text)
            post = m.group(1).lower().rstrip("r") if m.group(1).lower() == "ledamöter" else m.group(1).lower()
            post = "ledamot" if post.startswith("ledamö") else post
            for name, party in PERSON.findall(text[m.end():end]):
                out.append(Election(name, party, post, organisation, period, line))
        return out
    out = _to_post_sentences(text, organisation, period, line)
    if out:
        return out
    for m in TO_POST.finditer(text):
        post = PLURAL_POSTS.get(m.group("post").lower(), m.group("post"))
        where = organisation or _organisation_after(text, m.end())
        for name, party in PERSON.findall(m.group("people")):
            out.append(Election(name, party, post, where, period, line))
    if not out:
        post = _post(title, text)
        for name, party in PERSON.findall(text):
            out.append(Election(name, party, post, organisation, period, line))
    return out


# `Utser nedan ledamöter till …:` and then `Regional utveckling: Per Eriksson (C) och Kerstin Hammar (M).`
INTRO_POST = re.compile(rf"\b(?:utser|väljer|utses|väljs)\s+(?:nedan(?:stående)?\s+|följande\s+)?({POST_NAME})\b", re.I)
SUB_BODY = re.compile(
    rf"(?:^|(?<=[.:])\s+)(?P<label>[A-ZÅÄÖ][^:.]{{2,80}}?):\s*(?P<people>{ONE_PERSON}(?:\s*(?:,|och)\s*{ONE_PERSON})*)")


def _sub_bodies(text: str, organisation: str | None, period: str | None, line: int) -> list[Election]:
    """People appointed to the parts of an organisation, one part a sentence, the post
    given once before them (`Utser nedan ledamöter …: Regional utveckling: …`)."""
    intro = INTRO_POST.search(text)
    if intro is None:
        return []
    post = PLURAL_POSTS.get(intro.group(1).lower(), intro.group(1).lower())
    post = "ledamot" if post.startswith("ledamö") else post
    out = []
    for m in SUB_BODY.finditer(text, intro.end()):
        label = m.group("label").strip()
        if POST_LABEL.fullmatch(label + ":") or label.lower() in PLURAL_POSTS or label.lower() in ("ledamot", "ersättare"):
            return []  # `Ledamöter: …` lists posts, not parts: read as posts
        for name, party in PERSON.findall(m.group("people")):
            out.append(Election(name, party, post, label, period, line, part_of=organisation))
    return out


SENTENCE_SPLIT = re.compile(r"(?<=\.)\s+(?=\d{1,2}\.\s|[A-ZÅÄÖ])")
# `Till (ny) 2:e vice ordförande i nämnden … väljs Anna Ek (C)`, `Som ersättare i … efter Per Ek (M) väljs …`
TILL_POST = re.compile(
    r"\b(?:Till|Som)\s+(?:nya?\s+)?(?P<post>(?:\d:[ae]\s+)?(?:vice\s+)?[a-zåäö]+)(?P<tail>.*?)\s(?:väljs|utses)\s+(?P<names>.+)$")
IN_ORGANISATION = re.compile(
    r"\bi\s+(?P<org>.+?)(?=\s+(?:efter|för|under|från|till och med|t\.\s?o\.\s?m\.|fr\.\s?o\.\s?m\.|intill|med)\b|,|$)")


def _organisation_after(text: str, at: int) -> str | None:
    """`… väljs till ordförande i valberedningen för …`: the organisation written after the post."""
    rest = re.match(r"[^.]*", text[at:]).group(0)
    org = IN_ORGANISATION.match(rest.lstrip()) if rest.lstrip().startswith("i ") else None
    return org.group("org") if org else None


def _to_post_sentences(text: str, organisation: str | None, period: str | None, line: int) -> list[Election]:
    """Sentences that name the post first and the person after the verb; the one a
    new member comes `efter` (after) stands before the verb and is not appointed."""
    out: list[Election] = []
    for sentence in SENTENCE_SPLIT.split(text):
        m = TILL_POST.search(sentence)
        if not m:
            continue
        post = PLURAL_POSTS.get(m.group("post").lower(), m.group("post"))
        post = "ledamot" if post.startswith("ledamö") else post
        org = IN_ORGANISATION.search(m.group("tail"))
        for name, party in PERSON.findall(m.group("names")):
            out.append(Election(name, party, post, org.group("org") if org else organisation, period, line))
    return out


def _organisation(title: str) -> str | None:
    m = re.match(r"^(?:Val|Fyllnadsval|Nominering)\s*(?:[-–]\s*|av\s+.+?\s+(?:till|i)\s+)(.+)$", title, re.I)
    if not m:
        return None
    org = re.sub(r",\s*(?:ombud|ledamot|ersättare)$", "", m.group(1).strip(), flags=re.I)
    org = ASSEMBLY_PREFIX.sub("", org)
    return org or None


def _post(title: str, decision: str) -> str | None:
    m = POST_IN_TITLE.match(title) or POST_IN_DECISION.search(decision)
    if not m:
        return None
    post = m.group(1).lower()
    return "ledamot" if post.startswith("ledamö") else PLURAL_POSTS.get(post, post)


def _period(text: str) -> str | None:
    m = PERIOD.search(text)
    if not m:
        return None
    return next(g for g in m.groups() if g).replace("–", "-")

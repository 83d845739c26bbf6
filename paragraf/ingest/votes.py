"""Votes (omröstningar): open roll calls and secret ballots, as prose or as lists."""
from __future__ import annotations

import re

from paragraf.ingest.cleanup import Line, blocks
from paragraf.ingest.model import Ballot, Vote, VoteOption
from paragraf.ingest.text import PARTY, ends_open, join_lines, split_person

NUM = r"(\d{1,3}|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv)"
WORDS = {"en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
         "nio": 9, "tio": 10, "elva": 11, "tolv": 12}
# `JA – för att … röstar 9 ledamöter: names` / `NEJ-röster: 6` / `Avstår: 2`
SIDE_RE = re.compile(
    r"^(?P<side>JA|NEJ|AVSTÅR|Ja|Nej|Avstår|Avstod|Avstående)(?:-röster)?\b\s*[–\-:]?\s*(?P<rest>.*)$"
)
COUNT_IN_SIDE = re.compile(rf"(?:röstar|röstade)\s+{NUM}\s*(?:ledamöter|ledamot|st)?|^{NUM}\b(?:\s*(?:röster|st|ledamöter))?|{NUM}\s+(?:ledamöter|ledamot|röster)", re.I)
# A side with its voters named in running text, the label before a colon:
# `Ja röstar:`, `Ja-röst avges av:`, `Följande röstar nej:`, `Följande ledamöter avstår från att rösta:`
VOTE_WORD = r"(?:följande|ledamöter(?:na)?|ledamot|röstar|röstade|rösta|röster|röst|avges|avgavs|avgav|lämnas|lämnades|av|från|att|med|\(\d{1,3}\))"
NAMED_SIDE_RE = re.compile(
    rf"^(?:{VOTE_WORD}\s+){{0,3}}(?P<side>ja|nej|avstår|avstod|avstående)(?:-?röst(?:er)?)?(?:\s+{VOTE_WORD}){{0,5}}\s*:\s*(?P<names>.*)$",
    re.I,
)
PROSE_RE = re.compile(
    rf"{NUM}\s+ja-?\s*röst(?:er)?\s+mot\s+{NUM}\s+nej-?\s*röst(?:er)?(?:\s*(?:,|och)\s*{NUM}\s+(?:som\s+)?(?:avstår|avstod|avstående|(?:ledamöter|ledamot) avstår|nedlagda|blanka))?",
    re.I,
)
BALLOT_FOR_RE = re.compile(rf"^{NUM}\s+(?:ledamöter|ledamot|röster|röst)?\s*(?:röstar|röstade)\s+(?:för|på)\s+(?P<label>.+?)\.?$", re.I)
BLANK_RE = re.compile(rf"\b(?P<n>{NUM})\s+(?:ledamöter\s+|ledamot\s+|röster\s+|valsedlar\s+(?:var\s+|är\s+)?|valsedel\s+(?:var\s+|är\s+)?)?(?:avstår|avstod|röstar blankt|blank|blanka|är blanka|nedlagda)", re.I)
BLANK_AFTER_RE = re.compile(rf"\b(?:blanka(?: röster| valsedlar)?|blankröster)\s*:?\s*(?P<n>\d{{1,3}})\b", re.I)
# a candidate's name, with the party maybe; case-sensitive so that a sentence's words stay out
CANDIDATE = rf"[A-ZÅÄÖÉÜ][\w'’\-]+(?: [A-ZÅÄÖÉÜ][\w'’\-]+){{0,3}}(?: \((?:{PARTY})\))?"
CANDIDATE_VOTES_RE = re.compile(
    rf"(?P<label>{CANDIDATE})\s*[:,]?\s+(?:(?:fick|erhöll|erhåller|får|har fått)\s+)?(?P<count>(?i:{NUM}))\s+röst(?:er)?\b")
VOTES_FOR_RE = re.compile(rf"(?P<count>(?i:{NUM}))\s+röst(?:er)?\s+(?:för|på|till)\s+(?P<label>{CANDIDATE})")
DIGIT = re.compile(r"\d")
SECRET_HINT = re.compile(r"sluten omröstning|sluten votering|valresultat|slutna", re.I)
NAME_RE = re.compile(rf"([A-ZÅÄÖÉ][\w'\-]+(?: [A-ZÅÄÖÉa-zåäö][\w'\-]+){{0,4}})\s*\(({PARTY})\)")
Voter = tuple[str, str | None]  # name, party


def read_votes(lines: list[Line]) -> list[Vote]:
    parts = blocks(lines)
    text_all = " ".join(join_lines([l.text for l in b]) for b in parts)
    votes: list[Vote] = []
    sentences = list(PROSE_RE.finditer(text_all))
    open_vote = _open_vote(lines, sentences[0] if sentences else None)
    if open_vote:
        votes.append(open_vote)
    else:
        votes.extend(Vote("open", _n(m.group(1)), _n(m.group(2)), _n(m.group(3)) if m.group(3) else 0)
                     for m in sentences)
    if SECRET_HINT.search(text_all) or any(BALLOT_FOR_RE.match(l.text) for l in lines if l.text):
        ballot = _ballot(lines)
        if ballot:
            votes.append(ballot)
    return votes


def _n(value: str | None) -> int:
    if value is None:
        return 0
    return int(value) if value.isdigit() else WORDS[value.lower()]


def _open_vote(lines: list[Line], sentence: re.Match | None) -> Vote | None:
    """A roll call given side by side: `JA 9 ledamöter: …`, `NEJ-röster: 6`, or the
    voters named in running text wrapped over lines (`Ja röstar: Anna Berg (S), …`).
    A count in a sentence (`Med 10 ja-röster mot 4 nej-röster`) wins over counted names."""
    sides: dict[str, tuple[int, list[Voter]]] = {}
    counted_names = False
    first_line = 0
    for item in _side_items(lines):
        text = join_lines([l.text for l in item])
        side_count = _side_count(text) or _named_side(text)
        if side_count is None:
            continue
        side, count, names, from_names = side_count
        sides[side] = (count, names)
        counted_names = counted_names or from_names
        first_line = first_line or item[0].no
    if "yes" not in sides or "no" not in sides:
        return None
    vote = Vote("open", sides["yes"][0], sides["no"][0], sides.get("abstain", (0, []))[0], line=first_line)
    for side, (_, voters) in sides.items():
        vote.ballots.extend(Ballot(name, party, side) for name, party in voters)
    vote.yes_names, vote.no_names, vote.abstain_names = (
        [name for name, _ in sides.get(side, (0, []))[1]] for side in ("yes", "no", "abstain")
    )
    if counted_names and sentence:
        vote.yes, vote.no = _n(sentence.group(1)), _n(sentence.group(2))
        if sentence.group(3):
            vote.abstain = _n(sentence.group(3))
    return vote


def _side_items(lines: list[Line]) -> list[list[Line]]:
    """The lines of each side: from a line opening with a side label on while the
    text goes on (no blank line, no finished sentence); an unfinished list goes on
    over a page break."""
    items: list[list[Line]] = []
    current: list[Line] | None = None
    for line in lines:
        if line.header:
            continue
        if not line.text:
            if current is not None and not ends_open(current[-1].text):
                current = None
            continue
        if SIDE_RE.match(line.text) or NAMED_SIDE_RE.match(line.text):
            current = [line]
            items.append(current)
        elif current is not None and not current[-1].text.endswith("."):
            current.append(line)
        else:
            current = None
    return items


def _side_count(text: str) -> tuple[str, int, list[Voter], bool] | None:
    """`JA – för att … röstar 9 ledamöter: names`, `NEJ-röster: 6`: a side with its count."""
    m = SIDE_RE.match(text)
    if not m:
        return None
    rest = m.group("rest")
    count_m = COUNT_IN_SIDE.search(rest)
    if not count_m and not re.search(r"\d", rest):
        return None
    count = _n(next(g for g in count_m.groups() if g)) if count_m else 0
    names_text = rest.split(":", 1)[1] if ":" in rest else ""
    names = [(n.strip(), p) for n, p in NAME_RE.findall(names_text)]
    if not count_m and names:
        return _side(m.group("side")), len(names), names, True
    return _side(m.group("side")), count, names, False


def _named_side(text: str) -> tuple[str, int, list[Voter], bool] | None:
    """`Ja röstar: Anna Berg (S), Per Ek (M) och …`: a side counted by its names."""
    m = NAMED_SIDE_RE.match(text)
    if not m:
        return None
    names = [(n.strip(), p) for n, p in NAME_RE.findall(m.group("names"))] or _names_without_party(m.group("names"))
    if not names:
        return None
    return _side(m.group("side")), len(names), names, True


def _names_without_party(text: str) -> list[Voter]:
    """`Anna Berg, Per Ek och Eva Lund.`: every part a name, or none taken."""
    parts = [p.strip() for p in re.split(r",\s*|\s+och\s+", text.strip().rstrip(".")) if p.strip()]
    people = [split_person(p) for p in parts]
    if not people or not all(person and person.party is None and not person.rest for person in people):
        return []
    return [(person.name, None) for person in people]


def _side(word: str) -> str:
    word = word.lower()
    return "abstain" if word.startswith("avst") else ("yes" if word == "ja" else "no")


def _ballot(lines: list[Line]) -> Vote | None:
    """A ballot between candidates: `4 ledamöter röstar för X` lines, or prose such as
    `X 5 röster, Y 3 röster och 1 blank röst` (a name may wrap onto the next line)."""
    options: list[VoteOption] = []
    blank = 0
    first = 0
    for run in _runs(lines):
        m = BALLOT_FOR_RE.match(run[0].text) if len(run) == 1 else None
        if m:
            options.append(VoteOption(m.group("label").strip(), _n(m.group(1))))
            first = first or run[0].no
            continue
        text = join_lines([line.text for line in run])
        found = _candidates(text)
        options.extend(found)
        if found:
            first = first or run[0].no
        b = BLANK_AFTER_RE.search(text) or BLANK_RE.search(text)
        if b and (options or SECRET_HINT.search(text) is None):
            blank += _n(b.group("n"))
    if len(options) < 2:
        return None
    counts = sorted((o.count for o in options), reverse=True)
    return Vote("secret", counts[0], sum(counts[1:]), blank, options=options, line=first)


def _runs(lines: list[Line]) -> list[list[Line]]:
    """Lines that read on into each other: a `N ledamöter röstar för X` line stands
    alone; a run ends at a blank line, after a line ending in `.`/`:` and after a
    short heading line (`Valresultat`)."""
    runs: list[list[Line]] = [[]]
    for line in lines:
        text = line.text
        if not text:
            runs.append([])
            continue
        if BALLOT_FOR_RE.match(text):
            runs.extend([[line], []])
            continue
        runs[-1].append(line)
        if text.endswith((".", ":", ";")) or (len(text.split()) <= 2 and not DIGIT.search(text)):
            runs.append([])
    return [run for run in runs if run]


def _candidates(text: str) -> list[VoteOption]:
    """`5 röster för X, 3 röster för Y` or `X 5 röster, Y (P) erhöll 3 röster`."""
    before = [VoteOption(m.group("label"), _n(m.group("count"))) for m in VOTES_FOR_RE.finditer(text)]
    if before:
        return before
    return [VoteOption(m.group("label"), _n(m.group("count"))) for m in CANDIDATE_VOTES_RE.finditer(text)]

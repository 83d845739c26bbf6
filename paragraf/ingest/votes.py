"""Votes (omröstningar): open roll calls and secret ballots, as prose or as lists."""
from __future__ import annotations

import re

from paragraf.ingest.cleanup import Line, blocks
from paragraf.ingest.model import Vote, VoteOption
from paragraf.ingest.text import PARTY, join_lines

NUM = r"(\d{1,3}|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv)"
WORDS = {"en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
         "nio": 9, "tio": 10, "elva": 11, "tolv": 12}
# `JA – för att … röstar 9 ledamöter: names` / `NEJ-röster: 6` / `Avstår: 2`
SIDE_RE = re.compile(
    r"^(?P<side>JA|NEJ|AVSTÅR|Ja|Nej|Avstår|Avstod|Avstående)(?:-röster)?\b\s*[–\-:]?\s*(?P<rest>.*)$"
)
COUNT_IN_SIDE = re.compile(rf"(?:röstar|röstade)\s+{NUM}\s*(?:ledamöter|ledamot|st)?|^{NUM}\b(?:\s*(?:röster|st|ledamöter))?|{NUM}\s+(?:ledamöter|ledamot|röster)", re.I)
PROSE_RE = re.compile(
    rf"{NUM}\s+ja-?\s*röster\s+mot\s+{NUM}\s+nej-?\s*röster(?:\s*(?:,|och)\s*{NUM}\s+(?:som\s+)?(?:avstår|avstod|avstående|ledamöter avstår|nedlagda|blanka))?",
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
NAME_RE = re.compile(rf"([A-ZÅÄÖÉ][\w'\-]+(?: [A-ZÅÄÖÉa-zåäö][\w'\-]+){{0,4}})\s*\((?:{PARTY})\)")


def read_votes(lines: list[Line]) -> list[Vote]:
    parts = blocks(lines)
    text_all = " ".join(join_lines([l.text for l in b]) for b in parts)
    votes: list[Vote] = []
    open_vote = _open_vote(parts)
    if open_vote:
        votes.append(open_vote)
    for m in PROSE_RE.finditer(text_all):
        if open_vote is None:
            votes.append(Vote("open", _n(m.group(1)), _n(m.group(2)), _n(m.group(3)) if m.group(3) else 0))
    if SECRET_HINT.search(text_all) or any(BALLOT_FOR_RE.match(l.text) for l in lines if l.text):
        ballot = _ballot(lines)
        if ballot:
            votes.append(ballot)
    return votes


def _n(value: str | None) -> int:
    if value is None:
        return 0
    return int(value) if value.isdigit() else WORDS[value.lower()]


def _open_vote(parts: list[list[Line]]) -> Vote | None:
    sides: dict[str, tuple[int, list[str]]] = {}
    first_line = 0
    for block in parts:
        text = join_lines([l.text for l in block])
        m = SIDE_RE.match(text)
        if not m:
            continue
        side = m.group("side").lower()
        side = "abstain" if side.startswith("avst") else ("yes" if side == "ja" else "no")
        rest = m.group("rest")
        count_m = COUNT_IN_SIDE.search(rest)
        if not count_m and not re.search(r"\d", rest):
            continue
        count = _n(next(g for g in count_m.groups() if g)) if count_m else 0
        names_text = rest.split(":", 1)[1] if ":" in rest else ""
        names = [n.strip() for n in NAME_RE.findall(names_text)]
        if not count_m and names:
            count = len(names)
        sides[side] = (count, names)
        first_line = first_line or block[0].no
    if "yes" not in sides or "no" not in sides:
        return None
    vote = Vote("open", sides["yes"][0], sides["no"][0], sides.get("abstain", (0, []))[0], line=first_line)
    vote.yes_names, vote.no_names = sides["yes"][1], sides["no"][1]
    vote.abstain_names = sides.get("abstain", (0, []))[1]
    return vote


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

"""Votes (omröstningar): open roll calls and secret ballots, as prose or as lists.

A vote is written in one of two ways, or both:

- counted in a sentence: `Omröstningen utfaller med 43 Ja mot 38 Nej. 9 ledamöter
  avstår från att rösta.`, `Med 10 ja-röster mot 4 nej-röster, 1 ledamot avstår`,
  `6 ja-röster, 2 nej-röster och 1 som avstår`, `med 30 röster mot 20`,
  `15 röster för A och 10 röster för B`;
- side by side with the voters named: `… samt ordföranden Jonas Attenius (S) röstar
  Ja (11).`, `JA – för att … röstar 9 ledamöter: names`, `Ja röstar: names`,
  `Följande ledamöter avstår från att rösta: names`, `Nej: names`.

The sides and counts of a text are read in order and grouped into votes: a side
seen again, or a second count, opens the next vote (a § may hold a vote on
procedure and then the main vote). A count written in a sentence is the count,
even where the names listed are fewer or more (`vote_warnings` says so).
Secret ballots between candidates (`Ingrid Ås 5 röster, Per Ny 3 röster och 1
blank röst`) are read by `_ballot`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from paragraf.ingest.cleanup import Line
from paragraf.ingest.model import Ballot, Vote, VoteOption
from paragraf.ingest.propositions import read_propositions
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
# Counts in a sentence. `ja`/`nej` with or without `-röster`, either side first.
YES = r"ja(?:-?\s?röst(?:er(?:na)?)?)?"
NO = r"nej(?:-?\s?röst(?:er(?:na)?)?)?"
VOTERS = r"(?:(?:ledamöter|ledamot)\s+)?(?:(?:röstar|röstade)\s+)?"  # `11 ledamöter röstar ja`
YES_NO_RE = re.compile(rf"\b{NUM}\s+{VOTERS}{YES}\s*(?:,|mot|och|samt)\s*{NUM}\s+{VOTERS}{NO}\b", re.I)
NO_YES_RE = re.compile(rf"\b{NUM}\s+{VOTERS}{NO}\s*(?:,|mot|och|samt)\s*{NUM}\s+{VOTERS}{YES}\b", re.I)
# `Ja 31, Nej 30, Avstår 2`, `Ja-röster: 44, Nej-röster: 35`: each label before its number
LABEL_FIRST_RE = re.compile(
    rf"\b{YES}\s*:?\s*{NUM}\s*[,;]?\s*(?:och\s+)?{NO}\s*:?\s*{NUM}"
    rf"(?:\s*[,;]?\s*(?:och\s+)?(?:avstår|avstående|avstod|blanka?)\s*:?\s*{NUM})?\b", re.I)
# `utföll 7–2`, `röstsiffrorna 35–26–1`
SCORE_RE = re.compile(
    r"\b(?:utföll|utfaller|röstsiffrorna|röstsiffror|omröstningsresultat(?:et)?)\s*(?:blev|var|med|:)?\s*"
    r"(\d{1,3})\s*[–-]\s*(\d{1,3})(?:\s*[–-]\s*(\d{1,3}))?\b", re.I)
COUNTED = r"(?:ledamöter\s+|ledamot\s+)?(?:röster|röst|röstar|röstade)"
# `med 30 röster mot 20`
AGAINST_RE = re.compile(rf"\b{NUM}\s+{COUNTED}\s+mot\s+{NUM}\b", re.I)
# `15 röster för A och 10 röster för B`, `11 ledamöter röstar för bifall och 2 för avslag`: two proposals
FOR_FOR_RE = re.compile(
    rf"\b{NUM}\s+{COUNTED}\s+för\s+(?P<first>[^.;]{{1,150}}?)\s*(?:,|\s+och|\s+mot)\s+{NUM}\s+"
    rf"(?:{COUNTED}\s+)?för\s+(?P<second>[^.,;]{{1,150}}?)(?=\s+och\b|[.,;]|$)", re.I)
# a candidate's name after `för` makes it a ballot between candidates, read by `_ballot`
CANDIDATE_FIRST = re.compile(r"^[A-ZÅÄÖÉ][\w'\-]+(?: [A-ZÅÄÖÉ][\w'\-]+){1,3}(?: \([A-ZÅÄÖ][\wÅÄÖåäö]{0,3}\))?$")
ABSTAIN_RE = re.compile(
    rf"\b{NUM}\s+(?:ledamöter\s+|ledamot\s+|röster\s+)?(?:som\s+)?(?:avstår|avstod|avstått|avstående|röstar blankt|nedlagda|lade ned)"
    rf"|\b(?:avstår|avstod|avstående|nedlagda röster)\s*:?\s*{NUM}\b(?!\s*(?:ja|nej)\b)",
    re.I,
)
ABSTAIN_WINDOW = 2  # sentences after a count in which its abstentions are given
# A sentence that ends with its side: `names röstar Ja (11).`, `names avstår från att rösta (5).`
SIDE_AT_END_RE = re.compile(
    r"(?:(?:röstar|röstade)\s+(?P<yn>ja|nej)|(?P<abstain>avstår|avstod)(?:\s+från\s+att\s+rösta)?)\s*(?:\((?P<n>\d{1,3})\))?\s*[.;]?$",
    re.I,
)
SENTENCE_END_RE = re.compile(r"(?<=[.;])\s+(?=[A-ZÅÄÖÉ”\"(])")
BALLOT_FOR_RE = re.compile(rf"^{NUM}\s+(?:ledamöter|ledamot|röster|röst)?\s*(?:röstar|röstade)\s+(?:för|på)\s+(?P<label>.+?)\.?$", re.I)
BLANK_RE = re.compile(rf"\b(?P<n>{NUM})\s+(?:ledamöter\s+|ledamot\s+|röster\s+|valsedlar\s+(?:var\s+|är\s+)?|valsedel\s+(?:var\s+|är\s+)?)?(?:avstår|avstod|röstar blankt|blank|blanka|är blanka|nedlagda)", re.I)
BLANK_AFTER_RE = re.compile(r"\b(?:blanka(?: röster| valsedlar)?|blankröster)\s*:?\s*(?P<n>\d{1,3})\b", re.I)
# a candidate's name, with the party maybe; case-sensitive so that a sentence's words stay out
CANDIDATE = rf"[A-ZÅÄÖÉÜ][\w'’\-]+(?: [A-ZÅÄÖÉÜ][\w'’\-]+){{0,3}}(?: \((?:{PARTY})\))?"
CANDIDATE_VOTES_RE = re.compile(
    rf"(?P<label>{CANDIDATE})\s*[:,]?\s+(?:(?:fick|erhöll|erhåller|får|har fått)\s+)?(?P<count>(?i:{NUM}))\s+röst(?:er)?\b")
VOTES_FOR_RE = re.compile(rf"(?P<count>(?i:{NUM}))\s+röst(?:er)?\s+(?:för|på|till)\s+(?P<label>{CANDIDATE})")
DIGIT = re.compile(r"\d")
# every vote has one of these words (`röst` in `röster`, `röstar`, `röstsiffrorna`)
VOTE_HINT = re.compile(r"röst|\bja\b|\bnej\b|avst|votering|omröstning|utföll|utfaller", re.I)
SECRET_HINT = re.compile(r"sluten omröstning|sluten votering|valresultat|slutna", re.I)
NAME_RE = re.compile(rf"([A-ZÅÄÖÉ][\w'\-]+(?: [A-ZÅÄÖÉa-zåäö][\w'\-]+){{0,4}})\s*\(({PARTY})\)")
# Words before a voter's name that are no part of it: `ordföranden Jonas Attenius (S)`
ROLE_WORDS = {"ordföranden", "ordförande", "vice", "förste", "andre", "tredje", "1:e", "2:e", "3:e", "tjänstgörande",
              "ersättaren", "ersättarna", "ledamoten", "ledamöterna", "kommunalrådet", "regionrådet", "samt", "och"}
Voter = tuple[str, str | None]  # name, party


@dataclass
class Count:
    """A sentence that counts a vote."""

    yes: int
    no: int
    abstain: int
    line: int


@dataclass
class Side:
    """One side of a vote with its voters, and its count where written beside them."""

    side: str  # yes | no | abstain
    voters: list[Voter]
    written: int | None
    line: int


@dataclass
class Group:
    sides: dict[str, Side] = field(default_factory=dict)
    count: Count | None = None

    def vote(self) -> Vote | None:
        if self.count is None and not ("yes" in self.sides and "no" in self.sides):
            return None
        line = min([s.line for s in self.sides.values()] + ([self.count.line] if self.count else []))
        tallies = {side: (s.written if s.written is not None else len(s.voters)) for side, s in self.sides.items()}
        if self.count is not None:
            tallies = {"yes": self.count.yes, "no": self.count.no, "abstain": self.count.abstain}
        vote = Vote("open", tallies.get("yes", 0), tallies.get("no", 0), tallies.get("abstain", 0), line=line)
        for side in ("yes", "no", "abstain"):
            voters = self.sides[side].voters if side in self.sides else []
            vote.ballots.extend(Ballot(name, party, side) for name, party in voters)
            setattr(vote, f"{side}_names", [name for name, _ in voters])
        return vote


def read_votes(lines: list[Line]) -> list[Vote]:
    """Every vote the lines record, open votes in the order written, then a secret ballot."""
    lines = [line for line in lines if not line.header]
    text, starts = _joined(lines)
    if not VOTE_HINT.search(text):
        return []
    items: list[tuple[int, Count | Side]] = []
    secret = bool(SECRET_HINT.search(text))
    items += _counts(text, starts, lines, secret)
    items += _sides_at_sentence_end(text, starts, lines)
    items += _listed_sides(lines, starts)
    items.sort(key=lambda item: item[0])
    votes = [v for v in (g.vote() for g in _groups([item for _, item in items])) if v]
    _give_options(votes, text, starts, lines)
    if secret or any(BALLOT_FOR_RE.match(l.text) for l in lines if l.text) or _between_candidates(text):
        ballot = _ballot(lines)
        if ballot:
            votes.append(ballot)
    return votes


def _give_options(votes: list[Vote], text: str, starts: list[int], lines: list[Line]) -> None:
    """Each `Ja för …` / `Nej för …` to the open vote it opens (the first at or after it), or
    to the last vote before it; an option already given stays."""
    open_votes = [v for v in votes if v.method == "open"]
    for proposition in read_propositions(text) if open_votes else []:
        line = _line_at(proposition.offset, starts, lines)
        vote = next((v for v in open_votes if v.line >= line), open_votes[-1])
        if getattr(vote, f"{proposition.side}_option") is None:
            setattr(vote, f"{proposition.side}_option", proposition.option)


def vote_warnings(vote: Vote) -> list[str]:
    """What disagrees within a vote: names listed against the count written."""
    out = []
    for side, word in (("yes", "ja"), ("no", "nej"), ("abstain", "avstår")):
        names = getattr(vote, f"{side}_names")
        count = getattr(vote, side)
        if names and len(names) != count:
            out.append(f"line {vote.line}: vote counts {count} {word} but names {len(names)}; the count is kept")
    return out


def _groups(items: list[Count | Side]) -> list[Group]:
    """Sides and counts in text order grouped into votes: a side already in the current
    vote, or a second count, opens the next vote."""
    groups: list[Group] = []
    current = Group()
    for item in items:
        if isinstance(item, Count):
            if current.count is not None:
                groups.append(current)
                current = Group()
            current.count = item
        else:
            if item.side in current.sides:
                groups.append(current)
                current = Group()
            current.sides[item.side] = item
    groups.append(current)
    return groups


def _joined(lines: list[Line]) -> tuple[str, list[int]]:
    """The lines as one text (wrapped words joined), and about where each line starts in it
    (a word joined over a line end moves the later starts by a character or two)."""
    texts = [line.text for line in lines]
    starts = []
    offset = 0
    for text in texts:
        starts.append(offset)
        if text:
            offset += len(text) + 1
    return join_lines(texts), starts


def _line_at(offset: int, starts: list[int], lines: list[Line]) -> int:
    found = 0
    for start, line in zip(starts, lines):
        if start > offset:
            break
        found = line.no
    return found or (lines[0].no if lines else 0)


def _counts(text: str, starts: list[int], lines: list[Line], secret: bool) -> list[tuple[int, Count]]:
    matches: list[tuple[int, int, int, int, int | None]] = []  # start, end, yes, no, abstain written beside
    for m in YES_NO_RE.finditer(text):
        matches.append((m.start(), m.end(), _n(m.group(1)), _n(m.group(2)), None))
    for m in NO_YES_RE.finditer(text):
        matches.append((m.start(), m.end(), _n(m.group(2)), _n(m.group(1)), None))
    for m in LABEL_FIRST_RE.finditer(text):
        matches.append((m.start(), m.end(), _n(m.group(1)), _n(m.group(2)), _n(m.group(3)) if m.group(3) else None))
    for m in SCORE_RE.finditer(text):
        matches.append((m.start(), m.end(), int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None))
    if not secret and not matches:
        for m in AGAINST_RE.finditer(text):
            matches.append((m.start(), m.end(), _n(m.group(1)), _n(m.group(2)), None))
        for m in FOR_FOR_RE.finditer(text):
            if not (CANDIDATE_FIRST.match(m.group("first").strip()) or CANDIDATE_FIRST.match(m.group("second").strip())):
                matches.append((m.start(), m.end(), _n(m.group(1)), _n(m.group(3)), None))
    matches = _outermost(sorted(matches))
    out = []
    for i, (start, end, yes, no, abstain) in enumerate(matches):
        if abstain is None:
            limit = matches[i + 1][0] if i + 1 < len(matches) else len(text)
            found = ABSTAIN_RE.search(_sentences_after(text, end, limit))
            abstain = _n(next(g for g in found.groups() if g)) if found else 0
        out.append((start, Count(yes, no, abstain, _line_at(start, starts, lines))))
    return out


def _between_candidates(text: str) -> bool:
    """`5 röster för Anna Berg (S) och 4 röster för Per Ek (M)`: a ballot between people."""
    return any(CANDIDATE_FIRST.match(m.group("first").strip()) for m in FOR_FOR_RE.finditer(text))


def _outermost(matches: list[tuple]) -> list[tuple]:
    """One count where two patterns read the same words (the first, the longest)."""
    out: list[tuple] = []
    for match in matches:
        if out and match[0] < out[-1][1]:
            if match[1] - match[0] > out[-1][1] - out[-1][0]:
                out[-1] = match
            continue
        out.append(match)
    return out


def _sentences_after(text: str, start: int, limit: int) -> str:
    """The rest of the sentence from `start` and the next ABSTAIN_WINDOW - 1 sentences, before `limit`."""
    rest = text[start:limit]
    ends = [m.start() for m in SENTENCE_END_RE.finditer(rest)]
    return rest[: ends[ABSTAIN_WINDOW - 1]] if len(ends) >= ABSTAIN_WINDOW else rest


def _sides_at_sentence_end(text: str, starts: list[int], lines: list[Line]) -> list[tuple[int, Side]]:
    """`Anna Ek (S), Bo Al (M) och ordföranden Eva Lund (S) röstar Ja (3).`"""
    out = []
    position = 0
    for sentence in SENTENCE_END_RE.split(text):
        offset = text.find(sentence, position)
        position = offset + len(sentence)
        m = SIDE_AT_END_RE.search(sentence)
        if m is None:
            continue
        voters = _voters(sentence[: m.start()])
        written = int(m.group("n")) if m.group("n") else None
        if not voters and written is None:
            continue
        side = "abstain" if m.group("abstain") else _side(m.group("yn"))
        out.append((offset, Side(side, voters, written, _line_at(offset, starts, lines))))
    return out


def voters(text: str) -> list[Voter]:
    """The people named with their party in a text, in order (`Anna Ek (S), Bo Al (M) och
    ordföranden Eva Lund (S)`): a role word before a name is no part of it."""
    return _voters(text)


def _voters(text: str) -> list[Voter]:
    out = []
    for name, party in NAME_RE.findall(text):
        words = name.split()
        while len(words) > 1 and (words[0].casefold() in ROLE_WORDS or words[0][0].islower()):
            words = words[1:]
        out.append((" ".join(words), party))
    return out


def _listed_sides(lines: list[Line], starts: list[int]) -> list[tuple[int, Side]]:
    """Sides opening a line: `JA – … röstar 9 ledamöter: names`, `Ja röstar: names`."""
    out = []
    index = {id(line): i for i, line in enumerate(lines)}
    for item in _side_items(lines):
        text = join_lines([l.text for l in item])
        side = _side_count(text) or _named_side(text)
        if side is not None:
            side.line = item[0].no
            out.append((starts[index[id(item[0])]], side))
    return out


def _n(value: str | None) -> int:
    if value is None:
        return 0
    return int(value) if value.isdigit() else WORDS[value.lower()]


def _side_items(lines: list[Line]) -> list[list[Line]]:
    """The lines of each side: from a line opening with a side label on while the
    text goes on (no blank line, no finished sentence); an unfinished list goes on
    over a page break."""
    items: list[list[Line]] = []
    current: list[Line] | None = None
    for line in lines:
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


def _side_count(text: str) -> Side | None:
    """`JA – för att … röstar 9 ledamöter: names`, `NEJ-röster: 6`: a side with its count."""
    m = SIDE_RE.match(text)
    if not m:
        return None
    rest = m.group("rest")
    count_m = COUNT_IN_SIDE.search(rest)
    if not count_m and not re.search(r"\d", rest):
        return None
    names_text = rest.split(":", 1)[1] if ":" in rest else ""
    names = [(n.strip(), p) for n, p in NAME_RE.findall(names_text)]
    if not count_m and names:
        return Side(_side(m.group("side")), names, None, 0)
    return Side(_side(m.group("side")), names, _n(next(g for g in count_m.groups() if g)) if count_m else 0, 0)


def _named_side(text: str) -> Side | None:
    """`Ja röstar: Anna Berg (S), Per Ek (M) och …`: a side counted by its names."""
    m = NAMED_SIDE_RE.match(text)
    if not m:
        return None
    names = [(n.strip(), p) for n, p in NAME_RE.findall(m.group("names"))] or _names_without_party(m.group("names"))
    if not names:
        return None
    return Side(_side(m.group("side")), names, None, 0)


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
            options.append(_option(m.group("label"), _n(m.group(1))))
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
    before = [_option(m.group("label"), _n(m.group("count"))) for m in VOTES_FOR_RE.finditer(text)]
    if before:
        return before
    return [_option(m.group("label"), _n(m.group("count"))) for m in CANDIDATE_VOTES_RE.finditer(text)]


def _option(label: str, count: int) -> VoteOption:
    """A candidate written `Per Eriksson (C)` is the name and the party apart; a proposal stays as written."""
    person = split_person(label.strip())
    if person and person.party and not person.rest:
        return VoteOption(person.name, count, person.party)
    return VoteOption(label.strip(), count)

"""Vote totals: in an open vote yes + no + abstain equals the members serving at that §, and the named
voters are exactly those members, each once; in a secret ballot the votes per candidate and the blank
ballots add up to the members serving."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import partial

from paragraf.review.findings import Finding, Rule, Severity, at
from paragraf.review.facts import MeetingFacts, ParagraphFacts, VoteFacts

RULE = Rule("votes", "Röstsiffror", "Kommunallagen (2017:725) 4 kap. 24 § (en röst var), 5 kap. 54-55 §§ (för nämnder genom 6 kap. 33 §)")
_finding = partial(at, RULE)  # at a § of the meeting, with its source lines


def check(facts: MeetingFacts) -> Iterator[Finding]:
    for paragraph in facts.paragraphs:
        for vote in paragraph.votes:
            yield from _check(facts, paragraph, vote)



def _check(facts: MeetingFacts, paragraph: ParagraphFacts, vote: VoteFacts) -> Iterator[Finding]:
    cast = vote.yes + vote.no + vote.abstain if vote.method != "secret" or not vote.options else (
        sum(count for _label, count in vote.options) + vote.abstain)
    if not facts.has_attendance:
        yield _finding(facts, paragraph, Severity.INFO,
                       f"Omröstningen vid § {paragraph.number} ({cast} röster) kan inte prövas mot vilka som tjänstgjorde: protokollet anger det inte.")
        return
    serving = facts.serving_at(paragraph)
    if cast != len(serving):
        yield _finding(facts, paragraph, Severity.ERROR,
                       f"Vid § {paragraph.number} räknas {cast} röster men {len(serving)} ledamöter tjänstgjorde.")
    if vote.method == "secret" or not vote.ballots:
        return
    named = Counter(person for person, _name, _choice in vote.ballots if person is not None)
    twice = sorted(name for person, name, _choice in vote.ballots if person is not None and named[person] > 1)
    if twice:
        yield _finding(facts, paragraph, Severity.ERROR, f"Vid § {paragraph.number} röstar {', '.join(sorted(set(twice)))} mer än en gång.")
    serving_ids = {s.person_id for s in serving if s.person_id is not None}
    strangers = sorted(name for person, name, _choice in vote.ballots if person is not None and person not in serving_ids)
    if strangers:
        yield _finding(facts, paragraph, Severity.ERROR,
                       f"Vid § {paragraph.number} röstar {', '.join(strangers)}, som inte tjänstgjorde vid paragrafen.")
    missing = sorted(s.name for s in serving if s.person_id is not None and s.person_id not in named)
    if missing:
        yield _finding(facts, paragraph, Severity.ERROR,
                       f"Vid § {paragraph.number} saknas röst från {', '.join(missing)}, som tjänstgjorde vid paragrafen.")

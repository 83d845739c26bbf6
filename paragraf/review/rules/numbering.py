"""Numbering: the § of a meeting without gaps or duplicates, continuing from the body's meeting before
(or starting at 1 in a new year, when the body numbers per year)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from paragraf.review.findings import Finding, Rule, Severity
from paragraf.review.facts import MeetingFacts

RULE = Rule("numbering", "Paragrafnumrering", "god sed (protokollet anger vilka ärenden som handlagts: Kommunallagen (2017:725) 5 kap. 65 §, 6 kap. 35 §)")


def check(facts: MeetingFacts) -> Iterator[Finding]:
    numbers = [p.number for p in facts.paragraphs]
    if not numbers:
        return
    twice = sorted(n for n, count in Counter(numbers).items() if count > 1)
    if twice:
        yield Finding(RULE, Severity.WARNING, facts.meeting_id, facts.name, twice[0],
                      f"Paragrafnummer som förekommer mer än en gång: {', '.join(f'§ {n}' for n in twice)}.")
    gaps = sorted(set(range(min(numbers), max(numbers) + 1)) - set(numbers))
    if gaps:
        yield Finding(RULE, Severity.INFO, facts.meeting_id, facts.name, gaps[0],
                      f"Paragrafer saknas i följden § {min(numbers)}–{max(numbers)}: {', '.join(f'§ {n}' for n in gaps[:20])}"
                      + (" …" if len(gaps) > 20 else "") + " (de kan stå i ett protokoll som inte är inläst).")
    if facts.previous is not None:
        before, last = facts.previous
        first = min(numbers)
        new_year = facts.date.year != before.year and first == 1
        if first != last + 1 and not new_year:
            yield Finding(RULE, Severity.INFO, facts.meeting_id, facts.name, first,
                          f"Paragraferna börjar på § {first}, men organets förra sammanträde ({before.isoformat()}) slutade på § {last}.")

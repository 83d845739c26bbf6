"""Agenda against minutes: each item of the notice is dealt with in a § (or withdrawn, as the minutes'
`Fastställande av dagordning` says); a § not in the notice is noted."""
from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from paragraf.review.findings import Finding, Rule, Severity, at
from paragraf.review.facts import MeetingFacts, ParagraphFacts

RULE = Rule("agenda", "Kallelse och protokoll", "Kommunallagen (2017:725) 5 kap. 13-15 §§ och 52 § (fullmäktige); för nämnder reglementet")
CASE = re.compile(r"(\d{4})\s*/\s*(\d+)")


def _core(case_number: str) -> str | None:
    m = CASE.search(case_number or "")
    return f"{m.group(1)}/{int(m.group(2))}" if m else None


def _same(title: str, case_number: str, paragraph: ParagraphFacts) -> bool:
    core = _core(case_number)
    if core and core == _core(paragraph.case_number):
        return True
    a, b = title.casefold().strip(), paragraph.title.casefold().strip()
    return bool(a) and SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.8


def check(facts: MeetingFacts) -> Iterator[Finding]:
    if not facts.agenda or not facts.paragraphs or not facts.has_attendance:
        return
    agenda_said = " ".join(p.decision.casefold() for p in facts.paragraphs if "dagordning" in p.title.casefold())
    matched: set[int] = set()
    for number, title, case_number in facts.agenda:
        hit = next((p for p in facts.paragraphs if p.number not in matched and _same(title, case_number, p)), None)
        if hit is not None:
            matched.add(hit.number)
        elif title.casefold() in agenda_said or "utgår" in agenda_said:
            yield Finding(RULE, Severity.INFO, facts.meeting_id, facts.name, None,
                          f"Punkt {number} i kallelsen ({title}) behandlades inte; fastställandet av dagordningen nämner ändringar.")
        else:
            yield Finding(RULE, Severity.WARNING, facts.meeting_id, facts.name, None,
                          f"Punkt {number} i kallelsen ({title}) behandlas inte i någon paragraf och anges inte som utgången.")
    for p in facts.paragraphs:
        if p.number not in matched:
            yield at(RULE, facts, p, Severity.INFO, f"§ {p.number} ({p.title}) finns inte i kallelsen; se fastställandet av dagordningen.")

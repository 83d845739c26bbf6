"""Good practice (info): a § decided in a case names who receives the decision (a § that only takes
note, a report laid to the files or information given, sends nothing anywhere and is left alone); a
proposal to fullmäktige reaches it (the case has a § of fullmäktige after it, among the records)."""
from __future__ import annotations

import re
from collections.abc import Iterator

from paragraf.review.findings import Finding, Rule, Severity, at
from paragraf.review.facts import MeetingFacts

RULE = Rule("practice", "God sed", "god sed i protokollsföring (Sveriges Kommuner och Regioner)")
TO_ASSEMBLY = re.compile(r"föreslår\s+(region|kommun)?fullmäktige", re.I)
TAKES_NOTE = re.compile(r"anmäls|läggs till handlingarna|informerar|\binformation\b|noteras|tackar för", re.I)


def check(facts: MeetingFacts) -> Iterator[Finding]:
    if not facts.has_attendance:
        return
    for p in facts.paragraphs:
        if p.case_number and p.decision and not p.recipients and not TAKES_NOTE.search(p.decision):
            yield at(RULE, facts, p, Severity.INFO, f"§ {p.number} i ärende {p.case_number} anger inte vem beslutet skickas till.")
        if p.case_id is not None and TO_ASSEMBLY.search(p.decision) and not p.reached_assembly:
            yield at(RULE, facts, p, Severity.INFO,
                     f"§ {p.number} föreslår fullmäktige ett beslut i ärende {p.case_number}, men inget fullmäktigebeslut i ärendet finns bland handlingarna.")

"""Good practice (info): a § decided in a case names who receives the decision. A § that only takes
note (a report laid to the files, information given) sends nothing anywhere and is left alone."""
from __future__ import annotations

import re
from collections.abc import Iterator

from paragraf.review.findings import Finding, Rule, Severity
from paragraf.review.facts import MeetingFacts

RULE = Rule("practice", "God sed", "god sed i protokollsföring (Sveriges Kommuner och Regioner)")
TAKES_NOTE = re.compile(r"anmäls|läggs till handlingarna|informerar|\binformation\b|noteras|tackar för", re.I)


def check(facts: MeetingFacts) -> Iterator[Finding]:
    if not facts.has_attendance:
        return
    for p in facts.paragraphs:
        if p.case_number and p.decision and not p.recipients and not TAKES_NOTE.search(p.decision):
            yield Finding(RULE, Severity.INFO, facts.meeting_id, facts.name, p.number,
                          f"§ {p.number} i ärende {p.case_number} anger inte vem beslutet skickas till.",
                          p.source_file_id, p.first_line, p.last_line)

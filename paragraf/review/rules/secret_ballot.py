"""A secret ballot only in an election (val): a secret ballot on another kind of decision is a finding."""
from __future__ import annotations

from collections.abc import Iterator

from paragraf.review.findings import Finding, Rule, Severity
from paragraf.review.facts import MeetingFacts

RULE = Rule("secret_ballot", "Sluten omröstning endast vid val", "Kommunallagen (2017:725) 6 kap. 33 § och 5 kap. 53 §")


def check(facts: MeetingFacts) -> Iterator[Finding]:
    for paragraph in facts.paragraphs:
        secret = [v for v in paragraph.votes if v.method == "secret"]
        if secret and not paragraph.elections and not paragraph.title.lower().startswith("val"):
            yield Finding(RULE, Severity.ERROR, facts.meeting_id, facts.name, paragraph.number,
                          f"§ {paragraph.number} ({paragraph.title}) avgjordes med sluten omröstning men är inget val.",
                          paragraph.source_file_id, paragraph.first_line, paragraph.last_line)

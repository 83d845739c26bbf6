"""A closed ballot only in an election (val) or the hiring of staff (anställning av personal): a secret
ballot on another kind of decision is a finding."""
from __future__ import annotations

from collections.abc import Iterator

from paragraf.review.findings import Finding, Rule, Severity, at
from paragraf.review.facts import MeetingFacts

RULE = Rule("secret_ballot", "Sluten omröstning endast vid val och anställning", "Kommunallagen (2017:725) 5 kap. 54 § (för nämnder genom 6 kap. 33 §)")


def check(facts: MeetingFacts) -> Iterator[Finding]:
    for paragraph in facts.paragraphs:
        secret = [v for v in paragraph.votes if v.method == "secret"]
        title = paragraph.title.casefold()
        if secret and not paragraph.elections and not title.startswith("val") and "anställning" not in title:
            yield at(RULE, facts, paragraph, Severity.ERROR,
                     f"§ {paragraph.number} ({paragraph.title}) avgjordes med sluten omröstning men är varken val eller anställning.")

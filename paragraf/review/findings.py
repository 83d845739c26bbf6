"""What a rule says of a meeting: a finding, typed."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "fel"  # against the law as the records read
    WARNING = "varning"  # likely wrong, or wrong unless the body's reglemente says otherwise
    INFO = "info"  # good practice, or the facts a rule needs are not in the records


@dataclass(frozen=True)
class Rule:
    code: str  # "quorum"
    title: str  # Swedish: "Beslutförhet"
    source: str  # "Kommunallagen (2017:725) 6 kap. 27 §"


@dataclass(frozen=True)
class Finding:
    rule: Rule
    severity: Severity
    meeting_id: int
    meeting: str  # "Regionstyrelsen 2023-01-31"
    paragraph: int | None  # the §, None for the whole meeting
    explanation: str  # one Swedish sentence with the facts that triggered it
    source_file_id: int | None = None
    first_line: int | None = None
    last_line: int | None = None

    def as_json(self) -> dict:
        data = asdict(self)
        data["rule"] = self.rule.code
        data["rule_title"] = self.rule.title
        data["rule_source"] = self.rule.source
        data["severity"] = self.severity.value
        return data


def at(rule: Rule, facts, paragraph, severity: Severity, text: str) -> Finding:
    """A finding at a § of a meeting (`review.facts`), with the §'s source lines."""
    return Finding(rule, severity, facts.meeting_id, facts.name, paragraph.number, text,
                   paragraph.source_file_id, paragraph.first_line, paragraph.last_line)

"""Delegated decisions reported to the body: each under a point of its delegation scheme, taken by the role
the point names, and reported in time — by the next-but-one meeting after the decision at the latest."""
from __future__ import annotations

from collections.abc import Iterator

from paragraf.review.delegation_facts import ReportedDecision, against_scheme
from paragraf.review.facts import MeetingFacts
from paragraf.review.findings import Finding, Rule, Severity

RULE = Rule("delegation", "Anmälan av delegationsbeslut", "Kommunallagen (2017:725) 6 kap. 37–40 §§; nämndens delegationsordning")
MEETINGS_TO_REPORT = 2  # reported at the first or second meeting after the decision


def check(facts: MeetingFacts) -> Iterator[Finding]:
    delegation = facts.delegation
    if delegation is None:
        return
    if not delegation.schemes:
        yield Finding(RULE, Severity.INFO, facts.meeting_id, facts.name, None,
                      f"{len(delegation.decisions)} delegationsbeslut anmäls, men organet har ingen delegationsordning i Paragraf; "
                      "punkterna kan inte prövas.")
    for decision in delegation.decisions:
        yield from _against_scheme(facts, decision)
        yield from _in_time(facts, decision)


def _against_scheme(facts: MeetingFacts, decision: ReportedDecision) -> Iterator[Finding]:
    """Under the scheme in force on the day the decision was taken (the meeting's day when the register
    gives no date); a decision older than every scheme of the body is not judged."""
    scheme = facts.delegation.scheme_on(decision.decided_on or facts.date)
    if scheme is None:
        return
    problem = against_scheme(decision.point, decision.title, decision.delegate_role, scheme.title, scheme.points)
    if problem is not None:
        yield _finding(facts, decision, Severity.WARNING, problem)


def _in_time(facts: MeetingFacts, decision: ReportedDecision) -> Iterator[Finding]:
    if decision.decided_on is None:
        return
    between = [d for d in facts.delegation.body_dates if decision.decided_on < d < facts.date]
    if len(between) >= MEETINGS_TO_REPORT:
        yield _finding(facts, decision, Severity.WARNING,
                       f"Beslutet ”{decision.title}” fattades {decision.decided_on.isoformat()} men anmäls först nu; "
                       f"organet har sammanträtt {len(between)} gånger emellan (senast {between[-1].isoformat()}).")


def _finding(facts: MeetingFacts, decision: ReportedDecision, severity: Severity, text: str) -> Finding:
    return Finding(RULE, severity, facts.meeting_id, facts.name, None, text, decision.source_file_id, decision.line, decision.line)

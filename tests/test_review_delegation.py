"""The review of delegated decisions (issue 20) on small invented registers: a decision under a point the
delegation scheme lacks, one taken by another role than the point names, one reported late (after the
next-but-one meeting), and a body without a scheme in Paragraf."""
from __future__ import annotations

import datetime as dt

import pytest

from paragraf.records.models import Body, DelegatedDecision, DelegationPoint, DelegationScheme, Meeting, Organization
from paragraf.review.engine import review

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    organization = Organization.objects.create(name="Norrviks kommun", slug="norrviks-kommun-delegering")
    body = Body.objects.create(organization=organization, name="Socialnämnden", slug="socialnamnden-norrvik")
    meetings = [Meeting.all_objects.create(body=body, date=dt.date(2024, month, 14), published=True) for month in (2, 3, 4, 5)]
    return organization, body, meetings


def reported(organization, meeting, *rows):
    for n, (point, title, decided_on, delegate_role) in enumerate(rows):
        DelegatedDecision.objects.create(organization=organization, reported_at=meeting, position=n, point=point, title=title,
                                         decided_on=decided_on, delegate="Eva Ek", delegate_role=delegate_role, first_line=10 + n)


def scheme(body):
    scheme = DelegationScheme.objects.create(body=body, title="Delegationsordning för socialnämnden 2024", valid_from=dt.date(2024, 1, 1))
    DelegationPoint.objects.create(scheme=scheme, position=1, number="3.2", matter="Bistånd i form av boendestöd", delegate_role="Biståndshandläggare")
    DelegationPoint.objects.create(scheme=scheme, position=2, number="3.4.1", matter="Avgift", delegate_role="Avgiftshandläggare")


def findings_at(meeting):
    return [f for f in review(Meeting.objects.filter(pk=meeting.pk)) if f.rule.code == "delegation"]


def test_decisions_under_the_scheme_reported_in_time_give_no_finding(board):
    organization, body, meetings = board
    scheme(body)
    reported(organization, meetings[1], ("SN 3.2", "Boendestöd", dt.date(2024, 2, 20), "Biståndshandläggare"),
             ("3.4.1", "Avgift", dt.date(2024, 3, 1), ""))
    assert findings_at(meetings[1]) == []


def test_a_point_the_scheme_lacks_is_named(board):
    organization, body, meetings = board
    scheme(body)
    reported(organization, meetings[1], ("SN 9.9", "Bostadsanpassning", dt.date(2024, 3, 1), ""))
    [finding] = findings_at(meetings[1])
    assert finding.severity.value == "varning"
    assert "punkt SN 9.9, som inte finns i Delegationsordning för socialnämnden 2024" in finding.explanation
    assert finding.first_line == 10


def test_a_decision_by_another_role_than_the_point_names(board):
    organization, body, meetings = board
    scheme(body)
    reported(organization, meetings[1], ("3.2", "Boendestöd", dt.date(2024, 3, 1), "Enhetschef"))
    [finding] = findings_at(meetings[1])
    assert "fattades av Enhetschef, men punkt 3.2 delegerar till Biståndshandläggare" in finding.explanation


def test_a_decision_reported_after_the_next_but_one_meeting_is_late(board):
    organization, body, meetings = board
    scheme(body)
    reported(organization, meetings[3], ("3.2", "Boendestöd", dt.date(2024, 2, 20), "Biståndshandläggare"),
             ("3.2", "Boendestöd igen", dt.date(2024, 3, 20), "Biståndshandläggare"))
    [late] = findings_at(meetings[3])
    assert "fattades 2024-02-20 men anmäls först nu; organet har sammanträtt 2 gånger emellan (senast 2024-04-14)" in late.explanation


def test_without_a_scheme_the_points_are_not_judged(board):
    organization, body, meetings = board
    reported(organization, meetings[1], ("9.9", "Något", dt.date(2024, 3, 1), ""))
    [finding] = findings_at(meetings[1])
    assert finding.severity.value == "info" and "ingen delegationsordning" in finding.explanation


def test_each_decision_is_judged_under_the_scheme_in_force_on_its_own_date(board):
    organization, body, meetings = board
    scheme(body)  # valid from 2024-01-01: 3.2 to Biståndshandläggare
    newer = DelegationScheme.objects.create(body=body, title="Delegationsordning för socialnämnden, reviderad", valid_from=dt.date(2024, 3, 10))
    DelegationPoint.objects.create(scheme=newer, position=1, number="3.2", matter="Bistånd i form av boendestöd", delegate_role="Enhetschef")
    reported(organization, meetings[1], ("3.2", "Boendestöd före revideringen", dt.date(2024, 3, 1), "Biståndshandläggare"),
             ("3.2", "Boendestöd efter revideringen", dt.date(2024, 3, 12), "Biståndshandläggare"))
    [finding] = findings_at(meetings[1])  # the meeting (2024-03-14) is under the newer scheme; the first decision is not
    assert "”Boendestöd efter revideringen” fattades av Biståndshandläggare, men punkt 3.2 delegerar till Enhetschef" in finding.explanation


def test_a_decision_older_than_every_scheme_is_not_judged(board):
    organization, body, meetings = board
    later = DelegationScheme.objects.create(body=body, title="Delegationsordning från mars", valid_from=dt.date(2024, 3, 1))
    DelegationPoint.objects.create(scheme=later, position=1, number="3.2", matter="Boendestöd", delegate_role="Enhetschef")
    reported(organization, meetings[1], ("7.7", "Beslut före första ordningen", dt.date(2024, 2, 20), ""))
    assert findings_at(meetings[1]) == []

"""The registers as records (issue 20): the corpus's delegated decisions and information documents
stored with the meeting they are reported at, the register's case and their own case; shown on the
meeting, the § that reports them and each case's page."""
from __future__ import annotations

import datetime as dt

import pytest

from paragraf.records.models import DelegatedDecision, InformationDocument, Meeting, Paragraph

pytestmark = pytest.mark.django_db

FS_MEETING = ("Nämnd för folkhälsa och sjukvård", dt.date(2022, 2, 22))


def test_003s_delegation_register_is_stored_linked_to_the_meeting_and_cases():
    decisions = list(DelegatedDecision.objects.filter(reported_at__body__name=FS_MEETING[0], reported_at__date=FS_MEETING[1])
                     .select_related("case", "register_case").order_by("position"))
    assert [(d.point, d.title, d.case.number, d.decided_on, d.delegate) for d in decisions] == [
        ("FS 4.5.4", "Personuppgiftsincident", "RJL 2022/158", dt.date(2022, 1, 21), "Sofia Sund"),
        ("FS 4.5.4", "Personuppgiftsincident", "RJL 2022/188", dt.date(2022, 1, 25), "Sofia Sund"),
        ("FS 4.5.4", "Personuppgiftsincident", "RJL 2022/223", dt.date(2022, 1, 28), "Sofia Sund"),
        ("FS 4.5.4", "Personuppgiftsincident", "RJL 2022/263", dt.date(2022, 2, 1), "Sofia Sund"),
    ]
    assert {d.register_case.number for d in decisions} == {"RJL 2022/6"}
    assert decisions[0].first_line == 1767 and decisions[0].source_file.name.startswith("003_")


def test_003s_information_register_is_stored_with_sender_and_recipient():
    documents = list(InformationDocument.objects.filter(reported_at__date=FS_MEETING[1]).select_related("case").order_by("position"))
    assert len(documents) == 13 and {d.register_case.number for d in documents} == {"RJL 2022/5"}
    first, second = documents[:2]
    assert (first.category, first.case.number, first.counterpart, first.direction, first.date) == (
        "Inkomna handlingar", "RJL 2022/202", "Socialstyrelsen", "in", dt.date(2022, 1, 25))
    assert (second.category, second.counterpart, second.direction) == ("Utgående skrivelser", "Länsstyrelsen i Jönköpings län", "out")


def test_000s_registers_are_reported_at_the_regionstyrelse_meeting():
    meeting = Meeting.all_objects.get(body__name="Regionstyrelsen", date=dt.date(2023, 3, 7))
    assert meeting.delegated_decisions.count() == 14
    assert meeting.information_documents.filter(category="Protokoll").count() == 5


def test_the_meeting_page_lists_what_is_reported_to_it(client):
    page = client.get("/namnd-for-folkhalsa-och-sjukvard/2022-02-22/").content.decode()
    assert "Anmälda delegationsbeslut och informationshandlingar" in page
    assert "Delegationsbeslut i ärende RJL 2022/6 (4)" in page and "Informationshandlingar i ärende RJL 2022/5 (13)" in page
    assert "från Socialstyrelsen" in page and "till Länsstyrelsen i Jönköpings län" in page


def test_a_decisions_case_page_says_who_decided_and_where_it_was_reported(client):
    decision = DelegatedDecision.objects.select_related("case__organization").get(case__number="RJL 2022/188")
    case = decision.case
    page = client.get(f"/arenden/{case.organization.slug}/{case.year}-{case.serial}/").content.decode()
    assert "<h2 id=\"delegationsbeslut\">Delegationsbeslut</h2>" in page
    assert "av Sofia Sund" in page and "(punkt FS 4.5.4)" in page
    assert "anmält till <a href=\"/namnd-for-folkhalsa-och-sjukvard/2022-02-22/\">" in page


def test_the_paragraph_that_reports_a_register_lists_it(client):
    """The minutes of the meeting are not in the packets: its § 8 is made here as the minutes would bring it."""
    meeting = Meeting.all_objects.get(body__name=FS_MEETING[0], date=FS_MEETING[1])
    register_case = DelegatedDecision.objects.filter(reported_at=meeting).first().register_case
    Paragraph.objects.create(meeting=meeting, number=8, title="Anmälan av delegationsbeslut", case=register_case,
                             case_number=register_case.number, decision="Delegationsbesluten läggs till handlingarna.")
    Paragraph.objects.create(meeting=meeting, number=9, title="Kurser och konferenser", decision="Inget deltagande.")

    reporting = client.get("/namnd-for-folkhalsa-och-sjukvard/2022-02-22/8/").content.decode()
    other = client.get("/namnd-for-folkhalsa-och-sjukvard/2022-02-22/9/").content.decode()

    assert "<h2 id=\"anmalt\">Det som anmäls</h2>" in reporting and "Delegationsbeslut i ärende RJL 2022/6 (4)" in reporting
    assert "Det som anmäls" not in other

"""The review of minutes (paragraf/review): each rule on small meetings built here, one that breaks it
and one that keeps it; the command over the corpus."""
from __future__ import annotations

import datetime
import json

import pytest
from click.testing import CliRunner

from paragraf.cli import main
from paragraf.records.models import Attendance, Ballot, Body, Election, Meeting, Organization, Paragraph, Person, Vote
from paragraf.review.engine import review
from paragraf.review.findings import Severity

pytestmark = pytest.mark.django_db

PARTIES = ["S", "S", "M", "M", "KD", "C", "L"]


def meeting(present: int = 7, paragraphs: int = 3, numbers: list[int] | None = None) -> tuple[Meeting, list[Person]]:
    """A body of 7 ordinary members; `present` of them serve (the others absent, nobody for them)."""
    organization, _ = Organization.objects.get_or_create(name="Granskade kommunen", defaults={"slug": "granskade-kommunen"})
    body = Body.objects.create(organization=organization, name=f"Granskningsnämnden {Body.objects.count()}",
                               slug=f"granskningsnamnden-{Body.objects.count()}")
    m = Meeting.objects.create(body=body, date=datetime.date(2026, 5, 12))
    people = [Person.objects.create(name=f"Ledamot {i}", slug=f"ledamot-{body.pk}-{i}") for i in range(7)]
    for i, person in enumerate(people):
        if i < present:
            Attendance.objects.create(meeting=m, position=i, person=person, name=person.name, party=PARTIES[i], group="beslutande")
    from paragraf.records.models import Invitation

    for i, person in enumerate(people):
        Invitation.objects.create(meeting=m, position=i, person=person, name=person.name, party=PARTIES[i], group="ledamot")
    for n in numbers or range(1, paragraphs + 1):
        Paragraph.objects.create(meeting=m, number=n, title=f"Ärende {n}", decision="Beslut.", first_line=10 * n, last_line=10 * n + 5)
    return m, people


def vote(m: Meeting, number: int, method: str, yes: int, no: int, abstain: int = 0, voters: list[tuple[Person, str]] = (),
         options: list[dict] | None = None) -> Vote:
    v = Vote.objects.create(paragraph=Paragraph.objects.get(meeting=m, number=number), position=0, method=method, yes=yes, no=no,
                            abstain=abstain, options=options or [])
    for i, (person, choice) in enumerate(voters):
        Ballot.objects.create(vote=v, position=i, name=person.name, person=person, choice=choice)
    return v


def findings(m: Meeting, rule: str):
    return [f for f in review(Meeting.objects.filter(pk=m.pk)) if f.rule.code == rule]


def test_quorum_more_than_half_serve():
    kept, _ = meeting(present=4)
    broken, _ = meeting(present=3)
    assert findings(kept, "quorum") == []
    found = findings(broken, "quorum")
    assert [(f.severity, f.paragraph) for f in found] == [(Severity.ERROR, 1), (Severity.ERROR, 2), (Severity.ERROR, 3)]
    assert found[0].explanation == "Vid § 1 tjänstgjorde 3 av organets 7 ledamöter, inte fler än hälften."
    assert (found[0].first_line, found[0].last_line) == (10, 15)


def test_quorum_without_attendance_says_it_cannot_be_checked():
    m, _ = meeting(present=0)
    Attendance.objects.filter(meeting=m).delete()
    from paragraf.records.models import Invitation

    Invitation.objects.filter(meeting=m).delete()
    assert [(f.severity, f.paragraph) for f in findings(m, "quorum")] == [(Severity.INFO, None)]


def test_open_vote_totals_and_voters_match_who_served():
    kept, people = meeting(present=7)
    vote(kept, 2, "open", 4, 3, voters=[(p, "yes" if i < 4 else "no") for i, p in enumerate(people)])
    assert findings(kept, "votes") == []

    counts, people = meeting(present=7)
    vote(counts, 2, "open", 5, 3)  # 8 votes, 7 serving
    assert [f.explanation for f in findings(counts, "votes")] == ["Vid § 2 räknas 8 röster men 7 ledamöter tjänstgjorde."]

    named, people = meeting(present=6)
    absent = people[6]
    voters = [(p, "yes") for p in people[:5]] + [(absent, "no")]  # one who did not serve votes, one who did is missing
    vote(named, 2, "open", 5, 1, voters=voters)
    said = [f.explanation for f in findings(named, "votes")]
    assert said == ["Vid § 2 röstar Ledamot 6, som inte tjänstgjorde vid paragrafen.",
                    "Vid § 2 saknas röst från Ledamot 5, som tjänstgjorde vid paragrafen."]


def test_secret_ballot_counts_and_only_in_elections():
    kept, _ = meeting(present=7)
    vote(kept, 1, "secret", 4, 2, 1, options=[{"label": "A (S)", "count": 4}, {"label": "B (M)", "count": 2}])
    Election.objects.create(paragraph=Paragraph.objects.get(meeting=kept, number=1), position=0, name="A", party="S", post="ordförande")
    assert findings(kept, "votes") == [] and findings(kept, "secret_ballot") == []

    broken, _ = meeting(present=7)
    vote(broken, 1, "secret", 3, 2, 1, options=[{"label": "Bifall", "count": 3}, {"label": "Avslag", "count": 2}])
    assert [f.explanation for f in findings(broken, "votes")] == ["Vid § 1 räknas 6 röster men 7 ledamöter tjänstgjorde."]
    assert [f.explanation for f in findings(broken, "secret_ballot")] == [
        "§ 1 (Ärende 1) avgjordes med sluten omröstning men är varken val eller anställning."]


def test_numbering_without_gaps_or_duplicates():
    kept, _ = meeting(numbers=[1, 2, 3])
    gaps, _ = meeting(numbers=[1, 2, 5])
    assert findings(kept, "numbering") == []
    assert [(f.severity, f.paragraph) for f in findings(gaps, "numbering")] == [(Severity.INFO, 3)]


def test_the_command_exits_1_on_an_error_and_prints_json():
    broken, _ = meeting(present=3)
    result = CliRunner().invoke(main, ["review", "--body", broken.body.slug, "--format", "json"])
    assert result.exit_code == 1, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    errors = [row for row in rows if row["severity"] == "fel"]
    assert {row["rule"] for row in errors} == {"quorum"} and errors[0]["meeting"].endswith("2026-05-12")
    clean = CliRunner().invoke(main, ["review", "--body", "regionstyrelsen", "--meeting", "2023-01-31"])
    assert clean.exit_code == 0, clean.output
    assert "fel:" not in clean.output


def substitute(m: Meeting, name: str, party: str, replaces: Person) -> Person:
    person = Person.objects.create(name=name, slug=f"{name.lower().replace(' ', '-')}-{m.pk}")
    Attendance.objects.create(meeting=m, position=50 + Attendance.objects.filter(meeting=m).count(), person=person, name=name,
                              party=party, group="beslutande", replaces=replaces, replaces_name=replaces.name)
    return person


def test_a_substitute_serves_only_for_an_absent_member_and_one_for_each():
    kept, people = meeting(present=6)
    substitute(kept, "Ersättare Ett", "L", people[6])
    assert findings(kept, "substitutes") == []

    present_member, people = meeting(present=7)
    substitute(present_member, "Ersättare Ett", "S", people[0])
    assert [f.explanation for f in findings(present_member, "substitutes")][:1] == [
        "Vid § 1 tjänstgör Ersättare Ett för Ledamot 0, som själv tjänstgör."]

    two, people = meeting(present=6)
    substitute(two, "Ersättare Ett", "L", people[6])
    substitute(two, "Ersättare Två", "L", people[6])
    assert "Vid § 1 tjänstgör två ersättare för Ledamot 6." in [f.explanation for f in findings(two, "substitutes")]


def test_only_who_took_part_reserves_and_nobody_with_jav_votes():
    from paragraf.records.models import Dissent

    m, people = meeting(present=6)
    paragraph = Paragraph.objects.get(meeting=m, number=2)
    kept = Dissent.objects.create(paragraph=paragraph, position=0, text="Ledamot 1 reserverar sig.")
    kept.people.set([people[1]])
    assert findings(m, "reservations") == []
    absent = Dissent.objects.create(paragraph=paragraph, position=1, text="Ledamot 6 reserverar sig.")
    absent.people.set([people[6]])
    assert [f.explanation for f in findings(m, "reservations")] == [
        "Vid § 2 reserverar sig Ledamot 6, som inte deltog i beslutet."]

    paragraph.disqualified.set([people[2]])
    vote(m, 2, "open", 3, 3, voters=[(p, "yes" if i < 3 else "no") for i, p in enumerate(people[:6])])
    assert [f.explanation for f in findings(m, "jav")] == ["Vid § 2 röstar Ledamot 2 trots jäv."]
    Ballot.objects.filter(person=people[2]).delete()
    assert findings(m, "jav") == []


def test_justering_within_fourteen_days_and_posting_within_two_days_or_said_unknown():
    m, _ = meeting()
    Meeting.objects.filter(pk=m.pk).update(chair="Ledamot 0", adjusters=["Ledamot 1", "Ledamot 2"])
    assert [f.explanation for f in findings(m, "justering")] == [
        "Källan anger inte när protokollet justerades, så fristen på 14 dagar kan inte prövas."]
    Meeting.objects.filter(pk=m.pk).update(justered_on=datetime.date(2026, 5, 26), posted_on=datetime.date(2026, 5, 28))
    assert findings(m, "justering") == [] and findings(m, "posting") == []
    Meeting.objects.filter(pk=m.pk).update(justered_on=datetime.date(2026, 5, 27), posted_on=datetime.date(2026, 6, 1))
    assert [f.explanation for f in findings(m, "justering")] == [
        "Protokollet justerades 2026-05-27, efter fristen 2026-05-26 (14 dagar efter sammanträdet)."]
    assert [f.explanation for f in findings(m, "posting")] == [
        "Justeringen anslogs 2026-06-01, efter fristen 2026-05-29 (andra dagen efter justeringen)."]


def test_every_item_of_the_notice_is_dealt_with():
    from paragraf.records.models import AgendaItem

    m, _ = meeting(paragraphs=2)
    for n, title in ((1, "Ärende 1"), (2, "Ärende 2")):
        AgendaItem.objects.create(meeting=m, position=n, number=n, title=title)
    assert findings(m, "agenda") == []
    AgendaItem.objects.create(meeting=m, position=3, number=3, title="Motion om cykelvägar")
    Paragraph.objects.create(meeting=m, number=3, title="Extra ärende om vägbelysning", decision="Beslut.")
    said = [(f.severity, f.explanation) for f in findings(m, "agenda")]
    assert said == [(Severity.WARNING, "Punkt 3 i kallelsen (Motion om cykelvägar) behandlas inte i någon paragraf och anges inte som utgången."),
                    (Severity.INFO, "§ 3 (Extra ärende om vägbelysning) finns inte i kallelsen; se fastställandet av dagordningen.")]


def test_good_practice_a_decision_in_a_case_names_its_recipients():
    m, _ = meeting(paragraphs=2)
    Paragraph.objects.filter(meeting=m, number=1).update(case_number="KS 2026/12", recipients=["Kommunfullmäktige"])
    Paragraph.objects.filter(meeting=m, number=2).update(case_number="KS 2026/13")
    assert [(f.severity, f.paragraph) for f in findings(m, "practice")] == [(Severity.INFO, 2)]
    Paragraph.objects.filter(meeting=m, number=2).update(decision="Sammanställningen anmäls och läggs till handlingarna.")
    assert findings(m, "practice") == []


def test_the_review_pages_are_for_staff_and_auditors_unless_the_organisation_makes_them_public(client, django_user_model):
    from django.contrib.auth.models import Group

    from paragraf.review.models import ReviewSetting

    broken, _ = meeting(present=3)
    path = f"/granskning/{broken.body.slug}/2026-05-12/"
    answer = client.get(path)
    assert answer.status_code == 302 and answer["Location"].startswith("/konto/logga-in/")
    someone = django_user_model.objects.create_user("någon")
    client.force_login(someone)
    assert client.get(path).status_code == 403
    auditor = django_user_model.objects.create_user("revisor")
    auditor.groups.add(Group.objects.get(name="Revisor"))
    client.force_login(auditor)
    page = client.get(path).content.decode()
    assert "3 fel" in page and "Vid § 1 tjänstgjorde 3 av organets 7 ledamöter, inte fler än hälften." in page
    summary = client.get(f"/granskning/{broken.body.slug}/2026/").content.decode()
    assert f"/granskning/{broken.body.slug}/2026-05-12/" in summary
    client.logout()
    ReviewSetting.objects.create(organization=broken.body.organization, public=True)
    assert client.get(path).status_code == 200


def test_the_native_api_gives_a_meetings_findings_where_the_review_is_public(client):
    from paragraf.review.models import ReviewSetting

    broken, _ = meeting(present=3)
    path = f"/api/v1/meetings/{broken.pk}/findings/"
    assert client.get(path).status_code == 404
    ReviewSetting.objects.create(organization=broken.body.organization, public=True)
    data = client.get(path).json()
    assert data["meeting"]["id"] == broken.pk
    quorum = [f for f in data["findings"] if f["rule"] == "quorum"]
    assert [(f["severity"], f["paragraph"]) for f in quorum] == [("fel", 1), ("fel", 2), ("fel", 3)]
    assert quorum[0]["rule_source"].startswith("Kommunallagen (2017:725) 6 kap. 27 §")


def test_numbering_continues_from_the_meeting_before_or_restarts_in_a_new_year():
    first, _ = meeting(numbers=[1, 2, 3])
    body = first.body
    following = Meeting.objects.create(body=body, date=datetime.date(2026, 6, 9))
    for n in (4, 5):
        Paragraph.objects.create(meeting=following, number=n, title=f"Ärende {n}", decision="Beslut.")
    assert findings(following, "numbering") == []
    jump = Meeting.objects.create(body=body, date=datetime.date(2026, 8, 25))
    Paragraph.objects.create(meeting=jump, number=9, title="Ärende 9", decision="Beslut.")
    assert [f.explanation for f in findings(jump, "numbering")] == [
        "Paragraferna börjar på § 9, men organets förra sammanträde (2026-06-09) slutade på § 5."]
    next_year = Meeting.objects.create(body=body, date=datetime.date(2027, 1, 26))
    Paragraph.objects.create(meeting=next_year, number=1, title="Ärende 1", decision="Beslut.")
    assert findings(next_year, "numbering") == []


def test_a_proposal_to_the_assembly_reaches_it():
    from paragraf.records.models import Case

    m, _ = meeting(paragraphs=1)
    case = Case.objects.create(organization=m.body.organization, year=2026, serial=40, number="KS 2026/40")
    Paragraph.objects.filter(meeting=m, number=1).update(case=case, case_number=case.number, recipients=["Kommunfullmäktige"],
                                                         decision="Kommunstyrelsen föreslår kommunfullmäktige att anta planen.")
    assert [f.paragraph for f in findings(m, "practice")] == [1]
    assembly = Body.objects.create(organization=m.body.organization, name="Kommunfullmäktige", slug="kommunfullmaktige-granskning",
                                   kind=Body.Kind.ASSEMBLY)
    later = Meeting.objects.create(body=assembly, date=datetime.date(2026, 6, 16))
    Paragraph.objects.create(meeting=later, number=12, title="Planen", case=case, decision="Fullmäktige antar planen.")
    assert findings(m, "practice") == []

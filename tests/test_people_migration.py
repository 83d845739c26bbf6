"""Migrations 0023 and 0024 place each person in the organisation whose records name them, and splits a person
the records of two organisations name (merged by name and party when the register was one): the rows of
the other organisation move to a person of its own, with the same name, party and spellings."""
from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("records", "0022_information_documents_authored"), ("secretariat", "0008_delegate"), ("alerts", "0001_initial")]
AFTER = [("records", "0024_place_people"), ("secretariat", "0010_member_account_person_removed"),
         ("alerts", "0002_person_alerts_follow_the_split")]


@pytest.fixture
def executor(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    yield executor
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_a_person_two_organisations_name_becomes_one_in_each(executor):
    old = executor.loader.project_state(BEFORE).apps
    Organization, Body, Meeting = (old.get_model("records", name) for name in ("Organization", "Body", "Meeting"))
    Person, PersonAlias, Party = (old.get_model("records", name) for name in ("Person", "PersonAlias", "Party"))
    Attendance, Paragraph, Dissent = (old.get_model("records", name) for name in ("Attendance", "Paragraph", "Dissent"))
    s, _ = Party.objects.get_or_create(abbreviation="S")
    places = {}
    for name in ("Ekby kommun", "Norrviks kommun", "Ljungsala kommun"):
        organization = Organization.objects.create(name=name, slug=name.split()[0].lower())
        body = Body.objects.create(organization=organization, name="Kommunstyrelsen", slug=f"ks-{organization.slug}")
        places[name] = [Meeting.objects.create(body=body, date=dt.date(2024, 1, day), published=True) for day in (10, 20)]
    anna = Person.objects.create(name="Anna Andersson", party=s, slug="anna-andersson-s")
    PersonAlias.objects.create(person=anna, name="Anna Andersson", reason="första förekomst")
    PersonAlias.objects.create(person=anna, name="A. Andersson", reason="kortare namnform")
    # Ljungsala's meetings name nobody: no one is placed there.
    alone = Person.objects.create(name="Bo Berg", slug="bo-berg")
    nobody = Person.objects.create(name="Ingen Alls", slug="ingen-alls")
    for meeting in places["Ekby kommun"]:
        Attendance.objects.create(meeting=meeting, position=1, group="ledamot", name="Anna Andersson", party="S", person=anna)
    # Staff corrected who the second Ekby attendance means: to Anna (the correction stays hers after the split).
    corrected = Attendance.objects.get(meeting=places["Ekby kommun"][1])
    ContentType = old.get_model("contenttypes", "ContentType")
    old.get_model("records", "Override").objects.create(
        content_type=ContentType.objects.get_or_create(app_label="records", model="attendance")[0],
        object_id=corrected.pk, field="person_id", value=anna.pk, imported_value=None)
    long_ago = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
    Meeting.objects.update(modified=long_ago)
    Attendance.objects.update(modified=long_ago)
    norrvik = places["Norrviks kommun"][0]
    Attendance.objects.create(meeting=norrvik, position=1, group="ledamot", name="Anna Andersson", party="S", person=anna)
    Attendance.objects.create(meeting=norrvik, position=2, group="ersättare", name="Bo Berg", person=alone, replaces=anna)
    paragraph = Paragraph.objects.create(meeting=norrvik, number=1, title="Budget")
    Dissent.objects.create(paragraph=paragraph, position=1, text="Anna Andersson (S) reserverar sig.").people.add(anna)

    member = old.get_model("auth", "User").objects.create(username="anna")
    old.get_model("secretariat", "MemberAccount").objects.create(user=member, person=anna)
    follower = old.get_model("alerts", "Subscriber").objects.create(email="foljer@example.org")
    old.get_model("alerts", "Subscription").objects.create(
        subscriber=follower, kind="person", person=anna, target="person-anna", requested=dt.datetime(2024, 2, 1, tzinfo=dt.timezone.utc),
        confirmed=dt.datetime(2024, 2, 1, tzinfo=dt.timezone.utc))
    before = Person.objects.count()  # the corpus's people too (conftest imports it), each named in one organisation

    executor.loader.build_graph()
    executor.migrate(AFTER)

    new = MigrationExecutor(connection).loader.project_state(AFTER).apps
    Person, Attendance, Dissent = (new.get_model("records", name) for name in ("Person", "Attendance", "Dissent"))
    ekby, norrvik_org = (new.get_model("records", "Organization").objects.get(slug=slug) for slug in ("ekby", "norrviks"))
    kept = Person.objects.get(pk=anna.pk)
    assert kept.organization_id == norrvik_org.pk  # Norrvik names her three times, Ekby twice: she stays in Norrvik
    copy = Person.objects.get(name="Anna Andersson", organization=ekby)
    assert copy.pk != kept.pk and copy.party_id == s.pk and copy.slug == f"anna-andersson-s-o{ekby.pk}"
    assert sorted(copy.aliases.values_list("name", flat=True)) == ["A. Andersson", "Anna Andersson"]
    assert set(Attendance.objects.filter(person=copy).values_list("meeting__body__organization", flat=True)) == {ekby.pk}
    assert Attendance.objects.filter(person=copy).count() == 2
    assert Attendance.objects.get(meeting=norrvik.pk, name="Anna Andersson").person_id == kept.pk
    assert Attendance.objects.get(name="Bo Berg").replaces_id == kept.pk
    assert list(Dissent.objects.get(paragraph=paragraph.pk).people.values_list("pk", flat=True)) == [kept.pk]
    assert Person.objects.get(pk=alone.pk).organization_id == norrvik_org.pk
    assert Person.objects.get(pk=nobody.pk).organization_id is None
    assert new.get_model("records", "Override").objects.get(object_id=corrected.pk).value == copy.pk
    ekby_meetings = [m.pk for m in places["Ekby kommun"]]
    Meeting = new.get_model("records", "Meeting")
    assert all(m.modified > long_ago for m in Meeting.objects.filter(pk__in=ekby_meetings))  # clients syncing see it
    assert Meeting.objects.get(pk=places["Ljungsala kommun"][0].pk).modified == long_ago
    assert all(a.modified > long_ago for a in Attendance.objects.filter(person=copy))
    assert Person.objects.get(pk=alone.pk).modified > long_ago  # placed: its OParl body is new
    account = new.get_model("secretariat", "MemberAccount").objects.get(user__username="anna")
    assert set(account.people.values_list("pk", flat=True)) == {kept.pk, copy.pk}  # reaches what it reached before
    followed = new.get_model("alerts", "Subscription").objects.filter(subscriber__email="foljer@example.org")
    assert sorted(followed.values_list("person", flat=True)) == sorted([kept.pk, copy.pk])
    assert all(f.confirmed is not None for f in followed)
    assert Person.objects.count() == before + 1
    assert not Person.objects.filter(organization__isnull=True).exclude(pk=nobody.pk).exists()

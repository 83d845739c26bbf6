"""An import reads the people register only in the part its names can mean
(`records.resolve.People`), and finds the same person it would find reading all of it."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from paragraf.records.models import Organization, Person, PersonAlias
from paragraf.records.resolve import Parties, People

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def ekby(db):
    return Organization.objects.create(name="Ekby kommun", slug="ekby-kommun")


def register(organization: Organization | None = None) -> People:
    return People(Parties(), organization or Organization.objects.get(slug="ekby-kommun"))


def store_register(size: int) -> None:
    """`size` people who share a first name with the test's names (`Tyra`, `Anna`, …), each with its alias."""
    first = ("Tyra", "Anna", "Eva", "Per", "Lind")
    ekby = Organization.objects.get(slug="ekby-kommun")
    people = Person.objects.bulk_create(Person(name=f"{first[n % 5]} Efternamn{n}", slug=f"register-{n}", organization=ekby)
                                        for n in range(size))
    for person in people:
        PersonAlias(person=person, name=person.name, reason="första förekomst").save()


def test_a_name_reads_only_the_people_it_can_mean_not_all_who_share_its_first_name():
    store_register(300)
    known = register().get("Tyra Qvist Ödman", "S")

    people = register()
    with CaptureQueriesContext(connection) as queries:
        found = people.get("Tyra Ödman", "S")

    assert found == known
    assert set(people.people) == {known.pk}
    # The candidates' ids, the people, their aliases, the new alias: no query grows with the register.
    assert len(queries) <= 5


def test_a_reordered_name_finds_the_person_by_another_part():
    store_register(20)
    known = register().get("Anna Berg Lind", "V")

    found = register().get("Lind Anna Berg", "V")

    assert found == known
    alias = PersonAlias.objects.get(name="Lind Anna Berg")
    assert (alias.first_token, alias.folded_name) == ("lind", " lind anna berg ")


def test_a_name_shared_by_two_people_of_unknown_party_is_left_unresolved():
    people = register()
    people.get("Eva Holm", "S")
    people.get("Eva Holm", "M")

    assert register().get("Eva Holm", None) is None


def test_a_new_persons_address_avoids_one_already_stored():
    Person.objects.create(name="Någon Annan", slug="per-olsson-c")

    person = register().get("Per Olsson", "C")

    assert person.slug == "per-olsson-c-2"


def test_case_and_letters_outside_ascii_do_not_hide_a_person():
    store_register(10)
    known = register().get("Åsa Öberg Ärlig", "MP")

    assert register().get("ÅSA ÄRLIG", "MP") == known  # a shorter form, in capitals
    assert register().get("Ärlig Åsa Öberg", "MP") == known  # reordered


def test_a_one_part_name_finds_only_that_name():
    known = register().get("Bertilsdotter", "KD")
    register().get("Bertilsdotter Sjö", "KD")

    assert register().get("Bertilsdotter", "KD") == known


def test_another_organisations_person_of_the_same_name_and_party_is_someone_else(ekby):
    """Two municipalities' `Anna Andersson (S)` are two people; each organisation finds its own again."""
    norrvik = Organization.objects.create(name="Norrviks kommun", slug="norrviks-kommun")
    in_ekby = register(ekby).get("Anna Andersson", "S")
    in_norrvik = register(norrvik).get("Anna Andersson", "S")

    assert in_ekby != in_norrvik
    assert (in_ekby.organization, in_norrvik.organization) == (ekby, norrvik)
    assert in_norrvik.slug == "anna-andersson-s-2"
    assert register(ekby).get("Anna Andersson", None) == in_ekby  # party unknown: still only Ekby's
    assert register(norrvik).lookup("Anna Andersson") == in_norrvik

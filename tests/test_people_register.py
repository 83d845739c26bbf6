"""An import reads the people register only in the part its names can mean
(`records.resolve.People`), and finds the same person it would find reading all of it."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from paragraf.records.models import Person, PersonAlias
from paragraf.records.resolve import Parties, People

pytestmark = pytest.mark.django_db


def store_register(size: int) -> None:
    """`size` people who share a first name with the test's names (`Tyra`, `Anna`, …), each with its alias."""
    first = ("Tyra", "Anna", "Eva", "Per", "Lind")
    people = Person.objects.bulk_create(Person(name=f"{first[n % 5]} Efternamn{n}", slug=f"register-{n}") for n in range(size))
    for person in people:
        PersonAlias(person=person, name=person.name, reason="första förekomst").save()


def test_a_name_reads_only_the_people_it_can_mean_not_all_who_share_its_first_name():
    store_register(300)
    known = People(Parties()).get("Tyra Qvist Ödman", "S")

    people = People(Parties())
    with CaptureQueriesContext(connection) as queries:
        found = people.get("Tyra Ödman", "S")

    assert found == known
    assert set(people.people) == {known.pk}
    # The candidates' ids, the people, their aliases, the new alias: no query grows with the register.
    assert len(queries) <= 5


def test_a_reordered_name_finds_the_person_by_another_part():
    store_register(20)
    known = People(Parties()).get("Anna Berg Lind", "V")

    found = People(Parties()).get("Lind Anna Berg", "V")

    assert found == known
    alias = PersonAlias.objects.get(name="Lind Anna Berg")
    assert (alias.first_token, alias.folded_name) == ("lind", " lind anna berg ")


def test_a_name_shared_by_two_people_of_unknown_party_is_left_unresolved():
    register = People(Parties())
    register.get("Eva Holm", "S")
    register.get("Eva Holm", "M")

    assert People(Parties()).get("Eva Holm", None) is None


def test_a_new_persons_address_avoids_one_already_stored():
    Person.objects.create(name="Någon Annan", slug="per-olsson-c")

    person = People(Parties()).get("Per Olsson", "C")

    assert person.slug == "per-olsson-c-2"


def test_case_and_letters_outside_ascii_do_not_hide_a_person():
    store_register(10)
    known = People(Parties()).get("Åsa Öberg Ärlig", "MP")

    assert People(Parties()).get("ÅSA ÄRLIG", "MP") == known  # a shorter form, in capitals
    assert People(Parties()).get("Ärlig Åsa Öberg", "MP") == known  # reordered


def test_a_one_part_name_finds_only_that_name():
    known = People(Parties()).get("Bertilsdotter", "KD")
    People(Parties()).get("Bertilsdotter Sjö", "KD")

    assert People(Parties()).get("Bertilsdotter", "KD") == known

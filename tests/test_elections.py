"""Elections read from decision text: the decision verb is not part of a name; a list of people shares the post."""
from __future__ import annotations

from paragraf.ingest.cleanup import Line
from paragraf.ingest.elections import read_elections


def decision(*texts: str) -> list[Line]:
    return [Line(n, text) for n, text in enumerate(texts, start=100)]


def elected(title: str, *texts: str) -> list[tuple]:
    return [(e.name, e.party, e.post) for e in read_elections(title, decision(*texts), " ".join(texts))]


def test_the_verb_opening_the_decision_is_not_part_of_the_name():
    got = elected("Val av ombud till Exempelbolaget AB", "• Utser Eva Lind Berg (S) till ombud och Olof Ek (M) till", "ersättare för ombud.")
    assert got == [("Eva Lind Berg", "S", "ombud"), ("Olof Ek", "M", "ersättare för ombud")]


def test_everyone_in_a_list_gets_the_post_in_the_singular():
    got = elected("Val av ledamöter till Miljörådet", "• Väljer Anna Ek (C), Bo Al (V) och Cia Berg (KD) till ledamöter i Miljörådet.")
    assert got == [("Anna Ek", "C", "ledamot"), ("Bo Al", "V", "ledamot"), ("Cia Berg", "KD", "ledamot")]


def test_a_one_word_name_in_parentheses_is_not_a_person():
    assert elected("Val av representant", "Utser representant till Forum for Safety in Healthcare (IHI) senare.") == []

"""How the importer reads facts about people from the text of a § (invented wordings of the
forms Swedish minutes use): party groups, § restrictions, joint proposals, what ja and nej
stood for, elections against nominations and adjusters, elections to the parts of a body,
and the documents a basis list names."""
from __future__ import annotations

import pytest

from paragraf.ingest import MeetingHints, parse_text
from paragraf.ingest.basis import read_basis_item
from paragraf.ingest.cleanup import Line
from paragraf.ingest.elections import read_appointments
from paragraf.ingest.groups import Meant, meant
from paragraf.ingest.propositions import read_propositions
from paragraf.ingest.spans import parse_span
from paragraf.ingest.votes import read_votes

# ---------------------------------------------------------------- who a sentence means


@pytest.mark.parametrize("text, parties", [
    ("Ledamöterna för Kristdemokraterna, Centerpartiet, Liberalerna och Sverigedemokraterna reserverar sig.",
     {"KD", "C", "L", "SD"}),
    ("Sverigedemokraternas ledamöter reserverar sig mot beslutet.", {"SD"}),
    ("Ledamöterna från M, D, L och KD reserverar sig till förmån för eget yrkande.", {"M", "D", "L", "KD"}),
    ("Samtliga ledamöter från Liberalerna reserverar sig.", {"L"}),
    ("Moderaterna och Kristdemokraterna reserverar sig mot beslutet.", {"M", "KD"}),
    ("Miljöpartiets ledamot reserverar sig.", {"MP"}),
])
def test_a_party_group_is_meant_by_name_or_abbreviation(text, parties):
    assert meant(text, {"S", "M", "SD", "C", "V", "KD", "L", "MP", "D"}) == Meant([], parties)


def test_people_named_with_their_party_are_meant_themselves():
    got = meant("Anna Berg (S) och Per Ek (M) reserverar sig mot beslutet till förmån för Anna Bergs yrkande.")
    assert got.people == [("Anna Berg", "S"), ("Per Ek", "M")] and got.parties == set()


def test_words_after_the_verb_mean_nobody():
    assert meant("Per Ek (M) reserverar sig till förmån för Socialdemokraternas förslag.").parties == set()


def test_a_sentence_without_a_group_means_no_party():
    assert meant("Ordföranden reserverar sig inte; beslutet fattas enligt förslaget.").parties == set()


# ---------------------------------------------------------------- § restrictions


@pytest.mark.parametrize("text, admitted, refused", [
    ("§§ 1-13", [1, 13], [14]),
    ("§ 10", [10], [9, 11]),
    ("t.o.m. § 114", [1, 114], [115]),
    ("fr.o.m. § 115", [115, 200], [114]),
    ("§§ 112–116", [112, 116], [111, 117]),
    ("§§ 1-5, 7", [1, 5, 7], [6, 8]),
    ("ej § 5", [4, 6], [5]),
    ("§ 3 och 7", [3, 7], [4]),
    ("", [1, 99], []),
])
def test_a_restriction_admits_the_paragraphs_it_names(text, admitted, refused):
    span = parse_span(text)
    assert all(span.admits(n) for n in admitted) and not any(span.admits(n) for n in refused)


# ---------------------------------------------------------------- votes: what ja and nej stood for


@pytest.mark.parametrize("text, yes, no", [
    ("Godkänd voteringsproposition: ”Ja för avslag och Nej för bifall till yrkandet från M.”", "avslag",
     "bifall till yrkandet från M"),
    ("Godkänd voteringsproposition: ”Ja för bifall till nämndens förslag. Nej för bifall till yrkandet från Per Ek m fl”.",
     "bifall till nämndens förslag", "bifall till yrkandet från Per Ek m fl"),
    ('"Ja för bifall till Anna Bergs yrkande och Nej för bifall till Per Eks m.fl. yrkande."',
     "bifall till Anna Bergs yrkande", "bifall till Per Eks m.fl. yrkande"),
    ("JA – för att anse motionen besvarad röstar 9 ledamöter: Anna Berg (S). NEJ – för att bifalla motionen röstar 6",
     "att anse motionen besvarad", "att bifalla motionen"),
    ("Den som vill bifalla arbetsutskottets förslag röstar ja, den som vill bifalla Per Eks yrkande röstar nej.",
     "bifalla arbetsutskottets förslag", "bifalla Per Eks yrkande"),
])
def test_the_proposition_of_a_vote(text, yes, no):
    options = {p.side: p.option for p in read_propositions(text)}
    assert options == {"yes": yes, "no": no}


def test_a_count_is_no_proposition():
    assert read_propositions("Omröstningen utfaller med 11 ja-röster mot 4 nej-röster för bifall.") == []


def test_each_vote_gets_the_proposition_before_it():
    text = ("Godkänd voteringsproposition: ”Ja för avslag och Nej för bifall till tilläggsyrkandet från SD.”\n"
            "Omröstningen utfaller med 12 Ja mot 3 Nej.\n"
            "Godkänd voteringsproposition: ”Ja för ärendets avgörande idag och Nej för återremiss.”\n"
            "Omröstningen utfaller med 10 Ja mot 5 Nej.")
    votes = read_votes([Line(n, t) for n, t in enumerate(text.split("\n"), 1)])
    assert [(v.yes, v.yes_option, v.no_option) for v in votes] == [
        (12, "avslag", "bifall till tilläggsyrkandet från SD"), (10, "ärendets avgörande idag", "återremiss")]


# ---------------------------------------------------------------- proposals


MINUTES = """PROTOKOLL
Kommunstyrelsen
Sammanträdesdatum 2025-02-04

§ 7
{title}
Beslut
{decision}
Yrkanden
{proposals}
"""


def only_paragraph(title: str, decision: str, proposals: str = "Inga.") -> dict:
    text = MINUTES.format(title=title, decision=decision, proposals=proposals)
    [meeting] = parse_text(text, hints=MeetingHints(organization="Ekby kommun"))["meetings"]
    [paragraph] = meeting["paragraphs"]
    return paragraph


def test_every_proposer_of_a_joint_proposal():
    paragraph = only_paragraph("Motion om cykelbanor", "Kommunstyrelsen beslutar att avslå motionen.",
                               "Anna Berg (S), Per Ek (M) och Eva Lund (C) yrkar bifall till motionen.")
    [proposal] = paragraph["proposals"]
    assert proposal["by"] == "Anna Berg"
    assert [(p["name"], p["party"]) for p in proposal["proposers"]] == [("Anna Berg", "S"), ("Per Ek", "M"), ("Eva Lund", "C")]


# ---------------------------------------------------------------- elections, nominations, adjusters


def appointments(title: str, decision: str) -> tuple[list, list]:
    lines = [Line(n, text) for n, text in enumerate(decision.split("\n"), 100)]
    elections, nominations = read_appointments(title, lines, decision)
    return ([(e.name, e.party, e.post, e.organisation) for e in elections],
            [(e.name, e.party, e.post) for e in nominations])


def test_appointing_the_adjusters_is_no_election():
    assert appointments("Val av justerare", "Kommunstyrelsen utser Anna Berg (S) och Per Ek (M) att justera protokollet.") == ([], [])


@pytest.mark.parametrize("title, decision", [
    ("Nominering av ledamöter till partnerskapet", "Kommunstyrelsen nominerar Anna Berg (S) och Per Ek (M) till ledamöter."),
    ("Val av ledamöter till bolagsstyrelsen", "Kommunstyrelsen föreslår kommunfullmäktige att välja Anna Berg (S) och Per Ek (M) till ledamöter."),
])
def test_a_nomination_is_no_election(title, decision):
    assert appointments(title, decision) == ([], [("Anna Berg", "S", "ledamot"), ("Per Ek", "M", "ledamot")])


def test_the_member_a_new_one_comes_after_is_not_elected():
    assert appointments("Fyllnadsval", "Som ersättare i byggnadsnämnden efter Per Ek (M) väljs Bo Al (M).") == (
        [("Bo Al", "M", "ersättare", "byggnadsnämnden")], [])


def test_a_plural_post_is_one_post_per_person():
    elections, _ = appointments("Val av nämndemän", "Till nämndemän i tingsrätten väljs Anna Berg (S) och Per Ek (M).")
    assert elections == [("Anna Berg", "S", "nämndeman", "tingsrätten"), ("Per Ek", "M", "nämndeman", "tingsrätten")]


def test_elections_to_the_parts_of_a_body_keep_the_part_and_the_post():
    decision = ("Regionstyrelsen utser nedan ledamöter för mandatperioden 2023-2026:\n"
                "Regional utveckling: Anna Berg (S), Per Ek (M).\n"
                "Kollektivtrafik: Anna Berg (S), Eva Lund (C).")
    elections, nominations = appointments("Val av ledamöter till utskotten i Samverkansrådet", decision)
    assert nominations == []
    assert elections == [("Anna Berg", "S", "ledamot", "Regional utveckling"), ("Per Ek", "M", "ledamot", "Regional utveckling"),
                         ("Anna Berg", "S", "ledamot", "Kollektivtrafik"), ("Eva Lund", "C", "ledamot", "Kollektivtrafik")]


# ---------------------------------------------------------------- the basis list


@pytest.mark.parametrize("item, kind, date, body", [
    ("• Protokollsutdrag regionfullmäktiges presidium 2022-06-02", "protokollsutdrag", "2022-06-02", "regionfullmäktiges presidium"),
    ("• Protokollsutdrag nämnd FS 2022-12-14", "protokollsutdrag", "2022-12-14", "nämnd FS"),
    ("Tjänsteskrivelse daterad 2022-11-15", "tjansteskrivelse", "2022-11-15", None),
    ("• Missiv 2023-01-23", "missiv", "2023-01-23", None),
])
def test_a_basis_item_names_a_document_and_maybe_a_body(item, kind, date, body):
    read = read_basis_item(item)
    assert (read.kind, read.date, read.body) == (kind, date, body)


def test_a_basis_item_of_no_known_kind_is_not_read():
    assert read_basis_item("• Motion - Bättre vård för patienter") is None


@pytest.mark.parametrize("basis, items", [
    # a bulleted list: a line without a bullet goes on with the item above, over a blank line too
    ("• Missiv daterat 2023-01-31\n• Verksamhetsberättelse 2022 Regionledningskontor med\n\nverksamhetsnära funktion\n"
     "• Verksamhetsberättelse 2022 IT-centrum",
     ["Missiv daterat 2023-01-31", "Verksamhetsberättelse 2022 Regionledningskontor med verksamhetsnära funktion",
      "Verksamhetsberättelse 2022 IT-centrum"]),
    # no bullets: each line an item, unless it goes on in lower case or after an open end
    ("Tjänsteskrivelse 2024-01-15\nProtokoll från kommunstyrelsens arbetsutskott\nden 2 februari 2024\nYttrande från\nMiljönämnden",
     ["Tjänsteskrivelse 2024-01-15", "Protokoll från kommunstyrelsens arbetsutskott den 2 februari 2024",
      "Yttrande från Miljönämnden"]),
])
def test_the_items_of_a_basis_list(basis, items):
    text = MINUTES.format(title="Motion om cykelbanor", decision="Kommunstyrelsen beslutar att avslå motionen.",
                          proposals="Inga.") + "Beslutsunderlag\n" + basis + "\n"
    [meeting] = parse_text(text, hints=MeetingHints(organization="Ekby kommun"))["meetings"]
    assert meeting["paragraphs"][0]["basis"] == items

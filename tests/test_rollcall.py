"""Who serves at each § of a meeting being recorded (paragraf/secretariat/rollcall.py)."""
from __future__ import annotations

import pytest

from paragraf.secretariat.rollcall import (
    Called, Presence, RecordingError, check_open_vote, check_reservation, decided_by_vote, propose_substitutes, serving_at,
)

BORGSTROM = Called("Annelie Borgström", "S", True)
DE_BASSO = Called("Rachel De Basso", "S", True)
NEDERGAARD = Called("Martin Nedergaard-Hansen", "BA", True)
FRISK = Called("Maria Frisk", "KD", True)
STARCK = Called("Adam Starck", "S", False)
STAMENKOVIC = Called("Nena Stamenkovic", "S", False)
LUNDGREN = Called("Pontus Lundgren", "BA", False)


def roll(absent=(), **changes) -> list[Presence]:
    people = [DE_BASSO, BORGSTROM, NEDERGAARD, FRISK, STARCK, STAMENKOVIC, LUNDGREN]
    return [Presence(p, present=p not in absent, **changes.get(p.name, {})) for p in people]


def test_an_absent_member_is_replaced_by_the_first_substitute_of_the_same_party_in_order():
    entries = propose_substitutes(roll(absent=(BORGSTROM, NEDERGAARD)))
    serves = {e.called.key: e.serves_for for e in entries if e.serves_for}
    assert serves == {"Adam Starck (S)": "Annelie Borgström (S)", "Pontus Lundgren (BA)": "Martin Nedergaard-Hansen (BA)"}
    assert serving_at(entries, 1) == ["Rachel De Basso (S)", "Maria Frisk (KD)", "Adam Starck (S)", "Pontus Lundgren (BA)"]


def test_the_secretarys_choice_of_substitute_is_kept():
    chosen = roll(absent=(BORGSTROM,), **{"Nena Stamenkovic": {"serves_for": "Annelie Borgström (S)"}})
    entries = propose_substitutes(chosen)
    assert [e.called.name for e in entries if e.serves_for] == ["Nena Stamenkovic"]


def test_without_a_substitute_of_the_party_another_serves():
    entries = propose_substitutes(roll(absent=(FRISK,)))
    assert [(e.called.name, e.serves_for) for e in entries if e.serves_for] == [("Adam Starck", "Maria Frisk (KD)")]


def test_a_member_who_leaves_after_a_paragraph_is_replaced_from_the_next():
    entries = roll(**{"Maria Frisk": {"last": 13}, "Adam Starck": {"serves_for": "Maria Frisk (KD)", "first": 14}})
    assert "Maria Frisk (KD)" in serving_at(entries, 13) and "Adam Starck (S)" not in serving_at(entries, 13)
    assert "Maria Frisk (KD)" not in serving_at(entries, 14) and "Adam Starck (S)" in serving_at(entries, 14)


def test_jav_at_one_paragraph_lets_the_substitute_serve_there_only():
    entries = roll(**{"Maria Frisk": {"disqualified": frozenset({5})}, "Adam Starck": {"serves_for": "Maria Frisk (KD)"}})
    assert "Maria Frisk (KD)" not in serving_at(entries, 5) and "Adam Starck (S)" in serving_at(entries, 5)
    assert "Maria Frisk (KD)" in serving_at(entries, 6) and "Adam Starck (S)" not in serving_at(entries, 6)


def test_an_open_vote_counts_every_serving_member_once():
    serving = ["Rachel De Basso", "Maria Frisk", "Adam Starck"]
    assert check_open_vote(serving, {"Rachel De Basso": "yes", "Maria Frisk": "no", "Adam Starck": "abstain"}) == (1, 1, 1)
    with pytest.raises(RecordingError, match="Röst saknas för: Adam Starck"):
        check_open_vote(serving, {"Rachel De Basso": "yes", "Maria Frisk": "no"})
    with pytest.raises(RecordingError, match="Tjänstgör inte vid paragrafen och kan inte rösta: Nena Stamenkovic"):
        check_open_vote(serving, {"Rachel De Basso": "yes", "Maria Frisk": "no", "Adam Starck": "no", "Nena Stamenkovic": "yes"})


def test_a_tie_is_decided_by_the_chair():
    assert decided_by_vote(7, 6, None) == "yes"
    assert decided_by_vote(7, 7, "no") == "no"
    with pytest.raises(RecordingError, match="Lika röstetal"):
        decided_by_vote(7, 7, "abstain")


def test_only_who_took_part_may_reserve_themselves():
    check_reservation(["Maria Frisk"], ["Maria Frisk"])
    with pytest.raises(RecordingError, match="Deltog inte i beslutet och kan inte reservera sig: Annelie Borgström"):
        check_reservation(["Maria Frisk"], ["Annelie Borgström"])

"""Secret ballots (sluten omröstning) in elections, in the wordings minutes use."""
import pytest

from paragraf.ingest.cleanup import Line
from paragraf.ingest.votes import read_votes


def ballot(text: str):
    lines = [Line(i, t) for i, t in enumerate(text.split("\n"), 1)]
    return [(v.method, v.yes, v.no, v.abstain, [(o.label, o.count) for o in v.options]) for v in read_votes(lines)]


@pytest.mark.parametrize("text, blank", [
    ("Sluten omröstning begärs. Omröstningen ger följande resultat: Ingrid Ås 5 röster,\n"
     "Per Ny 3 röster och 1 blank röst.", 1),
    # the second name wraps onto the next line; the blank ballot in a sentence of its own
    ("Sluten omröstning genomförs. Omröstningen gav Ingrid Ås 5 röster och Per\nNy 3 röster. "
     "En valsedel var blank.", 1),
    ("Sluten omröstning. Ingrid Ås erhöll 5 röster och Per Ny 3 röster.", 0),
    ("Sluten omröstning. 5 röster för Ingrid Ås, 3 röster för Per Ny, 1 blank.", 1),
    ("Sluten omröstning.\nValresultat\nIngrid Ås 5 röster\nPer Ny 3 röster\nBlanka 2", 2),
])
def test_ballot_between_candidates(text, blank):
    assert ballot(text) == [("secret", 5, 3, blank, [("Ingrid Ås", 5), ("Per Ny", 3)])]


def test_the_party_of_a_candidate_is_kept_apart_from_the_name():
    lines = [Line(1, "Sluten omröstning. Ingrid Ås (C) erhöll 5 röster och Per Ny (SD) 3 röster.")]
    (vote,) = read_votes(lines)
    assert [(o.label, o.party, o.count) for o in vote.options] == [("Ingrid Ås", "C", 5), ("Per Ny", "SD", 3)]


def test_a_proposal_voted_on_in_a_ballot_has_no_party():
    lines = [Line(1, "Sluten omröstning genomförs."), Line(2, "9 ledamöter röstar för arbetsutskottets förslag"),
             Line(3, "6 ledamöter röstar för Anna Bergs yrkande")]
    (vote,) = read_votes(lines)
    assert [(o.label, o.party, o.count) for o in vote.options] == [("arbetsutskottets förslag", None, 9), ("Anna Bergs yrkande", None, 6)]

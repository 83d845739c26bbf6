"""The development set: packet 003 parsed and scored against its gold annotation
with the project's scorer (samples/eval/score.py), at the issue's thresholds."""

import pytest

from paragraf.ingest import parse_path
from tests.conftest import CORPUS, SAMPLES, load_scorer


@pytest.fixture(scope="module")
def result():
    import json

    gold = json.loads((SAMPLES / "eval" / "dev-gold-003.json").read_text(encoding="utf-8"))
    predicted = parse_path(CORPUS / "003_09654b114c25dc54.txt")
    return load_scorer().combined(gold, predicted)


def test_meetings_all_found(result):
    assert result["meetings"]["f1"] == 1.0


def test_paragraphs(result):
    assert result["paragraphs"]["f1"] >= 0.99


@pytest.mark.parametrize("measure", ["agenda", "invited", "attendance"])
def test_agenda_invited_attendance(result, measure):
    assert result[measure]["f1"] >= 0.98


def test_every_field(result):
    low = {name: value for name, value in result["fields"].items() if value is not None and value < 0.97}
    assert not low, low


def test_documents(result):
    assert result["documents"]["f1"] >= 0.90


def test_indicators(result):
    assert result["indicators"]["f1"] >= 0.90

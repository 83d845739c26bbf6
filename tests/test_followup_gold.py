"""The goal trees (every indicator with its report year, perspective, goal, success factor, assignment,
target, result and polarity) and the internal control report, scored against gold written by hand from
the corpus packets (samples/eval/followup-gold-*.json; issue 20)."""
from __future__ import annotations

import copy
import json

import pytest

from paragraf.ingest import parse_path
from tests.conftest import CORPUS, SAMPLES, load_scorer

PACKETS = ["003_09654b114c25dc54", "000_9183b8d70dd3de41"]


@pytest.fixture(scope="module", params=PACKETS)
def pair(request) -> tuple[dict, dict]:
    gold = json.loads((SAMPLES / "eval" / f"followup-gold-{request.param[:3]}.json").read_text(encoding="utf-8"))
    return gold, parse_path(CORPUS / f"{request.param}.txt")


def test_the_importer_reads_the_goal_trees_at_the_gold(pair):
    gold, packet = pair
    result = load_scorer().combined(gold, packet)
    assert result["tree_indicators"]["f1"] >= 0.95, result["tree_indicators"]
    assert result["fields"]["tree.polarity"] >= 0.9, result["fields"]
    assert result["score"] >= 0.97, result


def test_the_internal_control_report_is_read_at_the_gold():
    gold = json.loads((SAMPLES / "eval" / "followup-gold-003.json").read_text(encoding="utf-8"))
    result = load_scorer().combined(gold, parse_path(CORPUS / "003_09654b114c25dc54.txt"))
    assert result["control_points"]["f1"] == 1.0
    assert (result["fields"]["control_point.observations"], result["fields"]["control_point.actions"]) == (1.0, 1.0)


def test_the_scorer_counts_a_wrong_polarity(pair):
    gold, packet = pair
    broken = copy.deepcopy(packet)
    for indicator in broken["indicators"][:10]:
        indicator["polarity"] = "lower" if indicator["polarity"] == "higher" else "higher"
    scorer = load_scorer()
    assert scorer.combined(gold, broken)["fields"]["tree.polarity"] < scorer.combined(gold, packet)["fields"]["tree.polarity"]


def test_the_scorer_counts_a_lost_observation():
    gold = json.loads((SAMPLES / "eval" / "followup-gold-003.json").read_text(encoding="utf-8"))
    broken = parse_path(CORPUS / "003_09654b114c25dc54.txt")
    broken["internal_control"][0]["control_points"][0]["observations"].pop()
    assert load_scorer().combined(gold, broken)["fields"]["control_point.observations"] < 1.0

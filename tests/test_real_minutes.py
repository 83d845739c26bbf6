"""Real minutes of other municipalities (issue 10): the figures of `../shared/eval/real.py`.

The minutes and their hand-checked gold live in `../shared/realworld/` beside the
checkout (never copied into the repository); the tests skip, naming that folder,
where it is absent. Each file is parsed by the real `paragraf parse` command, given
`--body`/`--date` where the file has no cover page (as real.py does), and scored by
real.py's own `compare`.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SHARED = ROOT.parent / "shared"
REALWORLD = SHARED / "realworld"
REAL_PY = SHARED / "eval" / "real.py"

pytestmark = pytest.mark.skipif(
    not (REALWORLD.is_dir() and REAL_PY.is_file()),
    reason=f"real minutes not found: {REALWORLD} and {REAL_PY} (../shared beside the checkout)",
)

# The acceptance figures of issue 10.
MINIMUM = {"f1": 0.99, "titles": 0.97, "decision_starts": 0.97, "decisions": 0.90, "votes": 0.95, "reservations": 0.95}


def _real():
    spec = importlib.util.spec_from_file_location("real", REAL_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scored():
    """Every gold file of ../shared/realworld parsed by the command and compared."""
    real = _real()
    paragraf = str(Path(sys.executable).parent / "paragraf")
    hints = real.hint_options(paragraf)
    assert hints == {"--body", "--date", "--organization"}  # real.py finds the options in `paragraf parse --help`
    out = {}
    for gold_file in sorted(REALWORLD.glob("*.gold.json")):
        gold = real.json.loads(gold_file.read_text(encoding="utf-8"))
        extra = []
        if gold.get("attendance_in_source") is False and gold.get("meetings"):
            first = gold["meetings"][0]
            extra = ["--body", first["body"], "--date", first["date"]]
        packet, error, _, code = real.run_parse(paragraf, str(REALWORLD / gold["file"]), extra)
        assert code == 0, f"{gold['file']}: {error}"
        out[gold["file"]] = (gold, real.compare(gold, packet))
    assert len(out) >= 4
    return out


def _ratio(pair: tuple[int, int]) -> float:
    good, total = pair
    return good / total if total else 1.0


def test_meetings_found_in_every_file(scored):
    for name, (gold, result) in scored.items():
        if gold.get("negative_control"):
            continue
        assert result["meetings_matched"] == result["meetings_gold"] == result["meetings_out"], name


def test_negative_control_reports_no_meeting_and_no_paragraph(scored):
    controls = [result for gold, result in scored.values() if gold.get("negative_control")]
    assert controls, "the PDF negative control is missing from ../shared/realworld"
    for result in controls:
        assert (result["meetings_out"], result["out_par"]) == (0, 0)


@pytest.mark.parametrize("figure", list(MINIMUM))
def test_figure_over_all_files(scored, figure):
    """Pooled over the files (the § F1 as real.py's score: the mean over files)."""
    results = [result for gold, result in scored.values() if not gold.get("negative_control")]
    if figure == "f1":
        value = sum(r["f1"] for r in results) / len(results)
    else:
        value = _ratio((sum(r[figure][0] for r in results), sum(r[figure][1] for r in results)))
    assert value >= MINIMUM[figure], (figure, value, {name: r[figure] for name, (_, r) in scored.items()})


def test_each_file_on_its_own(scored):
    """No file hides behind the others: each holds every figure alone."""
    for name, (gold, result) in scored.items():
        if gold.get("negative_control"):
            continue
        assert result["f1"] >= MINIMUM["f1"], (name, result["missed"], result["extra"])
        assert _ratio(result["titles"]) >= MINIMUM["titles"], (name, result["titles_bad"])
        assert _ratio(result["decision_starts"]) >= MINIMUM["decision_starts"], (name, result["decisions_bad"])
        assert _ratio(result["decisions"]) >= MINIMUM["decisions"], (name, result["decisions_bad"])
        assert _ratio(result["votes"]) >= MINIMUM["votes"], (name, result["votes_bad"])
        assert _ratio(result["reservations"]) >= MINIMUM["reservations"], (name, result["reservations_bad"])


def test_the_meeting_named_by_running_headers_alone():
    """Without --body/--date, a file whose running page headers name the meeting is found all the same."""
    real = _real()
    paragraf = str(Path(sys.executable).parent / "paragraf")
    checked = 0
    for gold_file in sorted(REALWORLD.glob("*.gold.json")):
        gold = real.json.loads(gold_file.read_text(encoding="utf-8"))
        source = (REALWORLD / gold["file"]).read_bytes()
        if not gold.get("meetings") or b"Sammantr\xc3\xa4desdatum" not in source:
            continue  # no running header in the file: it needs the options
        packet, error, _, code = real.run_parse(paragraf, str(REALWORLD / gold["file"]), [])
        assert code == 0, error
        result = real.compare(gold, packet)
        assert result["meetings_matched"] == result["meetings_gold"], (gold["file"], [
            (m["body"], m["date"]) for m in packet["meetings"]])
        checked += 1
    assert checked >= 1

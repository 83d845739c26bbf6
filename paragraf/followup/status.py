"""Goal fulfilment from the figures, and where a report's own statement contradicts them. Pure Python.

An indicator's status is computed from its target and result and its polarity (higher or lower is
better, read by `ingest.polarity`): met when the result reaches the target, not met otherwise; with
the polarity unknown the status is not computed.
"Partly met" is a report's own judgement (often: improved, not reached) and is never computed; it
contradicts only a figure that meets the target.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from paragraf.ingest.polarity import HIGHER

MET, PARTLY, NOT_MET = "met", "partly", "not_met"
NUMBER = re.compile(r"[-−]?\d+(?:[ \u00a0\u202f]\d{3})*(?:[,.]\d+)?")
LABELS_ALIKE = 0.92


def number(written: str | None) -> float | None:
    """The first number of a written value (`1 200 st.` is 1200, `91,6 %` is 91.6), or None."""
    found = NUMBER.search(written or "")
    if not found:
        return None
    return float(re.sub(r"[ \u00a0\u202f]", "", found.group()).replace(",", ".").replace("−", "-"))


def computed_status(target: str | None, result: str | None, polarity: str | None) -> str | None:
    goal, value = number(target), number(result)
    if goal is None or value is None or polarity is None:
        return None
    reached = value >= goal if polarity == HIGHER else value <= goal
    return MET if reached else NOT_MET


@dataclass(frozen=True)
class Figure:
    """An indicator as the comparison reads it."""

    report: str | None
    label: str
    target: str | None
    result: str | None
    line: int
    polarity: str | None  # HIGHER, LOWER or None (unknown): as read (ingest.polarity) or corrected


@dataclass(frozen=True)
class Statement:
    """A report's statement of its fulfilment (`ingest.model.StatedFulfilment`)."""

    report: str | None
    line: int
    met: int | None
    partly: int | None
    not_met: int | None
    measured: int | None
    labels: dict[str, tuple[str, ...]]  # MET / PARTLY / NOT_MET → the labels the report names


@dataclass(frozen=True)
class Contradiction:
    report: str | None
    line: int
    text: str  # one Swedish sentence with the figures


def stated_status(figure: Figure, statements: list[Statement]) -> str | None:
    """The status the report names the indicator with in its lists: the same label, else the one alike
    label (a list may shorten it); None when none or several are alike."""
    named = [(status, label) for s in statements if s.report == figure.report for status, labels in s.labels.items() for label in labels]
    exact = {status for status, label in named if _folded(label) == _folded(figure.label)}
    if exact:
        return exact.pop() if len(exact) == 1 else None
    alike = {status for status, label in named if SequenceMatcher(None, _folded(label), _folded(figure.label)).ratio() >= LABELS_ALIKE}
    return alike.pop() if len(alike) == 1 else None


def contradictions(figures: list[Figure], statements: list[Statement]) -> list[Contradiction]:
    found = []
    for figure in figures:
        stated, computed = stated_status(figure, statements), computed_status(figure.target, figure.result, figure.polarity)
        if stated is None or computed is None:
            continue
        if (stated == MET) != (computed == MET):
            found.append(Contradiction(figure.report, figure.line, (
                f"”{figure.label}” anges {_word(stated)}, men resultatet {figure.result} mot målvärdet {figure.target} "
                f"är {_word(computed)}.")))
    for statement in statements:
        mine = [f for f in figures if f.report == statement.report]
        if statement.measured is None or statement.measured != len(mine):
            continue  # the counts are of other indicators than those read (a subset, or tables not read)
        met = sum(1 for f in mine if computed_status(f.target, f.result, f.polarity) == MET)
        missed = sum(1 for f in mine if computed_status(f.target, f.result, f.polarity) == NOT_MET)
        if statement.met is not None and met > statement.met:
            found.append(Contradiction(statement.report, statement.line, (
                f"Rapporten anger {statement.met} uppfyllda mätetal, men {met} av dess mätetal når målvärdet.")))
        not_reached = (statement.not_met or 0) + (statement.partly or 0)
        if statement.not_met is not None and missed > not_reached:
            found.append(Contradiction(statement.report, statement.line, (
                f"Rapporten anger {not_reached} mätetal som inte eller delvis uppfyllda, men {missed} av dess mätetal "
                f"når inte målvärdet.")))
    return found


def _folded(label: str) -> str:
    return " ".join(label.split()).casefold()


def _word(status: str) -> str:
    return {MET: "uppfyllt", PARTLY: "delvis uppfyllt", NOT_MET: "inte uppfyllt"}[status]

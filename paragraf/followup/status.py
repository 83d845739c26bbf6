"""Goal fulfilment from the figures, and where a report's own statement contradicts them. Pure Python.

An indicator's status is computed from its target and result and its polarity (higher or lower is
better): met when the result reaches the target, not met otherwise. Polarity comes from the target as
written (`max 5 %`, `högst`, `≤` is lower; `minst`, `≥` is higher), else from what is measured (a cost,
sick leave, a waiting time, emissions: lower), else it is unknown and the status is not computed.
"Partly met" is a report's own judgement (often: improved, not reached) and is never computed; it
contradicts only a figure that meets the target.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

MET, PARTLY, NOT_MET = "met", "partly", "not_met"
HIGHER, LOWER = "higher", "lower"
NUMBER = re.compile(r"[-−]?\d+(?:[ \u00a0\u202f]\d{3})*(?:[,.]\d+)?")
LOWER_MARKS = re.compile(r"(?:^|\s)(?:max(?:imalt|imum)?|högst|under|mindre än|<|≤|<=)(?:\s|\d|$)", re.I)
HIGHER_MARKS = re.compile(r"(?:^|\s)(?:minst|lägst|över|mer än|>|≥|>=)(?:\s|\d|$)", re.I)
LOWER_WORDS = re.compile(
    r"kostnad|sjukfrånvaro|väntetid|vänte|kötid|\bkö\b|utlokaliser|avvikelse|skador?\b|fallskad|trycksår|vårdrelaterade infektioner"
    r"|klimatpåverkan|utsläpp|koldioxid|matsvinn|avfall|energianvändning|personalomsättning|övertid|bemanningsföretag|inhyrd"
    r"|ledtid|överbeläggning|återinskrivning|dödlighet",
    re.I)
# `Andel … inom 20 minuter`, `… inom 60 dagar`, `inom medicinskt måldatum`: a share done in time.
SHARE_WITHIN = re.compile(r"\bandel\b|\binom\s+(?:\d|max|medicinskt|angiven|utsatt)", re.I)
HIGHER_WORDS = re.compile(r"tillfredsställelse|nöjd|ekonomi i balans|överskott|följsamhet|täckningsgrad|svarsfrekvens|vaccinationsgrad", re.I)
LABELS_ALIKE = 0.92


def number(written: str | None) -> float | None:
    """The first number of a written value (`1 200 st.` is 1200, `91,6 %` is 91.6), or None."""
    found = NUMBER.search(written or "")
    if not found:
        return None
    return float(re.sub(r"[ \u00a0\u202f]", "", found.group()).replace(",", ".").replace("−", "-"))


def polarity(label: str, target: str | None) -> str | None:
    if LOWER_MARKS.search(target or ""):
        return LOWER
    if HIGHER_MARKS.search(target or ""):
        return HIGHER
    if SHARE_WITHIN.search(label):
        return HIGHER  # a share done in time: more is better, whatever it is a share of
    if LOWER_WORDS.search(label):
        return LOWER
    if HIGHER_WORDS.search(label):
        return HIGHER
    return None


def computed_status(label: str, target: str | None, result: str | None) -> str | None:
    goal, value, better = number(target), number(result), polarity(label, target)
    if goal is None or value is None or better is None:
        return None
    reached = value >= goal if better == HIGHER else value <= goal
    return MET if reached else NOT_MET


@dataclass(frozen=True)
class Figure:
    """An indicator as the comparison reads it."""

    report: str | None
    label: str
    target: str | None
    result: str | None
    line: int


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
        stated, computed = stated_status(figure, statements), computed_status(figure.label, figure.target, figure.result)
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
        met = sum(1 for f in mine if computed_status(f.label, f.target, f.result) == MET)
        missed = sum(1 for f in mine if computed_status(f.label, f.target, f.result) == NOT_MET)
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

"""An indicator's polarity: whether a higher or a lower result is better. Reports rarely print it, so it
is read from the target as written (`max 5 %`, `högst`, `≤` is lower; `minst`, `≥` is higher), else from
what is measured (a share done in time: higher; a cost, sick leave, a waiting time, emissions: lower;
satisfaction, coverage: higher), else it is unknown (None) and no status is computed from the figures."""
from __future__ import annotations

import re

HIGHER, LOWER = "higher", "lower"
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


def polarity(label: str, target: str | None) -> str | None:
    """HIGHER, LOWER or None for an indicator's label and its target as written."""
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

"""An indicator's polarity: whether a higher or a lower result is better. Reports rarely print it, so it
is read, in this order, from
1. the target as written: `max 5 %`, `högst`, `≤`, `minska` is lower; `minst`, `≥`, `öka` is higher;
2. the label's own direction: `Minskad kö`, `ska ej öka` is lower; `Ökad mognad` is higher;
3. what is measured: what should not happen (readmissions, injuries, deviations) and what costs are
   lower; then a share done in time (`Andel … inom 20 minuter`, `Väntetid … inom 60 dagar`) is higher;
   then sick leave, a waiting time, occupancy, emissions, overtime are lower; satisfaction, attendance,
   an index, a rating on a scale (`skala 1-5`) are higher;
4. a count of what was done (`Antal publikationer`, a target of `2 st`), a share (`Andel förnybar
   energi`) where nothing above said lower: higher;
5. a target of at least half (`90 %`: a share done right): higher;
else it is unknown (None) and no status is computed from the figures."""
from __future__ import annotations

import re

HIGHER, LOWER = "higher", "lower"
LOWER_MARKS = re.compile(r"(?:^|\s)(?:max(?:imalt|imum)?|högst|under|mindre än|minska\w*|<|≤|<=)(?:\s|\d|$)", re.I)
HIGHER_MARKS = re.compile(r"(?:^|\s)(?:minst|lägst|över|mer än|öka\w*|>|≥|>=)(?:\s|\d|$)", re.I)
LOWER_DIRECTION = re.compile(r"^minska|\bminskning\b|\b(?:ej|inte)\s+öka", re.I)
HIGHER_DIRECTION = re.compile(r"^ökad?\b|\bökning\b", re.I)
# What should not happen, and what costs: lower, even as a share in time (`Återinläggningar inom 30 dagar`)
ADVERSE = re.compile(
    r"kostnad|bemanningsföretag|inhyrd|timanställ|skador?\b|fallskad|trycksår|vårdrelaterade infektioner|återinskrivning"
    r"|återinläggning|dödlighet|avvikelse|incident|\bbrott\b|\bej\b|\binte\b",
    re.I)
# What is measured in time or amount where less is better, unless it is a share done in time
LOWER_WORDS = re.compile(
    r"sjukfrånvaro|väntetid|vänte|kötid|\bkö\b|utlokaliser|klimatpåverkan|utsläpp|koldioxid|matsvinn|avfall|energianvändning"
    r"|köpt energi|personalomsättning|övertid|ledtid|beläggning|antibiotika",
    re.I)
# `Andel … inom 20 minuter`, `… inom 60 dagar`, `inom medicinskt måldatum`: a share done in time.
SHARE_WITHIN = re.compile(r"\binom\s+(?:\d|max|medicinskt|angiven|utsatt|tre|två|fem)|\bi\s+tid\b", re.I)
HIGHER_WORDS = re.compile(
    r"tillfredsställelse|nöjd|ekonomi i balans|överskott|följsamhet|täckningsgrad|svarsfrekvens|vaccinationsgrad|frisknärvaro"
    r"|upplevelse|index\b|mognad|kontinuitet|skala\s?\d",
    re.I)
COUNT = re.compile(r"^antal\b", re.I)
SHARE = re.compile(r"\bandel(?:en)?\b", re.I)  # a share of what is wanted (`Andel förnybar energi`), when no lower word says otherwise
PIECES = re.compile(r"^\d[\d ]*\s?st\.?$")  # a target counted in pieces (`2 st`): a count of what was done
PERCENT = re.compile(r"^(\d+(?:[,.]\d+)?)\s?%$")


def polarity(label: str, target: str | None) -> str | None:
    """HIGHER, LOWER or None for an indicator's label and its target as written."""
    if LOWER_MARKS.search(target or ""):
        return LOWER
    if HIGHER_MARKS.search(target or ""):
        return HIGHER
    if LOWER_DIRECTION.search(label):
        return LOWER
    if HIGHER_DIRECTION.search(label):
        return HIGHER
    if ADVERSE.search(label):
        return LOWER
    if SHARE_WITHIN.search(label):
        return HIGHER  # a share done in time: more is better, whatever it is a share of
    if LOWER_WORDS.search(label):
        return LOWER
    if HIGHER_WORDS.search(label) or COUNT.search(label) or SHARE.search(label) or PIECES.match((target or "").strip()):
        return HIGHER
    share = PERCENT.match((target or "").strip())
    if share and float(share.group(1).replace(",", ".")) >= 50:
        return HIGHER  # most of the cases done right
    return None

"""The dates the law sets for minutes, in pure Python.

- Justering: within 14 days of the meeting (Kommunallagen (2017:725) 5 kap. 69 §, 6 kap. 35 §).
- Posting (anslag): the notice that the minutes are justerade is put on the notice board no later
  than the second day after the justering (KL 8 kap. 12 §), and stays there until the time for
  appeal has run out.
- Appeal (laglighetsprövning): within three weeks of the day the notice was posted (KL 13 kap. 5 §).
- A time limit that ends on a Saturday, a Sunday, another public holiday, Midsummer Eve, Christmas
  Eve or New Year's Eve ends on the next weekday instead (lag (1930:173) om beräkning av lagstadgad
  tid, 2 §). Public holidays: the `holidays` library's Swedish calendar (category public).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache

import holidays

JUSTERING_DAYS = 14
POSTING_DAYS = 2
APPEAL_WEEKS = 3


@cache
def _public_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.Sweden(years=year, categories=(holidays.PUBLIC,)))


def _eves(year: int) -> set[datetime.date]:
    """Midsummer Eve (the Friday between 19 and 25 June), Christmas Eve, New Year's Eve."""
    midsummer_eve = next(datetime.date(year, 6, day) for day in range(19, 26) if datetime.date(year, 6, day).weekday() == 4)
    return {midsummer_eve, datetime.date(year, 12, 24), datetime.date(year, 12, 31)}


def is_weekday(day: datetime.date) -> bool:
    """A day a time limit may end on (lag 1930:173 2 §)."""
    return day.weekday() < 5 and day not in _public_holidays(day.year) and day not in _eves(day.year)


def next_weekday(day: datetime.date) -> datetime.date:
    """The day itself, or the next day a time limit may end on."""
    while not is_weekday(day):
        day += datetime.timedelta(days=1)
    return day


@dataclass(frozen=True)
class PostingDates:
    posted: datetime.date
    appeal_last_day: datetime.date  # the last day an appeal (laglighetsprövning) can come in
    taken_down: datetime.date  # the first day the notice may be removed


def justering_deadline(meeting_date: datetime.date) -> datetime.date:
    return next_weekday(meeting_date + datetime.timedelta(days=JUSTERING_DAYS))


def posting_deadline(justered: datetime.date) -> datetime.date:
    return next_weekday(justered + datetime.timedelta(days=POSTING_DAYS))


def posting_dates(posted: datetime.date) -> PostingDates:
    last = next_weekday(posted + datetime.timedelta(weeks=APPEAL_WEEKS))
    return PostingDates(posted=posted, appeal_last_day=last, taken_down=last + datetime.timedelta(days=1))

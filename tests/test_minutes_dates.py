"""The dates of justering, posting and appeal (paragraf/secretariat/dates.py), with Swedish holidays."""
from __future__ import annotations

from datetime import date

import pytest

from paragraf.review.dates import is_weekday, justering_deadline, posting_dates, posting_deadline


@pytest.mark.parametrize(("posted", "last", "down"), [
    (date(2026, 5, 26), date(2026, 6, 16), date(2026, 6, 17)),  # an ordinary Tuesday three weeks on
    (date(2026, 5, 29), date(2026, 6, 22), date(2026, 6, 23)),  # ends on Midsummer Eve: the Monday after
    (date(2026, 12, 3), date(2026, 12, 28), date(2026, 12, 29)),  # Christmas Eve, Christmas, the weekend
    (date(2026, 12, 10), date(2027, 1, 4), date(2027, 1, 5)),  # New Year's Eve, New Year's Day, the weekend
    (date(2027, 1, 2), date(2027, 1, 25), date(2027, 1, 26)),  # ends on a Saturday
])
def test_the_last_day_to_appeal_is_three_weeks_after_posting_or_the_next_weekday(posted, last, down):
    dates = posting_dates(posted)
    assert (dates.appeal_last_day, dates.taken_down) == (last, down)


def test_posting_is_due_the_second_day_after_justering_or_the_next_weekday():
    assert posting_deadline(date(2026, 3, 10)) == date(2026, 3, 12)
    assert posting_deadline(date(2026, 4, 2)) == date(2026, 4, 7)  # Easter Saturday, Sunday and Monday


def test_justering_is_due_within_fourteen_days():
    assert justering_deadline(date(2023, 1, 31)) == date(2023, 2, 14)
    assert justering_deadline(date(2026, 12, 10)) == date(2026, 12, 28)  # the 24th: Christmas Eve


def test_weekdays():
    assert is_weekday(date(2026, 6, 18)) and not is_weekday(date(2026, 6, 19)) and not is_weekday(date(2026, 6, 6))
    assert not is_weekday(date(2026, 1, 6)) and not is_weekday(date(2026, 11, 1))  # Epiphany; a Sunday

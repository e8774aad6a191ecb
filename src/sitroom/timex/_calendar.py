"""Calendar arithmetic behind the news conventions: 'the most recent such day on or before'."""

from __future__ import annotations

import calendar
import datetime as dt

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Every way news writes a month or a weekday: whole, or shortened ("Sept.", "Thurs").
CALENDAR_WORDS = frozenset(
    [*(calendar.month_name[m].lower() for m in range(1, 13)), *MONTHS, "sept",
     *WEEKDAYS, *(d[:3] for d in WEEKDAYS), "tues", "thurs"]
)  # fmt: skip
# A 29 February without a year can be up to eight years back (1900 and 2100 skip a leap day).
_MAX_YEARS_BACK = 8


def calendar_word(word: str) -> bool:
    """Whether a word names a month or a weekday ("Nov", "Sept.", "Wednesday")."""
    return word.lower().rstrip(".") in CALENDAR_WORDS


def month_number(word: str) -> int:
    """1..12 for an English month name or abbreviation ("Sept.", "December")."""
    return MONTHS[word.lower()[:3]]


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (31 April, 29 February 2021)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def last_month_day(month: int, day: int, on_or_before: dt.date) -> dt.date | None:
    """The most recent ``month``/``day`` on or before a day (29 Feb goes back to a leap year)."""
    for year in range(on_or_before.year, on_or_before.year - _MAX_YEARS_BACK - 1, -1):
        candidate = make_date(year, month, day)
        if candidate is not None and candidate <= on_or_before:
            return candidate
    return None


def last_weekday(weekday: int, on_or_before: dt.date, *, strictly: bool = False) -> dt.date:
    """The most recent day with this weekday (0 = Monday) on or before a day
    (strictly before it when ``strictly``)."""
    back = (on_or_before.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return on_or_before - dt.timedelta(days=back)


def next_weekday(weekday: int, after: dt.date) -> dt.date:
    """The first day with this weekday strictly after a day."""
    ahead = (weekday - after.weekday()) % 7 or 7
    return after + dt.timedelta(days=ahead)


def week_start(day: dt.date) -> dt.date:
    """The Monday of a day's week."""
    return day - dt.timedelta(days=day.weekday())


def month_start(day: dt.date, *, months_back: int = 0) -> dt.date:
    """The first day of a day's month, or of a month ``months_back`` before it."""
    index = day.year * 12 + day.month - 1 - months_back
    return dt.date(index // 12, index % 12 + 1, 1)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier, or that month's last day when it is shorter
    (31 March less one month is 28 or 29 February)."""
    first = month_start(day, months_back=months)
    return first.replace(day=min(day.day, calendar.monthrange(first.year, first.month)[1]))

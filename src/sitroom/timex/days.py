"""Day expressions in a text, resolved against the publication day.

News conventions (the reporter's, kept here rather than in a library):

- A weekday names the most recent such day on or before publication: "on Tuesday" in a
  Tuesday report is that Tuesday; "on Sunday" in it is two days before. "last Sunday" is
  strictly before; "next Sunday" strictly after.
- "yesterday", "last night" and "overnight" are the day before publication (press
  releases such as ISAF's date the night's operation by its start, and say "yesterday"
  for the day before the dateline); "today", "tonight", "this morning" are publication.
- A month and day without a year is the most recent such day on or before publication
  ("Dec. 31" in a report of 2 January is the previous year). Without a publication day
  it takes the year of the text's absolute date nearest before it (else the first one),
  and is skipped when the text has none.
- "last week" is the Monday of the previous week with precision "week"; "this week" /
  "earlier this week" its own Monday; "last month" / "earlier this month" the first of
  that month with precision "month"; "last year" / "this year" the first of January with
  precision "year". "two days ago" counts back from publication ("a month ago" on 31 March
  is the last day of February).
- "the next day", "a day earlier" count from the last day-precise expression before
  them in the same text, else from publication.
- Expressions that need the publication day are skipped when it is unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from sitroom.timex import _calendar as cal
from sitroom.timex import _patterns as pat

PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class Day:
    """One day expression: its span in the text given (plus ``offset``) and its day."""

    start: int
    end: int
    text: str
    date: dt.date
    precision: str  # "day" | "week" | "month" | "year"


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    kind: str
    match: re.Match[str]


# Kinds in order of priority: where two candidates overlap, the earlier kind wins.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", pat.ISO),
    ("month_day", pat.MONTH_DAY),
    ("day_month", pat.DAY_MONTH),
    ("month_year", pat.MONTH_YEAR),
    ("ago", pat.AGO),
    ("relative", pat.RELATIVE),
    ("anaphoric", pat.ANAPHORIC),
    ("weekday", pat.WEEKDAY),
    ("in_month", pat.IN_MONTH),
    ("in_year", pat.IN_YEAR),
)


_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_RELATIVE_WORDS = ("day", "night", "week", "month", "year", "morning", "afternoon", "evening")
_DIGITS = re.compile(r"\d")
# What a text must hold for a kind's pattern to match it (casefolded, as the patterns
# match case-insensitively); a text lacking any is not scanned for that kind at all.
_NEEDS: dict[str, tuple[str, ...]] = {
    "iso": ("digit",),
    "month_day": ("digit", "month"),
    "day_month": ("digit", "month"),
    "month_year": ("digit", "month"),
    "ago": ("ago",),
    "relative": ("relative",),
    "anaphoric": ("day",),
    "weekday": ("day",),
    "in_month": ("month",),
    "in_year": ("digit",),
}


def _holds(text: str) -> dict[str, bool]:
    """Which of the needs of ``_NEEDS`` a text meets, each looked for once."""
    low = text.casefold()
    return {
        "digit": _DIGITS.search(text) is not None,
        "month": any(stem in low for stem in _MONTH_STEMS),
        "ago": "ago" in low,
        "relative": any(word in low for word in _RELATIVE_WORDS),
        "day": "day" in low,
    }


def find_days(text: str, publication: dt.date | None, *, offset: int = 0) -> list[Day]:
    """Every day expression in ``text``, in order, resolved against ``publication``.

    ``offset`` is added to each span so that a caller passing one sentence of a
    document gets document offsets back.
    """
    days: list[Day] = []
    holds = _holds(text)
    kinds = [(kind, p) for kind, p in _KINDS if all(holds[need] for need in _NEEDS[kind])]
    if not kinds:
        return days
    context_year = _context_years(text) if holds["digit"] else []
    for found in _candidates(text, kinds):
        resolved = _resolve(found, publication, context_year, days)
        if resolved is None:
            continue
        date, precision, (start, end) = resolved
        days.append(Day(start + offset, end + offset, text[start:end], date, precision))
    return days


def _candidates(text: str, kinds: list[tuple[str, re.Pattern[str]]]) -> list[_Found]:
    taken: list[_Found] = []
    for kind, pattern in kinds:
        for match in pattern.finditer(text):
            if not _names_capitalised(match):
                continue
            start, end = match.span()
            if any(start < other.end and other.start < end for other in taken):
                continue
            taken.append(_Found(start, end, kind, match))
    return sorted(taken, key=lambda f: f.start)


def _names_capitalised(match: re.Match[str]) -> bool:
    groups = match.groupdict()
    return all(pat.is_capitalised(groups[g]) for g in ("month", "weekday") if groups.get(g))


def _context_years(text: str) -> list[tuple[int, int]]:
    """(position, year) of every absolute date in the text carrying a year."""
    years = []
    for pattern in (pat.ISO, pat.MONTH_DAY, pat.DAY_MONTH, pat.MONTH_YEAR):
        for match in pattern.finditer(text):
            if match.group("year"):
                years.append((match.start(), int(match.group("year"))))
    return sorted(years)


_Resolved = tuple[dt.date, str, tuple[int, int]]


def _resolve(
    found: _Found,
    publication: dt.date | None,
    context_years: list[tuple[int, int]],
    earlier: list[Day],
) -> _Resolved | None:
    span = (found.start, found.end)
    match = found.match
    if found.kind in {"iso", "month_day", "day_month"}:
        month = (
            int(match.group("month"))
            if found.kind == "iso"
            else cal.month_number(match.group("month"))
        )
        date = _month_day(month, int(match.group("day")), match, publication, context_years)
        return (date, "day", span) if date else None
    if found.kind in {"month_year", "in_month"}:
        date = _month(match, publication, context_years)
        return (date, "month", _group_span(match, "month", span)) if date else None
    if found.kind == "in_year":
        return dt.date(int(match.group("year")), 1, 1), "year", _group_span(match, "year", span)
    if publication is None:
        return None
    resolver = _RELATIVE_KINDS[found.kind]
    result = resolver(match, publication, earlier)
    return (result[0], result[1], span) if result else None


def _group_span(match: re.Match[str], group: str, whole: tuple[int, int]) -> tuple[int, int]:
    """From the named group to the end: "in March 2021" -> "March 2021"."""
    return match.start(group), whole[1]


def _month_day(
    month: int,
    day: int,
    match: re.Match[str],
    publication: dt.date | None,
    context_years: list[tuple[int, int]],
) -> dt.date | None:
    if match.group("year"):
        return cal.make_date(int(match.group("year")), month, day)
    if publication is not None:
        return cal.last_month_day(month, day, publication)
    year = _nearest_year(match.start(), context_years)
    return cal.make_date(year, month, day) if year else None


def _month(
    match: re.Match[str], publication: dt.date | None, context_years: list[tuple[int, int]]
) -> dt.date | None:
    month = cal.month_number(match.group("month"))
    if match.groupdict().get("year"):
        return dt.date(int(match.group("year")), month, 1)
    if publication is not None:
        year = publication.year if month <= publication.month else publication.year - 1
        return dt.date(year, month, 1)
    year = _nearest_year(match.start(), context_years)
    return dt.date(year, month, 1) if year else None


def _nearest_year(position: int, context_years: list[tuple[int, int]]) -> int | None:
    before = [year for start, year in context_years if start < position]
    if before:
        return before[-1]
    return context_years[0][1] if context_years else None


# -- expressions that need the publication day ------------------------------------

_DayAndPrecision = tuple[dt.date, str]
_ONE_DAY = dt.timedelta(days=1)


def _weekday(match: re.Match[str], publication: dt.date, _earlier: list[Day]) -> _DayAndPrecision:
    weekday = cal.WEEKDAYS.index(match.group("weekday").lower())
    modifier = (match.group("mod") or "").lower()
    if modifier == "next":
        return cal.next_weekday(weekday, publication), "day"
    strictly = modifier in {"last", "past"}
    return cal.last_weekday(weekday, publication, strictly=strictly), "day"


def _relative(match: re.Match[str], publication: dt.date, _earlier: list[Day]) -> _DayAndPrecision:
    phrase = " ".join(match.group(0).lower().split())
    if phrase == "the day before yesterday":
        return publication - 2 * _ONE_DAY, "day"
    if phrase in {"yesterday", "last night", "overnight"}:
        return publication - _ONE_DAY, "day"
    if phrase in {"last weekend", "over the weekend"}:
        return cal.last_weekday(5, publication, strictly=True), "week"
    unit = phrase.split()[-1]
    if unit == "week":
        back = 1 if phrase.startswith(("last", "the past")) else 0
        return cal.week_start(publication) - dt.timedelta(weeks=back), "week"
    if unit == "month":
        back = 1 if phrase.startswith("last") else 0
        return cal.month_start(publication, months_back=back), "month"
    if unit == "year":
        back = 1 if phrase.startswith("last") else 0
        return dt.date(publication.year - back, 1, 1), "year"
    return publication, "day"  # today, tonight, this morning/afternoon/evening


_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


def _ago(
    match: re.Match[str], publication: dt.date, _earlier: list[Day]
) -> _DayAndPrecision | None:
    """'two weeks ago': days and weeks count back whole days; months and years keep the
    day of the month, or take the month's last when it is shorter."""
    count = match.group("count").lower()
    number = int(count) if count.isdigit() else _NUMBERS[count]
    unit = match.group("unit").lower()
    try:
        if unit in ("day", "week"):
            day = publication - dt.timedelta(days=number * (7 if unit == "week" else 1))
        else:
            day = cal.months_before(publication, number * (12 if unit == "year" else 1))
    except (OverflowError, ValueError):  # back past the year 1
        return None
    return day, unit


def _anaphoric(match: re.Match[str], publication: dt.date, earlier: list[Day]) -> _DayAndPrecision:
    anchors = [d.date for d in earlier if d.precision == "day"]
    anchor = anchors[-1] if anchors else publication
    phrase = match.group(0).lower()
    forward = any(word in phrase for word in ("next", "following", "after", "later"))
    return anchor + (_ONE_DAY if forward else -_ONE_DAY), "day"


_RELATIVE_KINDS: dict[str, Callable[..., _DayAndPrecision | None]] = {
    "weekday": _weekday,
    "relative": _relative,
    "ago": _ago,
    "anaphoric": _anaphoric,
}

"""The publication day from a news dateline near the start of a text.

Two shapes count as a dateline, looked for in the first ``HEAD_CHARS`` characters:

1. A place dateline: an upper-case place, optionally a region or an agency, then a date
   with a month name: "KABUL, Afghanistan (Jan. 25, 2013)", "BAGHDAD, March 3, 2004 —",
   "PAKTIA, Afghanistan (Nov. 10, 2011) —".
2. A header line that is a date, ends with one or starts with one followed by a colon:
   "ISAF Joint Command Operational Update, Jan. 10, 2011", "Dec. 17: Militants Detained".

A place dateline wins over a header line. A date without a year ("KABUL, Afghanistan
(Oct. 17)") takes the year of another full date in the head, or of a release number
"2010-10-CA-171" of the same or the next month; when there is none the dateline is
not used. A date inside a sentence of the body is never a dateline.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sitroom.timex import _calendar as cal
from sitroom.timex import _patterns as pat

HEAD_CHARS = 400
_HEADER_LINE_MAX = 120

_PLACE = r"[A-Z][A-Z'’.\-]+(?:[ \-][A-Z][A-Z'’.\-]+)*"
_REGION = r"(?:,\s*[A-Z][\w'’.\-]*(?:\s[A-Z][\w'’.\-]*){0,3})?"
_AGENCY = r"(?:\s*\((?:AP|AFP|Reuters|UPI|dpa|IANS|PTI|Xinhua|ANI)\))?"
_PLACE_DATELINE = re.compile(
    rf"(?:^|(?<=\s))(?P<place>{_PLACE}){_REGION}{_AGENCY}\s*(?:\(\s*|,\s*|\s[—–-]\s)"
    rf"(?P<date>{pat.MONTH}\s+[0-3]?\d(?:st|nd|rd|th)?(?:[,.]?\s+(?:1[89]|20)\d{{2}})?)\s*(?:\)|[—–:,-]|$)",
    re.MULTILINE,
)
# 2010-10-CA-171: a year and month followed by a letter code, as press-release numbers go.
_RELEASE_NUMBER = re.compile(r"(?<![\w-])(?P<year>(?:19|20)\d{2})-(?P<month>[01]\d)-[A-Z]{1,3}\b")
_LINE_BREAK = re.compile(r"[\n\r\u2028\u2029]")


@dataclass(frozen=True)
class Dateline:
    """The dateline's date and the span of its date expression in the text."""

    start: int
    end: int
    date: dt.date
    kind: str  # "place" | "header"


def find_dateline(text: str) -> dt.date | None:
    """The publication day a dateline near the start of ``text`` states, if any."""
    found = locate_dateline(text)
    return found.date if found else None


def locate_dateline(text: str) -> Dateline | None:
    """The dateline near the start of ``text`` with the span of its date, if any."""
    head = text[:HEAD_CHARS]
    for match in _PLACE_DATELINE.finditer(head):
        date = _date_of(match.group("date"), head)
        if date is not None:
            return Dateline(match.start("date"), match.end("date"), date, "place")
    return _header_dateline(head)


# A publication date printed at the head of an article, as saved pages and wire copy keep
# it once their line breaks are gone: after a label ("Published July 21 2015", "Date of
# publication 30 September 2017"), right after the headline's full stop, with or without
# its weekday ("... in Aleppo. Tuesday 12 July 2016 Rebels ..."), or after the agency's
# credit ("... AFP Monday 18 Aug 2014"), or as a page's update stamp ("Last updated at
# Aug 012016", its ", " lost; "updated 2340 23.10.2017"). Numeric dates ("30-04-2016",
# "19.04.2017") are read day first, as the hyphen and dot styles are written outside the
# United States.
_PRINTED_LEAD = (
    r"(?:(?:Date\sof\spublication|Published(?:\son)?|Posted(?:\son)?"
    r"|(?:[Ll]ast\s)?[Uu]pdated(?:\s(?:at|on))?)[:\s]+(?:[0-2]\d[0-5]\d\s)?"
    r"|(?<=[.!?]\s)|\b(?:AFP|AP|Reuters|SANA|Xinhua|dpa|UPI|IANS|PTI)\s+)"
)
_WEEKDAY_LEAD = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
_PRINTED = re.compile(
    rf"{_PRINTED_LEAD}{_WEEKDAY_LEAD}(?P<date>{pat.MONTH}\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+"
    rf"(?:19|20)\d{{2}}|[0-3]?\d\s+{pat.MONTH},?\s+(?:19|20)\d{{2}}"
    rf"|(?P<gmonth>{pat.MONTH})\s+(?P<gday>[0-3]\d)(?P<gyear>(?:19|20)\d{{2}})"
    r"|(?P<day>[0-3]\d)(?P<sep>[-.])(?P<month>[01]\d)(?P=sep)(?P<year>(?:19|20)\d{2}))(?!\d)"
)
PRINTED_HEAD_CHARS = 300


def printed_date(text: str) -> dt.date | None:
    """The publication day an article prints at its head, in the shapes of ``_PRINTED``;
    None when it prints none. A report's relative days ("on Monday") are the days of the
    text's own date, where a corpus's metadata may give another."""
    match = _PRINTED.search(text[:PRINTED_HEAD_CHARS])
    if match is None:
        return None
    if match.group("day"):
        day, month, year = (int(match.group(k)) for k in ("day", "month", "year"))
        return cal.make_date(year, month, day)
    if match.group("gday"):  # "Aug 012016": a scrape that dropped the ", " after the day
        glued = f"{match.group('gmonth')} {match.group('gday')} {match.group('gyear')}"
        return _date_of(glued, text[:PRINTED_HEAD_CHARS])
    return _date_of(match.group("date").replace(",", ""), text[:PRINTED_HEAD_CHARS])


def _header_dateline(head: str) -> Dateline | None:
    position = 0
    for line in _LINE_BREAK.split(head):
        found = _header_date(line.strip(" \t\xa0"))
        if found is not None:
            start = position + line.index(found[0])
            date = _date_of(found[0], head)
            if date is not None:
                return Dateline(start, start + len(found[0]), date, "header")
        position += len(line) + 1
    return None


def _header_date(line: str) -> tuple[str] | None:
    """The date text of a header line that is, ends with, or starts with a date."""
    if not line or len(line) > _HEADER_LINE_MAX:
        return None
    for pattern in (pat.MONTH_DAY, pat.DAY_MONTH):
        for match in pattern.finditer(line):
            if not pat.is_capitalised(match.group("month")):
                continue
            rest = line[match.end() :].strip()
            if not rest or (match.start() == 0 and rest.startswith((":", "—", "–", "-"))):
                return (match.group(0),)
    return None


def _date_of(date_text: str, head: str) -> dt.date | None:
    for pattern in (pat.MONTH_DAY, pat.DAY_MONTH):
        match = pattern.fullmatch(date_text.strip())
        if match is None or not pat.is_capitalised(match.group("month")):
            continue
        month = cal.month_number(match.group("month"))
        day = int(match.group("day"))
        year = int(match.group("year")) if match.group("year") else _year_hint(month, head)
        return cal.make_date(year, month, day) if year else None
    return None


def _year_hint(month: int, head: str) -> int | None:
    """The year of a dateline that gives none: another full date in the head, else a
    release number of the same month (or of the month before: numbered late on the 31st)."""
    for pattern in (pat.MONTH_DAY, pat.DAY_MONTH):
        for match in pattern.finditer(head):
            if match.group("year") and cal.month_number(match.group("month")) == month:
                return int(match.group("year"))
    for match in _RELEASE_NUMBER.finditer(head):
        numbered = int(match.group("month"))
        if numbered == month:
            return int(match.group("year"))
        if numbered % 12 + 1 == month:
            return int(match.group("year")) + (1 if numbered == 12 else 0)
    return None

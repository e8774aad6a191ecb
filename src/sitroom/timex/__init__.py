"""Days: datelines and day expressions resolved against the publication day."""

from sitroom.timex._calendar import calendar_word
from sitroom.timex.dateline import Dateline, find_dateline, locate_dateline, printed_date
from sitroom.timex.days import Day, find_days

__all__ = [
    "Dateline",
    "Day",
    "calendar_word",
    "find_dateline",
    "find_days",
    "locate_dateline",
    "printed_date",
]

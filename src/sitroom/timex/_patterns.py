"""Regular expressions for day expressions in English news text.

They only find candidates; ``days.py`` decides what each one means. Month and weekday
names must start with a capital letter ("May 3", not "may"), so callers check
``is_capitalised`` on the name groups.
"""

from __future__ import annotations

import re

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d{2}"

# 2021-08-08 (not the 2011-01-S-050 of a release number).
ISO = re.compile(rf"(?<![\w-])(?P<year>{_YEAR})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\w-])")
# Dec. 31, 2021 | December 31 | Jan. 24th
MONTH_DAY = re.compile(
    rf"\b(?P<month>{MONTH})\s+(?P<day>[0-3]?\d){_ORD}\b(?!\d|:\d)"
    rf"(?:[,.]?\s+(?P<year>{_YEAR})\b)?",
    re.IGNORECASE,
)
# 31 December 2021 | 3rd of March | 24 Jan
DAY_MONTH = re.compile(
    rf"\b(?P<day>[0-3]?\d){_ORD}\s+(?:of\s+)?(?P<month>{MONTH})(?![a-z])(?:,?\s(?P<year>{_YEAR})\b)?",
    re.IGNORECASE,
)
# in March 2021 | since March | late March
MONTH_YEAR = re.compile(rf"\b(?P<month>{MONTH})(?![a-z]),?\s(?P<year>{_YEAR})\b", re.IGNORECASE)
IN_MONTH = re.compile(
    rf"\b(?:in|since|during|until|from|early|late|mid-?|by|of|throughout)\s(?:early\s|late\s)?"
    rf"(?P<month>{MONTH})(?![a-z\d])(?!\s[0-3]?\d\b)",
    re.IGNORECASE,
)
IN_YEAR = re.compile(
    rf"\b(?:in|since|during|until|from|early|late|mid-?|by|throughout)\s(?P<year>{_YEAR})\b(?!\s*-\d)",
    re.IGNORECASE,
)
WEEKDAY = re.compile(
    r"\b(?:(?P<mod>last|next|this|past)\s)?"
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!s\b)\b",
    re.IGNORECASE,
)
# "overnight" before a noun ("an overnight raid") describes, and names no day.
_FUNCTION_WORDS = (
    r"(?:in|on|at|and|or|but|as|when|while|near|after|before|during|to|by|from|with|into"
    r"|outside|inside|across|that|which|the|a|an|local|time)"
)
# Phrases whose day follows from the publication day alone; keys are lower-cased texts.
RELATIVE = re.compile(
    r"\b(?:the\sday\sbefore\syesterday|yesterday|today|tonight|last\snight"
    rf"|overnight(?!\s+(?!{_FUNCTION_WORDS}\b)[a-z])"
    r"|this\s(?:morning|afternoon|evening)|(?:earlier\s|later\s)?this\s(?:week|month|year)"
    r"|last\s(?:week|month|year|weekend)|over\sthe\sweekend|the\spast\sweek)\b",
    re.IGNORECASE,
)
# two days ago | 3 weeks earlier — counted back from the publication day.
AGO = re.compile(
    r"\b(?P<count>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"\s(?P<unit>day|week|month|year)s?\sago\b",
    re.IGNORECASE,
)
# the next day | a day earlier — counted from the last day named before it in the text.
ANAPHORIC = re.compile(
    r"\b(?:the\s(?:next|following|previous)\sday|the\sday\s(?:before|after)"
    r"|a\sday\s(?:earlier|later))\b",
    re.IGNORECASE,
)


def is_capitalised(word: str) -> bool:
    """True for "March" and for a month number; False for "march" and "may"."""
    return word[:1].isupper() or word[:1].isdigit()

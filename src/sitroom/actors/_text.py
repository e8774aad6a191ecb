"""Tokens for alias matching: words with offsets, initialisms folded ("U.S." -> "US")."""

from __future__ import annotations

import re
from typing import NamedTuple

_TOKEN = re.compile(r"[A-Za-z](?:\.[A-Za-z])+\.?|[^\W_]+")


class Token(NamedTuple):  # a tuple: made by the thousand for every report
    start: int
    end: int
    value: str  # the word; an initialism without its dots


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        value = word.replace(".", "") if "." in word else word
        tokens.append(Token(match.start(), match.end(), value))
    return tokens


def key(values: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.casefold() for v in values)


def case_fits(alias_word: str, text_word: str) -> bool:
    """An acronym ("US", "AA") must match exactly; a capitalised alias word needs a
    capitalised text word ("Amnesty", not "amnesty"); a lower-case one matches any."""
    if len(alias_word) > 1 and alias_word.isupper():
        return text_word == alias_word
    if alias_word[:1].isupper():
        return text_word[:1].isupper()
    return True

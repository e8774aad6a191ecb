"""Lookup keys for place names: ASCII-folded, lower case, punctuation-light."""

from __future__ import annotations

import functools
import re
import unicodedata

_DROP = re.compile(r"[.'’`ʻʼ]")
_SPACE = re.compile(r"[^a-z0-9]+")
# Pairs (long form, short form) that get both keys when a name starts with either.
_PREFIXES = (("saint ", "st "), ("sainte ", "ste "), ("mount ", "mt "), ("fort ", "ft "))


def fold(text: str) -> str:
    """Strip accents; characters without an ASCII base letter are kept as they are."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The lookup key of a name: ``"Sar-e Pōl"`` -> ``"sar e pol"``, ``"U.S."`` -> ``"us"``."""
    folded = _DROP.sub("", fold(text).lower())
    return _SPACE.sub(" ", folded).strip()


def is_latin_key(key: str) -> bool:
    """True when a key is plain ASCII letters/digits/spaces and has a letter."""
    return bool(key) and key.isascii() and any(ch.isalpha() for ch in key)


def key_variants(key: str) -> set[str]:
    """The key plus its saint/st, mount/mt, fort/ft twins."""
    out = {key}
    for long, short in _PREFIXES:
        if key.startswith(long):
            out.add(short + key[len(long) :])
        elif key.startswith(short):
            out.add(long + key[len(short) :])
    return out

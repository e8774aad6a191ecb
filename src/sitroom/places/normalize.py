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


# Arabic articles as transliterations write them ("Al Fasher", "El Fasher", "Ad Dindar").
_ARTICLES = frozenset("al el ad ed ar er as es ash esh at et az ez an en ath".split())
_SOFT = re.compile(r"[aeiouyhw ]")
_DOUBLED = re.compile(r"(.)\1+")


def unarticled(key: str) -> str:
    """A lookup key without its Arabic articles: ``"al fasher"`` -> ``"fasher"``."""
    words = key.split()
    kept = [w for w in words if w not in _ARTICLES]
    return " ".join(kept or words)


def skeleton(key: str) -> str:
    """The consonants of a key, as transliterations of one name tend to share them:
    vowels, y, h, w and spaces dropped, q read as g, doubled letters single
    (``"umm rawaba"`` and ``"umm ruwaba"`` -> ``"mrb"``)."""
    return _DOUBLED.sub(r"\1", _SOFT.sub("", key.replace("q", "g")))

"""The places stage's word lists, read from ``data/`` once and validated."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml

from sitroom.errors import DataFileError
from sitroom.places.sources import read_csv_rows

_KINDS = (None, "country", "admin1", "admin2", "town")


@dataclass(frozen=True)
class Cues:
    before: frozenset[str]
    strong_before: frozenset[str]
    of_heads: frozenset[str]
    after: dict[str, str | None]
    suffix_kinds: dict[str, str]
    titles: frozenset[str]
    speech: frozenset[str]
    org_heads: frozenset[str]
    streets: frozenset[str]
    generic: frozenset[str]
    person_nouns: frozenset[str]
    locative: frozenset[str]
    appositive_kinds: frozenset[str]


@functools.cache
def cues() -> Cues:
    path = resources.files("sitroom.places") / "data" / "cues.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    sections = ("before", "strong_before", "of_heads", "after", "suffix_kinds", "titles")
    lists = ("speech", "org_heads", "streets", "generic", "person_nouns", "locative")
    for key in (*sections, *lists, "appositive_kinds"):
        if key not in data:
            raise DataFileError(str(path), None, f"missing section {key!r}")
    for section in ("after", "suffix_kinds"):
        for word, kind in data[section].items():
            if kind not in _KINDS:
                raise DataFileError(str(path), None, f"{section}.{word}: unknown kind {kind!r}")
    return Cues(
        before=frozenset(data["before"]),
        strong_before=frozenset(data["strong_before"]),
        of_heads=frozenset(data["of_heads"]),
        after=dict(data["after"]),
        suffix_kinds=dict(data["suffix_kinds"]),
        titles=frozenset(data["titles"]),
        speech=frozenset(data["speech"]),
        org_heads=frozenset(data["org_heads"]),
        streets=frozenset(data["streets"]),
        generic=frozenset(data["generic"]),
        person_nouns=frozenset(w.lower() for w in data["person_nouns"]),
        locative=frozenset(data["locative"]),
        appositive_kinds=frozenset(data["appositive_kinds"]),
    )


@functools.cache
def demonyms() -> dict[str, str]:
    return {name.lower(): iso2 for name, iso2 in read_csv_rows("demonyms.csv", 2)}


@functools.cache
def state_demonyms() -> dict[str, str]:
    return {name.lower(): code for name, code in read_csv_rows("us_state_demonyms.csv", 2)}


def demonym_country(text: str) -> str | None:
    """ISO code of the country a demonym names: ``"Sudanese"`` -> ``"SD"``; a plural of a
    listed form too (``"Palestinians"``, ``"Iraqis"``)."""
    return _listed(demonyms(), text)


def demonym_state(text: str) -> str | None:
    """Postal code of the US state a residents' name names: ``"Minnesotans"`` -> ``"MN"``."""
    return _listed(state_demonyms(), text)


def _listed(table: dict[str, str], text: str) -> str | None:
    key = text.strip().lower()
    found = table.get(key)
    if found is None and len(key) > 4 and key.endswith("s"):
        found = table.get(key[:-1])
    return found


@functools.cache
def state_abbrevs() -> dict[str, tuple[str, bool]]:
    """``"Ky."`` -> (``"KY"``, ambiguous?) for AP-style abbreviations of US states."""
    return {a: (code, flag == "1") for a, code, flag in read_csv_rows("us_state_abbrevs.csv", 3)}


@functools.cache
def facilities() -> dict[str, str]:
    """Facility phrase (lower case) -> the head name a control record carries."""
    return {phrase.lower(): head for phrase, head in read_csv_rows("facilities.csv", 2)}

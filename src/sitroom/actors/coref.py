"""Descriptions and pronouns that refer back to an actor: "the insurgents", "they".

Which description fits which kinds of actor, and how to pick among them, is data
(``data/references.yaml``).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sitroom.actors._load import KINDS, bundled, section
from sitroom.actors.dictionary import Actor
from sitroom.errors import DataFileError

_DETERMINERS = ("the ", "these ", "those ", "this ", "that ")


@dataclass(frozen=True)
class Reference:
    kinds: frozenset[str]
    pick: str  # "last" | "salient"
    window: int = 10


def resolve_reference(text: str, history: Sequence[Actor]) -> Actor | None:
    """The actor a description refers to: the last (or, for pronouns, the most salient)
    actor in ``history`` (mentions in text order, earliest first) of a fitting kind."""
    reference = reference_of(text)
    if reference is None:
        return None
    fitting = [a for a in history if a.kind in reference.kinds]
    if not fitting:
        return None
    if reference.pick == "last":
        return fitting[-1]
    recent = fitting[-reference.window :]
    counts = Counter(a.name for a in recent)
    best = max(counts.values())
    return next(a for a in reversed(recent) if counts[a.name] == best)


def reference_of(text: str) -> Reference | None:
    """The reference a description makes: the whole phrase, else without its
    determiner, else its last word ("the Islamist insurgents" -> "insurgents")."""
    table = _references()
    phrase = " ".join(text.casefold().replace("’", "'").strip(" .,;:!?\"'").split())
    bare = phrase
    for determiner in _DETERMINERS:
        if phrase.startswith(determiner):
            bare = phrase[len(determiner) :]
            break
    for candidate in (phrase, bare, bare.rsplit(" ", 1)[-1]):
        if candidate in table:
            return table[candidate]
    return None


@functools.cache
def _references() -> dict[str, Reference]:
    path, text = bundled("references.yaml")
    table: dict[str, Reference] = {}
    for item, line in section(path, text, "references"):
        if not isinstance(item, dict):
            raise DataFileError(path, line, "expected a mapping with words, kinds, pick")
        words, kinds = item.get("words"), item.get("kinds")
        pick = item.get("pick", "last")
        if not isinstance(words, list) or not isinstance(kinds, list) or not words:
            raise DataFileError(path, line, "words and kinds must be non-empty lists")
        unknown = set(kinds) - KINDS
        if unknown or pick not in {"last", "salient"}:
            raise DataFileError(path, line, f"unknown kinds {sorted(unknown)} or pick {pick!r}")
        reference = Reference(frozenset(kinds), pick, int(item.get("window", 10)))
        for word in words:
            table[" ".join(str(word).casefold().split())] = reference
    return table

"""The actor dictionary: canonical actors, their aliases, and matching them in text."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sitroom.actors import _text
from sitroom.actors._load import Entry

ENV_VAR = "SITROOM_ACTORS"


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    ambiguous: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Alias:
    words: tuple[str, ...]
    actor: Actor | None  # None for a generic description
    ambiguous: bool = False
    generic_kind: str | None = None
    after_state: bool = False  # a description only right after a state ("Syrian jets")


@dataclass(frozen=True)
class Generic:
    """A description of a kind of actor ("police") that a country makes an actor."""

    kind: str
    name: str
    template: str
    aliases: tuple[str, ...]
    # descriptions that name the kind only right after a state: "Syrian jets" are Syria's
    # air force, "the jets" of a Syrian report may be anyone's
    after_state: tuple[str, ...] = ()


# Phrases up to this long have what ``find`` finds in them remembered, up to this many.
MEMO_PHRASE_CHARS = 200
MEMO_PHRASES = 50_000


@dataclass
class ActorDictionary:
    actors: dict[str, Actor]
    generics: dict[str, Generic] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    _index: dict[tuple[str, ...], list[_Alias]] = field(default_factory=dict, repr=False)
    # first word of an alias (case-folded) -> the lengths of the aliases it starts
    _lengths: dict[str, set[int]] = field(default_factory=dict, repr=False)
    # (phrase, country, ambiguous) -> what ``find`` found: the subjects and objects of a
    # report's verbs come back again and again ("the insurgents", "coalition forces")
    _found: dict[tuple[str, str | None, bool], tuple] = field(default_factory=dict, repr=False)
    # kind -> the names its generic template makes, one per country (``made_generic``)
    _generic_names: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    # -- loading -----------------------------------------------------------------------

    @classmethod
    def load(cls, extra_paths: Iterable[str | Path] = (), *, env: bool = True) -> ActorDictionary:
        """The bundled actors, then ``$SITROOM_ACTORS`` files, then ``extra_paths``;
        a later file's alias wins over an earlier one's."""
        paths = list(_env_paths()) if env else []
        paths += [str(p) for p in extra_paths]
        return _load_cached(tuple(paths))

    @classmethod
    def from_entries(
        cls,
        entries: Iterable[Entry],
        generics: Iterable[Generic] = (),
        country_names: dict[str, str] | None = None,
    ) -> ActorDictionary:
        merged: dict[str, Actor] = {}
        for entry in entries:
            old = merged.get(entry.name)
            aliases = (old.aliases if old else ()) + entry.aliases
            ambiguous = (old.ambiguous if old else ()) + entry.ambiguous
            merged[entry.name] = Actor(
                entry.name,
                entry.kind,
                entry.country,
                tuple(dict.fromkeys(aliases)),
                tuple(dict.fromkeys(ambiguous)),
            )
        book = cls(merged, {g.kind: g for g in generics}, dict(country_names or {}))
        book._build_index()
        return book

    def _build_index(self) -> None:
        for actor in self.actors.values():
            for alias in (actor.name, *actor.aliases):
                self._add(_Alias(self._words(alias), actor))
            for alias in actor.ambiguous:
                self._add(_Alias(self._words(alias), actor, ambiguous=True))
        for generic in self.generics.values():
            for alias in generic.aliases:
                self._add(_Alias(self._words(alias), None, generic_kind=generic.kind))
            for alias in generic.after_state:
                words = self._words(alias)
                self._add(_Alias(words, None, generic_kind=generic.kind, after_state=True))

    @staticmethod
    def _words(alias: str) -> tuple[str, ...]:
        return tuple(t.value for t in _text.tokenize(alias))

    def _add(self, alias: _Alias) -> None:
        if not alias.words:
            return
        bucket = self._index.setdefault(_text.key(alias.words), [])
        # A later entry (a user file) takes the alias over from an earlier one.
        bucket[:] = [a for a in bucket if a.words != alias.words or _kind_of(a) != _kind_of(alias)]
        bucket.insert(0, alias)
        self._lengths.setdefault(alias.words[0].casefold(), set()).add(len(alias.words))
        self._found.clear()

    # -- looking up ----------------------------------------------------------------------

    def get(self, name: str) -> Actor | None:
        """The actor with this canonical name."""
        return self.actors.get(name)

    def canonical(self, name: str) -> str:
        """The canonical name an alias stands for, else ``name`` unchanged."""
        if name in self.actors:
            return name
        actor = self._exact(name, ambiguous=True, country=None)
        if actor is None:  # scoring compares case-folded names: "taleban" is Taliban too
            actor = self._exact(name, ambiguous=True, country=None, strict=False)
        return actor.name if actor else name

    def match(
        self, text: str, *, country: str | None = None, ambiguous: bool = False
    ) -> Actor | None:
        """The actor a phrase names: the whole phrase as an alias (ambiguous names
        included), else the longest alias inside it (the first of equally long ones)."""
        actor = self._exact(text, ambiguous=True, country=country)
        if actor is not None:
            return actor
        found = self.find(text, country=country, ambiguous=ambiguous)
        if not found:
            return None
        return max(found, key=lambda f: (f[1] - f[0], -f[0]))[2]

    def find(
        self, text: str, *, country: str | None = None, ambiguous: bool = False
    ) -> list[tuple[int, int, Actor]]:
        """Every actor named in ``text`` as (start, end, actor), longest first and not
        overlapping, in text order. Generic descriptions ("police", "protesters") count
        only after a demonym ("Sudanese police") or when ``country`` is given; ambiguous
        names ("Washington") only when ``ambiguous``."""
        if len(text) > MEMO_PHRASE_CHARS:  # a whole report: said once
            return self._find(text, country, ambiguous)
        key = (text, country, ambiguous)
        found = self._found.get(key)
        if found is None:
            if len(self._found) >= MEMO_PHRASES:
                self._found.clear()
            found = self._found[key] = tuple(self._find(text, country, ambiguous))
        return list(found)

    def _find(
        self, text: str, country: str | None, ambiguous: bool
    ) -> list[tuple[int, int, Actor]]:
        tokens = _text.tokenize(text)
        candidates = self._candidates(tokens, country, ambiguous)
        chosen: list[tuple[int, int, Actor]] = []
        taken = bytearray(len(text) + 1)  # characters already in a chosen name
        for start, end, actor in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
            if not any(taken[start:end]):
                chosen.append((start, end, actor))
                taken[start:end] = b"\x01" * (end - start)
        return sorted(chosen, key=lambda c: c[0])

    def country_actor(self, country: str, kind: str) -> Actor | None:
        """The country's actor of this kind: a listed one, else one made from the
        generic template ("Police Forces of Chad")."""
        for actor in self.actors.values():
            if actor.country == country and actor.kind == kind:
                return actor
        generic = self.generics.get(kind)
        short = self.country_names.get(country)
        if generic is None or short is None:
            return None
        return Actor(generic.template.format(country=short), kind, country, ())

    def made_generic(self, name: str | None, kind: str) -> bool:
        """Whether ``name`` is one the generic template of ``kind`` makes for some country
        ("Civilians (Syria)"): it names no one but that country's people of the kind."""
        generic = self.generics.get(kind)
        if name is None or generic is None:
            return False
        if kind not in self._generic_names:
            made = (generic.template.format(country=c) for c in self.country_names.values())
            self._generic_names[kind] = frozenset(made)
        return name in self._generic_names[kind]

    # -- matching ------------------------------------------------------------------------

    def _exact(
        self, text: str, *, ambiguous: bool, country: str | None, strict: bool = True
    ) -> Actor | None:
        words = [t.value for t in _text.tokenize(text)]
        for alias in self._index.get(_text.key(words), []):
            if (strict and not _fits(alias, words)) or (alias.ambiguous and not ambiguous):
                continue
            if alias.actor is not None:
                return alias.actor
            if country is not None and alias.generic_kind and not alias.after_state:
                return self.country_actor(country, alias.generic_kind)
        return None

    def _candidates(
        self, tokens: list[_text.Token], country: str | None, ambiguous: bool
    ) -> list[tuple[int, int, Actor]]:
        found: list[tuple[int, int, Actor]] = []
        states: dict[int, tuple[int, str]] = {}  # token index after a state -> (start, country)
        folded = [t.value.casefold() for t in tokens]
        for i in range(len(tokens)):
            lengths = self._lengths.get(folded[i])
            if not lengths:
                continue
            for length in sorted((n for n in lengths if i + n <= len(tokens)), reverse=True):
                words = [t.value for t in tokens[i : i + length]]
                start, end = tokens[i].start, tokens[i + length - 1].end
                for alias in self._index.get(tuple(folded[i : i + length]), []):
                    if not _fits(alias, words) or (alias.ambiguous and not ambiguous):
                        continue
                    actor = self._resolve(alias, i, states, country)
                    if actor is None:
                        continue
                    if alias.generic_kind and i in states:
                        start = states[i][0]
                    found.append((start, end, actor))
                    if actor.kind == "state" and actor.country:
                        _after_state(states, tokens, i + length, start, actor.country)
                    break
        return found

    def _resolve(
        self, alias: _Alias, index: int, states: dict[int, tuple[int, str]], country: str | None
    ) -> Actor | None:
        if alias.actor is not None:
            return alias.actor
        near = states.get(index)
        if alias.after_state and near is None:
            return None
        chosen = near[1] if near else country
        if chosen is None or alias.generic_kind is None:
            return None
        return self.country_actor(chosen, alias.generic_kind)


def _after_state(
    states: dict[int, tuple[int, str]], tokens: list[_text.Token], after: int, start: int, code: str
) -> None:
    """Mark where a description may follow a state name: "Sudanese police", "Sudan's police"."""
    states[after] = (start, code)
    if after < len(tokens) and tokens[after].value.casefold() == "s":
        states[after + 1] = (start, code)


def _fits(alias: _Alias, words: list[str]) -> bool:
    return all(_text.case_fits(a, w) for a, w in zip(alias.words, words, strict=True))


def _kind_of(alias: _Alias) -> str:
    return "generic" if alias.actor is None else "ambiguous" if alias.ambiguous else "name"


def _env_paths() -> list[str]:
    value = os.environ.get(ENV_VAR, "")
    return [p for p in value.split(os.pathsep) if p.strip()]


@functools.cache
def _load_cached(paths: tuple[str, ...]) -> ActorDictionary:
    from sitroom.actors._countries import country_codes, country_entries, short_names
    from sitroom.actors._generic import load_generics
    from sitroom.actors._load import actor_entries, bundled, read_path

    codes = country_codes()
    entries = country_entries()
    entries += actor_entries(*bundled("actors.yaml"), codes)
    for path in paths:
        entries += actor_entries(*read_path(path), codes)
    return ActorDictionary.from_entries(entries, load_generics(), short_names())

"""Sides of a conflict: which holders stand together, and which speakers only claim.

A holder's side is its actor's country state when the actor is state-side (a
government, its army and police hold for one side), else the actor itself. A speaker is
the reporter (no ``claimed_by``), an independent voice (a witness, an analyst, an NGO), or a
party's voice; only the last makes a statement *claimed*.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from sitroom.errors import DataFileError

_FILE = "sitroom/situation/data/sides.yaml"
_KEYS = ("party_kinds", "state_kinds", "party_roles", "state_roles", "independent_roles")
REPORTER = "reporter"
INDEPENDENT = "independent"


@dataclass(frozen=True)
class SideRules:
    party_kinds: frozenset[str]
    state_kinds: frozenset[str]
    party_roles: frozenset[str]
    state_roles: frozenset[str]
    independent_roles: frozenset[str]


@functools.cache
def side_rules() -> SideRules:
    """The bundled rules, ``situation/data/sides.yaml``."""
    text = (resources.files("sitroom.situation") / "data" / "sides.yaml").read_text("utf-8")
    return parse_side_rules(text, _FILE)


def parse_side_rules(text: str, path: str) -> SideRules:
    """Rules from YAML text; a missing or malformed list raises ``DataFileError``."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else None
        raise DataFileError(path, line, f"not YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise DataFileError(path, None, "expected a mapping of lists")
    lists = {}
    for key in _KEYS:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise DataFileError(path, None, f"{key}: expected a list of words")
        lists[key] = frozenset(v.casefold() for v in value)
    return SideRules(**lists)


class Sides:
    """Sides of holders and speakers, from the actor dictionary's kinds and countries."""

    def __init__(self, actors: Any = None, rules: SideRules | None = None) -> None:
        self._actors = actors
        self.rules = rules or side_rules()

    @property
    def actors(self) -> Any:
        if self._actors is None:
            from sitroom.actors import ActorDictionary

            self._actors = ActorDictionary.load()
        return self._actors

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one Sides per run, few names
    def of_actor(self, name: str) -> str:
        """The side a holder stands for: ``state:AF`` for Afghanistan's state forces."""
        actor = self.actors.get(name) or self.actors.get(self.actors.canonical(name))
        if actor is not None and actor.kind in self.rules.state_kinds and actor.country:
            return f"state:{actor.country}"
        return actor.name if actor is not None else name

    def is_party_actor(self, name: str) -> bool:
        actor = self.actors.get(name) or self.actors.get(self.actors.canonical(name))
        return actor is not None and actor.kind in self.rules.party_kinds

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one Sides per run, few speakers
    def of_speaker(
        self,
        speaker: str | None,
        affiliation: str | None,
        role: str | None,
        country: str | None,
    ) -> str:
        """``reporter``, ``independent``, or the side the speaker speaks for. A speaker
        the rules do not place speaks for themself: a side of one."""
        if not speaker:
            return REPORTER
        role_key = (role or _bare(speaker)).casefold()  # "a resident said": the role speaks
        if affiliation and self.is_party_actor(affiliation):
            return self.of_actor(affiliation)
        if role_key in self.rules.independent_roles:
            return INDEPENDENT
        if affiliation and not self.is_party_actor(affiliation) and self.actors.get(affiliation):
            return INDEPENDENT  # an NGO, the UN, a newspaper
        if role_key in self.rules.state_roles and country:
            return f"state:{country}"
        if self.is_party_actor(speaker):
            return self.of_actor(speaker)  # "the Taliban said"
        return f"speaker:{speaker}"

    def is_party_voice(self, side: str) -> bool:
        return side not in (REPORTER, INDEPENDENT)


def _bare(speaker: str) -> str:
    words = speaker.split()
    return " ".join(words[1:] if words and words[0].casefold() in {"a", "an", "the"} else words)

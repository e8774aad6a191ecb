"""Loading the extractors' data files (trigger lexicons, speech verbs), validated on load."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from sitroom.errors import DataFileError
from sitroom.record import CONTROL_STATUSES

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "DEMAND", "ACCUSE", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
    "COERCE", "ASSAULT", "FIGHT", "INVESTIGATE",
}  # fmt: skip


@dataclass(frozen=True)
class Refinement:
    words: tuple[str, ...]
    # longer phrases that hold one of ``words`` and do not count ("riot police" is the
    # force that meets a crowd, no riot)
    unless: tuple[str, ...] = ()
    # read in the trigger's own sentence only, not in the two after it
    own_sentence: bool = False
    plover: str | None = None
    mode: str | None = None
    acled: str | None = None


@dataclass(frozen=True)
class EventTrigger:
    lemmas: tuple[str, ...]
    pos: tuple[str, ...]
    plover: str
    mode: str | None = None
    acled: str | None = None
    objects: tuple[str, ...] = ()
    place: bool = False
    person: bool = False
    requires_words: tuple[str, ...] = ()
    refine: tuple[Refinement, ...] = ()


@dataclass(frozen=True)
class ControlVerb:
    lemmas: tuple[str, ...]
    status: str
    holder: str = "subject"
    objects: tuple[str, ...] = ()
    # The verb counts only with the place as the object of one of these prepositions,
    # which decides the status: "advanced into X" entered, "advancing inside X" contested.
    preps: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Lexicon:
    events: dict[str, list[EventTrigger]]
    people: frozenset[str]
    groups: frozenset[str]
    armed_targets: frozenset[str]
    count_words: dict[str, frozenset[str]]  # "killed" | "captured" | "wounded" -> lemmas
    vague_counts: dict[str, int]
    additive: frozenset[str]  # words that put a count on top of earlier ones ("additional")
    control: dict[str, ControlVerb]
    anaphors: frozenset[str]
    part_heads: frozenset[str]
    part_adjectives: frozenset[str]
    speech: dict[str, str]
    deny: frozenset[str]
    speech_phrases: dict[str, str]
    modality: dict[str, frozenset[str]] = field(default_factory=dict)
    # verbs and nouns by the part they give an actor in an event (events.yaml ``roles``)
    roles: dict[str, frozenset[str]] = field(default_factory=dict)


@functools.cache
def load_lexicon() -> Lexicon:
    events = _load("events.yaml")
    control = _load("control.yaml")
    speech = _load("speech.yaml")
    by_lemma: dict[str, list[EventTrigger]] = {}
    for number, entry in enumerate(events.get("triggers", []), start=1):
        trigger = _event_trigger(entry, number)
        for lemma in trigger.lemmas:
            by_lemma.setdefault(lemma, []).append(trigger)
    verbs: dict[str, ControlVerb] = {}
    for number, entry in enumerate(control.get("verbs", []), start=1):
        verb = _control_verb(entry, number)
        for lemma in verb.lemmas:
            verbs[lemma] = verb
    return Lexicon(
        events=by_lemma,
        people=frozenset(events.get("people", [])),
        groups=frozenset(events.get("groups", [])),
        armed_targets=frozenset(events.get("armed_targets", [])),
        count_words={k: frozenset(v) for k, v in events["counts"].items() if k != "vague"},
        vague_counts={str(k): int(v) for k, v in events["counts"]["vague"].items()},
        additive=frozenset(events.get("additive", [])),
        control=verbs,
        anaphors=frozenset(control.get("anaphors", [])),
        part_heads=frozenset(control.get("parts", {}).get("heads", [])),
        part_adjectives=frozenset(control.get("parts", {}).get("keep_adjectives", [])),
        speech={str(k): str(v) for k, v in speech["verbs"].items()},
        deny=frozenset(speech.get("deny", [])),
        speech_phrases={str(k): str(v) for k, v in speech.get("phrases", {}).items()},
        modality={k: frozenset(v) for k, v in speech.get("modality", {}).items()},
        roles=_roles(events.get("roles", {})),
    )


ROLES = ("stance", "doing", "owning", "fights", "wars")


def _roles(data: Any) -> dict[str, frozenset[str]]:
    if not isinstance(data, dict) or set(data) != set(ROLES):
        raise DataFileError(
            "events.yaml roles", None, f"needs exactly the lists {', '.join(ROLES)}"
        )
    return {name: frozenset(str(w) for w in data[name]) for name in ROLES}


def _load(name: str) -> dict[str, Any]:
    path = resources.files("sitroom.extract") / "data" / name
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFileError(str(path), mark.line + 1 if mark else None, str(exc)) from exc
    if not isinstance(data, dict):
        raise DataFileError(str(path), 1, "expected a mapping at the top level")
    return data


def _event_trigger(entry: Any, number: int) -> EventTrigger:
    where = f"events.yaml trigger #{number}"
    if not isinstance(entry, dict) or "lemmas" not in entry or "plover" not in entry:
        raise DataFileError(where, None, "each trigger needs 'lemmas' and 'plover'")
    if entry["plover"] not in PLOVER_TYPES:
        raise DataFileError(where, None, f"unknown PLOVER type {entry['plover']!r}")
    refine = tuple(
        Refinement(
            words=tuple(r["words"]),
            unless=tuple(r.get("unless", ())),
            own_sentence=bool(r.get("own_sentence", False)),
            plover=r.get("plover"),
            mode=r.get("mode"),
            acled=r.get("acled"),
        )
        for r in entry.get("refine", [])
    )
    return EventTrigger(
        lemmas=tuple(entry["lemmas"]),
        pos=tuple(entry.get("pos", ["VERB", "NOUN"])),
        plover=entry["plover"],
        mode=entry.get("mode"),
        acled=entry.get("acled"),
        objects=tuple(entry.get("objects", [])),
        place=bool(entry.get("place", False)),
        person=bool(entry.get("person", False)),
        requires_words=tuple(entry.get("requires_words", [])),
        refine=refine,
    )


def _control_verb(entry: Any, number: int) -> ControlVerb:
    where = f"control.yaml verb #{number}"
    if not isinstance(entry, dict) or "lemmas" not in entry or "status" not in entry:
        raise DataFileError(where, None, "each verb needs 'lemmas' and 'status'")
    if entry["status"] not in CONTROL_STATUSES:
        raise DataFileError(where, None, f"unknown status {entry['status']!r}")
    if entry.get("holder", "subject") not in {"subject", "to_object", "object", "stationed"}:
        raise DataFileError(where, None, f"unknown holder {entry['holder']!r}")
    preps = entry.get("preps", {})
    if not isinstance(preps, dict) or not set(preps.values()) <= set(CONTROL_STATUSES):
        raise DataFileError(where, None, "'preps' maps a preposition to a status")
    return ControlVerb(
        lemmas=tuple(entry["lemmas"]),
        status=entry["status"],
        holder=entry.get("holder", "subject"),
        objects=tuple(entry.get("objects", [])),
        preps=tuple(preps.items()),
    )

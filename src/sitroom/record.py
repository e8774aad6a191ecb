"""The situation record: the one shape between extraction and everything after it.

Field names follow ``shared/docs/GOLD_FORMAT.md``. Every extracted item carries an
``Evidence`` naming the report, sentence, character span and extractor behind it.
JSON in and out lives here and nowhere else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

PRECISIONS = ("site", "town", "district", "admin1", "country")
CONTROL_STATUSES = (
    "captured",
    "entered",
    "besieged",
    "contested",
    "retained",
    "regained",
    "withdrawn",
)
# "generic": a kind of event named in passing ("responsible for attacks"), not one event
MODALITIES = ("asserted", "planned", "negated", "hypothetical", "future", "generic")


@dataclass(frozen=True)
class Report:
    """One dated report as read from a file, before any NLP."""

    doc_id: str
    text: str
    date: dt.date | None
    date_source: str | None = None  # "header", "dateline", "field" or None when not found
    source: str | None = None
    title: str | None = None
    url: str | None = None
    path: str | None = None
    line: int | None = None  # 1-based line for JSON Lines input


@dataclass(frozen=True)
class Evidence:
    """Where an item comes from: report, sentence, character span, extractor."""

    doc_id: str
    sentence: int
    start: int
    end: int
    text: str
    extractor: str


@dataclass(frozen=True)
class Place:
    name: str
    lat: float | None
    lon: float | None
    country: str | None = None
    admin1: str | None = None
    precision: str = "town"
    geonameid: int | None = None


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    precision: str | None = None
    geonameid: int | None = None
    resolved: bool = True
    source: str = "ner"  # how the span was found: "ner", "gazetteer", "part", "demonym"
    part_of: str | None = None  # for facilities: the town they belong to


@dataclass(frozen=True)
class Event:
    plover: str | None
    mode: str | None
    acled: str | None
    date: str | None
    place: Place | None
    actor1: str | None
    actor2: str | None
    evidence: Evidence
    fatalities: int | None = None
    captured: int | None = None
    wounded: int | None = None
    date_precision: str | None = None
    modality: str = "asserted"
    trigger: str | None = None
    confidence: float = 0.5
    main: bool = False  # the one event the report is mainly about


@dataclass(frozen=True)
class Control:
    place: Place
    part: str | None
    holder: str
    status: str
    date: str | None
    claimed_by: str | None
    evidence: Evidence
    stance: str = "assert"
    confidence: float = 0.5


@dataclass(frozen=True)
class Claim:
    speaker: str
    affiliation: str | None
    role: str | None
    channel: str
    content: str
    stance: str
    about: str
    evidence: Evidence
    confidence: float = 0.5


@dataclass(frozen=True)
class Aggregate:
    actor: str | None
    verb: str
    count: int
    of: int | None
    category: str
    period_days: int | None
    evidence: Evidence
    confidence: float = 0.5


@dataclass
class SituationRecord:
    doc_id: str
    date: str | None
    text: str
    source: str | None = None
    title: str | None = None
    url: str | None = None
    date_source: str | None = None
    events: list[Event] = field(default_factory=list)
    toponyms: list[Toponym] = field(default_factory=list)
    control: list[Control] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    aggregates: list[Aggregate] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SituationRecord:
        return cls(
            doc_id=data["doc_id"],
            date=data.get("date"),
            text=data.get("text", ""),
            source=data.get("source"),
            title=data.get("title"),
            url=data.get("url"),
            date_source=data.get("date_source"),
            events=[_event(e) for e in data.get("events", [])],
            toponyms=[Toponym(**t) for t in data.get("toponyms", [])],
            control=[_control(c) for c in data.get("control", [])],
            claims=[_with_evidence(Claim, c) for c in data.get("claims", [])],
            aggregates=[_with_evidence(Aggregate, a) for a in data.get("aggregates", [])],
        )

    @classmethod
    def from_json(cls, line: str) -> SituationRecord:
        return cls.from_dict(json.loads(line))


def _place(data: dict[str, Any] | None) -> Place | None:
    return Place(**data) if data else None


def _with_evidence(kind: type, data: dict[str, Any]) -> Any:
    return kind(**{**data, "evidence": Evidence(**data["evidence"])})


def _event(data: dict[str, Any]) -> Event:
    return _with_evidence(Event, {**data, "place": _place(data.get("place"))})


def _control(data: dict[str, Any]) -> Control:
    return _with_evidence(Control, {**data, "place": _place(data["place"])})

"""Gold situation records: read and validate JSON Lines, turn them into SituationRecords.

Gold items are held in the same dataclasses as sitroom's output (``record.py``), with a
placeholder ``Evidence`` naming the extractor ``"gold"``. A list that is ``None`` on a
``GoldRecord`` was not annotated; an empty tuple means "none expected". Inside an item a
null field means "not annotated" and is never compared.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitroom.errors import GoldFormatError
from sitroom.record import (
    CONTROL_STATUSES,
    PRECISIONS,
    Aggregate,
    Claim,
    Control,
    Event,
    Evidence,
    Place,
    SituationRecord,
    Toponym,
)

GOLD_LISTS = ("events", "toponyms", "control", "claims", "aggregates")
GOLD_EXTRACTOR = "gold"


@dataclass(frozen=True)
class GoldRecord:
    """One annotated report. A list left as ``None`` is not annotated."""

    doc_id: str
    date: str | None
    text: str
    source: str | None = None
    events: tuple[Event, ...] | None = None
    toponyms: tuple[Toponym, ...] | None = None
    control: tuple[Control, ...] | None = None
    claims: tuple[Claim, ...] | None = None
    aggregates: tuple[Aggregate, ...] | None = None
    # The ``gold`` object as read, for dataset-specific extras such as ``isaf_event_type``.
    raw_gold: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def annotates(self, metric: str) -> bool:
        return getattr(self, metric) is not None


class _Problem(Exception):
    """A validation problem inside one line; becomes a GoldFormatError with path:line."""


def load_gold(path: str | Path) -> list[GoldRecord]:
    """Read a gold JSON Lines file; a malformed line raises ``GoldFormatError`` "path:line: …"."""
    path = Path(path)
    try:
        # Split on "\n" only: texts may hold U+2028 and friends, which splitlines() breaks on.
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as exc:
        raise GoldFormatError(f"{path}: cannot read gold file: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise GoldFormatError(f"{path}: not UTF-8 (byte {exc.start}); save it as UTF-8") from exc
    records: list[GoldRecord] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = gold_from_dict(json.loads(line))
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{where}: not JSON ({exc.msg}, column {exc.colno})") from exc
        except _Problem as exc:
            raise GoldFormatError(f"{where}: {exc}") from exc
        if record.doc_id in seen:
            raise GoldFormatError(
                f"{where}: doc_id {record.doc_id!r} already used on line {seen[record.doc_id]}"
            )
        seen[record.doc_id] = number
        records.append(record)
    return records


def gold_from_dict(data: Any) -> GoldRecord:
    """One gold record from its parsed JSON object (raises ``_Problem`` when malformed)."""
    if not isinstance(data, dict):
        raise _Problem("a gold line must be a JSON object")
    doc_id = _str(data, "doc_id", "record")
    ctx = f"record {doc_id!r}"
    gold = data.get("gold")
    if not isinstance(gold, dict):
        raise _Problem(f"{ctx}: 'gold' must be an object with the annotated lists")
    lists: dict[str, tuple[Any, ...] | None] = {}
    for name in GOLD_LISTS:
        if name not in gold:
            lists[name] = None
            continue
        items = gold[name]
        if not isinstance(items, list):
            raise _Problem(f"{ctx}: gold.{name} must be a list, not {type(items).__name__}")
        parse = _PARSERS[name]
        evidence = _evidence(doc_id)
        parsed = []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                raise _Problem(f"{ctx}: gold.{name}[{index}] must be an object")
            parsed.append(parse(item, evidence, f"{ctx}: gold.{name}[{index}]"))
        lists[name] = tuple(parsed)
    text = data.get("text", "")
    if not isinstance(text, str):
        raise _Problem(f"{ctx}: 'text' must be a string")
    return GoldRecord(
        doc_id=doc_id,
        date=_day(data, "date", ctx),
        text=text,
        source=_opt_str(data, "source", ctx),
        raw_gold=gold,
        **lists,  # type: ignore[arg-type]
    )


def records_from_gold(gold: Iterable[GoldRecord]) -> dict[str, SituationRecord]:
    """The gold records as sitroom output would carry them, keyed by doc_id (a perfect system)."""
    return {
        g.doc_id: SituationRecord(
            doc_id=g.doc_id,
            date=g.date,
            text=g.text,
            source=g.source,
            events=list(g.events or ()),
            toponyms=list(g.toponyms or ()),
            control=list(g.control or ()),
            claims=list(g.claims or ()),
            aggregates=list(g.aggregates or ()),
        )
        for g in gold
    }


def _evidence(doc_id: str) -> Evidence:
    return Evidence(doc_id=doc_id, sentence=0, start=0, end=0, text="", extractor=GOLD_EXTRACTOR)


def _event(item: dict[str, Any], evidence: Evidence, ctx: str) -> Event:
    plover = _opt_str(item, "plover", ctx)
    return Event(
        plover=plover.upper() if plover else plover,
        mode=_opt_str(item, "mode", ctx),
        acled=_opt_str(item, "acled", ctx),
        date=_day(item, "date", ctx),
        place=_opt_place(item.get("place"), f"{ctx}.place"),
        actor1=_opt_str(item, "actor1", ctx),
        actor2=_opt_str(item, "actor2", ctx),
        evidence=evidence,
        fatalities=_opt_int(item, "fatalities", ctx),
        captured=_opt_int(item, "captured", ctx),
    )


def _toponym(item: dict[str, Any], evidence: Evidence, ctx: str) -> Toponym:
    start, end = _int(item, "start", ctx), _int(item, "end", ctx)
    if not 0 <= start < end:
        raise _Problem(f"{ctx}: span start {start}, end {end} is empty or negative (end exclusive)")
    return Toponym(
        start=start,
        end=end,
        text=_str(item, "text", ctx),
        lat=_float(item, "lat", ctx),
        lon=_float(item, "lon", ctx),
    )


def _control(item: dict[str, Any], evidence: Evidence, ctx: str) -> Control:
    place = _opt_place(item.get("place"), f"{ctx}.place")
    if place is None:
        raise _Problem(f"{ctx}: 'place' is required for a control statement")
    status = _str(item, "status", ctx)
    if status not in CONTROL_STATUSES:
        raise _Problem(f"{ctx}: status {status!r} is not one of {', '.join(CONTROL_STATUSES)}")
    return Control(
        place=place,
        part=_opt_str(item, "part", ctx),
        holder=_str(item, "holder", ctx),
        status=status,
        date=_day(item, "date", ctx),
        claimed_by=_opt_str(item, "claimed_by", ctx),
        evidence=evidence,
    )


def _claim(item: dict[str, Any], evidence: Evidence, ctx: str) -> Claim:
    return Claim(
        speaker=_str(item, "speaker", ctx),
        affiliation=_opt_str(item, "affiliation", ctx),
        role=_opt_str(item, "role", ctx),
        channel=_str(item, "channel", ctx),
        content=_str(item, "content", ctx),
        stance=_str(item, "stance", ctx),
        about=_str(item, "about", ctx),
        evidence=evidence,
    )


def _aggregate(item: dict[str, Any], evidence: Evidence, ctx: str) -> Aggregate:
    return Aggregate(
        actor=_opt_str(item, "actor", ctx),
        verb=_str(item, "verb", ctx),
        count=_int(item, "count", ctx),
        of=_opt_int(item, "of", ctx),
        category=_str(item, "category", ctx),
        period_days=_opt_int(item, "period_days", ctx),
        evidence=evidence,
    )


_PARSERS = {
    "events": _event,
    "toponyms": _toponym,
    "control": _control,
    "claims": _claim,
    "aggregates": _aggregate,
}


def _opt_place(data: Any, ctx: str) -> Place | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise _Problem(f"{ctx} must be an object or null")
    precision = _str(data, "precision", ctx)
    if precision not in PRECISIONS:
        raise _Problem(f"{ctx}: precision {precision!r} is not one of {', '.join(PRECISIONS)}")
    return Place(
        name=_str(data, "name", ctx),
        lat=_float(data, "lat", ctx),
        lon=_float(data, "lon", ctx),
        country=_opt_str(data, "country", ctx),
        admin1=_opt_str(data, "admin1", ctx),
        precision=precision,
    )


def _str(data: dict[str, Any], key: str, ctx: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _Problem(f"{ctx}: '{key}' must be a non-empty string, got {value!r}")
    return value


def _opt_str(data: dict[str, Any], key: str, ctx: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise _Problem(f"{ctx}: '{key}' must be a string or null, got {value!r}")
    return value or None


def _int(data: dict[str, Any], key: str, ctx: str) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Problem(f"{ctx}: '{key}' must be an integer, got {value!r}")
    return value


def _opt_int(data: dict[str, Any], key: str, ctx: str) -> int | None:
    return None if data.get(key) is None else _int(data, key, ctx)


def _float(data: dict[str, Any], key: str, ctx: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Problem(f"{ctx}: '{key}' must be a number, got {value!r}")
    return float(value)


def _day(data: dict[str, Any], key: str, ctx: str) -> str | None:
    value = _opt_str(data, key, ctx)
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise _Problem(f"{ctx}: '{key}' {value!r} is not a YYYY-MM-DD calendar day") from None
    if len(value) != 10:
        raise _Problem(f"{ctx}: '{key}' {value!r} is not a YYYY-MM-DD calendar day")
    return value

"""``sitroom compare``: align sitroom's events with the ACLED reference layer.

Two events agree under a ``Rule`` when they have the same ACLED sub-event type, places
that agree (within 25 km, or the same admin1 where ACLED codes the event to an admin1:
``sitroom.eval.match.place_agrees``, ACLED's place taken as the gold one) and days at most
``days`` apart; with ``actors``, ACLED's actor1/actor2 where it names them must be
sitroom's after alias resolution. Matching is one-to-one and greedy in ACLED order (day,
id), each ACLED event taking the agreeing sitroom event nearest in days, then in km.

- ``ISSUE_RULE`` (the default): day +/-1, no actors, asserted events only, any report.
- ``EVAL_RULE``: exactly ``sitroom eval``'s event matching (``sitroom.eval.events``): same
  day, actors compared, any modality, and an ACLED event pairs only with the events of its
  own report, ``acled-<event_id_cnty>`` (the reports being ACLED's notes, as in
  ``shared/eval/dev/acled_notes.jsonl``). Its agreement rate (matched / ACLED events) is
  eval's events ``recall``; its rate over sitroom events is eval's ``precision``.
"""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitroom.errors import ExportError
from sitroom.eval.events import field_agrees, same_type
from sitroom.eval.match import place_km
from sitroom.export._acled_codes import acled_codes
from sitroom.export._window import Window, events_sql
from sitroom.record import Event, Evidence, Place
from sitroom.store import Store

ACLED_DOC_PREFIX = "acled-"


@dataclass(frozen=True)
class Rule:
    days: int = 1
    actors: bool = False
    same_report: bool = False
    asserted_only: bool = True

    def describe(self) -> str:
        day = "same day" if self.days == 0 else f"day +/-{self.days}"
        parts = ["same sub-event type", "place within 25 km (or same admin1)", day]
        if self.actors:
            parts.append("same actors")
        if self.same_report:
            parts.append("same report")
        parts.append("asserted events" if self.asserted_only else "any modality")
        return ", ".join(parts)


ISSUE_RULE = Rule()
EVAL_RULE = Rule(days=0, actors=True, same_report=True, asserted_only=False)


@dataclass
class TypeCounts:
    acled: int = 0
    sitroom: int = 0
    matched: int = 0

    @property
    def only_acled(self) -> int:
        return self.acled - self.matched

    @property
    def only_sitroom(self) -> int:
        return self.sitroom - self.matched


@dataclass
class Comparison:
    rule: Rule
    by_type: dict[str, TypeCounts] = field(default_factory=dict)
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (ACLED id, sitroom id)

    def totals(self) -> TypeCounts:
        total = TypeCounts()
        for counts in self.by_type.values():
            total.acled += counts.acled
            total.sitroom += counts.sitroom
            total.matched += counts.matched
        return total

    @property
    def agreement(self) -> float | None:
        """Matched ACLED events over ACLED events (eval's recall under ``EVAL_RULE``)."""
        total = self.totals()
        return total.matched / total.acled if total.acled else None

    @property
    def precision(self) -> float | None:
        """Matched sitroom events over sitroom events (eval's precision under ``EVAL_RULE``)."""
        total = self.totals()
        return total.matched / total.sitroom if total.sitroom else None


def compare(db: str | Path, window: Window | None = None, rule: Rule = ISSUE_RULE) -> Comparison:
    """Align the store's events with its ACLED reference layer under ``rule``."""
    window = window or Window()
    from sitroom.actors import ActorDictionary

    with Store.open(db, readonly=True) as store:
        reference = _acled_events(store.conn, window)
        ours = _sitroom_events(store.conn, window, rule)
    canonical = ActorDictionary.load().canonical if rule.actors else _same
    return align(reference, ours, rule, canonical)


def align(
    reference: list[tuple[str, Event]],
    ours: list[tuple[str, Event]],
    rule: Rule,
    canonical: Callable[[str], str],
) -> Comparison:
    """One-to-one greedy alignment of (id, event) lists; ids are ACLED's and sitroom's."""
    result = Comparison(rule)
    by_day: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, (_, event) in enumerate(ours):
        label = _label(event.acled)
        result.by_type.setdefault(label, TypeCounts()).sitroom += 1
        if event.date:
            by_day[(label, event.date)].append(index)
    used: set[int] = set()
    for ref_id, ref in reference:
        label = _label(ref.acled)
        counts = result.by_type.setdefault(label, TypeCounts())
        counts.acled += 1
        best = _best(ref_id, ref, ours, _candidates(ref, label, by_day, rule.days), used, rule,
                     canonical)  # fmt: skip
        if best is not None:
            used.add(best)
            counts.matched += 1
            result.pairs.append((ref_id, ours[best][0]))
    return result


def _candidates(
    ref: Event, label: str, by_day: dict[tuple[str, str], list[int]], days: int
) -> list[int]:
    if ref.date is None:
        return []
    day = dt.date.fromisoformat(ref.date)
    found: list[int] = []
    for shift in range(-days, days + 1):
        found += by_day.get((label, (day + dt.timedelta(days=shift)).isoformat()), [])
    return found


def _best(
    ref_id: str,
    ref: Event,
    ours: list[tuple[str, Event]],
    candidates: list[int],
    used: set[int],
    rule: Rule,
    canonical: Callable[[str], str],
) -> int | None:
    fields = ("place", "actor1", "actor2") if rule.actors else ("place",)
    best: tuple[int, float, int] | None = None
    for index in candidates:
        our_id, event = ours[index]
        if index in used or not same_type(ref, event):
            continue
        if rule.same_report and our_id.rsplit("#", 1)[0] != ACLED_DOC_PREFIX + ref_id:
            continue
        if any(field_agrees(name, ref, event, canonical) is False for name in fields):
            continue
        days = abs((dt.date.fromisoformat(event.date or "") - _day(ref)).days)
        km = place_km(ref.place, event.place) if ref.place else None
        key = (days, km if km is not None else float("inf"), index)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def _acled_events(conn: sqlite3.Connection, window: Window) -> list[tuple[str, Event]]:
    condition, values = window.item_sql("a")
    condition = condition.replace("a.date", "a.event_date").replace("a.country", "a.country_code")
    try:
        order = "a.event_date, a.event_id_cnty"
        sql = f"SELECT * FROM acled_events a WHERE {condition} ORDER BY {order}"
        rows = conn.execute(sql, values).fetchall()
    except sqlite3.OperationalError as exc:
        raise ExportError(
            f"{conn_path(conn)}: no ACLED reference layer; run `sitroom import-acled FILE.csv`"
        ) from exc
    codes = acled_codes()
    return [(row["event_id_cnty"], _acled_event(row, codes.precision)) for row in rows]


def _acled_event(row: sqlite3.Row, precision: Callable[[int], str]) -> Event:
    place = None
    if row["latitude"] is not None and row["longitude"] is not None:
        place = Place(
            name=row["location"] or "",
            lat=row["latitude"],
            lon=row["longitude"],
            country=row["country_code"],
            admin1=row["admin1"],
            precision=precision(row["geo_precision"] or 1),
        )
    evidence = Evidence(row["event_id_cnty"], 0, 0, 0, row["notes"] or "", "acled")
    return Event(
        plover=None,
        mode=None,
        acled=row["sub_event_type"],
        date=row["event_date"],
        place=place,
        actor1=row["actor1"],
        actor2=row["actor2"],
        evidence=evidence,
        fatalities=row["fatalities"],
    )


def _sitroom_events(
    conn: sqlite3.Connection, window: Window, rule: Rule
) -> list[tuple[str, Event]]:
    where = "e.acled IS NOT NULL" + (" AND e.modality = 'asserted'" if rule.asserted_only else "")
    query = events_sql(window, where=where)
    return [
        (f"{row['doc_id']}#{row['idx']}", _stored_event(row))
        for row in conn.execute(query.ordered, query.values)
    ]


def _stored_event(row: sqlite3.Row) -> Event:
    place = None
    if row["place_name"] is not None:
        place = Place(
            row["place_name"], row["lat"], row["lon"], row["country"], row["admin1"],
            row["precision"] or "town", row["geonameid"],
        )  # fmt: skip
    evidence = Evidence(
        row["doc_id"], row["sentence"], row["start"], row["end"], row["evidence"], row["extractor"]
    )
    return Event(
        plover=row["plover"],
        mode=row["mode"],
        acled=row["acled"],
        date=row["date"],
        place=place,
        actor1=row["actor1"],
        actor2=row["actor2"],
        evidence=evidence,
        fatalities=row["fatalities"],
        modality=row["modality"],
    )


def conn_path(conn: sqlite3.Connection) -> str:
    row = conn.execute("PRAGMA database_list").fetchone()
    return str(row[2]) if row else "database"


def _day(event: Event) -> dt.date:
    return dt.date.fromisoformat(event.date or "")


def _label(value: str | None) -> str:
    """ACLED's spelling of a sub-event type, whatever its case (eval compares case-folded)."""
    text = (value or "").strip()
    return _spellings().get(text.casefold(), text)


@functools.cache
def _spellings() -> dict[str, str]:
    return {name.casefold(): name for name in acled_codes().event_types}


def _same(name: str) -> str:
    return name


def as_json(result: Comparison) -> dict[str, Any]:
    total = result.totals()
    return {
        "rule": result.rule.describe(),
        "acled_events": total.acled,
        "sitroom_events": total.sitroom,
        "matched": total.matched,
        "only_in_acled": total.only_acled,
        "only_in_sitroom": total.only_sitroom,
        "agreement": result.agreement,
        "precision": result.precision,
        "by_type": {
            label: {
                "acled": c.acled,
                "sitroom": c.sitroom,
                "matched": c.matched,
                "only_in_acled": c.only_acled,
                "only_in_sitroom": c.only_sitroom,
                "agreement": c.matched / c.acled if c.acled else None,
                "precision": c.matched / c.sitroom if c.sitroom else None,
            }
            for label, c in sorted(result.by_type.items(), key=lambda kv: -kv[1].acled)
        },
    }

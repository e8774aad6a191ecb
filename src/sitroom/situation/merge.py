"""One event, many sources: events of different reports merged into incidents.

Two stored events are one incident when they are of the same type (ACLED sub-event type,
else PLOVER type and mode), within ``NEAR_KM`` of each other, at most a day apart, from
different reports, and their actors do not disagree (a missing actor agrees with any; a
clash of A with B is one of B with A). Events are taken in (day, report, index) order, each
joining the first incident it fits (near its first event: no chains across days),
so the result does not depend on the order reports were ingested in. Only asserted events
count: a planned attack is not an incident.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from sitroom.situation.aggregates import _km

NEAR_KM = 25.0


@dataclass
class Incident:
    kind: str
    members: list[sqlite3.Row] = field(default_factory=list)

    @property
    def reports(self) -> list[str]:
        return list(dict.fromkeys(m["doc_id"] for m in self.members))

    def fits(self, event: sqlite3.Row, day: dt.date) -> bool:
        """Near the incident's first report (day +/-1, ``NEAR_KM``), from another
        report, and no actor at odds with any member's."""
        first = self.members[0]
        if event["doc_id"] in self.reports:
            return False
        if abs((day - dt.date.fromisoformat(first["date"])).days) > 1:
            return False
        if _km(first["lat"], first["lon"], event["lat"], event["lon"]) > NEAR_KM:
            return False
        return all(_agree(m, event) for m in self.members)

    def as_json(self) -> dict[str, Any]:
        first = self.members[0]
        counts = [m["fatalities"] for m in self.members if m["fatalities"] is not None]
        return {
            "type": self.kind,
            "plover": first["plover"],
            "mode": first["mode"],
            "acled": first["acled"],
            "date": first["date"],
            "days": sorted({m["date"] for m in self.members}),
            "place": first["place_name"],
            "country": first["country"],
            "lat": first["lat"],
            "lon": first["lon"],
            "actor1": next((m["actor1"] for m in self.members if m["actor1"]), None),
            "actor2": next((m["actor2"] for m in self.members if m["actor2"]), None),
            "fatalities": {"min": min(counts), "max": max(counts)} if counts else None,
            "reports": self.reports,
            "mentions": [
                {"doc_id": m["doc_id"], "idx": m["idx"], "sentence": m["sentence"],
                 "text": m["evidence"].strip()}
                for m in self.members
            ],
        }  # fmt: skip


def _same(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.casefold() == b.casefold()


def _agree(a: sqlite3.Row, b: sqlite3.Row) -> bool:
    straight = _same(a["actor1"], b["actor1"]) and _same(a["actor2"], b["actor2"])
    known = None not in (a["actor1"], a["actor2"], b["actor1"], b["actor2"])
    crossed = known and _same(a["actor1"], b["actor2"]) and _same(a["actor2"], b["actor1"])
    return straight or crossed


def _kind(event: sqlite3.Row) -> str | None:
    if event["acled"]:
        return str(event["acled"])
    if event["plover"]:
        return f"{event['plover']}/{event['mode'] or ''}"
    return None


def merge_events(conn: sqlite3.Connection) -> list[Incident]:
    """Every stored asserted event in an incident, incidents in day order."""
    rows = conn.execute(
        "SELECT * FROM events WHERE modality = 'asserted' ORDER BY date, doc_id, idx"
    ).fetchall()
    incidents: list[Incident] = []
    recent: dict[str, list[tuple[dt.date, Incident]]] = {}  # kind -> (last day, incident)
    for event in rows:
        kind = _kind(event)
        if kind is None:
            continue
        if len(event["date"] or "") != 10 or event["lat"] is None or event["lon"] is None:
            incidents.append(Incident(kind, [event]))
            continue
        day = dt.date.fromisoformat(event["date"])
        open_ = [(d, i) for d, i in recent.get(kind, []) if (day - d).days <= 1]
        home = next((i for _, i in open_ if i.fits(event, day)), None)
        if home is None:
            home = Incident(kind)
            incidents.append(home)
        home.members.append(event)
        recent[kind] = [(d, i) for d, i in open_ if i is not home] + [(day, home)]
    return incidents

"""Views of the picture: timeline entries, the state of each place on a day, the pairs."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from sitroom.places.normalize import name_key
from sitroom.situation.assess import Pair, pairs, state_on
from sitroom.situation.derived import Picture
from sitroom.situation.timeline import Segment

# Knowledge of who holds a place older than this, on the day viewed, is stale: in a
# fast-moving war a month without a report means the picture may have changed unseen.
STALE_AFTER_DAYS = 30


def timeline_entry(segment: Segment) -> dict[str, Any]:
    """One segment in the shape benchmarks read (plus where it is and why its state)."""
    first = segment.first
    return {
        "place": first.place,
        "part": segment.part,
        "holder": segment.holder,
        "status": segment.status,
        "since": segment.since,
        "until": segment.until,
        "state": segment.state,
        "sources": segment.sources,
        "speakers": segment.speakers,
        "backing": segment.backing,
        "reasons": segment.reasons,
        "country": first.country,
        "lat": first.lat,
        "lon": first.lon,
        "geonameid": first.geonameid,
        "statements": [s.as_json() for s in segment.support + segment.denials],
    }


def timeline(
    picture: Picture, place: str | None = None, *, geonameids: frozenset[int] = frozenset()
) -> list[dict[str, Any]]:
    """Every timeline entry, or those of the place called ``place`` (any spelling of its
    name, or one of ``geonameids``: the gazetteer's places of that name)."""
    wanted = name_key(place) if place else None
    entries = []
    for segments in picture.values():
        first = segments[0].first
        if wanted and name_key(first.place) != wanted and first.geonameid not in geonameids:
            continue
        entries += [timeline_entry(s) for s in segments]
    return sorted(
        entries, key=lambda e: (e["place"], e["country"] or "", e["part"] or "", e["since"])
    )


def place_on(segments: list[Segment], day: str) -> dict[str, Any] | None:
    """The state of one place on a day: holder of the whole, parts, state and why."""
    current = [s for s in segments if s.covers(day) and s.kind != "loss"]
    if not current:
        return None
    first = segments[0].first
    rows = []
    for segment in current:
        state, reasons = state_on(segment, segments, day)
        rows.append((segment, state, reasons))
    whole = [r for r in rows if not r[0].part_key]
    ranked = whole or rows
    states = {state for _, state, _ in rows}
    state = "contested" if "contested" in states else ranked[0][1]
    if state != "contested" and "claimed" in {s for _, s, _ in ranked}:
        state = "claimed"
    statements = [st for seg, _, _ in rows for st in seg.support + seg.denials]
    last = max((st.day for st in statements if st.day <= day), default=None)
    age = (dt.date.fromisoformat(day) - dt.date.fromisoformat(last)).days if last else None
    return {
        "place": first.place,
        "country": first.country,
        "admin1": first.admin1,
        "lat": first.lat,
        "lon": first.lon,
        "state": state,
        "holders": [_position(seg, s, r) for seg, s, r in whole],
        "parts": [_position(seg, s, r) for seg, s, r in rows if seg.part_key],
        "reasons": list(dict.fromkeys(r for _, _, rs in rows for r in rs)),
        "claims": [st.as_json() for st in statements if st.speaker],
        "sources": list(dict.fromkeys(st.doc_id for st in statements)),
        "last_reported": last,
        "age_days": age,
        "stale": age is not None and age > STALE_AFTER_DAYS,
    }


def age_text(view: dict[str, Any]) -> str:
    """How old the knowledge of a place is on the day viewed, in words."""
    last, age = view.get("last_reported"), view.get("age_days")
    if last is None:
        return ""
    if not age:
        return f"last reported {last}, the day of this view"
    return f"last reported {last}, {age} day{'s' if age != 1 else ''} before this view"


def _position(segment: Segment, state: str, reasons: list[str]) -> dict[str, Any]:
    return {
        "part": segment.part,
        "holder": segment.holder,
        "status": segment.status,
        "since": segment.since,
        "state": state,
        "backing": segment.backing,
        "speakers": segment.speakers,
        "sources": segment.sources,
    }


def picture_on(picture: Picture, day: str, country: str | None = None) -> list[dict[str, Any]]:
    """Every place's state on ``day`` (optionally one country's), by place name."""
    places = []
    for segments in picture.values():
        if country and (segments[0].first.country or "").upper() != country.upper():
            continue
        view = place_on(segments, day)
        if view is not None:
            places.append(view)
    return sorted(places, key=lambda p: (p["place"], p["country"] or ""))


def contested(picture: Picture, *, kind: str | None = None) -> list[Pair]:
    """Contradictions and qualifications of every place, latest first."""
    found = [pair for segments in picture.values() for pair in pairs(segments)]
    if kind:
        found = [p for p in found if p.kind == kind]
    return sorted(found, key=lambda p: (p.since, p.place), reverse=True)


def latest_day(conn: sqlite3.Connection) -> str | None:
    """The latest day the store knows anything of: the day every view defaults to."""
    from sitroom.store import known_days

    return known_days(conn)[1]

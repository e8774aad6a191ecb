"""The stored picture: control segments kept in the store and refreshed place by place.

Writing a report marks its places dirty (a trigger in ``store/schema.py``, inside the
writer's transaction). ``refresh`` — run by the writer after ingesting — recomputes only
the dirty places; readers take the stored segments of clean places and compute dirty ones
on the fly, so a read-only reader never sees a stale picture. ``compute`` recomputes
everything from the control statements, for any day.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable

from sitroom.situation.assess import assess
from sitroom.situation.sides import Sides
from sitroom.situation.statements import Statement, load_statements
from sitroom.situation.timeline import Segment, build_segments

Picture = dict[str, list[Segment]]  # place key -> its segments


def compute(
    conn: sqlite3.Connection,
    sides: Sides,
    *,
    place_keys: Iterable[str] | None = None,
    until: str | None = None,
) -> Picture:
    """Segments recomputed from the stored statements (of some places, up to a day)."""
    by_place: dict[str, list[Statement]] = defaultdict(list)
    for statement in load_statements(conn, sides, place_keys=place_keys, until=until):
        by_place[statement.place_key].append(statement)
    picture = {}
    for key, statements in by_place.items():
        segments = build_segments(statements)
        assess(segments)
        picture[key] = segments
    return picture


def dirty_places(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT place_key FROM situation_dirty")]


def refresh(conn: sqlite3.Connection, sides: Sides) -> int:
    """Recompute and store the dirty places' segments (writer only); how many places."""
    keys = dirty_places(conn)
    if not keys:
        return 0
    picture = compute(conn, sides, place_keys=keys)
    with conn:
        _replace(conn, keys, picture)
        conn.executemany("DELETE FROM situation_dirty WHERE place_key = ?", [(k,) for k in keys])
    return len(keys)


def rebuild(conn: sqlite3.Connection, sides: Sides) -> int:
    """Recompute and store every place's segments (writer only); how many places."""
    picture = compute(conn, sides)
    with conn:
        conn.execute("DELETE FROM situation_segments")
        _replace(conn, [], picture)
        conn.execute("DELETE FROM situation_dirty")
    return len(picture)


def load(
    conn: sqlite3.Connection,
    sides: Sides,
    *,
    at: str | None = None,
    place_keys: Iterable[str] | None = None,
    name: str | None = None,
) -> Picture:
    """The current picture: stored segments of clean places, dirty ones computed now.
    Narrowed, when asked, to the segments running on day ``at``, to some places, or to
    places named ``name`` (any case) — a reader of one day or one place decodes no more."""
    dirty = set(dirty_places(conn))
    where, params = [], []
    if at is not None:
        where.append("since <= ? AND (until IS NULL OR until > ?)")
        params += [at, at]
    wanted = sorted(set(place_keys or ()))
    if place_keys is not None or name is not None:
        named = "lower(json_extract(data, '$.support[0][3]')) = lower(?)" if name else "0"
        marks = ",".join("?" * len(wanted))
        where.append(f"(place_key IN ({marks}) OR {named})")
        params += wanted + ([name] if name else [])
    sql = "SELECT * FROM situation_segments"
    sql += (" WHERE " + " AND ".join(where)) if where else ""
    picture: Picture = defaultdict(list)
    for row in conn.execute(sql + " ORDER BY place_key, seq", params):
        if row["place_key"] not in dirty:
            picture[row["place_key"]].append(_segment(row))
    if dirty:
        fresh = compute(conn, sides, place_keys=dirty)
        for key, segments in fresh.items():
            if place_keys is not None or name is not None:
                named = name is not None and segments[0].first.place.lower() == name.lower()
                if key not in wanted and not named:
                    continue
            running = [s for s in segments if at is None or s.covers(at)]
            if running:
                picture[key] = running
    return dict(picture)


def _replace(conn: sqlite3.Connection, keys: list[str], picture: Picture) -> None:
    conn.executemany("DELETE FROM situation_segments WHERE place_key = ?", [(k,) for k in keys])
    conn.executemany(
        "INSERT INTO situation_segments VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [
            (key, seq, s.part_key, s.holder, s.side, s.status, s.since, s.until)
            + (s.state, s.backing, _data(s))
            for key, segments in picture.items()
            for seq, s in enumerate(segments)
        ],
    )


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def _data(segment: Segment) -> str:
    return _ENCODE(
        {
            "support": [s.values() for s in segment.support],
            "denials": [s.values() for s in segment.denials],
            "reasons": segment.reasons,
        }
    )


def _segment(row: sqlite3.Row) -> Segment:
    data = json.loads(row["data"])
    return Segment(
        place_key=row["place_key"],
        part_key=row["part_key"],
        holder=row["holder"],
        side=row["side"],
        status=row["status"],
        since=row["since"],
        until=row["until"],
        support=[Statement(*values) for values in data["support"]],
        denials=[Statement(*values) for values in data["denials"]],
        state=row["state"],
        backing=row["backing"],
        reasons=data["reasons"],
    )

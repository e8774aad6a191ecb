"""The ACLED reference layer on the map: the rows ``sitroom import-acled`` put in
``acled_events``, read apart from sitroom's own events and never mixed with them. Every
value a parameter, every table and column name a constant of this module."""

from __future__ import annotations

import sqlite3
from typing import Any

from sitroom.store import row_dict
from sitroom.web.params import Filters
from sitroom.web.queries import last_week

MAX_POINTS = 2000  # as /api/events/points
# A span holding more than this share of the table is counted in one pass of the points
# index; a narrower one is looked up by day (a row read costs some 30 index entries).
_WIDE_SHARE = 30
# One point per location and sub-event type: ACLED names each location with its point.
_POINT = "a.country_code, a.location, a.latitude, a.longitude, a.sub_event_type"
# What a point tells of its latest event, read from that one row.
_LATEST = "a.event_type, a.admin1, a.country, a.event_id_cnty, a.notes, a.source"


def imported(conn: sqlite3.Connection) -> bool:
    """Whether any ACLED export was imported (a store from before the table has none)."""
    try:
        return conn.execute("SELECT EXISTS (SELECT 1 FROM acled_events)").fetchone()[0] == 1
    except sqlite3.OperationalError:  # no such table
        return False


def _days(filters: Filters, alias: str, indexed: bool) -> tuple[list[str], list[Any]]:
    """The day bounds on ``alias.event_date``; not ``indexed``: written ``+event_date``,
    which keeps SQLite off the day index (for a span too wide to look up day by day)."""
    column = f"{'' if indexed else '+'}{alias}.event_date"
    clauses, args = [], []
    for clause, value in ((f"{column} >= ?", filters.since), (f"{column} <= ?", filters.until)):
        if value:
            clauses.append(clause)
            args.append(value)
    return clauses, args


def _wide(conn: sqlite3.Connection, filters: Filters) -> bool:
    """Whether the days hold more than a ``_WIDE_SHARE``-th of the table: counted on the
    day index, and only up to that many."""
    days, args = _days(filters, "a", indexed=True)
    if not days:
        return True
    share = (conn.execute("SELECT max(rowid) FROM acled_events").fetchone()[0] or 0) // _WIDE_SHARE
    held = conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM acled_events a WHERE {' AND '.join(days)} LIMIT ?)",
        [*args, share + 1],
    ).fetchone()[0]
    return held > share


def _where(filters: Filters, wide: bool) -> tuple[str, list[Any]]:
    """The days, the country (ISO alpha-2 ``country_code``) and a point to put it on."""
    clauses, args = _days(filters, "a", indexed=not wide)
    clauses += ["a.latitude IS NOT NULL", "a.longitude IS NOT NULL"]
    if filters.country:
        clauses.append("a.country_code = ?")
        args.append(filters.country)
    return " WHERE " + " AND ".join(clauses), args


def _sql(where: str) -> str:
    """The points, most events first (at most ``?``), with count, last day, fatalities,
    and the number of events and points before the limit. The bare ``rowid`` beside the
    only ``max()`` is SQLite's row of that maximum: the latest event, read for its notes
    after the limit, so at most one row is read a point."""
    return (
        f"WITH g AS (SELECT {_POINT}, count(*) AS n, sum(a.fatalities) AS fatalities,"
        " max(a.event_date) AS last, a.rowid AS latest,"
        " sum(count(*)) OVER () AS events, count(*) OVER () AS points"
        f" FROM acled_events a{where} GROUP BY {_POINT}"
        " ORDER BY n DESC, last DESC, a.location LIMIT ?)"
        f" SELECT g.*, {_LATEST} FROM g JOIN acled_events a ON a.rowid = g.latest"
        " ORDER BY g.n DESC, g.last DESC, g.location"
    )


def _item(row: sqlite3.Row) -> dict[str, Any]:
    """A point as the API gives it: where, what, how many, and its latest event."""
    found = row_dict(row)
    return {
        "country_code": found["country_code"], "country": found["country"],
        "admin1": found["admin1"], "location": found["location"],
        "lat": found["latitude"], "lon": found["longitude"],
        "event_type": found["event_type"], "sub_event_type": found["sub_event_type"],
        "n": found["n"], "fatalities": found["fatalities"], "last": found["last"],
        "latest": {"event_id_cnty": found["event_id_cnty"], "event_date": found["last"],
                   "notes": found["notes"], "source": found["source"]},
    }  # fmt: skip


def points(conn: sqlite3.Connection, filters: Filters, limit: int = MAX_POINTS) -> dict:
    """ACLED's events on the map, one point per location and sub-event type, with the
    count, the last day, fatalities and the latest event's id, notes and source; at most
    ``limit`` points, most events first; ``total`` the events of all points, ``points``
    their number. With no days given, the week up to ACLED's last day. Nothing imported:
    no points."""
    filters = Filters(since=filters.since, until=filters.until, country=filters.country)
    rows: list[sqlite3.Row] = []
    if imported(conn):
        filters = last_week(conn, filters, "SELECT max(event_date) FROM acled_events")
        where, args = _where(filters, _wide(conn, filters))
        rows = conn.execute(_sql(where), [*args, limit]).fetchall()
    return {
        "since": filters.since,
        "until": filters.until,
        "total": rows[0]["events"] if rows else 0,
        "points": rows[0]["points"] if rows else 0,
        "items": [_item(row) for row in rows],
    }

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
_KEY = ("country_code", "location", "latitude", "longitude", "sub_event_type")
_POINT = ", ".join(f"a.{name}" for name in _KEY)
_SAME_POINT = " AND ".join(f"b.{name} IS g.{name}" for name in _KEY)
# What a point tells of its latest event, read from that one row.
_LATEST = "a.event_type, a.admin1, a.country, a.event_id_cnty, a.event_date, a.fatalities,"
_LATEST += " a.notes, a.source"


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
    """The days and the country (ISO alpha-2 ``country_code``) of the rows counted: a
    narrow span on the day index (the country written ``+country_code``, so SQLite never
    prefers a country's whole part of the points index), a wide one on the points index."""
    clauses, args = _days(filters, "a", indexed=not wide)
    if filters.country:
        clauses.append(f"{'+' if not wide else ''}a.country_code = ?")
        args.append(filters.country)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def _sql(where: str, latest_days: str) -> str:
    """The points with a place on the map, most events first (at most ``?``), with the
    number of events and of points before the limit; each joined to its latest row in the
    days, found by a seek in the points index, so at most one row is read a point (a
    ``max()`` of the day in the count would cost a comparison a row)."""
    return (
        f"WITH g AS (SELECT {_POINT}, count(*) AS n,"
        " sum(count(*)) OVER () AS events, count(*) OVER () AS points"
        f" FROM acled_events a{where} GROUP BY {_POINT}"
        " HAVING a.latitude IS NOT NULL AND a.longitude IS NOT NULL"
        " ORDER BY n DESC, a.location, a.sub_event_type LIMIT ?)"
        f" SELECT g.*, {_LATEST} FROM g JOIN acled_events a ON a.rowid = ("
        f" SELECT b.rowid FROM acled_events b WHERE {_SAME_POINT}{latest_days}"
        " ORDER BY b.event_date DESC, b.rowid DESC LIMIT 1)"
        " ORDER BY g.n DESC, g.location, g.sub_event_type"
    )


def _item(row: sqlite3.Row) -> dict[str, Any]:
    """A point as the API gives it: where, what, how many, and its latest event."""
    found = row_dict(row)
    return {
        "country_code": found["country_code"], "country": found["country"],
        "admin1": found["admin1"], "location": found["location"],
        "lat": found["latitude"], "lon": found["longitude"],
        "event_type": found["event_type"], "sub_event_type": found["sub_event_type"],
        "n": found["n"], "last": found["event_date"],
        "latest": {name: found[name]
                   for name in ("event_id_cnty", "event_date", "fatalities", "notes", "source")},
    }  # fmt: skip


def points(conn: sqlite3.Connection, filters: Filters, limit: int = MAX_POINTS) -> dict:
    """ACLED's events on the map, one point per location and sub-event type, with the
    count, the last day and the latest event (id, day, fatalities, notes, source); at most
    ``limit`` points, most events first; ``total`` the events of all points, ``points``
    their number. With no days given, the week up to ACLED's last day. Nothing imported:
    no points."""
    filters = Filters(since=filters.since, until=filters.until, country=filters.country)
    rows: list[sqlite3.Row] = []
    if imported(conn):
        filters = last_week(conn, filters, "SELECT max(event_date) FROM acled_events")
        where, args = _where(filters, _wide(conn, filters))
        days, day_args = _days(filters, "b", indexed=True)
        latest_days = "".join(f" AND {clause}" for clause in days)
        sql = _sql(where, latest_days)
        rows = conn.execute(sql, [*args, limit, *day_args]).fetchall()
    return {
        "since": filters.since,
        "until": filters.until,
        "total": rows[0]["events"] if rows else 0,
        "points": rows[0]["points"] if rows else 0,
        "items": [_item(row) for row in rows],
    }

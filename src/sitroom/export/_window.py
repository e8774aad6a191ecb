"""Which rows an export or a comparison takes: days and country, as SQL conditions."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

BATCH = 10_000


@dataclass(frozen=True)
class Window:
    """Days ``since``..``until`` (inclusive, YYYY-MM-DD) and an ISO 3166 alpha-2 country.

    A bound excludes rows without a day; no bound keeps them.
    """

    since: str | None = None
    until: str | None = None
    country: str | None = None

    def __post_init__(self) -> None:
        for day in (self.since, self.until):
            if day is not None:
                dt.date.fromisoformat(day)  # ValueError names the bad day

    def item_sql(self, alias: str) -> tuple[str, list[Any]]:
        """Conditions on an events or control row (its day and its place's country)."""
        return self._sql(f"{alias}.date", f"{alias}.country = ?")

    def report_sql(self, alias: str) -> tuple[str, list[Any]]:
        """Conditions on a report: its publication day, and an event or control statement
        placed in the country."""
        country = (
            f"(EXISTS (SELECT 1 FROM events x WHERE x.doc_id = {alias}.doc_id AND x.country = ?)"
            f" OR EXISTS (SELECT 1 FROM control y WHERE y.doc_id = {alias}.doc_id"
            " AND y.country = ?))"
        )
        return self._sql(f"{alias}.date", country, repeat=2)

    def _sql(self, day: str, country: str, repeat: int = 1) -> tuple[str, list[Any]]:
        conditions: list[str] = []
        values: list[Any] = []
        if self.since:
            conditions.append(f"{day} >= ?")
            values.append(self.since)
        if self.until:
            conditions.append(f"{day} <= ?")
            values.append(self.until)
        if self.country:
            conditions.append(country)
            values += [self.country.upper()] * repeat
        return (" AND ".join(conditions) or "1"), values


class Query(NamedTuple):
    """A SELECT, its parameters, and the order to stream its rows in (not needed to count
    them: sorting a million rows only to count them took 6 of an export's 30 seconds)."""

    sql: str
    values: list[Any]
    order: str = ""

    @property
    def ordered(self) -> str:
        return f"{self.sql} ORDER BY {self.order}" if self.order else self.sql


def count(conn: sqlite3.Connection, query: Query) -> int:
    return int(conn.execute(f"SELECT count(*) FROM ({query.sql})", query.values).fetchone()[0])


def stream(conn: sqlite3.Connection, query: Query) -> Iterator[list[sqlite3.Row]]:
    """The query's rows in order, in batches, never all at once."""
    cursor = conn.execute(query.ordered, query.values)
    while batch := cursor.fetchmany(BATCH):
        yield batch


def events_sql(window: Window, *, where: str = "1") -> Query:
    """Stored events with their report's source, url, title and publication day."""
    condition, values = window.item_sql("e")
    sql = (
        "SELECT e.*, r.source AS report_source, r.url AS report_url, r.title AS report_title,"
        " r.date AS report_date, r.ingested_at AS ingested_at"
        " FROM events e JOIN reports r ON r.doc_id = e.doc_id"
        f" WHERE {condition} AND {where}"
    )
    return Query(sql, values, "e.date, e.doc_id, e.idx")

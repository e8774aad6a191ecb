"""JSON Lines: the stored situation record of each report, one a line.

The same shape as ``sitroom extract`` writes (``shared/docs/GOLD_FORMAT.md``): the report's
``doc_id``, ``date`` and text with every extracted item and its evidence. ``--since`` and
``--until`` bound the report's publication day; ``--country`` keeps reports with an event
or control statement placed in that country.
"""

from __future__ import annotations

import sqlite3
from typing import IO

from sitroom.export._output import Tick
from sitroom.export._window import Query, Window, count, stream


def total(conn: sqlite3.Connection, window: Window) -> int:
    return count(conn, _query(window))


def write(conn: sqlite3.Connection, window: Window, out: IO[str], tick: Tick) -> int:
    written = 0
    for batch in stream(conn, _query(window)):
        out.writelines(row["record"] + "\n" for row in batch)
        written += len(batch)
        tick(len(batch))
    return written


def _query(window: Window) -> Query:
    condition, values = window.report_sql("r")
    return Query(f"SELECT r.record FROM reports r WHERE {condition}", values, "r.date, r.doc_id")

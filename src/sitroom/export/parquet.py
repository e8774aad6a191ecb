"""Parquet: one file per table (reports, events, control, claims) in an output folder.

The schemas below are the documentation: column names are the store's (``sitroom.store``),
days are ``date32``, counts and offsets ``int32``, coordinates ``float64`` (WGS 84).
Evidence columns on every item: ``sentence`` (index in the report), ``start``/``end``
(character offsets, end exclusive), ``evidence`` (the sentence), ``extractor`` (versioned
name) and ``confidence``. ``reports`` holds the text and metadata of each report; items
join it on ``doc_id``.

Rows are written in record batches of ``BATCH`` rows with a ``ParquetWriter``, so exports
of any size run in bounded memory. Each file is written beside its name and renamed into
place when complete.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from sitroom.export._output import Tick, atomic_path
from sitroom.export._window import Query, Window, count, stream

TABLES = ("reports", "events", "control", "claims")

_S, _I, _F, _D = "string", "int32", "float64", "date32"
_PLACE = [
    ("place_name", _S), ("lat", _F), ("lon", _F), ("country", _S), ("admin1", _S),
    ("precision", _S), ("geonameid", "int64"),
]  # fmt: skip
_EVIDENCE = [
    ("sentence", _I), ("start", _I), ("end", _I), ("evidence", _S), ("extractor", _S),
    ("confidence", _F),
]  # fmt: skip
SCHEMAS: dict[str, list[tuple[str, str]]] = {
    "reports": [
        ("doc_id", _S), ("date", _D), ("date_source", _S), ("source", _S), ("title", _S),
        ("url", _S), ("path", _S), ("text", _S), ("ingested_at", _S),
    ],
    "events": [
        ("doc_id", _S), ("idx", _I), ("plover", _S), ("mode", _S), ("acled", _S), ("date", _D),
        ("date_precision", _S), *_PLACE, ("actor1", _S), ("actor2", _S), ("fatalities", _I),
        ("captured", _I), ("wounded", _I), ("modality", _S), ("trigger", _S), *_EVIDENCE,
    ],
    "control": [
        ("doc_id", _S), ("idx", _I), *_PLACE, ("part", _S), ("holder", _S), ("status", _S),
        ("date", _D), ("claimed_by", _S), ("stance", _S), *_EVIDENCE,
    ],
    "claims": [
        ("doc_id", _S), ("idx", _I), ("speaker", _S), ("affiliation", _S), ("role", _S),
        ("channel", _S), ("content", _S), ("stance", _S), ("about", _S), *_EVIDENCE,
    ],
}  # fmt: skip


def arrow_schema(table: str) -> Any:
    import pyarrow as pa

    return pa.schema([pa.field(name, getattr(pa, kind)()) for name, kind in SCHEMAS[table]])


def total(conn: sqlite3.Connection, window: Window) -> int:
    return sum(count(conn, _query(table, window)) for table in TABLES)


def write(conn: sqlite3.Connection, window: Window, folder: Path, tick: Tick) -> dict[str, int]:
    """Write ``<folder>/<table>.parquet`` for each table; rows written per table."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        table: _write_table(conn, window, table, folder / f"{table}.parquet", tick)
        for table in TABLES
    }


def _write_table(
    conn: sqlite3.Connection, window: Window, table: str, path: Path, tick: Tick
) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    days = [name for name, kind in SCHEMAS[table] if kind == _D]
    written = 0
    with atomic_path(path) as partial, pq.ParquetWriter(partial, schema) as writer:
        for batch in stream(conn, _query(table, window)):
            columns = {name: [row[name] for row in batch] for name in schema.names}
            for name in days:
                columns[name] = [_day(value) for value in columns[name]]
            writer.write_batch(pa.RecordBatch.from_pydict(columns, schema=schema))
            written += len(batch)
            tick(len(batch))
    return written


def _query(table: str, window: Window) -> Query:
    columns = ", ".join(f't."{name}"' for name, _ in SCHEMAS[table])
    if table in ("events", "control"):
        condition, values = window.item_sql("t")
        sql = f"SELECT {columns} FROM {table} t WHERE {condition}"
        return Query(sql, values, "t.date, t.doc_id, t.idx")
    condition, values = window.report_sql("r")
    if table == "reports":
        sql = f"SELECT {columns} FROM reports r JOIN reports t ON t.doc_id = r.doc_id"
        return Query(f"{sql} WHERE {condition}", values, "t.date, t.doc_id")
    sql = f"SELECT {columns} FROM {table} t JOIN reports r ON r.doc_id = t.doc_id"
    return Query(f"{sql} WHERE {condition}", values, "t.doc_id, t.idx")


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None

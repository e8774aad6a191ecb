"""GeoJSON (RFC 7946) FeatureCollections: events, or the control picture on a day.

Each feature is a Point at ``[longitude, latitude]`` (WGS 84, RFC 7946 order) with the
item's fields as properties; items without coordinates are left out, since a map cannot
place them. Features are written one at a time, so exports of any size run in bounded
memory.

- ``events``: every stored event in the window, any modality (``modality`` says which).
- ``control``: for each place and part, the latest control statement up to ``until``
  (statements without a day take their report's day): who held it, as the last report
  said. This is the raw last word; the situation picture (``sitroom.situation``) weighs
  claims against confirmations.
"""

from __future__ import annotations

import json
import sqlite3
from typing import IO, Any

from sitroom.export._output import Tick
from sitroom.export._window import Query, Window, count, events_sql, stream

LAYERS = ("events", "control")
_EVENT_PROPERTIES = (
    "doc_id", "idx", "date", "plover", "mode", "acled", "actor1", "actor2", "fatalities",
    "captured", "wounded", "place_name", "country", "admin1", "precision", "geonameid",
    "modality", "confidence", "sentence", "start", "end", "evidence", "extractor",
)  # fmt: skip
_CONTROL_PROPERTIES = (
    "doc_id", "idx", "day", "place_name", "part", "holder", "status", "claimed_by", "stance",
    "country", "admin1", "precision", "geonameid", "confidence", "sentence", "start", "end",
    "evidence", "extractor",
)  # fmt: skip
_HAS_POINT = "{a}.lat IS NOT NULL AND {a}.lon IS NOT NULL"


def total(conn: sqlite3.Connection, window: Window, layer: str = "events") -> int:
    return count(conn, _query(window, layer))


def write(
    conn: sqlite3.Connection, window: Window, out: IO[str], tick: Tick, layer: str = "events"
) -> int:
    properties = _EVENT_PROPERTIES if layer == "events" else _CONTROL_PROPERTIES
    written = 0
    out.write('{"type": "FeatureCollection", "name": ' + json.dumps(f"sitroom {layer}"))
    out.write(', "features": [')
    for batch in stream(conn, _query(window, layer)):
        for row in batch:
            out.write(",\n" if written else "\n")
            out.write(json.dumps(feature(row, properties), ensure_ascii=False))
            written += 1
        tick(len(batch))
    out.write("\n]}\n")
    return written


def feature(row: sqlite3.Row, properties: tuple[str, ...]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": f"{row['doc_id']}#{row['idx']}",
        "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
        "properties": {name: row[name] for name in properties},
    }


def _query(window: Window, layer: str) -> Query:
    if layer == "events":
        return events_sql(window, where=_HAS_POINT.format(a="e"))
    if layer != "control":
        raise ValueError(f"unknown GeoJSON layer {layer!r}; one of {', '.join(LAYERS)}")
    # Bounds apply to the statement's day, or its report's day when it names none.
    condition, values = Window(window.since, window.until, window.country).item_sql("c")
    condition = condition.replace("c.date", "coalesce(c.date, r.date)")
    sql = (
        "SELECT * FROM (SELECT c.*, coalesce(c.date, r.date) AS day, row_number() OVER ("
        " PARTITION BY c.place_name, c.country, lower(coalesce(c.part, ''))"
        " ORDER BY coalesce(c.date, r.date) DESC, r.date DESC, c.doc_id DESC, c.idx DESC"
        " ) AS latest FROM control c JOIN reports r ON r.doc_id = c.doc_id"
        f" WHERE {condition} AND {_HAS_POINT.format(a='c')})"
        " WHERE latest = 1"
    )
    return Query(sql, values, "place_name, part")

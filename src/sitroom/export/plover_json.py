"""PLOVER JSON: a JSON array of events with the fields of the PLOVER manual.

Each object: ``id`` (``<doc_id>#<index>``), ``date``, ``actor``, ``recipient``, ``event``
(PLOVER type), ``mode``, ``context`` (a list; sitroom does not code contexts yet, so it is
empty), ``event_loc`` (``name``, ``geonameid``, ``lat``, ``lon``, ``country``, ``admin1``,
``resolution`` = sitroom's place precision), ``event_text`` (the evidence sentence) and
``cite_info`` (report id, source, url, title, publication day, sentence index, character
span, extractor). sitroom adds ``acled_sub_event_type``, ``fatalities``, ``captured``,
``wounded``, ``modality`` and ``confidence``. Every stored event is written, whatever
its modality (``modality`` says whether it was asserted). A territorial change stored
without a PLOVER type (stores made before sitroom coded them) gets the type the
CAMEO-PLOVER table gives "Occupy territory" (CAMEO 192): COERCE, mode confiscate; any
other event without one is written with ``event`` null.

The array is written one object at a time, so exports of any size run in bounded memory.
"""

from __future__ import annotations

import json
import sqlite3
from typing import IO, Any

from sitroom.export._output import Tick
from sitroom.export._window import Window, count, events_sql, stream

TERRITORY = frozenset({"Non-state actor overtakes territory", "Government regains territory"})


def total(conn: sqlite3.Connection, window: Window) -> int:
    return count(conn, events_sql(window))


def write(conn: sqlite3.Connection, window: Window, out: IO[str], tick: Tick) -> int:
    written = 0
    out.write("[")
    for batch in stream(conn, events_sql(window)):
        for row in batch:
            out.write(",\n" if written else "\n")
            out.write(json.dumps(plover_event(row), ensure_ascii=False))
            written += 1
        tick(len(batch))
    out.write("\n]\n")
    return written


def plover_event(row: sqlite3.Row) -> dict[str, Any]:
    event, mode = row["plover"], row["mode"]
    if event is None and row["acled"] in TERRITORY:
        event, mode = "COERCE", "confiscate"
    return {
        "id": f"{row['doc_id']}#{row['idx']}",
        "date": row["date"],
        "actor": row["actor1"],
        "recipient": row["actor2"],
        "event": event,
        "mode": mode,
        "context": [],
        "event_loc": _location(row),
        "event_text": row["evidence"],
        "cite_info": {
            "doc_id": row["doc_id"],
            "source": row["report_source"],
            "url": row["report_url"],
            "title": row["report_title"],
            "publication_date": row["report_date"],
            "sentence": row["sentence"],
            "start": row["start"],
            "end": row["end"],
            "extractor": row["extractor"],
        },
        "acled_sub_event_type": row["acled"],
        "fatalities": row["fatalities"],
        "captured": row["captured"],
        "wounded": row["wounded"],
        "modality": row["modality"],
        "confidence": row["confidence"],
    }


def _location(row: sqlite3.Row) -> dict[str, Any] | None:
    if row["place_name"] is None:
        return None
    return {
        "name": row["place_name"],
        "geonameid": row["geonameid"],
        "lat": row["lat"],
        "lon": row["lon"],
        "country": row["country"],
        "admin1": row["admin1"],
        "resolution": row["precision"],
    }

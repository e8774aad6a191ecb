"""ACLED CSV: one row per stored event that has an ACLED sub-event type, ACLED's columns.

Conventions (ACLED Codebook), and where sitroom departs from them:
- ``event_id_cnty`` is ``<doc_id>#<index>``: the report and the event inside it, so each
  row leads back to its sentence. ``data_id`` and ``event_id_no_cnty`` stay empty.
- ``event_date`` is ``YYYY-MM-DD`` (ACLED's API form; the older exports spell the month).
- ``event_type`` follows from ``sub_event_type`` (``data/acled.yaml``); ``inter1``/``inter2``
  from the actor's kind in the actor dictionary, ``interaction`` from the two codes.
- ``notes`` is the evidence sentence, ``source`` the report's source, ``timestamp`` the
  moment the report was stored (Unix seconds), ``fatalities`` 0 when the text gives none.
- Only asserted events are written: ACLED codes what happened, not what was denied,
  planned or named in passing.

Two layouts. By default one row per stored event (merged within its report), streamed in
bounded memory. With ``merged`` one row per incident across reports
(``sitroom.situation.merge_events``: same type, 25 km, day +/-1, actors that agree): the
first mention's id, day and place, the first actor names given, ``notes`` the distinct
evidence sentences, ``source`` the distinct sources of the reports ("; "), ``fatalities``
the lowest figure given (ACLED's rule when sources differ). Merging holds the store's
asserted events in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import sqlite3
from collections.abc import Mapping
from typing import IO, Any

from sitroom.export._acled_codes import AcledCodes, acled_codes
from sitroom.export._output import Tick
from sitroom.export._window import Window, count, events_sql, stream

COLUMNS = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
    "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "timestamp", "iso3",
)  # fmt: skip
SELECTED = "e.acled IS NOT NULL AND e.modality = 'asserted'"
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3}


def total(conn: sqlite3.Connection, window: Window) -> int:
    return count(conn, events_sql(window, where=SELECTED))


def write(conn: sqlite3.Connection, window: Window, out: IO[str], tick: Tick) -> int:
    codes = acled_codes()
    kinds = _actor_kinds()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    written = 0
    for batch in stream(conn, events_sql(window, where=SELECTED)):
        writer.writerows(acled_row(row, codes, kinds) for row in batch)
        written += len(batch)
        tick(len(batch))
    return written


def write_merged(conn: sqlite3.Connection, window: Window, out: IO[str], tick: Tick) -> int:
    """One row per incident across reports whose first mention lies in ``window``."""
    from sitroom.situation import merge_events

    codes = acled_codes()
    kinds = _actor_kinds()
    reports = {
        r["doc_id"]: r for r in conn.execute("SELECT doc_id, source, ingested_at FROM reports")
    }
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    written = 0
    for incident in merge_events(conn):
        first = incident.members[0]
        if first["acled"] and _inside(first, window):
            writer.writerow(acled_row(_merged(incident.members, reports), codes, kinds))
            written += 1
        tick(len(incident.members))
    return written


def _merged(members: list[sqlite3.Row], reports: dict[str, sqlite3.Row]) -> dict[str, Any]:
    first = dict(members[0])
    sources = [reports[m["doc_id"]]["source"] for m in members if reports[m["doc_id"]]["source"]]
    counts = [m["fatalities"] for m in members if m["fatalities"] is not None]
    return {
        **first,
        "actor1": next((m["actor1"] for m in members if m["actor1"]), None),
        "actor2": next((m["actor2"] for m in members if m["actor2"]), None),
        "evidence": " ".join(dict.fromkeys(" ".join(m["evidence"].split()) for m in members)),
        "report_source": "; ".join(dict.fromkeys(sources)),
        "fatalities": min(counts) if counts else None,
        "ingested_at": max(reports[m["doc_id"]]["ingested_at"] for m in members),
    }


def _inside(event: sqlite3.Row, window: Window) -> bool:
    day = event["date"]
    if (window.since or window.until) and not day:
        return False
    if (window.since and day < window.since) or (window.until and day > window.until):
        return False
    return not window.country or event["country"] == window.country.upper()


def acled_row(row: Mapping[str, Any], codes: AcledCodes, kinds: Any) -> dict[str, Any]:
    inter1 = codes.inter(kinds(row["actor1"], row["country"]), row["actor1"])
    inter2 = codes.inter(kinds(row["actor2"], row["country"]), row["actor2"])
    country = _country(row["country"])
    day = row["date"]
    return {
        "data_id": "",
        "iso": country.numeric if country else "",
        "event_id_cnty": f"{row['doc_id']}#{row['idx']}",
        "event_id_no_cnty": "",
        "event_date": day or "",
        "year": day[:4] if day else "",
        "time_precision": _TIME_PRECISION.get(row["date_precision"] or "day", 3),
        "event_type": codes.event_type(row["acled"]) or "",
        "sub_event_type": row["acled"],
        "actor1": row["actor1"] or "",
        "assoc_actor_1": "",
        "inter1": inter1 if inter1 is not None else "",
        "actor2": row["actor2"] or "",
        "assoc_actor_2": "",
        "inter2": inter2 if inter2 is not None else "",
        "interaction": _interaction(inter1, inter2),
        "region": "",
        "country": country.name if country else "",
        "admin1": row["admin1"] or "",
        "admin2": "",
        "admin3": "",
        "location": row["place_name"] or "",
        "latitude": "" if row["lat"] is None else row["lat"],
        "longitude": "" if row["lon"] is None else row["lon"],
        "geo_precision": codes.geo_precision.get(row["precision"] or "", ""),
        "source": row["report_source"] or "",
        "source_scale": "",
        "notes": " ".join(row["evidence"].split()),
        "fatalities": row["fatalities"] or 0,
        "timestamp": _unix(row["ingested_at"]),
        "iso3": country.alpha_3 if country else "",
    }


def _interaction(inter1: int | None, inter2: int | None) -> int | str:
    """ACLED's two-digit interaction code: the lower code first; a lone actor's code x 10."""
    if inter1 is None:
        return ""
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _unix(stamp: str | None) -> int | str:
    return int(dt.datetime.fromisoformat(stamp).timestamp()) if stamp else ""


@functools.cache
def _country(code: str | None) -> Any:
    import pycountry

    return pycountry.countries.get(alpha_2=code) if code else None


def _actor_kinds() -> Any:
    """(name, country) -> sitroom actor kind (None for names the dictionary does not hold)."""
    from sitroom.actors import ActorDictionary

    book = ActorDictionary.load()

    @functools.lru_cache(maxsize=65_536)
    def kind(name: str | None, country: str | None) -> str | None:
        if not name:
            return None
        actor = book.get(name) or book.get(book.canonical(name)) or book.match(name)
        if actor is None and country:  # generated names: "Protesters (Sudan)"
            actor = book.match(name, country=country)
        return actor.kind if actor else None

    return kind

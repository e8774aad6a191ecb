"""``sitroom import-acled``: an ACLED export as a reference layer, apart from extracted data.

Rows go to the ``acled_events`` table (migration ``0003_acled_reference``), keyed by
``event_id_cnty``: importing a file again, or a newer export, replaces rows with the same
id. A file is imported in one transaction, whole or not at all. ``event_date`` may be
``YYYY-MM-DD`` (API) or ``25 October 2021`` (older CSV exports).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitroom.errors import ExportError
from sitroom.store import Store

REQUIRED = ("event_id_cnty", "event_date", "sub_event_type", "latitude", "longitude")
_TEXT = (
    "event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1",
    "admin2", "admin3", "location", "source", "notes",
)  # fmt: skip
_INTS = ("inter1", "inter2", "interaction", "geo_precision", "fatalities", "timestamp")
_COLUMNS = (
    "event_id_cnty", "event_date", "sub_event_type", "latitude", "longitude", *_TEXT, *_INTS,
    "country_code", "imported_from", "imported_at",
)  # fmt: skip
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y")


@dataclass(frozen=True)
class ImportResult:
    path: str
    rows: int


def import_acled(db: str | Path, path: str | Path) -> ImportResult:
    """Load the ACLED CSV at ``path`` into the reference layer of the store at ``db``."""
    path = Path(path)
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    insert = (
        f"INSERT OR REPLACE INTO acled_events ({', '.join(_COLUMNS)})"
        f" VALUES ({', '.join('?' * len(_COLUMNS))})"
    )
    rows = 0
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ExportError(f"{path}: cannot read ACLED file: {exc.strerror or exc}") from exc
    with handle, Store.open(db) as store, store.conn as conn:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise ExportError(
                f"{path}:1: not an ACLED export: no column {', '.join(missing)}"
                " (the header must name ACLED's columns)"
            )
        batch: list[tuple[Any, ...]] = []
        for row in reader:
            values = _values(row, f"{path}:{reader.line_num}")
            batch.append(tuple(values[c] for c in _COLUMNS[:-2]) + (str(path), stamp))
            if len(batch) >= 5000:
                conn.executemany(insert, batch)
                rows += len(batch)
                batch.clear()
        conn.executemany(insert, batch)
        rows += len(batch)
    return ImportResult(str(path), rows)


def _values(row: dict[str, str | None], where: str) -> dict[str, Any]:
    def text(name: str) -> str | None:
        value = (row.get(name) or "").strip()
        return value or None

    values: dict[str, Any] = {name: text(name) for name in _TEXT}
    values["event_id_cnty"] = text("event_id_cnty")
    values["sub_event_type"] = text("sub_event_type")
    for name in ("event_id_cnty", "sub_event_type"):
        if values[name] is None:
            raise ExportError(f"{where}: empty {name}")
    values["event_date"] = _date(text("event_date"), where)
    for name in ("latitude", "longitude"):
        values[name] = _number(text(name), name, where, float)
    for name in _INTS:
        values[name] = _number(text(name), name, where, int)
    values["country_code"] = _country_code(text("iso"), values["country"])
    return values


def _date(value: str | None, where: str) -> str:
    for form in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value or "", form).date().isoformat()
        except ValueError:
            continue
    raise ExportError(f"{where}: event_date {value!r} is not a day (YYYY-MM-DD or 25 October 2021)")


def _number(value: str | None, name: str, where: str, kind: type) -> Any:
    if value is None:
        return None
    try:
        return kind(float(value)) if kind is int else kind(value)
    except ValueError:
        raise ExportError(f"{where}: {name} {value!r} is not a number") from None


@functools.cache
def _country_code(iso: str | None, name: str | None) -> str | None:
    """ISO 3166 alpha-2 from ACLED's numeric ``iso`` column, else from the country's name."""
    import pycountry

    country = None
    if iso and iso.isdigit():
        country = pycountry.countries.get(numeric=f"{int(iso):03d}")
    if country is None and name:
        try:
            country = pycountry.countries.lookup(name)
        except LookupError:
            country = None
    return country.alpha_2 if country else None

"""Web benchmark: every page and API route timed over a store of N synthetic events.

    .venv/bin/python bench/web.py [--events 200000] [--places 2000] [--acled 200000] [--keep DIR]

The store holds ``events / 10`` reports, each with ten events, one control statement and
one claim, spread over ``--places`` places and 1000 days, and ``--acled`` rows of an
ACLED-like export (written as a CSV and loaded by ``import_acled``) over the same places
and days. Each route is asked once to warm
up (the first ask of the picture computes it; that time is printed apart), then five
times; the figure is the median wall time in process (Starlette's TestClient, no network)
and the size of the answer. The issue's target: < 300 ms a route, map payload < 2 MB.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from starlette.testclient import TestClient

from sitroom.export import import_acled
from sitroom.situation import Sides, rebuild
from sitroom.store import Store
from sitroom.web import create_app

TYPES = [
    ("FIGHT", "Armed clash", "Taliban", "Military Forces of Afghanistan"),
    ("ASSAULT", "Attack", "Unidentified Armed Group", "Civilians"),
    ("PROTEST", "Peaceful protest", "Protesters", None),
    ("COERCE", "Arrests", "Police Forces", "Protesters"),
]
HOLDERS = ["Taliban", "Government of Afghanistan"]
STATUSES = ["captured", "retained", "regained", "entered"]
ACLED_TYPES = [
    ("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"),
    ("Riots", "Mob violence"), ("Strategic developments", "Looting/property destruction"),
]  # fmt: skip
ACLED_HEADER = (
    "event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
    "country", "iso", "admin1", "location", "latitude", "longitude", "source", "notes",
    "fatalities",
)  # fmt: skip


def build(path: Path, events: int, places: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    spots = [(f"Place {i}", 29 + rng.uniform(0, 9), 61 + rng.uniform(0, 10)) for i in range(places)]
    with Store.open(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    start = dt.date(2021, 1, 1)
    with conn:
        for r in range(events // 10):
            doc, day = f"bench-{r:07d}", (start + dt.timedelta(days=r % 1000)).isoformat()
            text = f"On {day} fighting was reported. " * 10
            conn.execute(
                "INSERT INTO reports VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (doc, day, "header", "bench", None, None, None, text, doc, "{}", "2026-01-01"),
            )
            rows = []
            for i in range(10):
                plover, acled, a1, a2 = rng.choice(TYPES)
                name, lat, lon = rng.choice(spots)
                rows.append(
                    (doc, i, plover, None, acled, day, "day", name, lat, lon, "AF", None,
                     "town", None, a1, a2, rng.randint(0, 5), None, None, "asserted",
                     "fighting", i, i * 30, i * 30 + 30, text[:30], "bench.v1", 0.5)
                )  # fmt: skip
            conn.executemany(f"INSERT INTO events VALUES ({','.join('?' * 27)})", rows)
            name, lat, lon = rng.choice(spots)
            conn.execute(
                f"INSERT INTO control VALUES ({','.join('?' * 21)})",
                (doc, 0, name, lat, lon, "AF", None, "town", None, None, rng.choice(HOLDERS),
                 rng.choice(STATUSES), day, None, "assert", 0, 0, 30, text[:30], "bench.v1",
                 0.5),
            )  # fmt: skip
            conn.execute(
                f"INSERT INTO claims VALUES ({','.join('?' * 15)})",
                (doc, 0, "A spokesman", "Taliban", "spokesman", "said", "We hold it.", "assert",
                 "control", 1, 30, 60, text[:30], "bench.v1", 0.5),
            )  # fmt: skip
    conn.close()
    with Store.open(path) as store:
        rebuild(store.conn, Sides())


def build_acled(path: Path, rows: int, places: int, seed: int = 11) -> None:
    """An ACLED-like export of ``rows`` events over the bench's places and days, notes
    about as long as ACLED's, imported as ``sitroom import-acled`` does."""
    rng = random.Random(seed)
    spots = [(f"Place {i}", 29 + rng.uniform(0, 9), 61 + rng.uniform(0, 10)) for i in range(places)]
    start = dt.date(2021, 1, 1)
    export = path.with_name("acled-bench.csv")
    with export.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ACLED_HEADER)
        for i in range(rows):
            event_type, sub = rng.choice(ACLED_TYPES)
            name, lat, lon = rng.choice(spots)
            day = (start + dt.timedelta(days=rng.randrange(1000))).isoformat()
            notes = f"On {day}, {sub.lower()} in {name} between two armed groups. " * 4
            writer.writerow(
                (f"AFG{i:07d}", day, event_type, sub, "Taliban", "Civilians", "Afghanistan",
                 4, "Kandahar", name, f"{lat:.4f}", f"{lon:.4f}", "Pajhwok", notes.strip(),
                 rng.randint(0, 3))
            )  # fmt: skip
    import_acled(path, export)
    export.unlink()


ROUTES = [
    "/",
    "/timeline",
    "/timeline?type=FIGHT&actor=taliban&since=2022-01-01&until=2022-03-01",
    "/timeline?as_of=2021-06-01",
    "/place/n:AF:place 7",
    "/contested",
    "/report/bench-0001234",
    "/search?q=place 12",
    "/api/summary",
    "/api/picture",
    "/api/picture?day=2021-06-01",
    "/api/events?limit=500",
    "/api/events?type=FIGHT&actor=taliban&offset=1000",
    "/api/events/points",
    "/api/events/points?since=2022-01-01&until=2022-01-07",
    "/api/reference/points",
    "/api/reference/points?since=2022-01-01&until=2022-01-07&country=AF",
    "/api/reference/points?since=2021-01-01&until=2023-12-31",
    "/api/control?place=Place 7",
    "/api/claims?limit=100",
    "/api/reports?q=2021-05-01",
    "/api/reports/bench-0001234",
    "/api/places/n:AF:place 7",
    "/api/contested",
    "/api/search?q=place 12",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--places", type=int, default=2_000)
    parser.add_argument("--acled", type=int, default=200_000)
    parser.add_argument("--keep", type=Path, help="Build the store here and keep it.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        db = folder / "web-bench.sqlite"
        if not db.exists():
            began = time.perf_counter()
            build(db, args.events, args.places)
            build_acled(db, args.acled, args.places)
            took = time.perf_counter() - began
            print(f"built {args.events} events, {args.acled} ACLED rows in {took:.0f} s",
                  file=sys.stderr)  # fmt: skip
        client = TestClient(create_app(str(db)))
        began = time.perf_counter()
        client.get("/api/summary")
        print(f"first picture load: {(time.perf_counter() - began) * 1000:.0f} ms")
        print(f"{'route':<72} {'median ms':>9} {'KiB':>8}")
        for route in ROUTES:
            answer = client.get(route)
            assert answer.status_code == 200, (route, answer.status_code, answer.text[:200])
            times = []
            for _ in range(5):
                began = time.perf_counter()
                client.get(route)
                times.append(time.perf_counter() - began)
            ms = statistics.median(times) * 1000
            flag = "  SLOW" if ms > 300 else ""
            print(f"{route:<72} {ms:>9.0f} {len(answer.content) / 1024:>8.0f}{flag}")


if __name__ == "__main__":
    main()

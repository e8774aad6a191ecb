"""Export benchmark: N synthetic events in a temporary SQLite store, every format timed.

    .venv/bin/python bench/export.py [--events 1000000] [--per-report 10] [--keep DIR]

Each export runs as its own ``sitroom export`` process; the figures are its wall time
and peak resident memory (``ru_maxrss`` of that process), plus the output's size. The
store holds ``events / per-report`` reports, each with ``per-report`` events, one control
statement and one claim, and its situation record as JSON (what ``jsonl`` writes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitroom.store import Store

SITROOM = str(Path(sys.executable).with_name("sitroom"))
TYPES = [
    ("ASSAULT", "Armed clash", "Military Forces of Sudan (2019-)", "Rapid Support Forces"),
    ("PROTEST", "Peaceful protest", "Protesters (Sudan)", None),
    ("ASSAULT", "Attack", "Unidentified Armed Group (Sudan)", "Civilians (Sudan)"),
    ("COERCE", "Arrests", "Police Forces of Sudan (2019-)", "Protesters (Sudan)"),
]
PLACES = [
    ("Khartoum", 15.55177, 32.53241, "Khartoum"),
    ("El Obeid", 13.18421, 30.21669, "North Kordofan"),
    ("Nyala", 12.04888, 24.88069, "South Darfur"),
    ("Kassala", 15.45099, 36.39998, "Kassala"),
]
SENTENCE = (
    "On {day}, {actor} clashed with others in {place} ({admin1} state), according to local "
    "sources; {n} people were reported killed."
)


def build(path: Path, events: int, per_report: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = dt.date(2021, 1, 1)
    with Store.open(path):  # creates the schema
        pass
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA journal_mode=WAL")
    reports = events // per_report
    with conn:
        for first in range(0, reports, 10_000):
            rows: dict[str, list[tuple]] = {
                "reports": [],
                "events": [],
                "control": [],
                "claims": [],
            }
            for r in range(first, min(first + 10_000, reports)):
                _report(rng, start, r, per_report, rows)
            conn.executemany(f"INSERT INTO reports VALUES ({','.join('?' * 11)})", rows["reports"])
            conn.executemany(f"INSERT INTO events VALUES ({','.join('?' * 27)})", rows["events"])
            conn.executemany(f"INSERT INTO control VALUES ({','.join('?' * 21)})", rows["control"])
            conn.executemany(f"INSERT INTO claims VALUES ({','.join('?' * 15)})", rows["claims"])
            print(f"  {min(first + 10_000, reports)}/{reports} reports", file=sys.stderr)
    conn.close()


def _report(rng: random.Random, start: dt.date, r: int, per_report: int, rows: dict) -> None:
    doc = f"synthetic-{r:07d}"
    day = (start + dt.timedelta(days=r % 1000)).isoformat()
    items = []
    for i in range(per_report):
        plover, acled, actor1, actor2 = rng.choice(TYPES)
        name, lat, lon, admin1 = rng.choice(PLACES)
        n = rng.randint(0, 9)
        text = SENTENCE.format(day=day, actor=actor1, place=name, admin1=admin1, n=n)
        place = (name, lat + rng.uniform(-0.1, 0.1), lon + rng.uniform(-0.1, 0.1), "SD", admin1)
        rows["events"].append(
            (doc, i, plover, None, acled, day, "day", *place, "town", None, actor1, actor2, n,
             None, None, "asserted", "clashed", i, 0, len(text), text, "bench.v1", 0.5)
        )  # fmt: skip
        items.append(
            {"plover": plover, "acled": acled, "date": day, "actor1": actor1, "actor2": actor2,
             "place": {"name": name, "lat": place[1], "lon": place[2], "country": "SD"},
             "fatalities": n, "evidence": {"doc_id": doc, "sentence": i, "text": text}}
        )  # fmt: skip
    name, lat, lon, admin1 = rng.choice(PLACES)
    rows["control"].append(
        (doc, 0, name, lat, lon, "SD", admin1, "town", None, "airport", "Rapid Support Forces",
         "captured", day, None, "assert", 0, 0, 10, "They took the airport.", "bench.v1", 0.5)
    )  # fmt: skip
    rows["claims"].append(
        (doc, 0, "A spokesman", "Rapid Support Forces", "spokesman", "said", "We hold it.",
         "assert", "control", 0, 0, 10, "A spokesman said.", "bench.v1", 0.5)
    )  # fmt: skip
    record = json.dumps({"doc_id": doc, "date": day, "text": "…", "events": items})
    rows["reports"].append(
        (doc, day, "field", "bench", None, None, None, "…", doc, record, "2026-01-01T00:00:00")
    )


def measure(db: Path, fmt: str, out: Path, *extra: str) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB, and output bytes of one export process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [SITROOM, "--db", str(db), "export", "--format", fmt, "--out", str(out), *extra],
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    stderr = process.stderr.read().decode() if process.stderr else ""
    if status != 0:
        raise SystemExit(f"{fmt}: export failed: {stderr}")
    size = sum(p.stat().st_size for p in out.iterdir()) if out.is_dir() else out.stat().st_size
    return seconds, usage.ru_maxrss / 1024, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--per-report", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="Build the store and outputs here and keep them.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        db = folder / "bench.sqlite"
        if not db.exists():
            began = time.perf_counter()
            build(db, args.events, args.per_report)
            print(
                f"built {args.events} events in {time.perf_counter() - began:.0f} s",
                file=sys.stderr,
            )
        runs = [
            ("acled-csv", "events.csv", ()),
            ("plover-json", "events.json", ()),
            ("geojson", "events.geojson", ()),
            ("geojson", "control.geojson", ("--layer", "control")),
            ("parquet", "parquet", ()),
            ("jsonl", "records.jsonl", ()),
        ]
        print("| format | events | seconds | peak RSS MiB | output MB |")
        print("|---|---:|---:|---:|---:|")
        for fmt, name, extra in runs:
            seconds, rss, size = measure(db, fmt, folder / name, *extra)
            label = f"{fmt} {' '.join(extra)}".strip()
            print(f"| {label} | {args.events} | {seconds:.1f} | {rss:.0f} | {size / 1e6:.0f} |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()

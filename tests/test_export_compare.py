"""ACLED reference layer: ``import-acled`` and ``compare``, and their agreement with eval.

ACLED data is never committed: the ACLED-like CSV is built in tmp_path at run time from
``shared/eval/dev/acled_notes.jsonl`` (``acled_csv_from_notes``).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitroom.errors import ExportError
from sitroom.export import EVAL_RULE, ISSUE_RULE, Rule, compare, import_acled
from sitroom.export._acled_codes import acled_codes
from sitroom.export.compare import align
from sitroom.record import Event, Evidence, Place
from sitroom.store import Store

SITROOM = str(Path(sys.executable).with_name("sitroom"))
ACLED_NOTES = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "acled_notes.jsonl"
SUBSET_STEP = 8  # every 8th note: 58 of 462, all months and the common types
HEADER = (
    "event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "inter1",
    "actor2", "inter2", "country", "iso", "admin1", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities", "timestamp",
)  # fmt: skip
_GEO_PRECISION = {"town": 1, "district": 2, "admin1": 3}


def acled_csv_from_notes(notes: Path, out: Path, step: int = 1) -> list[dict]:
    """Turn the gold ACLED notes back into an ACLED-like CSV; returns the records used.

    ``doc_id`` ``acled-<event_id_cnty>`` gives the id back, the gold event the coded
    fields, ``text`` the notes and ``date`` (the upload day) the timestamp.
    """
    records = [json.loads(line) for line in notes.read_text(encoding="utf-8").splitlines()]
    records = records[::step]
    codes = acled_codes()
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        for record in records:
            event = record["gold"]["events"][0]
            place = event["place"] or {}
            day = dt.date.fromisoformat(event["date"])
            upload = dt.datetime.fromisoformat(record["date"]).replace(tzinfo=dt.UTC)
            writer.writerow(
                {
                    "event_id_cnty": record["doc_id"].removeprefix("acled-"),
                    "event_date": day.strftime("%d %B %Y"),  # the older exports' spelling
                    "year": day.year,
                    "event_type": codes.event_type(event["acled"]),
                    "sub_event_type": event["acled"],
                    "actor1": event.get("actor1") or "",
                    "actor2": event.get("actor2") or "",
                    "country": "Sudan",
                    "iso": 729,
                    "admin1": place.get("admin1") or "",
                    "location": place.get("name", ""),
                    "latitude": place.get("lat", ""),
                    "longitude": place.get("lon", ""),
                    "geo_precision": _GEO_PRECISION.get(place.get("precision"), ""),
                    "source": record["source"],
                    "notes": record["text"],
                    "fatalities": event.get("fatalities") or 0,
                    "timestamp": int(upload.timestamp()),
                }
            )
    return records


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SITROOM, *args], capture_output=True, text=True, env=env, timeout=900, check=False
    )


@pytest.fixture(scope="module")
def acled_case(tmp_path_factory):
    """The notes subset ingested as reports, its ACLED CSV imported, eval run on it."""
    import os

    if not ACLED_NOTES.exists():
        pytest.fail(f"{ACLED_NOTES} is missing: the acceptance test needs the dev set")
    folder = tmp_path_factory.mktemp("acled")
    csv_path = folder / "acled_export.csv"
    records = acled_csv_from_notes(ACLED_NOTES, csv_path, step=SUBSET_STEP)
    notes = folder / "notes.jsonl"
    notes.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    env = dict(os.environ, SITROOM_DB=str(folder / "acled.sqlite"))
    for args in (("ingest", str(notes)), ("import-acled", str(csv_path))):
        result = run(*args, env=env)
        assert result.returncode == 0, result.stderr
    evaluated = run("eval", str(notes), "--metric", "events", "--json", env=env)
    assert evaluated.returncode == 0, evaluated.stderr
    report = json.loads(evaluated.stdout[: evaluated.stdout.rindex("}") + 1])
    return {"env": env, "records": records, "eval": report["metrics"]["events"]["rows"]}


def test_compare_as_eval_reports_evals_recall_and_precision(acled_case):
    result = run("compare", "--as-eval", "--json", env=acled_case["env"])
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout[: result.stdout.rindex("}") + 1])
    rows = acled_case["eval"]
    print(f"\ncompare --as-eval: {result.stdout.splitlines()[-1]}")
    print(f"eval: recall {rows['recall']}, precision {rows['precision']}, {rows['matched']}")
    assert figures["acled_events"] == len(acled_case["records"]) == rows["matched"]["total"]
    assert figures["matched"] == rows["matched"]["n"]
    assert figures["sitroom_events"] == rows["predicted"]
    assert figures["agreement"] == pytest.approx(rows["recall"])
    assert figures["precision"] == pytest.approx(rows["precision"])
    assert 0 < figures["matched"] < figures["acled_events"]


def test_compare_prints_the_agreement_rate_by_type(acled_case):
    result = run("compare", env=acled_case["env"])
    assert result.returncode == 0, result.stderr
    print(f"\ncompare: {result.stdout.splitlines()[-1]}")
    headline = result.stdout.splitlines()[-1]
    assert headline.startswith("agreement ")
    assert f"of {len(acled_case['records'])} ACLED events matched" in headline
    assert "day +/-1" in headline
    assert "Peaceful protest" in result.stdout


def test_import_acled_again_replaces_rows_by_id(acled_case, tmp_path):
    again = tmp_path / "again.csv"
    acled_csv_from_notes(ACLED_NOTES, again, step=SUBSET_STEP)
    result = run("import-acled", str(again), env=acled_case["env"])
    assert result.returncode == 0, result.stderr
    with Store.open(acled_case["env"]["SITROOM_DB"], readonly=True) as store:
        (n,) = store.conn.execute("SELECT count(*) FROM acled_events").fetchone()
        (reports,) = store.conn.execute("SELECT count(*) FROM reports").fetchone()
        day = store.conn.execute(
            "SELECT event_date FROM acled_events ORDER BY event_date LIMIT 1"
        ).fetchone()[0]
    assert n == reports == len(acled_case["records"])
    assert day == "2021-10-25"  # "25 October 2021" read as a day


# -- alignment rules, on events built by hand ---------------------------------------------


def _event(kind: str, day: str, lat: float, lon: float, doc: str = "r1", actor1=None) -> Event:
    return Event(
        plover=None,
        mode=None,
        acled=kind,
        date=day,
        place=Place("X", lat, lon, "SD", None, "town"),
        actor1=actor1,
        actor2=None,
        evidence=Evidence(doc, 0, 0, 1, "x", "test"),
    )


def test_a_day_apart_matches_by_default_but_not_as_eval():
    acled = [("SUD1", _event("Attack", "2021-11-01", 15.60, 32.53))]
    ours = [("acled-SUD1#0", _event("attack", "2021-11-02", 15.65, 32.55, "acled-SUD1"))]
    assert align(acled, ours, ISSUE_RULE, str).totals().matched == 1
    assert align(acled, ours, EVAL_RULE, str).totals().matched == 0


def test_places_30_km_apart_or_other_types_do_not_match():
    acled = [("SUD1", _event("Attack", "2021-11-01", 15.60, 32.53))]
    far = [("r1#0", _event("Attack", "2021-11-01", 15.87, 32.53))]  # 30 km north
    other = [("r1#0", _event("Armed clash", "2021-11-01", 15.60, 32.53))]
    assert align(acled, far, ISSUE_RULE, str).totals().matched == 0
    result = align(acled, other, ISSUE_RULE, str)
    assert (result.by_type["Attack"].only_acled, result.by_type["Armed clash"].only_sitroom) == (
        1,
        1,
    )


def test_each_event_matches_once_the_nearest_day_first():
    acled = [
        ("SUD1", _event("Attack", "2021-11-02", 15.60, 32.53)),
        ("SUD2", _event("Attack", "2021-11-03", 15.60, 32.53)),
    ]
    ours = [
        ("r1#0", _event("Attack", "2021-11-03", 15.60, 32.53)),
        ("r2#0", _event("Attack", "2021-11-02", 15.60, 32.53)),
    ]
    result = align(acled, ours, ISSUE_RULE, str)
    assert result.pairs == [("SUD1", "r2#0"), ("SUD2", "r1#0")]


def test_same_report_and_actors_restrict_pairs():
    acled = [("SUD1", _event("Attack", "2021-11-01", 15.6, 32.5, actor1="Rapid Support Forces"))]
    other_report = [("acled-SUD2#0", _event("Attack", "2021-11-01", 15.6, 32.5, "acled-SUD2"))]
    assert align(acled, other_report, ISSUE_RULE, str).totals().matched == 1
    assert align(acled, other_report, Rule(same_report=True), str).totals().matched == 0
    assert align(acled, other_report, Rule(actors=True), str).totals().matched == 0


# -- import errors ------------------------------------------------------------------------


def test_import_acled_names_a_missing_column(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("event_id_cnty,event_date\nSUD1,2021-11-01\n", encoding="utf-8")
    with pytest.raises(ExportError, match=r"bad\.csv:1: not an ACLED export: no column"):
        import_acled(tmp_path / "db.sqlite", bad)


def test_import_acled_names_the_line_of_a_bad_day_and_keeps_nothing(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "event_id_cnty,event_date,sub_event_type,latitude,longitude\n"
        "SUD1,2021-11-01,Attack,15.6,32.5\n"
        "SUD2,1 Brumaire 2021,Attack,15.6,32.5\n",
        encoding="utf-8",
    )
    with pytest.raises(ExportError, match=r"bad\.csv:3: event_date '1 Brumaire 2021'"):
        import_acled(tmp_path / "db.sqlite", bad)
    with Store.open(tmp_path / "db.sqlite", readonly=True) as store:
        assert store.conn.execute("SELECT count(*) FROM acled_events").fetchone()[0] == 0


def test_compare_without_a_reference_layer_says_what_to_run(tmp_path):
    Store.open(tmp_path / "db.sqlite").close()
    with Store.open(tmp_path / "db.sqlite") as store:
        store.conn.execute("DROP TABLE acled_events")
    with pytest.raises(ExportError, match="run `sitroom import-acled FILE.csv`"):
        compare(tmp_path / "db.sqlite")

"""Exports read back with each format's usual reader and compared with the store."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitroom.errors import ExportError
from sitroom.export import Window, compare, export, import_acled
from sitroom.export._output import atomic_path, progress
from sitroom.export.acled_csv import COLUMNS
from sitroom.export.parquet import TABLES, arrow_schema
from sitroom.record import (
    Claim,
    Control,
    Event,
    Evidence,
    Place,
    Report,
    SituationRecord,
)
from sitroom.store import Store, fingerprint, row_dict

SITROOM = str(Path(sys.executable).with_name("sitroom"))
KUNDUZ = Place("Kunduz", 36.72896, 68.85704, "AF", "Kunduz", "town", 1135689)
FARAH = Place("Farah", 32.37451, 62.11638, "AF", "Farah", "town", 1142264)
KHARTOUM = Place("Khartoum", 15.55177, 32.53241, "SD", "Khartoum", "town", 379252)


def _evidence(doc: str, sentence: int, text: str) -> Evidence:
    return Evidence(doc, sentence, 10 * sentence, 10 * sentence + len(text), text, "test.v1")


def _event(doc, n, plover, acled, day, place, modality="asserted", **extra) -> Event:
    text = f'Sentence {n} of {doc}, with a comma and a "quote".'
    return Event(
        plover=plover,
        mode=extra.pop("mode", None),
        acled=acled,
        date=day,
        place=place,
        actor1=extra.pop("actor1", "Taliban"),
        actor2=extra.pop("actor2", "Military Forces of Afghanistan (2004-2021)"),
        evidence=_evidence(doc, n, text),
        modality=modality,
        **extra,
    )


def _records() -> list[SituationRecord]:
    a, b, c = "afp-2021-08-10", "afp-2021-08-12", "sudan-2021-11-13"
    return [
        SituationRecord(
            a, "2021-08-10", "Report A text.", source="AFP", url="https://example.org/a",
            events=[
                _event(a, 0, "ASSAULT", "Non-state actor overtakes territory", "2021-08-08",
                       KUNDUZ, mode="seize", fatalities=3),
                _event(a, 1, "ASSAULT", "Armed clash", "2021-08-09", FARAH, "negated"),
                _event(a, 2, "CONSULT", None, "2021-08-10", None, "planned"),
            ],
            control=[
                Control(KUNDUZ, None, "Taliban", "captured", "2021-08-08", None,
                        _evidence(a, 0, "They planted their flag.")),
                Control(KUNDUZ, "airport", "Government of Afghanistan", "retained", None, None,
                        _evidence(a, 3, "Forces still held the airport.")),
            ],
            claims=[
                Claim("Zabihullah Mujahid", "Taliban", "spokesman", "tweeted",
                      "Farah was taken", "assert", "control", _evidence(a, 4, "He tweeted."))
            ],
        ),
        SituationRecord(
            b, "2021-08-12", "Report B text.", source="Reuters",
            events=[_event(b, 0, "ASSAULT", "Armed clash", "2021-08-12", FARAH, fatalities=None)],
            control=[
                Control(KUNDUZ, "airport", "Taliban", "captured", "2021-08-11", None,
                        _evidence(b, 0, "The airport fell."))
            ],
        ),
        SituationRecord(
            c, "2021-11-13", "Report C text.", source="ACLED notes",
            events=[
                _event(c, 0, "PROTEST", "Peaceful protest", "2021-11-13", KHARTOUM,
                       actor1="Protesters (Sudan)", actor2=None, mode="demonstrate"),
            ],
        ),
    ]  # fmt: skip


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "store.sqlite"
    with Store.open(path) as store:
        for record in _records():
            day = (
                None
                if record.date is None
                else __import__("datetime").date.fromisoformat(record.date)
            )
            report = Report(record.doc_id, record.text, day, "field", source=record.source,
                            url=record.url)  # fmt: skip
            store.write(report, record, f"print-{record.doc_id}")
    return path


def _rows(db: Path, table: str) -> list[dict]:
    with Store.open(db, readonly=True) as store:
        return [row_dict(r) for r in store.rows(table)]


def test_acled_csv_round_trip_with_csv_reader(db, tmp_path):
    out = tmp_path / "events.csv"
    result = export(db, "acled-csv", out)
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames or ()) == COLUMNS
    stored = [e for e in _rows(db, "events") if e["acled"] and e["modality"] == "asserted"]
    assert result.rows == {"events": len(rows)} and len(rows) == len(stored) == 3
    for row, event in zip(rows, stored, strict=True):
        assert row["event_id_cnty"] == f"{event['doc_id']}#{event['idx']}"
        assert row["event_date"] == event["date"]
        assert row["sub_event_type"] == event["acled"]
        assert (float(row["latitude"]), float(row["longitude"])) == (event["lat"], event["lon"])
        assert row["location"] == event["place_name"]
        assert row["notes"] == event["evidence"]
        assert int(row["fatalities"]) == (event["fatalities"] or 0)
    kunduz, clash, protest = rows
    assert (kunduz["event_type"], kunduz["iso3"], kunduz["country"]) == (
        "Battles",
        "AFG",
        "Afghanistan",
    )
    assert (kunduz["inter1"], kunduz["inter2"], kunduz["interaction"]) == ("2", "1", "12")
    assert (protest["inter1"], protest["interaction"], protest["geo_precision"]) == ("6", "60", "1")
    assert kunduz["source"] == "AFP" and clash["source"] == "Reuters"


def test_acled_csv_export_imported_back_matches_itself_in_full(db, tmp_path):
    out = tmp_path / "events.csv"
    export(db, "acled-csv", out)
    assert import_acled(db, out).rows == 3
    result = compare(db)
    assert (result.totals().matched, result.agreement, result.precision) == (3, 1.0, 1.0)


def test_plover_json_round_trip_with_json_reader(db, tmp_path):
    out = tmp_path / "events.json"
    export(db, "plover-json", out)
    events = json.loads(out.read_text(encoding="utf-8"))
    stored = _rows(db, "events")  # every event, one PLOVER object each
    assert [e["id"] for e in events] == [f"{s['doc_id']}#{s['idx']}" for s in stored]
    for event, row in zip(events, stored, strict=True):
        coded = (row["plover"], row["mode"])
        if row["plover"] is None:  # Occupy territory (CAMEO 192) in the CAMEO-PLOVER table
            coded = ("COERCE", "confiscate")
        assert (event["event"], event["mode"], event["date"]) == (*coded, row["date"])
        assert (event["actor"], event["recipient"]) == (row["actor1"], row["actor2"])
        assert event["event_text"] == row["evidence"]
        assert event["cite_info"]["doc_id"] == row["doc_id"]
        assert event["modality"] == row["modality"]
        if row["place_name"]:
            loc = event["event_loc"]
            assert (loc["lat"], loc["lon"], loc["geonameid"]) == (
                row["lat"],
                row["lon"],
                row["geonameid"],
            )
        else:
            assert event["event_loc"] is None
    assert events[0]["cite_info"]["url"] == "https://example.org/a"


def test_geojson_events_are_valid_points_in_lon_lat_order(db, tmp_path):
    from shapely.geometry import shape

    out = tmp_path / "events.geojson"
    export(db, "geojson", out)
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    stored = [e for e in _rows(db, "events") if e["lat"] is not None]
    features = collection["features"]
    assert len(features) == len(stored) == 4  # the undated, unplaced CONSULT is left out
    for feature, row in zip(features, stored, strict=True):
        geometry = shape(feature["geometry"])
        assert geometry.is_valid and geometry.geom_type == "Point"
        assert (geometry.x, geometry.y) == (row["lon"], row["lat"])  # RFC 7946: lon, lat
        assert -180 <= geometry.x <= 180 and -90 <= geometry.y <= 90
        assert feature["properties"]["evidence"] == row["evidence"]
        assert feature["properties"]["acled"] == row["acled"]
    assert features[0]["geometry"]["coordinates"] == [KUNDUZ.lon, KUNDUZ.lat]


def test_geojson_control_layer_keeps_the_last_word_on_each_place_and_part(db, tmp_path):
    from shapely.geometry import shape

    def picture(until: str | None) -> dict:
        out = tmp_path / f"control-{until}.geojson"
        export(db, "geojson", out, Window(until=until), layer="control")
        collection = json.loads(out.read_text(encoding="utf-8"))
        assert all(shape(f["geometry"]).is_valid for f in collection["features"])
        return {f["properties"]["part"]: f["properties"] for f in collection["features"]}

    assert picture("2021-08-10")["airport"]["holder"] == "Government of Afghanistan"
    later = picture(None)
    assert later["airport"]["holder"] == "Taliban"
    assert later[None]["status"] == "captured"


def test_parquet_round_trip_with_pyarrow(db, tmp_path):
    import pyarrow.parquet as pq

    result = export(db, "parquet", tmp_path / "pq")
    for table in TABLES:
        read = pq.read_table(tmp_path / "pq" / f"{table}.parquet")
        assert read.schema.equals(arrow_schema(table))
        assert result.rows[table] == read.num_rows
    events = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
    stored = _rows(db, "events")
    assert len(events) == len(stored) == 5
    for got, row in zip(events, stored, strict=True):
        got["date"] = got["date"].isoformat() if got["date"] else None
        assert got == {k: row[k] for k in got}
    claims = pq.read_table(tmp_path / "pq" / "claims.parquet").to_pylist()
    assert [c["speaker"] for c in claims] == ["Zabihullah Mujahid"]
    reports = pq.read_table(tmp_path / "pq" / "reports.parquet").column("doc_id").to_pylist()
    assert reports == [r.doc_id for r in _records()]


def test_jsonl_round_trip_gives_back_the_stored_records(db, tmp_path):
    out = tmp_path / "records.jsonl"
    export(db, "jsonl", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    with Store.open(db, readonly=True) as store:
        stored = list(store.records())
    assert [SituationRecord.from_json(line) for line in lines] == stored == _records()


def test_window_bounds_days_and_country(db, tmp_path):
    out = tmp_path / "events.json"
    export(db, "plover-json", out, Window(since="2021-08-09", until="2021-08-12"))
    assert [e["date"] for e in json.loads(out.read_text())] == [
        "2021-08-09",
        "2021-08-10",
        "2021-08-12",
    ]
    export(db, "plover-json", out, Window(country="SD"))
    assert [e["event_loc"]["name"] for e in json.loads(out.read_text())] == ["Khartoum"]
    export(db, "jsonl", out, Window(country="SD"))
    assert [json.loads(x)["doc_id"] for x in out.read_text().splitlines()] == ["sudan-2021-11-13"]


def test_a_failed_write_leaves_the_old_file_and_no_partial(tmp_path):
    target = tmp_path / "events.csv"
    target.write_text("old export\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as partial:
        partial.write_text("half of a new exp", encoding="utf-8")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old export\n"
    assert list(tmp_path.iterdir()) == [target]


def test_progress_bar_counts_to_the_total(capsys):
    with progress(3, "geojson", show=True) as tick:
        tick(2)
        tick(1)
    assert "3/3" in capsys.readouterr().err


def test_parquet_without_an_out_folder_is_refused(db):
    with pytest.raises(ExportError, match="parquet needs --out FOLDER"):
        export(db, "parquet", None)


def test_cli_export_writes_the_file_and_counts_rows(db, tmp_path):
    env = dict(os.environ, SITROOM_DB=str(db))
    out = tmp_path / "events.geojson"
    result = subprocess.run(
        [SITROOM, "export", "--format", "geojson", "--country", "af", "--out", str(out)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"{out}: 3 events"
    bad = subprocess.run(
        [SITROOM, "export", "--format", "jsonl", "--since", "2021-13-01"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert bad.returncode == 2 and "2021-13-01" in bad.stderr


def test_acled_csv_merged_gives_one_row_per_incident_with_every_source(db, tmp_path):
    d = "bbc-2021-08-12"
    record = SituationRecord(
        d, "2021-08-12", "Report D text.", source="BBC",
        events=[_event(d, 0, "ASSAULT", "Armed clash", "2021-08-12", FARAH, fatalities=2)],
    )  # fmt: skip
    with Store.open(db) as store:
        report = Report(d, record.text, dt.date(2021, 8, 12), "field", source="BBC")
        store.write(report, record, "print-d")
    export(db, "acled-csv", tmp_path / "events.csv")
    result = export(db, "acled-csv", tmp_path / "merged.csv", merged=True)
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 4
    with (tmp_path / "merged.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert result.rows == {"incidents": 3} and len(rows) == 3
    clash = next(r for r in rows if r["sub_event_type"] == "Armed clash")
    assert clash["source"] == "Reuters; BBC"
    assert clash["notes"] == (
        'Sentence 0 of afp-2021-08-12, with a comma and a "quote". '
        'Sentence 0 of bbc-2021-08-12, with a comma and a "quote".'
    )
    assert clash["fatalities"] == "2"


def test_plover_json_codes_a_territorial_change_stored_without_a_plover_type(tmp_path):
    """Stores made before sitroom coded captures in PLOVER hold them with no type; the
    export gives them the CAMEO-PLOVER table's code for Occupy territory (CAMEO 192)."""
    day = "2021-11-14"
    record = SituationRecord(
        "old-store", day, "Report text.",
        events=[_event("old-store", 0, None, "Government regains territory", day, KHARTOUM,
                       actor1="Military Forces of Sudan (2019-)", actor2=None)],
    )  # fmt: skip
    path = tmp_path / "old.sqlite"
    with Store.open(path) as store:
        report = Report("old-store", "Report text.", dt.date(2021, 11, 14), "header")
        store.write(report, record, fingerprint(report, "v1"))
    out = tmp_path / "events.json"
    assert export(path, "plover-json", out).rows == {"events": 1}
    [event] = json.loads(out.read_text(encoding="utf-8"))
    assert (event["event"], event["mode"]) == ("COERCE", "confiscate")

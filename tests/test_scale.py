"""The Dask engine against the single-process path, on a real LocalCluster."""

import datetime as dt
import os
import signal

import pytest

from sitroom.read import read_paths
from sitroom.record import Report
from sitroom.scale import extract_with_dask

TOWNS = ["Goma", "Bunia", "Beni", "Butembo", "Uvira", "Bukavu", "Kisangani", "Kalemie"]


def _corpus() -> list[Report]:
    from conftest import REPO, SEED_TEXT

    reports = [r for r in read_paths([REPO / "samples", SEED_TEXT]) if isinstance(r, Report)]
    for i, town in enumerate(TOWNS):
        text = f"Rebels captured {town} on Monday after clashes with the army, residents said."
        reports.append(Report(f"drc-{i}", text, dt.date(2023, 5, 10 + i), "header"))
    return reports


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster


def test_dask_gives_exactly_the_records_of_the_single_process_path(pipeline, cluster):
    reports = _corpus()
    local = {r.doc_id: rec.to_dict() for r, rec in pipeline.extract_many(reports)}
    remote = {
        r.doc_id: rec.to_dict()
        for r, rec in extract_with_dask(reports, scheduler=cluster.scheduler_address, batch_size=3)
    }
    assert remote == local


def test_a_killed_worker_loses_no_report_and_repeats_none(cluster, tmp_path):
    from distributed import Client

    reports = _corpus()
    seen = []
    with Client(cluster.scheduler_address) as client:
        results = extract_with_dask(
            reports, scheduler=cluster.scheduler_address, batch_size=1, staging=tmp_path
        )
        for report, _record in results:
            seen.append(report.doc_id)
            if len(seen) == 1:  # mid-run: one worker dies hard
                pids = client.run(os.getpid)
                os.kill(next(iter(pids.values())), signal.SIGKILL)
    assert sorted(seen) == sorted(r.doc_id for r in reports)


def test_a_repeated_run_reuses_the_partitions_it_finds(cluster, tmp_path):
    from distributed import Client

    with Client(cluster) as client:  # batches follow the worker count: let a killed one return
        client.wait_for_workers(2, timeout=60)
    reports = _corpus()[:4]
    first = dict(extract_with_dask(reports, scheduler=cluster.scheduler_address, staging=tmp_path))
    partitions = sorted(tmp_path.glob("*.parquet"))
    stamps = [p.stat().st_mtime_ns for p in partitions]
    again = dict(extract_with_dask(reports, scheduler=cluster.scheduler_address, staging=tmp_path))
    assert [p.stat().st_mtime_ns for p in sorted(tmp_path.glob("*.parquet"))] == stamps
    assert {r.doc_id: x.to_dict() for r, x in again.items()} == {
        r.doc_id: x.to_dict() for r, x in first.items()
    }


def test_ingest_with_the_dask_engine_stores_what_the_local_engine_stores(tmp_path):
    import json
    import subprocess
    import sys
    from pathlib import Path

    from conftest import REPO

    sitroom = str(Path(sys.executable).with_name("sitroom"))
    tables = {}
    for engine in ("local", "dask"):
        db = str(tmp_path / f"{engine}.sqlite")
        done = subprocess.run(
            [sitroom, "--db", db, "ingest", str(REPO / "samples"), "--engine", engine],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
        shown = subprocess.run(
            [sitroom, "--db", db, "events", "--json"], capture_output=True, text=True
        )
        tables[engine] = json.loads(shown.stdout)
    assert tables["dask"] == tables["local"] and tables["local"]


@pytest.mark.parametrize("slots", [1, 2, 3])
def test_batches_keep_the_order_come_in_rounds_of_the_workers_and_share_the_text(slots):
    lengths = [40, 900, 35, 60, 480, 50, 45, 700, 30, 55, 65, 400, 38, 42] * 3
    reports = [
        Report(f"r{i}", "w " * (n // 2), dt.date(2024, 1, 1), "header")
        for i, n in enumerate(lengths)
    ]
    from sitroom.scale.dask import balanced_batches

    batches = balanced_batches(reports, 5, slots)
    assert [r for batch in batches for r in batch] == reports
    assert all(batches) and len(batches) % slots == 0 and len(batches) >= len(reports) / 5
    sizes = [sum(len(r.text) for r in batch) for batch in batches]
    share = sum(sizes) / len(batches)
    # a batch exceeds its share by less than its own longest report
    assert all(
        size - share < max(len(r.text) for r in batch)
        for size, batch in zip(sizes, batches, strict=True)
    )


def test_batches_of_fewer_reports_than_workers_are_one_report_each():
    from sitroom.scale.dask import balanced_batches

    reports = [Report(f"r{i}", "text", dt.date(2024, 1, 1), "header") for i in range(3)]
    assert balanced_batches(reports, 16, 4) == [[r] for r in reports]
    assert balanced_batches([], 16, 4) == []

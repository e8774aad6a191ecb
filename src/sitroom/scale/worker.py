"""What runs on a Dask worker: one pipeline per worker process, one Parquet partition per
batch. A partition is written to a temporary name and renamed, so it is whole or absent."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from sitroom.errors import ExtractError
from sitroom.extract.context import DEFAULT_BUDGET_S
from sitroom.record import Report

# one column per field: the record as JSON (what the writer stores), or the error
SCHEMA_FIELDS = ("doc_id", "record", "error")


@functools.cache
def worker_pipeline(budget: float | None = DEFAULT_BUDGET_S):  # noqa: ANN201 - a Pipeline
    """The worker's pipeline: loaded on the first batch, kept for every later one."""
    from sitroom.extract import Pipeline

    return Pipeline(budget=budget)


def extract_batch(
    reports: list[Report], staging: str, name: str, budget: float | None = DEFAULT_BUDGET_S
) -> str:
    """Extract one batch and write its records as ``<staging>/<name>.parquet``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(staging) / f"{name}.parquet"
    if path.exists():  # a retried or repeated batch: its partition is already whole
        return str(path)
    rows: dict[str, list[str | None]] = {field: [] for field in SCHEMA_FIELDS}
    for report, record in worker_pipeline(budget).extract_many(reports):
        rows["doc_id"].append(report.doc_id)
        if isinstance(record, ExtractError):
            rows["record"].append(None)
            rows["error"].append(record.problem)
        else:
            rows["record"].append(record.to_json())
            rows["error"].append(None)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    pq.write_table(pa.table(rows), partial)
    os.replace(partial, path)
    return str(path)

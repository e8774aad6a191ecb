"""``extract_with_dask``: ``Pipeline.extract_many`` on a Dask cluster.

Reports are cut into batches; each batch is extracted on a worker (the spaCy model is
loaded once per worker, not shipped with tasks) and written there as a Parquet
partition named after the batch's content. The caller gets ``(report, record)`` pairs as
partitions complete and writes them with its one writer. A worker that dies mid-batch
loses nothing: Dask runs the batch again elsewhere, and a partition that exists is
reused, so running the same ingest twice does the work once.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from sitroom.errors import ExtractError, SitroomError
from sitroom.record import Report, SituationRecord
from sitroom.scale.worker import extract_batch

DEFAULT_BATCH = 16


def batch_name(reports: Sequence[Report]) -> str:
    """A batch's name: a digest of its reports' ids, texts and days."""
    digest = hashlib.sha256()
    for report in reports:
        for part in (report.doc_id, str(report.date), report.text):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x1f")
    return digest.hexdigest()[:32]


def extract_with_dask(
    reports: Sequence[Report],
    *,
    scheduler: str | None = None,
    workers: int = 2,
    batch_size: int = DEFAULT_BATCH,
    staging: str | Path | None = None,
    retries: int = 3,
) -> Iterator[tuple[Report, SituationRecord | ExtractError]]:
    """Records for ``reports`` extracted on a Dask cluster: the scheduler at ``scheduler``,
    else a LocalCluster of ``workers`` processes started for this call."""
    try:
        from distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise SitroomError("the Dask engine needs the 'distributed' package") from exc
    if not reports:
        return
    own_staging = staging is None
    folder = Path(staging) if staging else Path(tempfile.mkdtemp(prefix="sitroom-dask-"))
    folder.mkdir(parents=True, exist_ok=True)
    by_id = {report.doc_id: report for report in reports}
    batches = [list(reports[i : i + batch_size]) for i in range(0, len(reports), batch_size)]
    cluster = local_cluster(workers) if scheduler is None else None
    try:
        with Client(scheduler or cluster) as client:
            futures = [
                client.submit(
                    extract_batch,
                    batch,
                    str(folder),
                    name,
                    key=f"sitroom-extract-{name}",
                    retries=retries,
                    pure=False,
                )
                for batch in batches
                for name in [batch_name(batch)]
            ]
            for future in as_completed(futures):
                yield from _read_partition(Path(future.result()), by_id)
    finally:
        if cluster is not None:
            cluster.close()
        if own_staging:
            shutil.rmtree(folder, ignore_errors=True)


# Dask samples every worker thread's stack every 10 ms for its dashboard's profiles: on
# pure-Python extraction that cost about a tenth of a worker's time (measured here).
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


def local_cluster(workers: int):  # noqa: ANN201 - a distributed.LocalCluster
    """A LocalCluster for extraction: ``workers`` processes of one thread each (spaCy
    and the extractors are CPU-bound Python), without the stack-sampling profiler."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(WORKER_CONFIG):
        return LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )


def _read_partition(
    path: Path, by_id: dict[str, Report]
) -> Iterator[tuple[Report, SituationRecord | ExtractError]]:
    import pyarrow.parquet as pq

    table = pq.read_table(path).to_pydict()
    for doc_id, record, error in zip(table["doc_id"], table["record"], table["error"], strict=True):
        report = by_id[doc_id]
        if record is None:
            yield report, ExtractError(doc_id, report.path, error or "no record")
        else:
            yield report, SituationRecord.from_json(record)

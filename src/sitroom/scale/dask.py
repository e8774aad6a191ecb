"""``extract_with_dask``: ``Pipeline.extract_many`` on a Dask cluster.

Reports are cut into batches; each batch is extracted on a worker (the spaCy model is
loaded once per worker, not shipped with tasks) and written there as a Parquet
partition named after the batch's content. The caller gets ``(report, record)`` pairs as
partitions complete and writes them with its one writer. A worker that dies mid-batch
loses nothing: Dask runs the batch again elsewhere, and a partition that exists is
reused, so running the same ingest twice does the work once (on a cluster of as many
worker threads: batches come in rounds of the cluster's threads).
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from sitroom.errors import ExtractError, SitroomError
from sitroom.extract.context import DEFAULT_BUDGET_S
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


def balanced_batches(reports: Sequence[Report], batch_size: int, slots: int) -> list[list[Report]]:
    """``reports`` cut, in order, into batches of about ``batch_size``: as many batches as
    a multiple of ``slots`` (the cluster's worker threads) and of about equal text length,
    so that the last round of batches ends on every worker at about the same time (on a
    small corpus a lone last batch would leave all but one worker idle)."""
    if not reports:
        return []
    slots = max(1, slots)
    count = -(-len(reports) // max(1, batch_size))
    count = min(len(reports), -(-count // slots) * slots)
    total = sum(len(report.text) for report in reports) or 1
    batches: list[list[Report]] = [[]]
    done = 0
    for index, report in enumerate(reports):
        to_open = count - len(batches)
        middle = done + len(report.text) / 2
        # a new batch once this report's middle passes the current batch's share of the
        # text, or when every report left is needed to open the batches still to come
        if (
            batches[-1]
            and to_open
            and (middle > total * len(batches) / count or len(reports) - index <= to_open)
        ):
            batches.append([])
        batches[-1].append(report)
        done += len(report.text)
    return batches


def extract_with_dask(
    reports: Sequence[Report],
    *,
    scheduler: str | None = None,
    workers: int = 2,
    batch_size: int = DEFAULT_BATCH,
    staging: str | Path | None = None,
    retries: int = 3,
    budget: float | None = DEFAULT_BUDGET_S,
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
    cluster = local_cluster(workers) if scheduler is None else None
    try:
        with Client(scheduler or cluster) as client:
            slots = sum(client.nthreads().values()) or workers
            batches = balanced_batches(reports, batch_size, slots)
            futures = [
                client.submit(
                    extract_batch,
                    batch,
                    str(folder),
                    name,
                    budget,
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


# Dask's defaults for workers cost extraction time (measured here): sampling every worker
# thread's stack every 10 ms for the dashboard's profiles (about a tenth of a worker), and
# the Nanny's MALLOC_TRIM_THRESHOLD_=65536, which makes glibc hand freed memory back to the
# system at once and fixes its mmap threshold (another tenth: spaCy and the extractors
# allocate and free many small blocks a report); None unsets a pre-spawn variable. The
# periodic callbacks of every server's event loop (a tick every 20 ms, the memory monitor
# every 100 ms, the system monitor every 500 ms) took 10 % of a core on an idle
# two-worker cluster, and their thread wakes and takes the GIL from the extracting one:
# at 1-2 s they take under 2 %, and memory limits are still enforced every second.
WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


def local_cluster(workers: int):  # noqa: ANN201 - a distributed.LocalCluster
    """A LocalCluster for extraction: ``workers`` processes of one thread each (spaCy
    and the extractors are CPU-bound Python), without the stack-sampling profiler, with
    glibc's own memory trimming and with slower housekeeping (``WORKER_CONFIG``)."""
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

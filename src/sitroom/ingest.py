"""Ingest: extract the reports the store does not hold yet and write them, one writer.

Shared by ``sitroom ingest`` and ``sitroom watch``. A report whose fingerprint (text, day,
source, extractor versions) is stored already is skipped; a report with the content of
another stored under another name (``sitroom.store.content_key``) is recorded as a name
of that one, not extracted or stored again. After writing, the situation picture is
brought up to date for the places the new records touch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sitroom.errors import LimitError, SitroomError
from sitroom.extract.context import DEFAULT_BUDGET_S
from sitroom.record import Report
from sitroom.store import STORE_FAULTS, Store, content_key, describe_fault, fingerprint

# Reports one ingest takes by default: those to extract are held in memory until stored.
DEFAULT_MAX_BATCH = 200_000


@dataclass
class IngestResult:
    counts: dict[str, int] = field(
        default_factory=lambda: {"added": 0, "replaced": 0, "unchanged": 0, "copied": 0}
    )
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        done = ", ".join(f"{n} {action}" for action, n in self.counts.items())
        return f"{done}, {len(self.failures)} failed"

    @property
    def stored(self) -> int:
        return self.counts["added"] + self.counts["replaced"]


class Progress(Protocol):
    """Told of each report read, of how many are to be extracted, and of each extracted
    (``sitroom.cli.progress.Bars`` draws it on a terminal)."""

    def read(self, *, failed: bool = False) -> None: ...

    def extracting(self, total: int) -> None: ...

    def extracted(self, *, failed: bool = False) -> None: ...


class _Silent:
    def read(self, *, failed: bool = False) -> None:
        pass

    def extracting(self, total: int) -> None:
        pass

    def extracted(self, *, failed: bool = False) -> None:
        pass


class IngestFault(SitroomError):
    """The store failed while an ingest wrote (disk full, read-only, locked, damaged):
    ``result`` says what was stored before, each report whole."""

    def __init__(self, fault: BaseException, result: IngestResult) -> None:
        self.result = result
        super().__init__(
            f"{describe_fault(fault)}; {result.stored} reports were stored before it"
            " (each whole), the rest were not"
        )


def ingest_reports(
    store: Store,
    reports: Iterable[Report],
    *,
    pipeline: Any = None,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 2,
    on_failure: Callable[[str], None] | None = None,
    max_batch: int | None = None,
    budget: float | None = DEFAULT_BUDGET_S,
    progress: Progress | None = None,
) -> IngestResult:
    """Extract and store ``reports``; failures are collected (and passed to ``on_failure``)
    while the rest go on. More than ``max_batch`` reports is a ``LimitError`` raised
    before anything is extracted or stored; a fault of the store while writing ends the
    ingest with an ``IngestFault``."""
    from sitroom.extract import Pipeline, version

    progress = progress or _Silent()
    result = IngestResult()
    stamp = version()
    todo: list[Report] = []
    copies: list[tuple[str, Report]] = []  # (the name of the report copied, the copy)
    first_of: dict[str, str] = {}  # content key -> name of its first report in this ingest
    for seen, report in enumerate(reports, start=1):
        if max_batch is not None and seen > max_batch:
            raise LimitError(
                f"more than {max_batch:,} reports in one ingest (--max-batch): nothing stored;"
                " ingest them in parts or raise the limit"
            )
        progress.read()
        key = content_key(report.text, report.date.isoformat() if report.date else None)
        if store.known_fingerprint(report.doc_id) == fingerprint(report, stamp):
            result.counts["unchanged"] += 1
        elif store.knows_copy(report):
            result.counts["unchanged"] += 1
        elif (original := first_of.get(key) or store.copy_of(report)) is not None:
            copies.append((original, report))
        else:
            first_of[key] = report.doc_id
            todo.append(report)
    progress.extracting(len(todo))
    if engine == "dask":
        from sitroom.scale import extract_with_dask

        extracted = extract_with_dask(todo, scheduler=scheduler, workers=workers, budget=budget)
    else:
        extracted = (pipeline or Pipeline(budget=budget)).extract_many(todo)
    try:
        _store_all(store, extracted, copies, stamp, result, on_failure, progress)
    except STORE_FAULTS as exc:
        raise IngestFault(exc, result) from exc
    return result


def _store_all(
    store: Store,
    extracted: Iterable[tuple[Report, Any]],
    copies: list[tuple[str, Report]],
    stamp: str,
    result: IngestResult,
    on_failure: Callable[[str], None] | None,
    progress: Progress,
) -> None:
    for report, record in extracted:
        if isinstance(record, SitroomError):
            progress.extracted(failed=True)
            result.failures.append(str(record))
            if on_failure:
                on_failure(str(record))
            continue
        written = store.write(report, record, fingerprint(report, stamp))
        result.counts[written.action] += 1
        progress.extracted()
    for original, report in copies:
        if store.known_fingerprint(original) is None:  # its first copy failed above
            problem = f"{report.path or report.doc_id}: a copy of {original}, which was not stored"
            result.failures.append(problem)
            if on_failure:
                on_failure(problem)
            continue
        store.add_copy(original, report)
        result.counts["copied"] += 1
    if result.stored or result.counts["copied"]:
        from sitroom.situation import Sides, refresh

        refresh(store.conn, Sides())  # the places these reports touched, nothing else

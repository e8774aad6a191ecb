"""The progress of a long ``ingest`` or ``extract`` on a terminal.

Two bars on standard error: reports read (files, pages, lines; how many there will be
is not known until the last is read) and reports extracted out of those to extract,
each with its rate, the time left, and the failures so far. Nothing is drawn when
standard error is not a terminal, with ``--quiet``, or with ``--json``: a log or a pipe
gets the one-line summary and the one-line errors only.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any


def wanted(obj: dict[str, Any]) -> bool:
    """Whether to draw: a terminal on stderr, and neither ``--quiet`` nor ``--json``."""
    return sys.stderr.isatty() and not obj.get("quiet") and not obj.get("json")


class Bars:
    """What ``sitroom.ingest.ingest_reports`` reports its progress to (see the module's
    docstring); with ``shown`` false it draws nothing and costs nothing."""

    def __init__(self, shown: bool) -> None:
        self.shown = shown
        self._progress: Any = None
        self._read: Any = None
        self._extract: Any = None
        self._failed = 0

    def __enter__(self) -> Bars:
        if not self.shown:
            return self
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("{task.description:<10}"),
            BarColumn(bar_width=30),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[failed]} failed"),
            console=Console(stderr=True),
            transient=False,
        )
        self._progress.__enter__()
        self._read = self._progress.add_task("reading", total=None, rate="", failed=0)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.__exit__(kind, exc, tb)

    def read(self, *, failed: bool = False) -> None:
        """One report read (or one that could not be)."""
        self._failed += failed
        self._advance(self._read)

    def extracting(self, total: int) -> None:
        """Reading is over; ``total`` reports are to be extracted."""
        if self._progress is None:
            return
        done = self._task(self._read).completed
        self._progress.update(self._read, total=done)
        self._extract = self._progress.add_task(
            "extracting", total=total, rate="", failed=self._failed
        )

    def extracted(self, *, failed: bool = False) -> None:
        """One report extracted and stored (or failed)."""
        self._failed += failed
        self._advance(self._extract)

    def _advance(self, task: Any) -> None:
        if self._progress is None or task is None:
            return
        self._progress.advance(task)
        speed = self._task(task).speed
        self._progress.update(
            task, rate=f"{speed:.1f} reports/s" if speed else "", failed=self._failed
        )

    def _task(self, task: Any) -> Any:
        return next(t for t in self._progress.tasks if t.id == task)

"""Writing outputs whole or not at all, with a progress bar on a terminal."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

Tick = Callable[[int], None]


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed onto it when the block succeeds.

    On any error the temporary file is removed and ``path`` is left as it was, so a reader
    never sees a half-written export.
    """
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        yield partial
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)


@contextlib.contextmanager
def atomic_text(path: str | Path | None, *, newline: str | None = None) -> Iterator[IO[str]]:
    """A text handle on ``path`` written atomically; standard output when ``path`` is None."""
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_path(path) as partial, partial.open("w", encoding="utf-8", newline=newline) as fh:
        yield fh


@contextlib.contextmanager
def progress(total: int, label: str, *, show: bool | None = None) -> Iterator[Tick]:
    """A callable advancing a rich progress bar on standard error (shown on a terminal only)."""
    if show is None:
        show = sys.stderr.isatty()
    if not show:
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)

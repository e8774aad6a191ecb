"""Exports (ACLED CSV, PLOVER JSON, GeoJSON, Parquet, JSON Lines) and the ACLED reference
layer (``import_acled``, ``compare``).

Every export streams rows from a read-only connection in batches and writes to a file
beside its target, renamed into place when complete: memory stays bounded whatever the
store's size, and a reader never sees a half-written file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sitroom.errors import ExportError
from sitroom.export._output import atomic_text, progress
from sitroom.export._window import Window
from sitroom.export.acled_import import import_acled
from sitroom.export.compare import EVAL_RULE, ISSUE_RULE, Comparison, Rule, compare
from sitroom.store import Store

FORMATS = ("acled-csv", "plover-json", "geojson", "parquet", "jsonl")

__all__ = [
    "EVAL_RULE",
    "FORMATS",
    "ISSUE_RULE",
    "Comparison",
    "ExportResult",
    "Rule",
    "Window",
    "compare",
    "export",
    "import_acled",
]


@dataclass(frozen=True)
class ExportResult:
    format: str
    out: str  # the file or folder written, "-" for standard output
    rows: dict[str, int]  # rows written per table ("events", "control", "reports", ...)


SUFFIXES = {"acled-csv": ".csv", "plover-json": ".json", "geojson": ".geojson", "jsonl": ".jsonl"}


def destination(out: str | Path | None, fmt: str, db: str | Path) -> str | Path | None:
    """Where an export goes: an existing folder is a folder (the file gets the store's
    name and the format's suffix in it); a folder that does not exist is never made,
    save Parquet's own output folder inside an existing one."""
    if out is None or str(out) == "-":
        return out
    target = Path(out)
    if fmt != "parquet" and target.is_dir():
        return target / f"{Path(db).stem}{SUFFIXES[fmt]}"
    if str(out).endswith(("/", os.sep)) and not target.is_dir() and fmt != "parquet":
        raise ExportError(f"{out}: no such folder (export makes none)")
    if not target.parent.is_dir():
        raise ExportError(f"{target.parent}: no such folder (export makes none)")
    return target


def export(
    db: str | Path,
    fmt: str,
    out: str | Path | None,
    window: Window | None = None,
    *,
    layer: str = "events",
    merged: bool = False,
    show_progress: bool | None = None,
) -> ExportResult:
    """Export the store at ``db`` in format ``fmt`` to ``out`` (standard output when None,
    except for Parquet, whose ``out`` is a folder). ``layer`` is GeoJSON's (events or
    control); ``merged`` makes ACLED CSV rows incidents across reports."""
    from sitroom.export import acled_csv, geojson, jsonl, parquet, plover_json

    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    if layer != "events" and fmt != "geojson":
        raise ExportError("--layer applies to geojson only")
    out = destination(out, fmt, db)
    window = window or Window()
    with Store.open(db, readonly=True) as store:
        conn = store.conn
        if fmt == "parquet":
            if out is None or str(out) == "-":
                raise ExportError("parquet needs --out FOLDER (one .parquet file per table)")
            with progress(parquet.total(conn, window), "parquet", show=show_progress) as tick:
                rows = parquet.write(conn, window, Path(out), tick)
            return ExportResult(fmt, str(out), rows)
        if fmt == "geojson":
            if layer not in geojson.LAYERS:
                raise ExportError(f"unknown layer {layer!r}; one of {', '.join(geojson.LAYERS)}")
            n = geojson.total(conn, window, layer)
            with progress(n, f"geojson {layer}", show=show_progress) as tick:
                with atomic_text(out) as handle:
                    written = geojson.write(conn, window, handle, tick, layer)
            return ExportResult(fmt, str(out or "-"), {layer: written})
        if merged and fmt != "acled-csv":
            raise ExportError("--merged applies to acled-csv only")
        if merged:
            with progress(acled_csv.total(conn, window), fmt, show=show_progress) as tick:
                with atomic_text(out, newline="") as handle:
                    written = acled_csv.write_merged(conn, window, handle, tick)
            return ExportResult(fmt, str(out or "-"), {"incidents": written})
        module, table = {
            "acled-csv": (acled_csv, "events"),
            "plover-json": (plover_json, "events"),
            "jsonl": (jsonl, "reports"),
        }[fmt]
        with progress(module.total(conn, window), fmt, show=show_progress) as tick:
            # the csv module writes its own line ends
            with atomic_text(out, newline="" if fmt == "acled-csv" else None) as handle:
                written = module.write(conn, window, handle, tick)
        return ExportResult(fmt, str(out or "-"), {table: written})

"""The ``sitroom`` command: thin wrappers that parse arguments and call the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from sitroom.cli.common import (
    EXIT_NOTHING_DONE,
    EXIT_SOME_FAILED,
    Failure,
    Group,
    json_option,
    timeout_option,
)
from sitroom.cli.common import problem as _problem
from sitroom.cli.progress import Bars, wanted
from sitroom.errors import LimitError, ReadError, SitroomError
from sitroom.extract.context import DEFAULT_BUDGET_S
from sitroom.ingest import DEFAULT_MAX_BATCH
from sitroom.notices import set_quiet
from sitroom.read import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_S, MIB, read_paths
from sitroom.record import Report
from sitroom.store import Store, default_db_path, row_dict

METRICS = ("events", "toponyms", "control", "claims", "aggregates")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db",
    default=default_db_path,
    show_default="$SITROOM_DB or ./sitroom.sqlite",
    help="The SQLite store to read or write (also taken after the command).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.version_option(package_name="sitroom")
@click.pass_context
def main(ctx: click.Context, db: str, as_json: bool, quiet: bool) -> None:
    """sitroom: a situation room built from the news.

    Exit codes: 0 done, 1 some reports or items failed, 2 nothing could be done."""
    ctx.obj = {"db": db, "json": as_json, "quiet": quiet}
    set_quiet(quiet)


def _max_bytes_option(function: Any) -> Any:
    return click.option(
        "--max-report-mb",
        "max_report_mb",
        type=click.FloatRange(min=0.001),
        default=DEFAULT_MAX_BYTES / MIB,
        show_default=True,
        help="Refuse reports (or JSON lines) larger than this many MiB.",
    )(function)


def _budget_option(function: Any) -> Any:
    return click.option(
        "--budget",
        type=click.FloatRange(min=0),
        default=DEFAULT_BUDGET_S,
        show_default=True,
        help="Seconds one report's extraction may take once parsed; a report that takes"
        " longer fails with one line and the others go on.",
    )(function)


def _reports(
    paths: tuple[str, ...],
    max_report_mb: float,
    timeout: float,
    failures: list[str],
    bars: Bars | None = None,
) -> Iterator[Report]:
    bars = bars or Bars(shown=False)
    for item in read_paths(paths, max_bytes=int(max_report_mb * MIB), timeout=timeout):
        if isinstance(item, ReadError):
            failures.append(str(item))
            _problem(str(item))
            bars.read(failed=True)
        else:
            yield item


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_max_bytes_option
@_budget_option
@timeout_option
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Extract in this process, or on a Dask cluster (one writer either way).",
)
@click.option("--scheduler", help="Address of a running Dask scheduler (default: a LocalCluster).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Worker processes of the LocalCluster started when no --scheduler is given.",
)
@click.option(
    "--max-batch",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BATCH,
    show_default=True,
    help="Refuse an ingest of more reports than this (nothing is stored then).",
)
@click.pass_obj
def ingest(
    obj: dict[str, Any],
    paths: tuple[str, ...],
    max_report_mb: float,
    budget: float,
    timeout: float,
    engine: str,
    scheduler: str | None,
    workers: int,
    max_batch: int,
) -> None:
    """Read reports (files, folders, or http(s) links to pages and PDFs), extract their
    records and store them.

    Re-ingesting a report that has not changed (the same file, or the same page at the
    same link) does nothing. Exit code 1 when some
    reports failed, 2 when none could be stored.
    """
    from sitroom.ingest import IngestFault, ingest_reports

    failures: list[str] = []
    try:
        store = Store.open(obj["db"])
    except SitroomError as exc:
        raise Failure(str(exc)) from exc
    with store, Bars(wanted(obj)) as bars:
        try:
            result = ingest_reports(
                store,
                _reports(paths, max_report_mb, timeout, failures, bars),
                budget=budget,
                engine=engine,
                scheduler=scheduler,
                workers=workers,
                on_failure=_problem,
                max_batch=max_batch,
                progress=bars,
            )
        except LimitError as exc:
            raise Failure(f"{', '.join(paths)}: {exc}") from exc
        except IngestFault as exc:
            click.echo(f"error: {obj['db']}: {exc}", err=True)
            sys.exit(EXIT_SOME_FAILED if exc.result.stored else EXIT_NOTHING_DONE)
    result.failures[:0] = failures
    if not result.failures and not any(result.counts.values()):
        raise Failure(f"{', '.join(paths)}: no report found")
    if not obj["quiet"]:
        click.echo(f"{obj['db']}: {result.summary()}", err=True)
    if result.failures:
        sys.exit(2 if not any(result.counts.values()) else 1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--out", "out", type=click.Path(dir_okay=False), help="Write JSON Lines here (default: stdout)."
)
@_max_bytes_option
@_budget_option
@timeout_option
@click.pass_obj
def extract(
    obj: dict[str, Any],
    paths: tuple[str, ...],
    out: str | None,
    max_report_mb: float,
    budget: float,
    timeout: float,
) -> None:
    """Write the situation record of each report (files, folders or links) as JSON Lines,
    without a database."""
    from sitroom.extract import Pipeline

    failures: list[str] = []
    target = Path(out) if out else None
    partial = target.with_name(target.name + ".partial") if target else None
    handle = partial.open("w", encoding="utf-8") if partial else sys.stdout
    written = 0
    try:
        with Bars(wanted(obj)) as bars:
            todo = []
            for report in _reports(paths, max_report_mb, timeout, failures, bars):
                bars.read()
                todo.append(report)
            bars.extracting(len(todo))
            for _report, record in Pipeline(budget=budget).extract_many(todo):
                bars.extracted(failed=isinstance(record, SitroomError))
                if isinstance(record, SitroomError):
                    failures.append(str(record))
                    _problem(str(record))
                    continue
                handle.write(record.to_json() + "\n")
                written += 1
    finally:
        if partial:
            handle.close()
    if partial and target:
        partial.replace(target)
    if failures:
        sys.exit(2 if not written else 1)


def _open_readonly(obj: dict[str, Any]) -> Store:
    try:
        return Store.open(obj["db"], readonly=True)
    except SitroomError as exc:
        raise Failure(str(exc)) from exc


def _print_rows(rows: list[dict[str, Any]], columns: list[str], title: str, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    from sitroom.situation.render import add_columns

    table = Table(title=f"{title} ({len(rows)})", show_lines=False)
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    add_columns(table, columns, cells)
    for row in cells:
        table.add_row(*row)
    Console(width=max(140, Console().width)).print(table)


def _cell(value: Any, limit: int = 70) -> str:
    """A table cell: long texts cut (``--json`` prints them whole)."""
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@main.command()
@json_option
@click.pass_obj
def reports(obj: dict[str, Any], as_json: bool) -> None:
    """List the stored reports with their day and counts of extracted items."""
    with _open_readonly(obj) as store:
        rows = [row_dict(r) for r in store.reports()]
    _print_rows(
        rows,
        ["doc_id", "date", "date_source", "source", "chars", "events", "control", "claims"]
        + (["copies"] if any(r["copies"] for r in rows) else []),
        "reports",
        as_json,
    )


@main.command()
@click.argument("doc_id")
@json_option
@click.pass_obj
def show(obj: dict[str, Any], doc_id: str, as_json: bool) -> None:
    """Show one stored report's situation record."""
    with _open_readonly(obj) as store:
        record = store.record(doc_id)
    if record is None:
        raise Failure(f"{obj['db']}: no report {doc_id!r}; `sitroom reports` lists them")
    if as_json:
        click.echo(json.dumps(record.to_dict(), ensure_ascii=False, indent=2))
        return
    from sitroom.show import print_record

    print_record(record)


def _table_command(name: str, table: str, columns: list[str], doc: str) -> None:
    @main.command(name=name, help=doc)
    @click.option("--doc", "doc_id", help="Only this report's rows.")
    @json_option
    @click.pass_obj
    def command(obj: dict[str, Any], doc_id: str | None, as_json: bool) -> None:
        with _open_readonly(obj) as store:
            rows = [row_dict(r) for r in store.rows(table, doc_id=doc_id)]
        _print_rows(rows, columns, name, as_json)


_table_command(
    "events",
    "events",
    [
        "date",
        "plover",
        "mode",
        "acled",
        "place_name",
        "actor1",
        "actor2",
        "fatalities",
        "modality",
        "main",
        "doc_id",
        "sentence",
    ],
    "List stored events: type, day, place, actors, counts, modality, the report's main one.",
)
_table_command(
    "claims",
    "claims",
    [
        "speaker",
        "role",
        "affiliation",
        "channel",
        "stance",
        "about",
        "content",
        "doc_id",
        "sentence",
    ],
    "List stored claims: who said what, how.",
)
_table_command(
    "aggregates",
    "aggregates",
    ["actor", "verb", "count", "of", "category", "period_days", "doc_id", "sentence"],
    'List stored aggregate claims ("seized 3 of 12 district centres").',
)


_TOPONYM_COLUMNS = ("start", "end", "text", "name", "lat", "lon", "country", "admin1",
                    "precision", "resolved")  # fmt: skip


@main.command()
@click.argument("path", type=click.Path(allow_dash=True))
@json_option
def places(path: str, as_json: bool) -> None:
    """Print the toponyms of every report in PATH (a file, a folder, or - for standard
    input), each row with its report's doc_id."""
    from sitroom.extract import Pipeline
    from sitroom.read.formats import report_from_text

    failures: list[str] = []
    if path == "-":
        reports = [report_from_text(sys.stdin.read(), doc_id="stdin", where="<stdin>")]
    else:
        reports = list(_reports((path,), DEFAULT_MAX_BYTES / MIB, DEFAULT_TIMEOUT_S, failures))
    if not reports:
        raise Failure(failures[0] if failures else f"{path}: no report found")
    rows = []
    for report, record in Pipeline().extract_many(reports):
        if isinstance(record, SitroomError):
            failures.append(str(record))
            _problem(str(record))
            continue
        rows += [
            {"doc_id": report.doc_id, **{k: getattr(t, k) for k in _TOPONYM_COLUMNS}}
            for t in record.toponyms
        ]
    _print_rows(rows, ["doc_id", *_TOPONYM_COLUMNS], "toponyms", as_json)
    if failures:
        sys.exit(EXIT_SOME_FAILED if rows else EXIT_NOTHING_DONE)


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--metric",
    type=click.Choice([*METRICS, "all"]),
    default="all",
    show_default=True,
    help="Which part of the record to score.",
)
@click.option(
    "--out", "out", type=click.Path(dir_okay=False), help="Also write the predicted records here."
)
@json_option
def eval_(gold: str, metric: str, out: str | None, as_json: bool) -> None:
    """Run the pipeline on a gold file's texts and score it (shared/docs/GOLD_FORMAT.md)."""
    from rich.console import Console

    from sitroom.eval.report import headline, render_table, to_json
    from sitroom.eval.run import run_eval

    metrics = set(METRICS) if metric == "all" else {metric}
    try:
        scores = run_eval(gold, metrics=metrics, out=out, on_error=_problem)
    except SitroomError as exc:
        raise Failure(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(to_json(scores), indent=2))
    else:
        Console(width=120).print(render_table(scores))
    click.echo(headline(scores))


@main.command()
@click.argument("data", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False),
    help="Where to write the model (default: the package's own, replaced).",
)
@click.option(
    "--epochs",
    type=click.IntRange(min=1),
    default=6,
    show_default=True,
    help="Passes over the training notes.",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Seeds the held-back countries and the order of training (same seed, same model).",
)
def train(data: str, out: str | None, epochs: int, seed: int) -> None:
    """Train the sub-event type model on ACLED notes (JSON Lines of situation records with
    one gold event each), holding back whole countries, and print how it does on them."""
    from sitroom.models.subevent import model_path
    from sitroom.models.train_subevent import Settings, run

    target = Path(out) if out else model_path()
    try:
        report = run(Path(data), target, Settings(epochs=epochs, seed=seed))
    except SitroomError as exc:
        raise Failure(str(exc)) from exc
    click.echo(f"held-back countries: {report.rows} notes, {len(report.per_type)} types")
    for label, (f1, rows) in sorted(report.per_type.items(), key=lambda kv: -kv[1][1]):
        click.echo(f"  {label:<40} F1 {f1:.3f}  ({rows})")
    click.echo(f"accuracy {report.accuracy:.3f}  macro F1 {report.macro_f1:.3f}")
    click.echo(f"model written to {target}")


# The other command groups, one module each in this package (``cli/<group>.py``), each
# adding its commands to the group with ``register(main)``.

import importlib  # noqa: E402

for _group in ("store", "watch", "export", "situation", "web"):
    importlib.import_module(f"sitroom.cli.{_group}").register(main)

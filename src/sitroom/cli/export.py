"""The ``export``, ``import-acled`` and ``compare`` commands."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import click

from sitroom.cli.common import Failure, json_option
from sitroom.errors import SitroomError

_DAY = "YYYY-MM-DD"


def _window(since: str | None, until: str | None, country: str | None) -> Any:
    from sitroom.export import Window

    return Window(since, until, country.upper() if country else None)


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a {_DAY} day") from None
    return value


def _window_options(function: Any) -> Any:
    options = [
        click.option(
            "--since", metavar=_DAY, callback=_day, help="Only items on or after this day."
        ),
        click.option(
            "--until", metavar=_DAY, callback=_day, help="Only items on or before this day."
        ),
        click.option(
            "--country", metavar="CC", help="Only items placed in this country (ISO alpha-2)."
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def register(main: click.Group) -> None:
    """Add the export commands to the ``sitroom`` group."""
    from sitroom.export import FORMATS

    @main.command()
    @click.option(
        "--format", "fmt", type=click.Choice(FORMATS), required=True, help="Output format."
    )
    @_window_options
    @click.option(
        "--layer",
        type=click.Choice(["events", "control"]),
        default="events",
        show_default=True,
        help="GeoJSON only: events, or the last word on each place's control (up to --until).",
    )
    @click.option(
        "--merged",
        is_flag=True,
        help="ACLED CSV only: one row per incident across reports instead of per event.",
    )
    @click.option(
        "--out",
        "out",
        type=click.Path(),
        help="File to write (default: standard output); for parquet, a folder.",
    )
    @click.pass_obj
    def export(
        obj: dict[str, Any],
        fmt: str,
        since: str | None,
        until: str | None,
        country: str | None,
        layer: str,
        merged: bool,
        out: str | None,
    ) -> None:
        """Export stored items as ACLED CSV, PLOVER JSON, GeoJSON, Parquet or JSON Lines.

        Files are written whole or not at all; a progress bar shows on a terminal.
        """
        from sitroom.export import export as run

        try:
            window = _window(since, until, country)
            result = run(obj["db"], fmt, out, window, layer=layer, merged=merged)
        except SitroomError as exc:
            raise Failure(str(exc)) from exc
        rows = ", ".join(f"{n} {table}" for table, n in result.rows.items())
        click.echo(f"{result.out}: {rows}", err=True)

    @main.command(name="import-acled")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False))
    @click.pass_obj
    def import_acled(obj: dict[str, Any], path: str) -> None:
        """Load an ACLED export (CSV) as a reference layer, kept apart from extracted data.

        Rows are keyed by event_id_cnty: importing again replaces them.
        """
        from sitroom.export import import_acled as run

        try:
            result = run(obj["db"], path)
        except SitroomError as exc:
            raise Failure(str(exc)) from exc
        click.echo(f"{obj['db']}: {result.rows} ACLED events from {result.path}", err=True)

    @main.command()
    @_window_options
    @click.option("--days", type=click.IntRange(min=0), default=1, show_default=True,
                  help="How many days apart two matching events may be.")  # fmt: skip
    @click.option("--actors", is_flag=True, help="Also require ACLED's actors to agree.")
    @click.option(
        "--as-eval",
        is_flag=True,
        help="Match exactly as `sitroom eval` does (same day, actors, any modality, each "
        "ACLED event with its own report acled-<event_id_cnty>): the agreement rate is "
        "eval's events recall.",
    )
    @json_option
    @click.pass_obj
    def compare(
        obj: dict[str, Any],
        since: str | None,
        until: str | None,
        country: str | None,
        days: int,
        actors: bool,
        as_eval: bool,
        as_json: bool,
    ) -> None:
        """Align stored events with the ACLED reference layer: matched, only in sitroom,
        only in ACLED, with rates by sub-event type (same type, place within 25 km,
        day +/-1 by default)."""
        from sitroom.export import EVAL_RULE, Rule
        from sitroom.export import compare as run
        from sitroom.export.compare import as_json as to_json
        from sitroom.export.report import headline, render

        rule = EVAL_RULE if as_eval else Rule(days=days, actors=actors)
        try:
            result = run(obj["db"], _window(since, until, country), rule)
        except SitroomError as exc:
            raise Failure(str(exc)) from exc
        if as_json:
            click.echo(json.dumps(to_json(result), indent=2))
        else:
            render(result)
        click.echo(headline(result))

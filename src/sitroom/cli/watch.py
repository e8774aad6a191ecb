"""``sitroom watch``: the command that keeps a store up to date."""

from __future__ import annotations

import sys
from typing import Any

import click

from sitroom.cli.common import EXIT_NOTHING_DONE, EXIT_SOME_FAILED, timeout_option


def register(main: click.Group) -> None:
    main.add_command(watch)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--interval",
    type=click.FloatRange(min=0.1),
    default=300.0,
    show_default=True,
    help="Seconds between two passes over the sources.",
)
@click.option(
    "--cycles",
    type=click.IntRange(min=1),
    help="Stop after this many passes (default: run until interrupted).",
)
@timeout_option
@click.pass_obj
def watch(
    obj: dict[str, Any],
    sources: tuple[str, ...],
    interval: float,
    cycles: int | None,
    timeout: float,
) -> None:
    """Watch folders (new or changed report files) and RSS/Atom feed URLs, and ingest
    what is new every --interval seconds; the picture is updated after each pass. A feed
    entry that carries only a summary is read from the page its link leads to.

    With --cycles, the exit code says how it went: 2 when no source could be read in any
    pass, 1 when some source or report failed, 0 otherwise."""
    from sitroom.watch import Watcher

    def say(line: str) -> None:
        if obj.get("quiet") and line.startswith("cycle "):  # a pass's summary, not a problem
            return
        click.echo(line, err=True)

    watcher = Watcher(obj["db"], list(sources), on_problem=say, timeout=timeout)
    try:
        watcher.run(interval=interval, cycles=cycles)
    except KeyboardInterrupt:
        say("watch: stopped")
        return
    if watcher.blind_cycles == cycles:
        sys.exit(EXIT_NOTHING_DONE)
    if watcher.unread or watcher.failed_reports:
        sys.exit(EXIT_SOME_FAILED)

"""``sitroom watch``: the command that keeps a store up to date."""

from __future__ import annotations

from typing import Any

import click


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
@click.pass_obj
def watch(
    obj: dict[str, Any], sources: tuple[str, ...], interval: float, cycles: int | None
) -> None:
    """Watch folders (new or changed report files) and RSS/Atom feed URLs, and ingest
    what is new every --interval seconds; the picture is updated after each pass."""
    from sitroom.watch import Watcher

    def say(line: str) -> None:
        click.echo(line, err=True)

    try:
        Watcher(obj["db"], list(sources), on_problem=say).run(interval=interval, cycles=cycles)
    except KeyboardInterrupt:
        say("watch: stopped")

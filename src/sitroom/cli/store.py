"""``sitroom check``, ``sitroom backup`` and ``sitroom upgrade``."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from sitroom.cli.common import Failure, json_option
from sitroom.errors import SitroomError


def register(main: click.Group) -> None:
    main.add_command(check)
    main.add_command(backup)
    main.add_command(upgrade)


@click.command()
@json_option
@click.pass_obj
def check(obj: dict[str, Any], as_json: bool) -> None:
    """Verify the store: integrity, foreign keys, orphaned items, and each report's items
    against its record. Exit code 1 when something is wrong."""
    from sitroom.store import Store
    from sitroom.store.maintenance import check_store

    try:
        with Store.open(obj["db"], readonly=True) as store:
            result = check_store(store.conn)
    except SitroomError as exc:
        raise Failure(str(exc)) from exc
    if as_json:
        click.echo(json.dumps({"counts": result.counts, "problems": result.problems}, indent=2))
    else:
        click.echo(", ".join(f"{n} {table}" for table, n in result.counts.items()))
        for problem in result.problems:
            click.echo(f"problem: {problem}")
        click.echo("ok" if result.ok else f"{len(result.problems)} problems")
    if not result.ok:
        sys.exit(1)


@click.command()
@click.argument("dest", type=click.Path(dir_okay=True))
@click.pass_obj
def backup(obj: dict[str, Any], dest: str) -> None:
    """Copy the store to DEST (a file, or a folder to put it in), consistently, even
    while an ingest is writing to it."""
    from sitroom.store.maintenance import backup as copy

    try:
        written = copy(obj["db"], dest)
    except SitroomError as exc:
        raise Failure(str(exc)) from exc
    click.echo(str(written))


@click.command()
@click.pass_obj
def upgrade(obj: dict[str, Any]) -> None:
    """Bring a store made by an older sitroom up to date (what any writing command does
    on opening); read-only commands refuse an outdated store."""
    from sitroom.store import Store

    try:
        with Store.open(obj["db"]) as store:  # opening for writing applies what is missing
            applied = store.applied
    except SitroomError as exc:
        raise Failure(str(exc)) from exc
    click.echo(f"{obj['db']}: up to date" if not applied else ", ".join(applied))

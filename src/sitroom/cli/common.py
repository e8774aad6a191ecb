"""What every ``sitroom`` command shares: one failure type, one set of exit codes, and the
global options, which are taken before the command name or after it.

Exit codes: 0 done, 1 some items failed (the others were done), 2 nothing could be done
(a usage mistake, a missing or damaged store, a fault). A user's mistake or a fault of
the disk is one line on stderr, never a traceback.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from sitroom.notices import set_quiet
from sitroom.store import STORE_FAULTS, describe_fault

EXIT_SOME_FAILED = 1
EXIT_NOTHING_DONE = 2


class Failure(click.ClickException):
    """One-line error, exit code 2: nothing could be done."""

    exit_code = EXIT_NOTHING_DONE

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


def problem(message: str) -> None:
    """One item's failure, on one line; the command goes on."""
    click.echo(f"error: {message}", err=True)


def settings(ctx: click.Context) -> dict[str, Any]:
    """The global options as the command sees them: ``db``, ``json``, ``quiet``."""
    obj = ctx.ensure_object(dict)
    obj.setdefault("json", False)
    obj.setdefault("quiet", False)
    return obj


def _global_json() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and settings(ctx)["json"])


def json_option(function: Any) -> Any:
    """``--json``, also set by the global ``--json`` before the command name."""
    return click.option(
        "--json",
        "as_json",
        is_flag=True,
        default=_global_json,
        help="Print JSON instead of a table.",
    )(function)


def timeout_option(function: Any) -> Any:
    """``--timeout``: how long to wait for a server at each step of fetching a link."""
    from sitroom.read.links import DEFAULT_TIMEOUT_S

    return click.option(
        "--timeout",
        type=click.FloatRange(min=0.1),
        default=DEFAULT_TIMEOUT_S,
        show_default=True,
        help="Seconds to wait for a server (connecting, and each read) when fetching a link.",
    )(function)


def _set(name: str) -> Any:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        if value not in (None, False):
            settings(ctx)[name] = value
            if name == "quiet":
                set_quiet(True)

    return callback


def _no_json(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value or settings(ctx)["json"]:
        raise click.UsageError(f"--json does not apply to `sitroom {ctx.info_name}`", ctx)


# Commands that never open the store: ``--db`` after their name is refused as an option
# that does not apply (before it, it is the group's option and simply unused).
WITHOUT_STORE = frozenset({"extract", "places", "eval", "train"})


def add_global_options(command: click.Command) -> None:
    """Let ``command`` take ``--db``, ``--json`` and ``--quiet`` after its name too; an
    option that does not apply to it is refused with a usage error (exit 2)."""
    names = {param.name for param in command.params}
    if "db" not in names and command.name not in WITHOUT_STORE:
        command.params.append(
            click.Option(
                ["--db"],
                expose_value=False,
                callback=_set("db"),
                help="The SQLite store (the same as `sitroom --db`).",
            )
        )
    if "as_json" not in names:
        command.params.append(
            click.Option(
                ["--json"],
                is_flag=True,
                expose_value=False,
                callback=_no_json,
                hidden=True,
                help="Refused: this command prints no table.",
            )
        )
    if "quiet" not in names:
        command.params.append(
            click.Option(
                ["--quiet", "-q"],
                is_flag=True,
                expose_value=False,
                callback=_set("quiet"),
                help="Print nothing but errors (the same as `sitroom --quiet`).",
            )
        )


class Group(click.Group):
    """The ``sitroom`` group: every command gets the global options, and a fault of the
    store (disk full, read-only, locked, damaged) ends any command with one line."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        add_global_options(cmd)
        super().add_command(cmd, name)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """As click's, but a usage mistake is one line (click prints three)."""
        if not kwargs.get("standalone_mode", True):
            return super().main(*args, **kwargs)
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "sitroom"
            click.echo(f"error: {exc.format_message()} (see `{where} --help`)", err=True)
            sys.exit(EXIT_NOTHING_DONE)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except STORE_FAULTS as exc:
            db = settings(ctx).get("db")
            raise Failure(f"{db}: {describe_fault(exc)}") from exc

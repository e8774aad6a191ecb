"""``sitroom serve``: the situation room in the browser (read-only over the store)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from sitroom.cli.common import Failure
from sitroom.web.guard import TOKEN_ENV, Limits, is_loopback, token_problem


def register(main: click.Group) -> None:
    """Add ``serve`` to the ``sitroom`` group."""

    @main.command()
    @click.option("--db", "db", default=None, help="The store to show (default: the group's --db).")
    @click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
    @click.option(
        "--port",
        default=8000,
        show_default=True,
        type=click.IntRange(1, 65535),
        help="Port to listen on.",
    )
    @click.option(
        "--max-url-bytes",
        default=Limits.max_url_bytes,
        show_default=True,
        type=click.IntRange(256, 1 << 20),
        help="Longest address (path and query) taken.",
    )
    @click.option(
        "--max-header-bytes",
        default=Limits.max_header_bytes,
        show_default=True,
        type=click.IntRange(1024, 1 << 20),
        help="Most header bytes a request may send.",
    )
    @click.pass_obj  # fmt: skip
    def serve(
        obj: dict[str, Any],
        db: str | None,
        host: str,
        port: int,
        max_url_bytes: int,
        max_header_bytes: int,
    ) -> None:
        """Serve the map, timeline, places, contested claims and reports in the browser,
        with a JSON API under /api/ (read-only; binds 127.0.0.1 unless told otherwise).
        Any other address needs an access token in $SITROOM_TOKEN (16+ characters), which
        every request must then carry: "Authorization: Bearer TOKEN", or ?token=TOKEN once
        in the browser."""
        import uvicorn

        from sitroom.web import create_app

        path = db or obj["db"]
        if not Path(path).exists():
            raise Failure(f"{path}: no such database; run `sitroom ingest` first")
        token = os.environ.get(TOKEN_ENV) or None
        problem = token_problem(token)
        if problem:
            raise Failure(problem)
        if token is None and not is_loopback(host):
            raise Failure(
                f"{host} is reachable from other machines: set {TOKEN_ENV} to an access token"
                " (16+ characters) to serve there, or keep the default 127.0.0.1"
            )
        limits = Limits(max_url_bytes=max_url_bytes, max_header_bytes=max_header_bytes)
        app = create_app(path, token=token, limits=limits)
        guarded = " (token required)" if token else ""
        click.echo(f"sitroom: serving {path} on http://{host}:{port}/{guarded}", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning")

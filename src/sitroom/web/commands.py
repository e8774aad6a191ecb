"""``sitroom serve``: the situation room in the browser (read-only over the store)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click


def register(main: click.Group) -> None:
    """Add ``serve`` to the ``sitroom`` group."""

    @main.command()
    @click.option("--db", "db", default=None, help="The store to show (default: the group's --db).")
    @click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
    @click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
                  help="Port to listen on.")  # fmt: skip
    @click.pass_obj
    def serve(obj: dict[str, Any], db: str | None, host: str, port: int) -> None:
        """Serve the map, timeline, places, contested claims and reports in the browser,
        with a JSON API under /api/ (read-only; binds 127.0.0.1 unless told otherwise)."""
        import uvicorn

        from sitroom.web import create_app

        path = db or obj["db"]
        if not Path(path).exists():
            raise click.ClickException(f"{path}: no such database; run `sitroom ingest` first")
        click.echo(f"sitroom: serving {path} on http://{host}:{port}/", err=True)
        uvicorn.run(create_app(path), host=host, port=port, log_level="warning")

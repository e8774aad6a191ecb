"""Showing one situation record on the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from sitroom.record import SituationRecord


def print_record(record: SituationRecord, console: Console | None = None) -> None:
    console = console or Console()
    console.print(
        f"[bold]{record.doc_id}[/bold]  {record.date or 'no date'} ({record.date_source or '-'})"
    )
    console.print(record.text[:600] + ("…" if len(record.text) > 600 else ""))
    sections = [
        (
            "events",
            ["date", "plover", "mode", "acled", "actor1", "actor2", "modality", "trigger"],
            record.events,
        ),
        ("control", ["part", "holder", "status", "date", "claimed_by", "stance"], record.control),
        (
            "claims",
            ["speaker", "role", "affiliation", "channel", "stance", "about", "content"],
            record.claims,
        ),
        (
            "aggregates",
            ["actor", "verb", "count", "of", "category", "period_days"],
            record.aggregates,
        ),
    ]
    for title, columns, items in sections:
        table = Table(title=f"{title} ({len(items)})")
        has_place = bool(items) and hasattr(items[0], "place")
        for column in (["place"] if has_place else []) + columns + ["sentence"]:
            table.add_column(column, overflow="fold")
        for item in items:
            place = getattr(item, "place", None)
            cells = [place.name if place else ""] if has_place else []
            cells += ["" if getattr(item, c) is None else str(getattr(item, c)) for c in columns]
            table.add_row(*cells, str(item.evidence.sentence))
        console.print(table)
    toponyms = Table(title=f"toponyms ({len(record.toponyms)})")
    for column in ("text", "name", "country", "admin1", "precision", "lat", "lon"):
        toponyms.add_column(column)
    for t in record.toponyms:
        toponyms.add_row(
            t.text,
            t.name or "?",
            t.country or "",
            t.admin1 or "",
            t.precision or "",
            str(t.lat),
            str(t.lon),
        )
    console.print(toponyms)

"""Printing a comparison: a table by sub-event type and a one-line headline."""

from __future__ import annotations

from sitroom.export.compare import Comparison


def headline(result: Comparison) -> str:
    total = result.totals()
    return (
        f"agreement {_rate(result.agreement)}: {total.matched} of {total.acled} ACLED events"
        f" matched; only in ACLED {total.only_acled}, only in sitroom {total.only_sitroom}"
        f" of {total.sitroom} (precision {_rate(result.precision)});"
        f" rule: {result.rule.describe()}"
    )


def render(result: Comparison) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="sitroom vs ACLED, by sub-event type")
    for column in ("sub-event type", "ACLED", "sitroom", "matched", "only ACLED",
                   "only sitroom", "agreement", "precision"):  # fmt: skip
        table.add_column(column, justify="left" if column == "sub-event type" else "right")
    rows = sorted(result.by_type.items(), key=lambda kv: (-kv[1].acled, -kv[1].sitroom, kv[0]))
    for label, c in [*rows, ("all", result.totals())]:
        table.add_row(
            label,
            str(c.acled),
            str(c.sitroom),
            str(c.matched),
            str(c.only_acled),
            str(c.only_sitroom),
            _rate(c.matched / c.acled if c.acled else None),
            _rate(c.matched / c.sitroom if c.sitroom else None),
        )
    Console(width=120).print(table)


def _rate(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"

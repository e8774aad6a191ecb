"""Scores for people (a rich table, one headline line) and for programs (a JSON-ready dict)."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from sitroom.eval.scores import Ratio, Scores, Value


def format_value(value: Value, *, digits: int = 3) -> str:
    """A row value for display: "0.812 (13/16)", "0.500", "7", "–" when undefined."""
    if value is None:
        return "–"
    if isinstance(value, Ratio):
        rate = value.value
        return f"{rate:.{digits}f} ({value})" if rate is not None else f"– ({value})"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def render_table(scores: Scores) -> Table:
    """One table: metric, measure, value; the headline measure first in each metric."""
    table = Table(title=f"sitroom eval: {scores.documents} gold documents")
    table.add_column("metric", style="bold")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for name, result in scores.metrics.items():
        for index, (row, value) in enumerate(result.rows):
            table.add_row(name if index == 0 else "", row, format_value(value))
        table.add_section()
    if scores.unpredicted:
        table.add_row("", "gold documents without prediction", str(scores.unpredicted))
    if scores.skipped:
        table.add_row("", f"not annotated: {', '.join(scores.skipped)}", "–")
    return table


def headline(scores: Scores) -> str:
    """One line, e.g. "headline: events F1 0.80 | toponyms acc@161km 0.93 | control 5/7"."""
    parts = []
    for name, result in scores.metrics.items():
        label = f"{name} {result.headline_label}".strip()
        parts.append(f"{label} {_headline_value(result.headline_value)}")
    if not parts:
        return "headline: nothing to score (no requested list is annotated in the gold file)"
    return "headline: " + " | ".join(parts)


def to_json(scores: Scores) -> dict[str, Any]:
    """A JSON-ready dict: per metric its headline and rows (a Ratio becomes n/total/value)."""
    return {
        "documents": scores.documents,
        "unpredicted": scores.unpredicted,
        "skipped": list(scores.skipped),
        "metrics": {
            name: {
                "headline": {
                    "label": result.headline_label,
                    "value": _json_value(result.headline_value),
                },
                "rows": {row: _json_value(value) for row, value in result.rows},
            }
            for name, result in scores.metrics.items()
        },
        "headline": headline(scores),
    }


def _headline_value(value: Value) -> str:
    if isinstance(value, Ratio):
        return str(value)
    return format_value(value, digits=2)


def _json_value(value: Value) -> Any:
    if isinstance(value, Ratio):
        return {"n": value.n, "total": value.total, "value": value.value}
    return value

"""``sitroom eval``: run the pipeline on a gold file's texts, score, print."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import click

from sitroom.actors import ActorDictionary
from sitroom.errors import ExtractError
from sitroom.eval.gold import GoldRecord, load_gold
from sitroom.eval.report import headline, render_table, to_json
from sitroom.eval.score import score
from sitroom.record import Report, SituationRecord


def report_of(gold: GoldRecord) -> Report:
    """The report a gold record annotates; without a date, its dateline is looked for."""
    if gold.date:
        return Report(
            gold.doc_id, gold.text, dt.date.fromisoformat(gold.date), "field", source=gold.source
        )
    from sitroom.timex import find_dateline

    day = find_dateline(gold.text)
    return Report(gold.doc_id, gold.text, day, "dateline" if day else None, source=gold.source)


def predict(gold: list[GoldRecord]) -> dict[str, SituationRecord]:
    from sitroom.extract import Pipeline

    predicted: dict[str, SituationRecord] = {}
    for report, record in Pipeline().extract_many(report_of(g) for g in gold):
        if isinstance(record, ExtractError):
            click.echo(f"error: {record}", err=True)
            continue
        predicted[report.doc_id] = record
    return predicted


def actor_resolver(actors: ActorDictionary) -> Callable[[str], str]:
    """Alias resolution for scoring: an exact alias, else the actor a surface phrase names
    ("British Defence Secretary Tom King" -> United Kingdom), else the phrase itself."""

    def resolve(name: str) -> str:
        exact = actors.canonical(name)
        if exact != name:
            return exact
        found = actors.match(name)
        return found.name if found else name

    return resolve


def run_eval(
    path: str, *, metrics: set[str], out: str | None = None, as_json: bool = False
) -> None:
    from rich.console import Console

    gold = load_gold(path)
    predicted = predict(gold)
    if out:
        Path(out).write_text(
            "".join(r.to_json() + "\n" for r in predicted.values()), encoding="utf-8"
        )
    wanted = {m for m in metrics if any(g.annotates(m) for g in gold)} or metrics
    scores = score(gold, predicted, wanted, canonical=actor_resolver(ActorDictionary.load()))
    if as_json:
        click.echo(json.dumps(to_json(scores), indent=2))
    else:
        Console(width=120).print(render_table(scores))
    click.echo(headline(scores))

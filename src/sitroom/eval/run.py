"""What ``sitroom eval`` does: run the pipeline on a gold file's texts and score them
(the command line prints the scores)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sitroom.actors import ActorDictionary
from sitroom.errors import ExtractError
from sitroom.eval.gold import GoldRecord, load_gold
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


def predict(
    gold: list[GoldRecord], on_error: Callable[[str], None] | None = None
) -> dict[str, SituationRecord]:
    """The records the pipeline makes of the gold texts; a report that fails is passed to
    ``on_error`` and left out."""
    from sitroom.extract import Pipeline

    predicted: dict[str, SituationRecord] = {}
    for report, record in Pipeline().extract_many(report_of(g) for g in gold):
        if isinstance(record, ExtractError):
            if on_error:
                on_error(str(record))
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
    path: str,
    *,
    metrics: set[str],
    out: str | None = None,
    on_error: Callable[[str], None] | None = None,
) -> Any:
    """Score the pipeline on the gold file at ``path`` for ``metrics`` (those the file
    annotates); ``out`` also receives the predicted records as JSON Lines."""
    gold = load_gold(path)
    predicted = predict(gold, on_error)
    if out:
        Path(out).write_text(
            "".join(r.to_json() + "\n" for r in predicted.values()), encoding="utf-8"
        )
    wanted = {m for m in metrics if any(g.annotates(m) for g in gold)} or metrics
    return score(gold, predicted, wanted, canonical=actor_resolver(ActorDictionary.load()))

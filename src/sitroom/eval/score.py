"""``score``: compare gold records with predicted situation records, metric by metric."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sitroom.eval.events import score_events
from sitroom.eval.gold import GoldRecord
from sitroom.eval.match import Canonical, identity
from sitroom.eval.scores import METRICS, MetricScores, Scores
from sitroom.eval.statements import score_aggregates, score_claims, score_control
from sitroom.eval.toponyms import score_toponyms
from sitroom.record import SituationRecord


def score(
    gold: Iterable[GoldRecord],
    predicted: Mapping[str, SituationRecord],
    metrics: Iterable[str] = METRICS,
    *,
    canonical: Canonical = identity,
) -> Scores:
    """Score ``predicted`` (keyed by doc_id) against ``gold`` for the named metrics.

    A metric only looks at gold records that annotate its list; a gold record without a
    prediction is scored as an empty one. ``canonical`` maps actor names to their canonical
    form (applied to gold and predicted names alike, before case-folding).
    """
    wanted = set(metrics)
    unknown = wanted - set(METRICS)
    if unknown:
        raise ValueError(
            f"unknown metric(s) {', '.join(sorted(unknown))}; choose from {', '.join(METRICS)}"
        )
    gold = list(gold)
    results: dict[str, MetricScores] = {}
    skipped: list[str] = []
    for metric in (m for m in METRICS if m in wanted):
        docs = [(g, predicted.get(g.doc_id)) for g in gold if g.annotates(metric)]
        if not docs:
            skipped.append(metric)
            continue
        results[metric] = _score_metric(metric, docs, canonical)
    return Scores(
        metrics=results,
        documents=len(gold),
        unpredicted=sum(g.doc_id not in predicted for g in gold),
        skipped=tuple(skipped),
    )


def _score_metric(
    metric: str, docs: list[tuple[GoldRecord, SituationRecord | None]], canonical: Canonical
) -> MetricScores:
    if metric == "events":
        return score_events(docs, canonical)
    if metric == "toponyms":
        return score_toponyms(docs)
    if metric == "control":
        return score_control(docs, canonical)
    if metric == "claims":
        return score_claims(docs, canonical)
    return score_aggregates(docs, canonical)

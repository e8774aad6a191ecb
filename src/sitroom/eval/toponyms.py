"""The toponyms metric: end-to-end accuracy@161km, as in geoparsing papers.

A gold toponym is right when a predicted toponym overlapping its span (character offsets,
end exclusive) lies within 161 km; a miss is wrong. When several predictions overlap, the
nearest one counts. An overlapping prediction without coordinates is detected but wrong and
has no error distance. Gold toponyms are not matched one-to-one: one predicted span
"Kunduz, Kunduz" may cover two gold ones.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from sitroom.eval.gold import GoldRecord
from sitroom.eval.match import TOPONYM_KM, haversine_km
from sitroom.eval.scores import MetricScores, Ratio, Row
from sitroom.record import SituationRecord, Toponym

Doc = tuple[GoldRecord, SituationRecord | None]


def overlaps(gold: Toponym, pred: Toponym) -> bool:
    return pred.start < gold.end and gold.start < pred.end


def error_km(gold: Toponym, preds: Sequence[Toponym]) -> float | None:
    """Distance to the nearest overlapping prediction with coordinates, None when there is none."""
    distances = [
        haversine_km(gold.lat, gold.lon, p.lat, p.lon)  # type: ignore[arg-type]
        for p in preds
        if overlaps(gold, p) and p.lat is not None and p.lon is not None
    ]
    return min(distances, default=None)


def score_toponyms(docs: Sequence[Doc]) -> MetricScores:
    total = right = detected = predicted = 0
    errors: list[float] = []
    for gold, pred in docs:
        preds = pred.toponyms if pred else []
        predicted += len(preds)
        for toponym in gold.toponyms or ():
            total += 1
            detected += any(overlaps(toponym, p) for p in preds)
            km = error_km(toponym, preds)
            if km is not None:
                errors.append(km)
                right += km <= TOPONYM_KM
    accuracy = Ratio(right, total)
    rows: list[Row] = [
        ("acc@161km", accuracy),
        ("detection recall", Ratio(detected, total)),
        ("resolved overlaps", Ratio(len(errors), total)),
        ("mean error km", statistics.fmean(errors) if errors else None),
        ("median error km", statistics.median(errors) if errors else None),
        ("predicted", predicted),
    ]
    return MetricScores("toponyms", rows, "acc@161km", accuracy.value)

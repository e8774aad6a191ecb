"""Scoring situation records against gold (shared/docs/GOLD_FORMAT.md, "Scoring")."""

from sitroom.eval.gold import GoldRecord, gold_from_dict, load_gold, records_from_gold
from sitroom.eval.match import Canonical
from sitroom.eval.report import format_value, headline, render_table, to_json
from sitroom.eval.score import score
from sitroom.eval.scores import METRICS, MetricScores, Ratio, Scores

__all__ = [
    "METRICS",
    "Canonical",
    "GoldRecord",
    "MetricScores",
    "Ratio",
    "Scores",
    "format_value",
    "gold_from_dict",
    "headline",
    "load_gold",
    "records_from_gold",
    "render_table",
    "score",
    "to_json",
]

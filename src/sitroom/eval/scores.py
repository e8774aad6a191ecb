"""The result of scoring: per metric, ordered rows and one headline figure."""

from __future__ import annotations

from dataclasses import dataclass, field

METRICS = ("events", "toponyms", "control", "claims", "aggregates")


@dataclass(frozen=True)
class Ratio:
    """``n`` right out of ``total``; ``value`` is None when there was nothing to score."""

    n: int
    total: int

    @property
    def value(self) -> float | None:
        return self.n / self.total if self.total else None

    def __str__(self) -> str:
        return f"{self.n}/{self.total}"


Value = Ratio | float | int | str | None
Row = tuple[str, Value]


@dataclass(frozen=True)
class MetricScores:
    """One metric's rows, in display order, and its headline (``label`` and ``value``)."""

    metric: str
    rows: list[Row]
    headline_label: str
    headline_value: Value

    def get(self, name: str) -> Value:
        """The value of the row called ``name`` (KeyError when there is none)."""
        for row_name, value in self.rows:
            if row_name == name:
                return value
        raise KeyError(f"{self.metric} has no row {name!r}")

    def rate(self, name: str) -> float | None:
        """A row's value as a number: a Ratio's rate, or the float itself."""
        value = self.get(name)
        if isinstance(value, Ratio):
            return value.value
        if isinstance(value, int | float):
            return float(value)
        return None


@dataclass(frozen=True)
class Scores:
    """Everything ``score`` computed, metric by metric in METRICS order."""

    metrics: dict[str, MetricScores] = field(default_factory=dict)
    documents: int = 0
    unpredicted: int = 0  # gold documents with no predicted record (scored as empty)
    skipped: tuple[str, ...] = ()  # metrics asked for that no gold record annotates

    def __getitem__(self, metric: str) -> MetricScores:
        return self.metrics[metric]


def prf_rows(matched: int, gold: int, predicted: int) -> list[Row]:
    """Precision, recall and F1 (None when undefined), then the counts behind them."""
    precision = matched / predicted if predicted else None
    recall = matched / gold if gold else None
    return [
        ("precision", precision),
        ("recall", recall),
        ("F1", f1(precision, recall, gold, predicted)),
        ("matched", Ratio(matched, gold)),
        ("predicted", predicted),
    ]


def f1(precision: float | None, recall: float | None, gold: int, predicted: int) -> float | None:
    """Harmonic mean; 1.0 when nothing was expected and nothing predicted."""
    if gold == 0 and predicted == 0:
        return 1.0
    if not precision or not recall:
        return 0.0
    return 2 * precision * recall / (precision + recall)

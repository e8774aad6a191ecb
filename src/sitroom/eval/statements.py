"""The control, claims and aggregates metrics: one-to-one greedy matching, then field accuracies.

Decisions beyond ``shared/docs/GOLD_FORMAT.md``:
- control ``part``: the same head word, and when both parts carry modifiers they share one,
  so "strategic airport" ~ "airport" but "army base" differs from "military base"; plural
  and singular, British and American spellings are one word, a bracketed note is dropped.
- control ``claimed_by`` is not matched on; its accuracy over matched pairs is reported, with
  null meaning "the reporter states it" (so a null gold value is compared here).
- aggregates ``period_days``: within one day of gold, or both null; ``of``: equal where gold
  gives it. Field accuracies are over pairs matched on the category head word alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sitroom.eval.gold import GoldRecord
from sitroom.eval.match import (
    JACCARD_MIN,
    Canonical,
    category_agrees,
    greedy_pairs,
    jaccard,
    name_agrees,
    part_agrees,
    place_agrees,
    speaker_agrees,
)
from sitroom.eval.scores import MetricScores, Ratio, Row, prf_rows
from sitroom.record import Aggregate, Claim, Control, SituationRecord

Doc = tuple[GoldRecord, SituationRecord | None]
# A field check: (gold item, predicted item) -> agrees, or None when gold does not annotate it.
Check = Callable[[Any, Any], bool | None]


def control_matches(gold: Control, pred: Control, canonical: Canonical) -> bool:
    return (
        place_agrees(gold.place, pred.place)
        and part_agrees(gold.part, pred.part)
        and name_agrees(gold.holder, pred.holder, canonical)
        and gold.status == pred.status
        and (gold.date is None or gold.date == pred.date)
    )


def control_located(gold: Control, pred: Control, canonical: Canonical) -> bool:
    """The control rule without status and date: the right holder at the right place."""
    return (
        place_agrees(gold.place, pred.place)
        and part_agrees(gold.part, pred.part)
        and name_agrees(gold.holder, pred.holder, canonical)
    )


# Confidence buckets whose measured precision ``eval --metric control`` prints: [low, high).
CONFIDENCE_BUCKETS = ((0.0, 0.5), (0.5, 0.65), (0.65, 0.8), (0.8, 1.01))


def score_control(docs: Sequence[Doc], canonical: Canonical) -> MetricScores:
    def agrees(g: Control, p: Control) -> bool:
        return control_matches(g, p, canonical)

    def located(g: Control, p: Control) -> bool:
        return control_located(g, p, canonical)

    checks: dict[str, Check] = {"claimed_by": _claimed_by}
    rows, matched = _matched_rows(docs, "control", agrees, None, checks, agrees)
    loose = _pair_counts(docs, located)
    rows += [(f"{name} (no status/date)", value) for name, value in prf_rows(*loose)[:4]]
    rows += _confidence_rows(docs, agrees)
    return MetricScores("control", rows, "", matched)


def _pair_counts(docs: Sequence[Doc], agrees: Callable[[Any, Any], bool]) -> tuple[int, int, int]:
    matched = gold_n = predicted_n = 0
    for gold, pred in docs:
        golds, preds = list(gold.control or ()), list(pred.control) if pred else []
        gold_n += len(golds)
        predicted_n += len(preds)
        matched += len(greedy_pairs(golds, preds, agrees))
    return matched, gold_n, predicted_n


def _confidence_rows(docs: Sequence[Doc], agrees: Callable[[Any, Any], bool]) -> list[Row]:
    """Precision of the predicted statements in each confidence bucket."""
    right = [0] * len(CONFIDENCE_BUCKETS)
    seen = [0] * len(CONFIDENCE_BUCKETS)
    for gold, pred in docs:
        golds, preds = list(gold.control or ()), list(pred.control) if pred else []
        hit = {pi for _, pi in greedy_pairs(golds, preds, agrees)}
        for pi, statement in enumerate(preds):
            for b, (low, high) in enumerate(CONFIDENCE_BUCKETS):
                if low <= statement.confidence < high:
                    seen[b] += 1
                    right[b] += pi in hit
    return [
        (f"precision at confidence {low:.2f}-{min(high, 1.0):.2f}", Ratio(right[b], seen[b]))
        for b, (low, high) in enumerate(CONFIDENCE_BUCKETS)
        if seen[b]
    ]


def score_claims(docs: Sequence[Doc], canonical: Canonical) -> MetricScores:
    def agrees(g: Claim, p: Claim) -> bool:
        return speaker_agrees(g.speaker, p.speaker)

    def prefer(g: Claim, p: Claim) -> float:
        return jaccard(g.content, p.content)

    checks: dict[str, Check] = {
        "role": lambda g, p: None if g.role is None else _role_agrees(g.role, p.role),
        "affiliation": lambda g, p: (
            None if g.affiliation is None else name_agrees(g.affiliation, p.affiliation, canonical)
        ),
        "channel": lambda g, p: _same_word(g.channel, p.channel),
        "stance": lambda g, p: _same_word(g.stance, p.stance),
        "about": lambda g, p: _same_word(g.about, p.about),
        "content": lambda g, p: jaccard(g.content, p.content) >= JACCARD_MIN,
    }
    rows, matched = _matched_rows(docs, "claims", agrees, prefer, checks, agrees)
    rows = [("speakers found", matched)] + [row for row in rows if row[0] != "matched"]
    return MetricScores("claims", rows, "", matched)


def aggregate_matches(gold: Aggregate, pred: Aggregate, canonical: Canonical) -> bool:
    return (
        (gold.actor is None or name_agrees(gold.actor, pred.actor, canonical))
        and gold.count == pred.count
        and (gold.of is None or gold.of == pred.of)
        and category_agrees(gold.category, pred.category)
        and _period_agrees(gold.period_days, pred.period_days)
    )


def score_aggregates(docs: Sequence[Doc], canonical: Canonical) -> MetricScores:
    def agrees(g: Aggregate, p: Aggregate) -> bool:
        return aggregate_matches(g, p, canonical)

    def same_category(g: Aggregate, p: Aggregate) -> bool:
        return category_agrees(g.category, p.category)

    checks: dict[str, Check] = {
        "actor": lambda g, p: None if g.actor is None else name_agrees(g.actor, p.actor, canonical),
        "verb": lambda g, p: _same_word(g.verb, p.verb),
        "count": lambda g, p: g.count == p.count,
        "of": lambda g, p: None if g.of is None else g.of == p.of,
        "period_days": lambda g, p: _period_agrees(g.period_days, p.period_days),
    }
    rows, matched = _matched_rows(docs, "aggregates", agrees, None, checks, same_category)
    return MetricScores("aggregates", rows, "", matched)


def _matched_rows(
    docs: Sequence[Doc],
    kind: str,
    agrees: Callable[[Any, Any], bool],
    prefer: Callable[[Any, Any], float] | None,
    checks: dict[str, Check],
    pair_on: Callable[[Any, Any], bool],
) -> tuple[list[Row], Ratio]:
    """P/R/F1 for ``agrees``, then each check's accuracy over pairs matched by ``pair_on``."""
    gold_n = predicted_n = matched_n = 0
    tallies = {name: [0, 0] for name in checks}
    for gold, pred in docs:
        golds = list(getattr(gold, kind) or ())
        preds = list(getattr(pred, kind)) if pred else []
        gold_n += len(golds)
        predicted_n += len(preds)
        matched_n += len(greedy_pairs(golds, preds, agrees, prefer))

        def agreeing(g: Any, p: Any) -> float:
            return sum(bool(check(g, p)) for check in checks.values())

        for gi, pi in greedy_pairs(golds, preds, pair_on, agreeing):
            for name, check in checks.items():
                verdict = check(golds[gi], preds[pi])
                if verdict is not None:
                    tallies[name][0] += verdict
                    tallies[name][1] += 1
    rows = prf_rows(matched_n, gold_n, predicted_n)
    rows += [(f"{name} accuracy", Ratio(*tally)) for name, tally in tallies.items() if tally[1]]
    return rows, Ratio(matched_n, gold_n)


def _claimed_by(gold: Control, pred: Control) -> bool:
    if gold.claimed_by is None or pred.claimed_by is None:
        return gold.claimed_by is None and pred.claimed_by is None
    return speaker_agrees(gold.claimed_by, pred.claimed_by)


def _role_agrees(gold: str, pred: str | None) -> bool:
    """ "spokesman" ~ "Taliban spokesman": the speaker rule (whole-word containment)."""
    return speaker_agrees(gold, pred)


def _same_word(gold: str, pred: str | None) -> bool:
    return pred is not None and gold.strip().casefold() == pred.strip().casefold()


def _period_agrees(gold: int | None, pred: int | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return abs(gold - pred) <= 1

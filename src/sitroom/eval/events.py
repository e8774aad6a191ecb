"""The events metric: one-to-one matching, per-field accuracies, one-event-a-doc classification.

Decisions (see also ``shared/docs/GOLD_FORMAT.md``, "Scoring"):
- The type field under test is a gold event's ``acled`` when annotated, else its ``plover``.
- A predicted event counts as a prediction when it carries a value in a type field that the
  document's gold events test (the dataset's fields for a document with no gold events).
  Its modality does not matter: gold marks planned events too (the seed's CONSULT).
- Per-field accuracies are over pairs matched on the type alone, each gold event taking the
  same-type prediction that agrees on the most fields.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from sitroom.eval.gold import GoldRecord
from sitroom.eval.match import Canonical, greedy_pairs, name_agrees, place_agrees
from sitroom.eval.scores import MetricScores, Ratio, Row, prf_rows
from sitroom.record import Event, Place, SituationRecord

TYPE_FIELDS = ("acled", "plover")
MATCH_FIELDS = ("date", "place", "actor1", "actor2")
REPORT_FIELDS = ("date", "place", "actor1", "actor2", "mode", "fatalities", "captured")
NONE_CLASS = "NONE"

Doc = tuple[GoldRecord, SituationRecord | None]


def type_field(event: Event) -> str | None:
    """The type field under test for a gold event: ``acled`` if annotated, else ``plover``."""
    for name in TYPE_FIELDS:
        if getattr(event, name) is not None:
            return name
    return None


def same_type(gold: Event, pred: Event) -> bool:
    name = type_field(gold)
    return name is None or _same_label(getattr(gold, name), getattr(pred, name))


def field_agrees(name: str, gold: Event, pred: Event | None, canonical: Canonical) -> bool | None:
    """Whether ``pred`` has gold's value for one field; None when gold leaves it unannotated."""
    gold_value = getattr(gold, name)
    if gold_value is None:
        return None
    if pred is None:
        return False
    pred_value = getattr(pred, name)
    if name == "place":
        return place_agrees(gold_value, pred_value)
    if name in ("actor1", "actor2"):
        return name_agrees(gold_value, pred_value, canonical)
    if name in ("fatalities", "captured"):
        return (pred_value or 0) == gold_value
    if name in TYPE_FIELDS or name == "mode":
        return _same_label(gold_value, pred_value)
    return bool(pred_value == gold_value)


def event_matches(gold: Event, pred: Event, canonical: Canonical) -> bool:
    """Same type, and every annotated field the metric names agrees."""
    return same_type(gold, pred) and all(
        field_agrees(name, gold, pred, canonical) is not False for name in MATCH_FIELDS
    )


def score_events(docs: Sequence[Doc], canonical: Canonical) -> MetricScores:
    dataset_fields = _tested_fields(e for g, _ in docs for e in g.events or ())
    gold_n = predicted_n = matched_n = typed_n = 0
    tallies: dict[str, list[int]] = {name: [0, 0] for name in REPORT_FIELDS}
    for gold, pred in docs:
        golds = list(gold.events or ())
        fields = _tested_fields(golds) or dataset_fields or TYPE_FIELDS
        preds = [e for e in (pred.events if pred else []) if _carries(e, fields)]
        gold_n += len(golds)
        predicted_n += len(preds)
        matched_n += len(greedy_pairs(golds, preds, lambda g, p: event_matches(g, p, canonical)))
        typed = greedy_pairs(
            golds, preds, same_type, lambda g, p: _agreeing_fields(g, p, canonical)
        )
        typed_n += len(typed)
        for gi, pi in typed:
            _tally(tallies, golds[gi], preds[pi], canonical)
    rows: list[Row] = prf_rows(matched_n, gold_n, predicted_n)
    rows.append(("type-matched pairs", Ratio(typed_n, gold_n)))
    rows += _accuracy_rows(tallies, "")
    if _one_event_a_doc(docs) and dataset_fields:  # gold that types its events
        rows += _classification_rows(docs, dataset_fields, canonical)
    if any(_gold_main(gold) for gold, _ in docs):
        main = _main_rows(docs)
        rows += main
        return MetricScores("events", rows, "main mean", dict(main)["main mean"])
    return MetricScores("events", rows, "F1", dict(rows)["F1"])


# The main event's perpetrator categories (FA-KES) and the words of an actor name that
# place it in one.
MAIN_ACTORS = {
    "Syrian government or Russia": ("government of syria", "military forces of syria",
                                    "regime", "syrian army", "russia", "assad"),
    "Islamic State": ("islamic state", "isis", "isil", "daesh"),
    "International coalition": ("coalition", "united states", "u.s.", "france",
                                "united kingdom", "britain"),
    "Armed opposition": ("rebel", "opposition", "free syrian army", "ahrar", "jaysh",
                         "jaish", "insurgent"),
    "Syrian Democratic Forces": ("syrian democratic forces", "sdf", "ypg", "kurdish"),
    "al-Nusra Front": ("nusra", "tahrir al-sham", "fateh al-sham", "fatah al-sham"),
}  # fmt: skip
# A cause of death and the ACLED sub-event types that fit it (dev README, FA-KES).
MAIN_CAUSES = {
    "shelling": {"Shelling/artillery/missile attack", "Air/drone strike"},
    "explosion": {"Remote explosive/landmine/IED", "Suicide bomb", "Grenade",
                  "Air/drone strike", "Shelling/artillery/missile attack"},
    "chemical": {"Chemical weapon"},
    "shooting": {"Armed clash", "Attack"},
    "execution": {"Attack"},
}  # fmt: skip
# Divisions a governorate's name also covers ("damascus" covers Rif Dimashq).
MAIN_PLACE_ALSO = {"damascus": ("Rif Dimashq", "Damascus Countryside")}


def _gold_main(gold: GoldRecord) -> dict | None:
    for item in (gold.raw_gold or {}).get("events") or ():
        if isinstance(item, dict) and item.get("main"):
            return item
    return None


def predicted_main(record: SituationRecord | None) -> Event | None:
    """The event marked main, else the first asserted one with a toll, else the first
    typed one."""
    events = record.events if record else []
    return (
        next((e for e in events if e.main), None)
        or next((e for e in events if e.modality == "asserted" and e.fatalities), None)
        or next((e for e in events if e.acled or e.plover), None)
    )


def _main_rows(docs: Sequence[Doc]) -> list[Row]:
    """Place (governorate), killed (exact and within 20%), perpetrator category and cause
    of each report's main event; the headline is their mean."""
    tallies: dict[str, list[int]] = {k: [0, 0] for k in ("place", "killed", "killed 20%",
                                                          "actor", "cause")}  # fmt: skip
    for gold, pred in docs:
        item = _gold_main(gold)
        if item is None:
            continue
        truth = gold.events[0] if gold.events else None
        guess = predicted_main(pred)
        checks = {
            "place": _main_place(truth.place, guess) if truth and truth.place else None,
            "killed": _main_killed(item.get("fatalities"), guess, 0.0),
            "killed 20%": _main_killed(item.get("fatalities"), guess, 0.2),
            "actor": _main_actor(item.get("actor1"), guess),
            "cause": _main_cause(item.get("cause"), guess),
        }
        for name, agrees in checks.items():
            if agrees is not None:
                tallies[name][0] += agrees
                tallies[name][1] += 1
    rows: list[Row] = [(f"main {k}", Ratio(r, n)) for k, (r, n) in tallies.items()]
    means = [r / n for k, (r, n) in tallies.items() if n and k != "killed 20%"]
    rows.append(("main mean", round(sum(means) / len(means), 3) if means else None))
    return rows


def _main_place(gold: Place, guess: Event | None) -> bool:
    if guess is None or guess.place is None:
        return False
    if place_agrees(gold, guess.place):
        return True
    also = MAIN_PLACE_ALSO.get(gold.name.casefold(), ())
    return any(place_agrees(replace(gold, name=name, admin1=name), guess.place) for name in also)


def _main_killed(gold: int | None, guess: Event | None, share: float) -> bool | None:
    if gold is None:
        return None
    killed = guess.fatalities if guess else None
    if killed is None:
        return False
    return abs(killed - gold) <= share * gold


def _main_actor(gold: str | None, guess: Event | None) -> bool | None:
    if gold is None:
        return None
    name = (guess.actor1 or "").casefold() if guess else ""
    return any(word in name for word in MAIN_ACTORS.get(gold, ()))


def _main_cause(gold: str | None, guess: Event | None) -> bool | None:
    if gold is None:
        return None
    return guess is not None and guess.acled in MAIN_CAUSES.get(gold, set())


def _classification_rows(
    docs: Sequence[Doc], dataset_fields: tuple[str, ...], canonical: Canonical
) -> list[Row]:
    """The doc's first predicted event carrying the type under test, scored as a label."""
    default = dataset_fields[0] if dataset_fields else TYPE_FIELDS[0]
    truth: list[str] = []
    guess: list[str] = []
    tallies: dict[str, list[int]] = {name: [0, 0] for name in REPORT_FIELDS}
    for gold, pred in docs:
        gold_event = gold.events[0] if gold.events else None
        name = (type_field(gold_event) if gold_event else None) or default
        first = next(
            (e for e in (pred.events if pred else []) if getattr(e, name) is not None), None
        )
        truth.append(_label(getattr(gold_event, name)) if gold_event else NONE_CLASS)
        guess.append(_label(getattr(first, name)) if first else NONE_CLASS)
        if gold_event is not None:
            _tally(tallies, gold_event, first, canonical)
    right = sum(t == g for t, g in zip(truth, guess, strict=True))
    rows: list[Row] = [
        ("doc type accuracy", Ratio(right, len(truth))),
        ("doc type weighted F1", weighted_f1(truth, guess)),
    ]
    return rows + _accuracy_rows(tallies, "doc ")


def weighted_f1(truth: Sequence[str], guess: Sequence[str]) -> float | None:
    """F1 per gold class, averaged with weights = gold support (as scikit-learn's "weighted")."""
    if not truth:
        return None
    support = Counter(truth)
    predicted = Counter(guess)
    right = Counter(t for t, g in zip(truth, guess, strict=True) if t == g)
    total = 0.0
    for label, n in support.items():
        tp = right[label]
        if tp:
            precision, recall = tp / predicted[label], tp / n
            total += n * 2 * precision * recall / (precision + recall)
    return total / len(truth)


def _accuracy_rows(tallies: dict[str, list[int]], prefix: str) -> list[Row]:
    """One row per field that some gold event annotates, in REPORT_FIELDS order."""
    return [
        (f"{prefix}{name} accuracy", Ratio(*tallies[name]))
        for name in REPORT_FIELDS
        if tallies[name][1]
    ]


def _tally(
    tallies: dict[str, list[int]], gold: Event, pred: Event | None, canonical: Canonical
) -> None:
    for name in REPORT_FIELDS:
        verdict = field_agrees(name, gold, pred, canonical)
        if verdict is not None:
            tallies[name][0] += verdict
            tallies[name][1] += 1


def _agreeing_fields(gold: Event, pred: Event, canonical: Canonical) -> float:
    return sum(bool(field_agrees(name, gold, pred, canonical)) for name in REPORT_FIELDS)


def _tested_fields(events: Iterable[Event]) -> tuple[str, ...]:
    """Type fields the gold events test, most used first."""
    counts = Counter(type_field(e) for e in events)
    return tuple(name for name, _ in counts.most_common() if name is not None)


def _carries(event: Event, fields: Sequence[str]) -> bool:
    return any(getattr(event, name) is not None for name in fields)


def _one_event_a_doc(docs: Sequence[Doc]) -> bool:
    sizes = [len(g.events or ()) for g, _ in docs]
    return max(sizes, default=0) == 1


def _label(value: str) -> str:
    return value.strip().casefold()


def _same_label(gold: str | None, pred: str | None) -> bool:
    if gold is None or pred is None:
        return False
    return gold.strip().casefold() == pred.strip().casefold()

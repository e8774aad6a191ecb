"""The scorer: gold against itself is perfect, and each perturbation lowers the right figure."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from rich.console import Console

from sitroom.errors import GoldFormatError
from sitroom.eval import (
    METRICS,
    GoldRecord,
    Ratio,
    gold_from_dict,
    headline,
    load_gold,
    records_from_gold,
    render_table,
    score,
    to_json,
)
from sitroom.eval.match import admin1_agrees, part_agrees
from sitroom.record import Event, Evidence, Place, SituationRecord, Toponym

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "seed.gold.jsonl"
DEV = SHARED / "eval" / "dev"
EVIDENCE = Evidence("d1", 0, 0, 0, "", "test")


def _place(name: str, lat: float, lon: float, precision: str = "town", admin1=None) -> dict:
    return {"name": name, "lat": lat, "lon": lon, "country": "AF", "admin1": admin1,
            "precision": precision}  # fmt: skip


KUNDUZ = _place("Kunduz", 36.72896, 68.857, admin1="Kunduz")


def _gold(**lists: list) -> GoldRecord:
    text = "KABUL, Afghanistan: the Taliban took Kunduz, Kunduz province, on Sunday."
    return gold_from_dict({"doc_id": "d1", "date": "2021-08-10", "text": text, "gold": lists})


def _control(**changes) -> dict:
    item = {"place": KUNDUZ, "part": None, "holder": "Taliban", "status": "captured",
            "date": "2021-08-08", "claimed_by": None}  # fmt: skip
    return {**item, **changes}


def _event(**changes) -> dict:
    item = {"acled": "Non-state actor overtakes territory", "date": "2021-08-08",
            "place": KUNDUZ, "actor1": "Taliban",
            "actor2": "Government of Afghanistan"}  # fmt: skip
    return {**item, **changes}


def _claim(**changes) -> dict:
    item = {"speaker": "U.S. State Department", "affiliation": "United States", "role": None,
            "channel": "said", "content": "press the Taliban to stop their offensive",
            "stance": "assert", "about": "other"}  # fmt: skip
    return {**item, **changes}


def _aggregate(**changes) -> dict:
    item = {"actor": "Taliban", "verb": "captured", "count": 6, "of": 34,
            "category": "provincial capital", "period_days": 7}  # fmt: skip
    return {**item, **changes}


def _predict(gold: GoldRecord, **lists: list) -> dict[str, SituationRecord]:
    """The gold record as a perfect prediction, with some lists replaced."""
    record = records_from_gold([gold])[gold.doc_id]
    return {gold.doc_id: dataclasses.replace(record, **lists)}


def _items(kind: str, *dicts: dict) -> list:
    return list(getattr(_gold(**{kind: list(dicts)}), kind))


# --- gold against itself ----------------------------------------------------------------


def test_seed_gold_scored_against_itself_is_perfect():
    gold = load_gold(SEED)
    scores = score(gold, records_from_gold(gold), set(METRICS))
    assert scores["events"].rate("F1") == 1.0
    assert scores["events"].rate("precision") == 1.0
    assert scores["toponyms"].rate("acc@161km") == 1.0
    assert scores["toponyms"].rate("median error km") == 0.0
    assert scores["control"].get("matched") == Ratio(7, 7)
    assert scores["claims"].get("speakers found") == Ratio(4, 4)
    assert scores["aggregates"].get("matched") == Ratio(1, 1)
    assert headline(scores) == (
        "headline: events F1 1.00 | toponyms acc@161km 1.00 | control 7/7 | claims 4/4"
        " | aggregates 1/1"
    )


@pytest.mark.parametrize(
    "name", ["isaf_press_releases", "acled_notes", "plover_gsr", "lgl"], ids=str
)
def test_dev_gold_scored_against_itself_is_perfect(name):
    gold = load_gold(DEV / f"{name}.jsonl")
    scores = score(gold, records_from_gold(gold), set(METRICS))
    for result in scores.metrics.values():
        for row, value in result.rows:
            if isinstance(value, Ratio) and value.total:
                assert value.n == value.total, (result.metric, row)
    metric = "toponyms" if name == "lgl" else "events"
    assert list(scores.metrics) == [metric]
    assert set(scores.skipped) == set(METRICS) - {metric}
    if metric == "events":
        assert scores["events"].rate("doc type weighted F1") == 1.0


def test_isaf_gold_with_unicode_line_separators_loads_one_record_a_line():
    # Regression: str.splitlines() broke ISAF texts at U+2028 and read line 2 as bad JSON.
    gold = load_gold(DEV / "isaf_press_releases.jsonl")
    assert len(gold) == 362
    assert any("\u2028" in g.text for g in gold)


# --- events ---------------------------------------------------------------------------------


def test_event_date_off_by_a_day_lowers_f1_and_date_accuracy_only():
    gold = _gold(events=[_event()])
    pred = _predict(gold, events=_items("events", _event(date="2021-08-09")))
    events = score([gold], pred, {"events"})["events"]
    assert events.rate("F1") == 0.0
    assert events.get("date accuracy") == Ratio(0, 1)
    assert events.get("place accuracy") == Ratio(1, 1)
    assert events.get("actor1 accuracy") == Ratio(1, 1)


def test_event_place_30_km_away_lowers_f1_and_place_accuracy_only():
    gold = _gold(events=[_event()])
    moved = _place("Kunduz", 36.72896 + 0.27, 68.857, admin1="Kunduz")  # ~30 km north
    pred = _predict(gold, events=_items("events", _event(place=moved)))
    events = score([gold], pred, {"events"})["events"]
    assert events.rate("F1") == 0.0
    assert events.get("place accuracy") == Ratio(0, 1)
    assert events.get("date accuracy") == Ratio(1, 1)


def test_event_place_20_km_away_still_matches():
    gold = _gold(events=[_event()])
    near = _place("Kunduz", 36.72896 + 0.18, 68.857)
    pred = _predict(gold, events=_items("events", _event(place=near)))
    assert score([gold], pred, {"events"})["events"].rate("F1") == 1.0


@pytest.mark.parametrize(
    ("gold_admin1", "pred_admin1", "agrees"),
    [
        ("Nimruz", "Nimroz Province", True),
        ("Sar-e Pol", "Sar-e Pul", True),
        ("Khost", "Khowst", True),
        ("Uruzgan", "Oruzgan", True),
        ("Paktia", "Paktika", False),
        ("Kabul", "Zabul", False),
        ("Helmand", "Kandahar", False),
    ],
)
def test_admin1_spelling_variants(gold_admin1, pred_admin1, agrees):
    assert admin1_agrees(gold_admin1, pred_admin1) is agrees


def test_admin1_gold_place_matches_far_prediction_in_the_same_province_spelled_differently():
    province = _place("Nimruz", 30.9, 62.3, precision="admin1", admin1="Nimruz")
    gold = _gold(events=[_event(place=province)])
    town = _place("Zaranj", 30.96, 61.86, admin1="Nimroz")  # ~43 km from the centroid
    pred = _predict(gold, events=_items("events", _event(place=town)))
    assert score([gold], pred, {"events"})["events"].rate("F1") == 1.0
    neighbour = _place("Lashkar Gah", 31.59, 64.37, admin1="Helmand")
    pred = _predict(gold, events=_items("events", _event(place=neighbour)))
    assert score([gold], pred, {"events"})["events"].get("place accuracy") == Ratio(0, 1)


def test_event_type_under_test_is_acled_when_gold_annotates_it():
    gold = _gold(events=[_event(plover="SEIZE")])
    pred = _predict(gold, events=_items("events", _event(plover="SEIZE", acled="Armed clash")))
    events = score([gold], pred, {"events"})["events"]
    assert events.rate("F1") == 0.0
    assert events.get("type-matched pairs") == Ratio(0, 1)


def test_actor_alias_resolution_uses_canonical_on_both_sides():
    gold = _gold(events=[_event()])
    pred = _predict(gold, events=_items("events", _event(actor2="Afghan government")))
    aliases = {"afghan government": "Government of Afghanistan"}

    def canonical(name: str) -> str:
        return aliases.get(name.casefold(), name)

    assert score([gold], pred, {"events"})["events"].rate("F1") == 0.0
    assert score([gold], pred, {"events"}, canonical=canonical)["events"].rate("F1") == 1.0


def test_planned_events_count_as_predictions():
    gold = _gold(events=[_event(acled=None, plover="CONSULT", place=None, actor2=None)])
    planned = dataclasses.replace(gold.events[0], modality="planned")
    extra = dataclasses.replace(planned, plover="AGREE")
    events = score([gold], _predict(gold, events=[planned, extra]), {"events"})["events"]
    assert events.get("matched") == Ratio(1, 1)
    assert events.get("predicted") == 2
    assert events.rate("precision") == 0.5


def test_one_event_a_doc_scores_the_first_typed_event_as_a_classification():
    isaf = {"plover": "ASSAULT", "acled": "Armed clash", "date": "2013-01-24",
            "place": _place("Ghazni", 33.29, 67.81, "admin1", "Ghazni"),
            "actor2": "Taliban", "fatalities": 1, "captured": 0}  # fmt: skip
    golds = [
        gold_from_dict({"doc_id": f"d{i}", "date": None, "text": "x", "gold": {"events": evs}})
        for i, evs in enumerate([[isaf], [{**isaf, "acled": "Arrests", "fatalities": 0}], []])
    ]
    untyped = Event(None, None, None, None, None, None, None, EVIDENCE)
    first = dataclasses.replace(golds[0].events[0], fatalities=None)
    second = dataclasses.replace(golds[1].events[0], fatalities=None)
    predicted = {
        "d0": SituationRecord("d0", None, "x", events=[untyped, first]),
        "d1": SituationRecord("d1", None, "x", events=[untyped, second]),
        "d2": SituationRecord("d2", None, "x", events=[untyped]),
    }
    events = score(golds, predicted, {"events"})["events"]
    assert events.get("doc type accuracy") == Ratio(3, 3)  # d2: NONE == NONE
    assert events.rate("doc type weighted F1") == 1.0
    # a null predicted count reads as 0: right for d1 (0), wrong for d0 (1)
    assert events.get("doc fatalities accuracy") == Ratio(1, 2)
    assert events.get("doc captured accuracy") == Ratio(2, 2)
    predicted["d1"] = SituationRecord("d1", None, "x", events=[])
    events = score(golds, predicted, {"events"})["events"]
    assert events.get("doc type accuracy") == Ratio(2, 3)
    assert events.get("doc date accuracy") == Ratio(1, 2)
    # classes: armed clash (1 right of 1), arrests (0 of 1, F1 0), none (1 of 1, P 1/2)
    assert events.rate("doc type weighted F1") == pytest.approx((1 + 0 + 2 / 3) / 3)


def test_missing_prediction_is_scored_as_empty_record():
    gold = _gold(events=[_event()])
    scores = score([gold], {}, {"events"})
    assert scores.unpredicted == 1
    assert scores["events"].get("matched") == Ratio(0, 1)
    assert scores["events"].rate("F1") == 0.0


# --- toponyms -------------------------------------------------------------------------------


def _seed() -> GoldRecord:
    return load_gold(SEED)[0]


def test_missing_toponym_lowers_accuracy_and_detection_recall():
    gold = _seed()
    pred = _predict(gold, toponyms=list(gold.toponyms[1:]))
    toponyms = score([gold], pred, {"toponyms"})["toponyms"]
    assert toponyms.get("acc@161km") == Ratio(13, 14)
    assert toponyms.get("detection recall") == Ratio(13, 14)
    assert toponyms.rate("mean error km") == 0.0


def test_overlapping_but_far_toponym_is_detected_but_wrong():
    gold = _seed()
    kabul = gold.toponyms[0]
    far = Toponym(start=kabul.start + 1, end=kabul.end + 3, text="ABUL, ", lat=31.6, lon=65.7)
    pred = _predict(gold, toponyms=[far, *gold.toponyms[1:]])
    toponyms = score([gold], pred, {"toponyms"})["toponyms"]
    assert toponyms.get("acc@161km") == Ratio(13, 14)
    assert toponyms.get("detection recall") == Ratio(14, 14)
    assert toponyms.rate("mean error km") > 161 / 14


def test_adjacent_toponym_does_not_overlap_a_span_ending_before_it():
    gold = _seed()
    kabul = gold.toponyms[0]  # KABUL at 0..5; a prediction starting at 5 does not overlap
    after = Toponym(start=kabul.end, end=kabul.end + 2, text=", ", lat=kabul.lat, lon=kabul.lon)
    pred = _predict(gold, toponyms=[after, *gold.toponyms[1:]])
    assert score([gold], pred, {"toponyms"})["toponyms"].get("detection recall") == Ratio(13, 14)


# --- control --------------------------------------------------------------------------------


def test_wrong_holder_lowers_control_only():
    gold = _seed()
    control = list(gold.control)
    control[0] = dataclasses.replace(control[0], holder="Government of Afghanistan")
    scores = score([gold], _predict(gold, control=control), set(METRICS))
    assert scores["control"].get("matched") == Ratio(6, 7)
    assert scores["control"].rate("precision") == pytest.approx(6 / 7)
    assert scores["events"].rate("F1") == 1.0
    assert "control 6/7" in headline(scores)


def test_control_date_only_compared_where_gold_gives_one():
    gold = _gold(control=[_control(date=None)])
    pred = _predict(gold, control=_items("control", _control(date="2021-08-09")))
    assert score([gold], pred, {"control"})["control"].get("matched") == Ratio(1, 1)
    gold = _gold(control=[_control()])
    pred = _predict(gold, control=_items("control", _control(date="2021-08-09")))
    assert score([gold], pred, {"control"})["control"].get("matched") == Ratio(0, 1)


@pytest.mark.parametrize(
    ("gold_part", "pred_part", "agrees"),
    [
        ("airport", "strategic airport", True),
        ("Airport", "airport", True),
        (None, None, True),
        ("airport", None, False),
        ("army base", "military base", False),
        ("army base", "base", True),
        ("neighbourhoods", "neighborhood", True),
        ("rebel-held parts (east)", "parts", True),
        ("rebel-held parts (east)", "east", False),
        ("eastern districts", "western districts", False),
    ],
)
def test_control_part_head_word(gold_part, pred_part, agrees):
    assert part_agrees(gold_part, pred_part) is agrees


def test_control_place_30_km_away_does_not_match():
    gold = _gold(control=[_control()])
    moved = _place("Kunduz", 36.72896 + 0.27, 68.857)
    pred = _predict(gold, control=_items("control", _control(place=moved)))
    assert score([gold], pred, {"control"})["control"].get("matched") == Ratio(0, 1)


# --- claims and aggregates --------------------------------------------------------------------


def test_claim_speaker_matches_by_whole_word_containment():
    gold = _gold(claims=[_claim()])
    pred = _predict(gold, claims=_items("claims", _claim(speaker="State Department")))
    claims = score([gold], pred, {"claims"})["claims"]
    assert claims.get("speakers found") == Ratio(1, 1)
    pred = _predict(gold, claims=_items("claims", _claim(speaker="Department of State")))
    assert score([gold], pred, {"claims"})["claims"].get("speakers found") == Ratio(0, 1)


def test_claim_wrong_channel_and_loose_content_lower_their_accuracies_only():
    gold = _gold(claims=[_claim()])
    changed = _claim(channel="tweeted", content="the Taliban should negotiate a settlement")
    claims = score([gold], _predict(gold, claims=_items("claims", changed)), {"claims"})["claims"]
    assert claims.get("speakers found") == Ratio(1, 1)
    assert claims.get("channel accuracy") == Ratio(0, 1)
    assert claims.get("content accuracy") == Ratio(0, 1)
    assert claims.get("stance accuracy") == Ratio(1, 1)
    assert claims.get("affiliation accuracy") == Ratio(1, 1)


def test_aggregate_category_plural_and_period_within_a_day_match():
    gold = _gold(aggregates=[_aggregate()])
    close = _aggregate(category="provincial capitals", period_days=6)
    pred = _predict(gold, aggregates=_items("aggregates", close))
    assert score([gold], pred, {"aggregates"})["aggregates"].get("matched") == Ratio(1, 1)


def test_aggregate_period_two_days_off_lowers_match_and_period_accuracy():
    gold = _gold(aggregates=[_aggregate()])
    pred = _predict(gold, aggregates=_items("aggregates", _aggregate(period_days=5)))
    aggregates = score([gold], pred, {"aggregates"})["aggregates"]
    assert aggregates.get("matched") == Ratio(0, 1)
    assert aggregates.get("period_days accuracy") == Ratio(0, 1)
    assert aggregates.get("count accuracy") == Ratio(1, 1)


# --- lists that are not annotated, output ---------------------------------------------------


def test_unannotated_list_is_not_scored_but_empty_list_is():
    gold = _gold(events=[])
    pred = _predict(gold, events=_items("events", _event()))
    scores = score([gold], pred, {"events", "control"})
    assert scores.skipped == ("control",)
    assert scores["events"].rate("precision") == 0.0
    assert scores["events"].get("predicted") == 1


def test_unknown_metric_is_refused():
    with pytest.raises(ValueError, match="unknown metric"):
        score([], {}, {"event"})


def test_json_and_table_output():
    gold = _seed()
    scores = score([gold], records_from_gold([gold]), set(METRICS))
    data = json.loads(json.dumps(to_json(scores)))
    assert data["metrics"]["control"]["headline"]["value"] == {"n": 7, "total": 7, "value": 1.0}
    assert data["metrics"]["events"]["rows"]["F1"] == 1.0
    assert "\n" not in data["headline"]
    console = Console(record=True, width=100)
    console.print(render_table(scores))
    assert "acc@161km" in console.export_text()


# --- malformed gold ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "not JSON"),
        ('{"doc_id": "a", "date": null, "text": "x"}', "'gold' must be an object"),
        ('{"doc_id": "a", "date": "2021-13-01", "text": "x", "gold": {}}', "calendar day"),
        ('{"doc_id": "a", "date": null, "text": "x", "gold": {"events": {}}}', "must be a list"),
        (
            json.dumps(
                {
                    "doc_id": "a",
                    "date": None,
                    "text": "x",
                    "gold": {"control": [_control(holder=None)]},
                }
            ),
            "'holder'",
        ),  # fmt: skip
        (
            json.dumps(
                {
                    "doc_id": "a",
                    "date": None,
                    "text": "x",
                    "gold": {"toponyms": [{"start": 5, "end": 5, "text": "K", "lat": 1, "lon": 2}]},
                }
            ),
            "span",
        ),  # fmt: skip
    ],
)
def test_malformed_gold_line_names_path_and_line(tmp_path, line, problem):
    path = tmp_path / "gold.jsonl"
    good = json.dumps({"doc_id": "ok", "date": None, "text": "x", "gold": {"events": []}})
    path.write_text(f"{good}\n\n{line}\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=problem) as caught:
        load_gold(path)
    assert str(caught.value).startswith(f"{path}:3: ")


def test_duplicate_doc_id_is_malformed(tmp_path):
    path = tmp_path / "gold.jsonl"
    line = json.dumps({"doc_id": "a", "date": None, "text": "x", "gold": {"events": []}})
    path.write_text(f"{line}\n{line}\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r":2: doc_id 'a' already used on line 1"):
        load_gold(path)


# --- the main event (FA-KES) ------------------------------------------------------------

ALEPPO = {"name": "Aleppo", "lat": 36.2, "lon": 37.16, "precision": "admin1"}


def _main_gold(**changes) -> GoldRecord:
    item = {"place": ALEPPO, "actor1": "Syrian government or Russia", "cause": "shelling",
            "fatalities": 20, "main": True, **changes}  # fmt: skip
    text = "Regime shelling killed 20 people in Aleppo."
    return gold_from_dict({"doc_id": "m1", "date": "2016-07-10", "text": text,
                           "gold": {"events": [item]}})  # fmt: skip


def _main_prediction(gold: GoldRecord, **changes) -> dict[str, SituationRecord]:
    event = dataclasses.replace(
        gold.events[0],
        acled="Shelling/artillery/missile attack",
        actor1="Government of Syria (2000-2024)",
        place=Place("Aleppo", 36.21, 37.16, "SY", "Halab", "town"),
        main=True,
    )
    record = records_from_gold([gold])[gold.doc_id]
    return {
        gold.doc_id: dataclasses.replace(record, events=[dataclasses.replace(event, **changes)])
    }


def test_the_main_event_is_scored_on_place_killed_actor_and_cause():
    gold = _main_gold()
    result = score([gold], _main_prediction(gold), {"events"})["events"]
    assert result.get("main mean") == 1.0  # "Halab" is GeoNames' name of Aleppo governorate
    wrong = score([gold], _main_prediction(gold, acled="Armed clash", fatalities=23), {"events"})
    rows = wrong["events"]
    assert rows.get("main cause") == Ratio(0, 1) and rows.get("main killed") == Ratio(0, 1)
    assert rows.get("main killed 20%") == Ratio(1, 1) and rows.get("main place") == Ratio(1, 1)
    assert rows.get("main mean") == 0.5


def test_a_main_field_gold_leaves_unknown_is_not_scored():
    gold = _main_gold(actor1=None, cause=None)
    result = score([gold], _main_prediction(gold, actor1=None), {"events"})["events"]
    assert result.get("main actor") == Ratio(0, 0) and result.get("main mean") == 1.0

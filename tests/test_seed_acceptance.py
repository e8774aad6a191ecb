"""The reference report end to end: issue 2's acceptance, measured by our own scorer.

The report is used as data only; nothing in the package is written for its sentences.
"""

import pytest

from conftest import SEED_GOLD
from sitroom.actors import ActorDictionary
from sitroom.eval import load_gold, score
from sitroom.eval.run import report_of


@pytest.fixture(scope="module")
def seed(pipeline):
    [gold] = load_gold(SEED_GOLD)
    record = pipeline.extract(report_of(gold))
    scores = score([gold], {gold.doc_id: record}, canonical=ActorDictionary.load().canonical)
    return record, scores


def test_toponyms_within_161km(seed):
    _, scores = seed
    assert scores.metrics["toponyms"].rate("acc@161km") >= 0.9


def test_control_statements_matched(seed):
    _, scores = seed
    matched = scores.metrics["control"].get("matched")
    assert matched.n >= 5 and matched.total == 7


def test_kunduz_is_taken_while_its_airport_and_base_hold(seed):
    record, _ = seed
    kunduz = {
        (c.part, c.holder, c.status, c.date) for c in record.control if c.place.name == "Kunduz"
    }
    assert (None, "Taliban", "captured", "2021-08-08") in kunduz
    assert {p for p, h, s, _ in kunduz if s == "retained" and h == "Government of Afghanistan"} >= {
        "airport",
        "army base",
    }


def test_farah_claim_and_counter_claim_name_their_speakers(seed):
    record, _ = seed
    farah = {(c.part, c.status, c.claimed_by) for c in record.control if c.place.name == "Farah"}
    assert (None, "captured", "Zabihullah Mujahed") in farah
    assert ("intelligence department", "retained", "Abdul Naser Farahi") in farah


def test_all_claim_speakers_with_role_or_affiliation(seed):
    _, scores = seed
    claims = scores.metrics["claims"]
    assert claims.get("speakers found").n == 4
    assert claims.rate("role accuracy") == 1.0
    assert claims.rate("affiliation accuracy") == 1.0


def test_aggregate_six_of_34_capitals_within_a_week(seed):
    record, scores = seed
    assert scores.metrics["aggregates"].get("matched").n == 1
    [aggregate] = [a for a in record.aggregates if a.count == 6]
    assert (aggregate.actor, aggregate.of, aggregate.period_days) == ("Taliban", 34, 7)


def test_capture_event_dated_from_sunday_and_visit_on_publication_day(seed):
    record, _ = seed
    captures = [e for e in record.events if e.acled == "Non-state actor overtakes territory"]
    assert any(e.place.name == "Kunduz" and e.date == "2021-08-08" for e in captures)
    visits = [e for e in record.events if e.plover == "CONSULT" and e.mode == "visit"]
    assert any(e.place.name == "Doha" and e.date == "2021-08-10" for e in visits)


def test_every_item_carries_its_sentence(seed):
    record, _ = seed
    for item in [*record.events, *record.control, *record.claims, *record.aggregates]:
        evidence = item.evidence
        assert record.text[evidence.start : evidence.end] == evidence.text
        assert evidence.extractor.startswith("sitroom.")


def test_all_five_gold_events_with_the_planned_pressure_marked_planned(seed):
    record, scores = seed
    matched = scores.metrics["events"].get("matched")
    assert (matched.n, matched.total) == (5, 5)
    pressing = [e for e in record.events if e.plover == "DEMAND" and e.actor2 == "Taliban"]
    assert pressing and all(e.modality == "planned" for e in pressing)

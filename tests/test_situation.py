"""The situation picture on hand-built records written to a real store (no NLP): control
over time, claimed vs confirmed, contradictions vs qualifications, incidents, incremental
refresh. Places and actors are real entries of the gazetteer and the actor dictionary."""

from __future__ import annotations

import datetime as dt

import pytest

from sitroom.record import (
    Aggregate,
    Claim,
    Control,
    Event,
    Evidence,
    Place,
    Report,
    SituationRecord,
)
from sitroom.situation import (
    Sides,
    check_aggregates,
    compute,
    contested,
    load,
    merge_events,
    picture_on,
    rebuild,
    refresh,
    timeline,
)
from sitroom.situation.derived import dirty_places
from sitroom.store import Store, fingerprint
from sitroom.store.keys import place_key_sql

RSF = "Military Forces of Sudan (2019-) Rapid Support Forces"
ARMY = "Military Forces of Sudan (2019-)"
GOVERNMENT = "Government of Sudan (2019-)"
SLM = "SLM/A-Minni Minawi"
NYALA = Place("Nyala", 12.05, 24.88, "SD", "South Darfur", "town", 369004)
KOSTI = Place("Kosti", 13.16, 32.66, "SD", "White Nile", "town", 371760)
FASHER = Place("El Fasher", 13.63, 25.35, "SD", "North Darfur", "town", 379555)
NEAR_FASHER = Place("Abu Shouk", 13.66, 25.37, "SD", "North Darfur", "town", None)


@pytest.fixture(scope="module")
def sides():
    return Sides()


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "situation.sqlite") as opened:
        yield opened


def _evidence(doc_id, sentence=0, text="A sentence."):
    return Evidence(doc_id, sentence, 0, len(text), text, "test.v1")


def control(place, holder, status, day, *, part=None, by=None, stance="assert", sentence=0):
    return (place, part, holder, status, day, by, stance, sentence)


def write(store, doc_id, day, *items, claims=(), events=(), aggregates=()):
    """One report holding these control statements (and claims, events, aggregates)."""
    text = f"Report {doc_id}."
    report = Report(doc_id, text, dt.date.fromisoformat(day), "header")
    record = SituationRecord(doc_id, day, text)
    for place, part, holder, status, when, by, stance, sentence in items:
        evidence = _evidence(doc_id, sentence, f"{doc_id} sentence {sentence}.")
        record.control.append(Control(place, part, holder, status, when, by, evidence, stance))
    for speaker, affiliation, role, stance, sentence in claims:
        evidence = _evidence(doc_id, sentence, f"{doc_id} sentence {sentence}.")
        claim = Claim(speaker, affiliation, role, "said", "...", stance, "control", evidence)
        record.claims.append(claim)
    record.events.extend(events)
    record.aggregates.extend(aggregates)
    return store.write(report, record, fingerprint(report, "test"))


def entries(store, sides, place):
    return [
        (e["holder"], e["status"], e["since"], e["until"], e["state"])
        for e in timeline(load(store.conn, sides), place)
    ]


def on(store, sides, day, place):
    [found] = [p for p in picture_on(load(store.conn, sides), day) if p["place"] == place]
    return found


def test_later_capture_supersedes_earlier(store, sides):
    write(store, "a", "2023-10-27", control(NYALA, RSF, "captured", "2023-10-26"))
    write(store, "b", "2023-11-21", control(NYALA, SLM, "captured", "2023-11-20"))
    assert entries(store, sides, "Nyala") == [
        (RSF, "captured", "2023-10-26", "2023-11-20", "confirmed"),
        (SLM, "captured", "2023-11-20", None, "confirmed"),
    ]
    assert on(store, sides, "2023-11-01", "Nyala")["holders"][0]["holder"] == RSF
    assert on(store, sides, "2023-11-20", "Nyala")["holders"][0]["holder"] == SLM


def test_regained_reverses_a_capture_whatever_order_reports_arrive_in(store, sides):
    write(store, "late", "2024-01-14", control(NYALA, ARMY, "regained", "2024-01-13"))
    write(store, "early", "2023-12-19", control(NYALA, RSF, "captured", "2023-12-18"))
    assert entries(store, sides, "Nyala") == [
        (RSF, "captured", "2023-12-18", "2024-01-13", "confirmed"),
        (ARMY, "regained", "2024-01-13", None, "confirmed"),
    ]


def test_army_and_government_hold_for_one_side(store, sides):
    write(store, "a", "2024-01-14", control(NYALA, ARMY, "retained", "2024-01-13"))
    write(store, "b", "2024-01-15", control(NYALA, GOVERNMENT, "retained", "2024-01-14"))
    assert [e[4] for e in entries(store, sides, "Nyala")] == ["confirmed"]
    assert not contested(load(store.conn, sides))


def test_a_partys_claim_alone_is_claimed(store, sides):
    spokesman = ("Ahmed Hassan", RSF, "spokesman", "assert", 0)
    write(
        store,
        "a",
        "2024-02-10",
        control(NYALA, RSF, "captured", None, by="Ahmed Hassan"),
        claims=[spokesman],
    )
    assert entries(store, sides, "Nyala") == [(RSF, "captured", "2024-02-10", None, "claimed")]


def test_a_claim_is_confirmed_by_an_independent_witness(store, sides):
    write(
        store,
        "a",
        "2023-10-27",
        control(NYALA, RSF, "captured", "2023-10-26", by="RSF"),
        claims=[("RSF", RSF, None, "assert", 0)],
    )
    write(
        store,
        "b",
        "2023-10-28",
        control(NYALA, RSF, "captured", "2023-10-26", by="a resident"),
        claims=[("a resident", None, None, "assert", 0)],
    )
    [entry] = timeline(load(store.conn, sides), "Nyala")
    assert entry["state"] == "confirmed"
    assert entry["sources"] == ["a", "b"] and entry["speakers"] == ["RSF", "a resident"]


def test_part_holding_out_is_a_qualification_not_a_contradiction(store, sides):
    write(
        store,
        "a",
        "2024-05-13",
        control(FASHER, RSF, "captured", "2024-05-12"),
        control(FASHER, ARMY, "retained", "2024-05-12", part="strategic airport"),
    )
    picture = load(store.conn, sides)
    [pair] = contested(picture)
    assert pair.kind == "qualification"
    assert (pair.a.holder, pair.b.holder, pair.b.part) == (RSF, ARMY, "strategic airport")
    place = on(store, sides, "2024-05-12", "El Fasher")
    assert place["state"] == "contested"
    assert place["holders"][0]["holder"] == RSF
    assert place["parts"][0]["state"] == "confirmed"


def test_whole_place_taken_later_ends_an_older_holdout(store, sides):
    write(
        store,
        "a",
        "2024-05-13",
        control(FASHER, RSF, "captured", "2024-05-12"),
        control(FASHER, ARMY, "retained", "2024-05-12", part="airport"),
    )
    write(store, "b", "2024-06-02", control(FASHER, RSF, "captured", "2024-06-01"))
    assert on(store, sides, "2024-05-20", "El Fasher")["state"] == "contested"
    later = on(store, sides, "2024-06-05", "El Fasher")
    assert later["parts"] == [] and later["state"] == "confirmed"


def test_same_day_rival_claims_contradict_and_name_both_speakers(store, sides):
    write(
        store,
        "a",
        "2024-03-05",
        control(KOSTI, SLM, "captured", None, by="an SLM spokesman", sentence=2),
        claims=[("an SLM spokesman", SLM, "spokesman", "assert", 2)],
    )
    write(
        store,
        "b",
        "2024-03-05",
        control(KOSTI, ARMY, "retained", None, by="Nabil Abdallah", sentence=4),
        claims=[("Nabil Abdallah", ARMY, "spokesman", "assert", 4)],
    )
    [pair] = contested(load(store.conn, sides))
    data = pair.as_json()
    assert data["kind"] == "contradiction" and data["counter_claim"]
    assert data["a"]["statements"][0]["speaker"] == "an SLM spokesman"
    assert data["a"]["statements"][0]["sentence"] == 2
    assert data["b"]["statements"][0]["speaker"] == "Nabil Abdallah"
    assert data["b"]["statements"][0]["text"] == "b sentence 4."
    assert on(store, sides, "2024-03-05", "Kosti")["state"] == "contested"


def test_a_denial_contests_the_capture_it_denies(store, sides):
    write(
        store,
        "a",
        "2024-04-02",
        control(KOSTI, RSF, "captured", None, by="RSF"),
        claims=[("RSF", RSF, None, "assert", 0)],
    )
    write(
        store,
        "b",
        "2024-04-03",
        control(KOSTI, RSF, "captured", None, by="Sudanese army"),
        claims=[("Sudanese army", ARMY, None, "deny", 0)],
    )
    [pair] = contested(load(store.conn, sides))
    assert pair.denial and pair.as_json()["b"]["statements"][0]["stance"] == "deny"
    assert entries(store, sides, "Kosti")[0][4] == "contested"


def test_withdrawal_ends_the_holding(store, sides):
    write(store, "a", "2023-11-01", control(KOSTI, RSF, "captured", "2023-10-31"))
    write(store, "b", "2023-11-24", control(KOSTI, RSF, "withdrawn", "2023-11-23"))
    assert on(store, sides, "2023-11-10", "Kosti")["holders"][0]["holder"] == RSF
    assert all(p["place"] != "Kosti" for p in picture_on(load(store.conn, sides), "2023-12-01"))


def test_recompute_on_a_past_day_ignores_later_reports(store, sides):
    write(store, "a", "2023-12-19", control(NYALA, RSF, "captured", "2023-12-18"))
    write(store, "b", "2024-01-14", control(NYALA, ARMY, "regained", "2024-01-13"))
    then = compute(store.conn, sides, until="2024-01-01")
    [segment] = next(iter(then.values()))
    assert (segment.holder, segment.until) == (RSF, None)


def _event(doc_id, day, place, actor1=RSF, actor2=None, acled="Attack", fatalities=None):
    return Event(
        "ASSAULT", None, acled, day, place, actor1, actor2, _evidence(doc_id), fatalities=fatalities
    )


def test_near_duplicate_events_of_several_reports_are_one_incident(store):
    write(store, "a", "2024-02-06", events=[_event("a", "2024-02-06", FASHER, fatalities=5)])
    write(
        store,
        "b",
        "2024-02-07",
        events=[_event("b", "2024-02-07", NEAR_FASHER, None, None, fatalities=7)],
    )
    write(store, "c", "2024-02-07", events=[_event("c", "2024-02-06", KOSTI)])
    write(store, "d", "2024-02-07", events=[_event("d", "2024-02-06", FASHER, actor1=SLM)])
    write(store, "e", "2024-02-09", events=[_event("e", "2024-02-08", FASHER)])
    merged = sorted(sorted(i.reports) for i in merge_events(store.conn))
    assert merged == [["a", "b"], ["c"], ["d"], ["e"]]
    [both] = [i.as_json() for i in merge_events(store.conn) if len(i.reports) == 2]
    assert both["fatalities"] == {"min": 5, "max": 7} and both["actor1"] == RSF


def test_aggregate_check_lists_the_capitals_taken_in_the_period(store, sides):
    from sitroom.places import load_gazetteer

    write(store, "a", "2023-10-27", control(NYALA, RSF, "captured", "2023-10-26"))
    write(store, "b", "2023-11-13", control(FASHER, RSF, "captured", "2023-11-12"))
    write(store, "c", "2023-11-14", control(NEAR_FASHER, RSF, "captured", "2023-11-13"))
    write(store, "old", "2023-01-02", control(KOSTI, RSF, "captured", "2023-01-01"))
    claim = Aggregate(RSF, "captured", 3, 18, "state capital", 30, _evidence("agg"))
    write(store, "agg", "2023-11-15", aggregates=[claim])
    [check] = check_aggregates(store.conn, load(store.conn, sides), sides, load_gazetteer())
    assert [k["place"] for k in check["known"]] == ["Nyala", "El Fasher", "Abu Shouk"]
    assert [k["capital_of"] for k in check["known"]][-1] == "North Darfur"  # within 10 km
    assert (check["found"], check["verdict"]) == (3, "agrees")


def test_a_fatality_count_is_not_checked_against_captures(store, sides):
    from sitroom.places import load_gazetteer

    claim = Aggregate(RSF, "killed", 5, None, "civilian", None, _evidence("agg"))
    write(store, "agg", "2023-11-15", aggregates=[claim])
    assert check_aggregates(store.conn, load(store.conn, sides), sides, load_gazetteer()) == []


def test_writing_a_report_marks_only_its_places_dirty(store, sides):
    write(store, "a", "2023-10-27", control(NYALA, RSF, "captured", "2023-10-26"))
    write(store, "b", "2023-10-27", control(KOSTI, RSF, "captured", "2023-10-26"))
    assert refresh(store.conn, sides) == 2 and dirty_places(store.conn) == []
    write(store, "c", "2023-11-21", control(NYALA, SLM, "captured", "2023-11-20"))
    assert dirty_places(store.conn) == ["g369004"]
    assert refresh(store.conn, sides) == 1


def test_incremental_refresh_equals_a_full_recompute(store, sides):
    write(store, "a", "2023-10-27", control(NYALA, RSF, "captured", "2023-10-26"))
    refresh(store.conn, sides)
    write(
        store,
        "b",
        "2023-11-21",
        control(NYALA, SLM, "captured", "2023-11-20"),
        control(FASHER, RSF, "captured", "2023-11-20"),
    )
    refresh(store.conn, sides)
    incremental = timeline(load(store.conn, sides))
    rebuild(store.conn, sides)
    assert timeline(load(store.conn, sides)) == incremental
    assert len(incremental) == 3


def test_a_reader_sees_places_written_since_the_last_refresh(store, sides, tmp_path):
    write(store, "a", "2023-10-27", control(NYALA, RSF, "captured", "2023-10-26"))
    with Store.open(store.path, readonly=True) as reader:
        assert [e["holder"] for e in timeline(load(reader.conn, sides))] == [RSF]


def test_rewriting_the_same_report_changes_nothing(store, sides):
    assert (
        write(store, "a", "2023-10-27", control(NYALA, RSF, "captured", "2023-10-26")).action
        == "added"
    )
    refresh(store.conn, sides)
    again = write(store, "a", "2023-10-27", control(NYALA, RSF, "captured", "2023-10-26"))
    assert again.action == "unchanged" and dirty_places(store.conn) == []


def test_the_place_key_lookup_uses_the_migration_index(store):
    plan = store.conn.execute(
        f"EXPLAIN QUERY PLAN SELECT * FROM control WHERE {place_key_sql()} IN ('g1')"
    ).fetchall()
    assert any("control_place_key" in row[3] for row in plan)


def test_a_narrowed_read_gives_the_same_picture_as_a_whole_one(store, sides):
    write(store, "a", "2023-10-27", control(NYALA, RSF, "captured", "2023-10-26"))
    write(store, "b", "2023-10-28", control(KOSTI, RSF, "captured", "2023-10-27"))
    refresh(store.conn, sides)
    write(store, "c", "2023-11-21", control(NYALA, SLM, "captured", "2023-11-20"))  # dirty
    for day in ("2023-10-26", "2023-11-01", "2023-11-25"):
        whole = picture_on(load(store.conn, sides), day)
        assert picture_on(load(store.conn, sides, at=day), day) == whole
    for name in ("Nyala", "kosti"):
        narrowed = timeline(load(store.conn, sides, name=name), name)
        assert narrowed == timeline(load(store.conn, sides), name) and narrowed


def test_side_rules_name_the_file_and_the_list_that_is_wrong():
    from sitroom.errors import DataFileError
    from sitroom.situation.sides import parse_side_rules, side_rules

    assert "spokesman" in side_rules().party_roles
    lists = "\n".join(f"{key}: [x]" for key in ("party_kinds", "state_kinds", "state_roles"))
    with pytest.raises(DataFileError, match=r"my\.yaml: party_roles: expected a list"):
        parse_side_rules(lists + "\nparty_roles: spokesman\nindependent_roles: [x]\n", "my.yaml")
    assert parse_side_rules(lists + "\nparty_roles: [x]\nindependent_roles: [y]\n", "my.yaml")
    with pytest.raises(DataFileError, match=r"my\.yaml:2: not YAML"):
        parse_side_rules("party_kinds: [a\nstate_kinds: ]\n", "my.yaml")


def test_speakers_are_placed_by_affiliation_role_or_the_role_they_are_named_by(sides):
    assert sides.of_speaker(None, None, None, "SD") == "reporter"
    assert sides.of_speaker("Ahmed Hassan", RSF, "spokesman", "SD") == RSF
    assert sides.of_speaker("Nabil Abdallah", GOVERNMENT, "minister", "SD") == "state:SD"
    assert sides.of_speaker("Amina Bashir", None, "lawmaker", "SD") == "state:SD"
    assert sides.of_speaker("a witness", None, None, "SD") == "independent"
    assert sides.of_speaker("John Doe", None, None, "SD") == "speaker:John Doe"

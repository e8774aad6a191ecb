"""The situation picture end to end: reports through the real pipeline and ``sitroom
ingest`` into a real SQLite file, then the situation commands' JSON.

``tests/data/situation/`` holds short reports written for these tests (Sudan, real place
names), each rule with its own reports; the reference report is the acceptance case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SEED_TEXT
from sitroom.cli import main

CORPUS = Path(__file__).parent / "data" / "situation"
RSF = "Military Forces of Sudan (2019-) Rapid Support Forces"
ARMY = "Government of Sudan (2019-)"  # control is held for the state: its forces hold for it
COMMANDS = [("timeline", "--all"), ("incidents",), ("contested",), ("check-aggregates",)]


def _run(db, *args):
    result = CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def _json(db, *args):
    return json.loads(_run(db, *args, "--json").stdout)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    db = tmp_path_factory.mktemp("corpus") / "corpus.sqlite"
    _run(db, "ingest", str(CORPUS))
    return db


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    db = tmp_path_factory.mktemp("seed") / "seed.sqlite"
    _run(db, "ingest", str(SEED_TEXT))
    return db


def _history(db, place):
    return [(e["holder"], e["status"], e["since"], e["until"], e["state"])
            for e in _json(db, "timeline", place)]  # fmt: skip


def test_the_corpus_has_twenty_reports():
    assert len(list(CORPUS.glob("*.txt"))) >= 20


def test_a_later_capture_by_another_side_supersedes(corpus):
    assert _history(corpus, "El Geneina") == [
        (RSF, "captured", "2023-11-04", "2023-11-20", "confirmed"),
        ("SLM/A-Minni Minawi", "captured", "2023-11-20", None, "confirmed"),
    ]


def test_regained_reverses_the_capture(corpus):
    assert _history(corpus, "Wad Madani") == [
        (RSF, "captured", "2023-12-18", "2024-01-13", "confirmed"),
        (ARMY, "regained", "2024-01-13", None, "confirmed"),
    ]
    before = _json(corpus, "control", "--at", "2024-01-01", "--country", "SD")["places"]
    after = _json(corpus, "control", "--at", "2024-01-20", "--country", "SD")["places"]
    holder = {p["place"]: p["holders"][0]["holder"] for p in before}
    assert holder["Wad Medani"] == RSF
    assert {p["place"]: p["holders"][0]["holder"] for p in after}["Wad Medani"] == ARMY


def test_a_spokesmans_claim_alone_stays_claimed(corpus):
    assert _history(corpus, "El Obeid") == [(RSF, "captured", "2024-02-10", None, "claimed")]


def test_a_witness_confirms_the_partys_claim(corpus):
    [entry] = _json(corpus, "timeline", "Nyala")
    assert entry["state"] == "confirmed"
    assert set(entry["sources"]) == {"s06_nyala_claim", "s07_nyala_witness"}


def test_a_holdout_is_a_qualification_and_rival_claims_a_contradiction(corpus):
    pairs = _json(corpus, "contested")
    kinds = {(p["place"], p["kind"]) for p in pairs}
    assert ("El Fasher", "qualification") in kinds
    assert ("Kadugli", "contradiction") in kinds
    assert not any(p["place"] == "El Fasher" and p["kind"] == "contradiction" for p in pairs)
    [kadugli] = [p for p in pairs if p["place"] == "Kadugli"]
    speakers = {kadugli["a"]["statements"][0]["doc_id"], kadugli["b"]["statements"][0]["doc_id"]}
    assert speakers == {"s11_kadugli_claim", "s12_kadugli_counter"}


def test_a_withdrawal_ends_the_holding(corpus):
    assert _history(corpus, "Kassala")[0][:4] == (RSF, "captured", "2023-10-31", "2023-11-23")


def test_near_duplicates_from_three_reports_are_one_incident(corpus):
    incidents = _json(corpus, "incidents")
    shelling = "Shelling/artillery/missile attack"  # ACLED types the violence by its weapon
    omdurman = [i for i in incidents if i["place"] == "Omdurman" and i["acled"] == shelling]
    assert [sorted(i["reports"]) for i in omdurman] == [
        ["s15_omdurman_a", "s16_omdurman_b", "s17_omdurman_c"]
    ]
    sennar = [i for i in incidents if i["place"] == "Sennar"]
    assert all(i["reports"] == ["s18_sennar"] for i in sennar)


def test_the_aggregate_agrees_with_the_capitals_the_picture_knows(corpus):
    [check] = _json(corpus, "check-aggregates")
    assert [k["place"] for k in check["known"]] == ["Nyala", "Kassala", "Al-Junaynah", "El Daein"]
    assert check["verdict"] == "agrees"


def test_ingesting_the_same_reports_again_changes_nothing(corpus):
    before = [_json(corpus, *command) for command in COMMANDS]
    result = _run(corpus, "ingest", str(CORPUS))
    assert "0 added, 0 replaced, 20 unchanged" in result.stderr
    assert [_json(corpus, *command) for command in COMMANDS] == before


def test_bad_arguments_are_one_line_errors(corpus):
    runner = CliRunner()
    for args, message in [
        (["timeline"], "name one PLACE, or give --all"),
        (["timeline", "Nyala", "--all"], "name one PLACE, or give --all"),
        (["timeline", "Atlantis"], "no control statements about 'Atlantis'"),
        (["control", "--at", "10 August"], "'10 August' is not a day; write YYYY-MM-DD"),
    ]:
        result = runner.invoke(main, ["--db", str(corpus), *args])
        assert result.exit_code == 2 and message in result.output, result.output


# -- the reference report ---------------------------------------------------------------


def _place(db, name):
    places = _json(db, "control", "--at", "2021-08-10", "--country", "AF")["places"]
    return next(p for p in places if p["place"] == name)


def test_reference_kunduz_taken_while_airport_and_base_hold(seed):
    kunduz = _place(seed, "Kunduz")
    assert kunduz["state"] == "contested"
    assert [(h["holder"], h["since"]) for h in kunduz["holders"]] == [("Taliban", "2021-08-08")]
    parts = {p["part"]: p["holder"] for p in kunduz["parts"]}
    assert parts == {
        "airport": "Government of Afghanistan",
        "army base": "Government of Afghanistan",
    }


def test_reference_farah_claim_and_counter_claim_with_their_sentences(seed):
    farah = _place(seed, "Farah")
    assert farah["state"] == "contested"
    said = {(c["speaker"], c["sentence"], c["status"]) for c in farah["claims"]}
    assert ("Zabihullah Mujahed", 8, "captured") in said
    assert ("Abdul Naser Farahi", 9, "retained") in said
    pairs = [p for p in _json(seed, "contested") if p["place"] == "Farah"]
    assert pairs and all(p["counter_claim"] for p in pairs)
    speakers = {p["a"]["statements"][0]["speaker"] for p in pairs}
    speakers |= {p["b"]["statements"][0]["speaker"] for p in pairs}
    assert speakers == {"Zabihullah Mujahed", "Abdul Naser Farahi"}


def test_reference_aggregate_check_holds_two_of_the_six(seed):
    [check] = _json(seed, "check-aggregates")
    assert {"Kunduz", "Farah"} <= {k["place"] for k in check["known"]}
    assert (check["found"], check["count"], check["verdict"]) == (2, 6, "falls short")
    assert check["summary"] == "the picture holds 2 of the 6"


def test_reference_timeline_all_has_the_benchmark_shape(seed):
    entries = _json(seed, "timeline", "--all")
    keys = {"place", "part", "holder", "status", "since", "until", "state", "sources", "speakers"}
    assert entries and all(keys <= set(e) for e in entries)


@pytest.fixture(scope="module")
def control_news(tmp_path_factory):
    from conftest import DEV

    db = tmp_path_factory.mktemp("control_news") / "news.sqlite"
    _run(db, "ingest", str(DEV / "control_news.jsonl"))
    return db


def test_every_holder_on_the_timeline_of_real_news_is_an_armed_actor(control_news):
    """Issue 16: over the 60 real articles of the control dev set, every segment's holder
    is a government or an armed group the actor dictionary knows as such, or the
    rebels of a country; never a person, civilians, an organisation or a noun."""
    from sitroom.actors import ActorDictionary
    from sitroom.extract.control import ARMED_KINDS

    actors = ActorDictionary.load()
    entries = _json(control_news, "timeline", "--all")
    assert len(entries) >= 10  # the articles do give a timeline
    for entry in entries:
        actor = actors.get(entry["holder"])
        rebels = entry["holder"].startswith("Rebels (")
        assert rebels or (actor is not None and actor.kind in ARMED_KINDS), entry

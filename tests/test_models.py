"""The sub-event type model: training (on a small corpus written here), the shipped
model, and how extraction uses it."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from sitroom.cli import main
from sitroom.extract.subevents import sub_event
from sitroom.models.subevent import SUBEVENT_TYPES, SubeventModel, load_model, model_path
from sitroom.models.train_subevent import (
    MIN_HELD_COUNTRIES,
    Settings,
    TrainingDataError,
    held_countries,
    read_notes,
    run,
)
from sitroom.record import Report

# Three kinds of note, told in words of their own, in twelve countries.
KINDS = {
    "Peaceful protest": "Hundreds of teachers marched peacefully to demand higher pay in {}.",
    "Shelling/artillery/missile attack": "Artillery shells and mortar rounds hit houses in {}.",
    "Arrests": "Police arrested and detained four journalists at their homes in {}.",
}
COUNTRIES = ["KE", "NG", "ML", "NE", "TD", "CM", "UG", "TZ", "ET", "SO", "BF", "GH"]


def _write_corpus(path, rows_per_kind=12):
    with path.open("w", encoding="utf-8") as out:
        for country in COUNTRIES:
            for label, text in KINDS.items():
                for i in range(rows_per_kind):
                    record = {
                        "doc_id": f"{country}-{label}-{i}",
                        "text": text.format(f"town {i} of {country}"),
                        "gold": {"events": [{"acled": label, "place": {"country": country}}]},
                    }
                    out.write(json.dumps(record) + "\n")


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("model")
    data = folder / "notes.jsonl"
    _write_corpus(data)
    report = run(data, folder / "model.npz", Settings(epochs=3))
    return folder, report


def test_training_holds_back_whole_countries_and_scores_them(trained):
    folder, report = trained
    card = json.loads((folder / "model.json").read_text())
    held = set(card["held_back_countries"])
    assert len(held) >= MIN_HELD_COUNTRIES and held < set(COUNTRIES)
    assert report.rows == len(held) * len(KINDS) * 12
    assert report.accuracy == 1.0  # words of their own: the model must learn them
    assert "ACLED" in card["trained_on"] and "terms" in card["trained_on"].lower()


def test_a_trained_model_types_a_sentence_it_never_saw(trained):
    folder, _ = trained
    model = SubeventModel.load(folder / "model.npz")
    assert set(model.labels) == set(KINDS)  # a type with no rows gets no column
    said = model.predict("Mortar rounds and artillery shells struck the market this morning.")
    assert said.label == "Shelling/artillery/missile attack" and said.probability > 0.5


def test_training_is_reproducible(tmp_path):
    data = tmp_path / "notes.jsonl"
    _write_corpus(data, rows_per_kind=4)
    run(data, tmp_path / "a.npz", Settings(epochs=2, seed=3))
    run(data, tmp_path / "b.npz", Settings(epochs=2, seed=3))
    a, b = SubeventModel.load(tmp_path / "a.npz"), SubeventModel.load(tmp_path / "b.npz")
    assert (a.weights == b.weights).all() and (a.bias == b.bias).all()


def test_held_back_countries_are_about_a_tenth_of_the_rows():
    notes = _notes_of(COUNTRIES * 3)
    held = held_countries(notes, seed=0)
    share = sum(n.country in held for n in notes) / len(notes)
    assert len(held) >= MIN_HELD_COUNTRIES and share < 0.5


def _notes_of(countries):
    from sitroom.models.train_subevent import Note

    return [Note("a note", "Arrests", c) for c in countries]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not a record with one gold ACLED event"),
        ('{"text": "x", "gold": {"events": [{"acled": "Picnic"}]}}', "unknown sub-event type"),
    ],
)
def test_a_bad_training_line_is_one_error_naming_file_and_line(tmp_path, line, message):
    data = tmp_path / "bad.jsonl"
    good = '{"text": "x", "gold": {"events": [{"acled": "Arrests"}]}}'
    data.write_text(good + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(TrainingDataError, match=rf"bad.jsonl:2: {message}"):
        list(read_notes(data))
    result = CliRunner().invoke(main, ["train", str(data), "--out", str(tmp_path / "m.npz")])
    assert result.exit_code == 2 and "bad.jsonl:2" in result.output
    assert not (tmp_path / "m.npz").exists()


def test_the_shipped_model_says_what_it_was_trained_on_and_how_it_did():
    model = load_model()
    assert set(model.labels) <= set(SUBEVENT_TYPES) and "Chemical weapon" not in model.labels
    card = json.loads(model_path().with_suffix(".json").read_text())
    assert "ACLED" in card["trained_on"] and card["held_back_rows"] > 0
    assert len(card["held_back_countries"]) >= MIN_HELD_COUNTRIES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Government forces shelled the town with artillery, killing five civilians.",
         "Shelling/artillery/missile attack"),
        ("A man threw a grenade into a bar, wounding three people.", "Grenade"),
        ("A suicide bomber blew himself up at a checkpoint, killing 12.", "Suicide bomb"),
        ("Helicopters dropped barrels of chlorine on the town, injuring 40.", "Chemical weapon"),
    ],
)  # fmt: skip
def test_the_weapon_of_violence_comes_from_the_model_or_the_codebook(text, expected):
    assert sub_event("Attack", text)[0] == expected


def test_what_the_rules_decide_from_actors_and_protests_stays_theirs():
    text = "Soldiers fired artillery shells at the rebels' positions."
    assert sub_event("Peaceful protest", text) == ("Peaceful protest", None)
    clash, probability = sub_event("Armed clash", "Soldiers and rebels clashed near the town.")
    assert clash == "Armed clash" and 0.0 < probability <= 1.0


def test_a_long_text_is_scored_on_the_scale_of_a_note():
    model = load_model()
    sentence = "Artillery shells and mortar rounds hit houses in the town. "
    assert model.predict(sentence * 40).label == "Shelling/artillery/missile attack"


def test_an_extracted_event_carries_the_model_type_and_probability(pipeline):
    text = "Government forces shelled the town of Daraa in Syria on Monday, killing five."
    record = pipeline.extract(Report("t", text, dt.date(2016, 7, 12), "header"))
    typed = [e for e in record.events if e.acled]
    assert typed and typed[0].acled == "Shelling/artillery/missile attack"
    assert 0.5 < typed[0].confidence <= 1.0


def test_cue_stems_are_words_of_the_event_shared_by_many_countries():
    from sitroom.models.train_subevent import Note, choose_cues

    notes = [
        Note(f"Police shot protesters dead in town {i}.", "Excessive force against protesters", c)
        for i, c in enumerate(COUNTRIES * 2)
    ] + [
        Note(f"Police dispersed protesters in town {i}.", "Protest with intervention", c)
        for i, c in enumerate(COUNTRIES * 2)
    ] + [Note(f"Shelling hit Baidoa district {i}.", "Shelling/artillery/missile attack", "SO")
         for i in range(30)]  # fmt: skip
    cues = choose_cues(notes, Settings(cues=3, cue_countries=10))
    # "shot" and "dispe" tell the protest types apart; Baidoa is one country's place
    assert {"shot", "dispe"} <= cues and "baido" not in cues


def test_a_pair_of_cues_is_one_feature_wherever_the_words_stand():
    from sitroom.models.subevent import features

    cues = frozenset({"prote", "shot"})
    near = set(features("protesters shot", cues))
    far = set(features("the protesters marched to the square and were shot", cues))
    plain = set(features("the protesters marched to the square and were shot"))
    assert (near & far) - plain  # the cue pair, shared though the words are far apart

"""Actors: dictionary matching, user extension, validation, persons, references."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.actors import ENV_VAR, ActorDictionary, person_roles, resolve_reference
from sitroom.errors import DataFileError


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.load(env=False)


def names(actors: ActorDictionary, text: str, **options: object) -> list[str]:
    return [actor.name for _, _, actor in actors.find(text, **options)]


# -- the dictionary ------------------------------------------------------------------


def test_bundled_dictionary_covers_the_regions(actors: ActorDictionary) -> None:
    for name in [
        "Taliban",
        "Government of Afghanistan",
        "Military Forces of Sudan (2019-) Rapid Support Forces",
        "Protesters (Sudan)",
        "Islamic State",
        "Hayat Tahrir al-Sham",
        "Military Forces of Myanmar (2021-)",
        "Arakan Army",
        "Military Forces of Ukraine",
        "Wagner Group",
        "NATO",
        "ICRC",
    ]:
        assert actors.get(name) is not None, name
    assert len(actors.actors) >= 150 + 200  # listed actors plus one per country


def test_every_country_is_a_state_actor_with_its_demonym(actors: ActorDictionary) -> None:
    hungary = actors.match("Hungarian")
    assert hungary is not None and (hungary.name, hungary.kind, hungary.country) == (
        "Hungary",
        "state",
        "HU",
    )
    assert actors.canonical("Syrian Arab Republic") == "Syria"


def test_alias_resolves_to_the_acled_name(actors: ActorDictionary) -> None:
    assert actors.canonical("RSF") == "Military Forces of Sudan (2019-) Rapid Support Forces"
    assert actors.canonical("Sudanese Armed Forces") == "Military Forces of Sudan (2019-)"
    assert actors.canonical("  taleban. ") == "Taliban"
    assert actors.canonical("Someone Else") == "Someone Else"


def test_match_finds_the_actor_inside_a_phrase(actors: ActorDictionary) -> None:
    assert actors.match("Taliban spokesman").name == "Taliban"  # type: ignore[union-attr]
    assert actors.match("an Afghan and coalition force").name == "ISAF"  # type: ignore[union-attr]
    assert actors.match("a man walking home") is None


def test_find_prefers_longest_without_overlap(actors: ActorDictionary) -> None:
    text = "Afghan National Police and the Islamic Movement of Uzbekistan clashed."
    found = actors.find(text)
    assert [(text[s:e], a.name) for s, e, a in found] == [
        ("Afghan National Police", "Police Forces of Afghanistan"),
        ("Islamic Movement of Uzbekistan", "Islamic Movement of Uzbekistan"),
    ]


def test_acronyms_match_only_in_capitals(actors: ActorDictionary) -> None:
    assert names(actors, "The U.S. and US officials") == ["United States", "United States"]
    assert names(actors, "he told us and is here") == []


def test_capitalised_names_need_capitals(actors: ActorDictionary) -> None:
    assert names(actors, "Amnesty said so") == ["Amnesty International"]
    assert names(actors, "an amnesty was declared") == []


def test_ambiguous_names_only_on_request(actors: ActorDictionary) -> None:
    assert names(actors, "Washington warned Kabul") == []
    assert names(actors, "Washington warned Kabul", ambiguous=True) == [
        "United States",
        "Government of Afghanistan",
    ]


def test_demonym_makes_a_description_an_actor(actors: ActorDictionary) -> None:
    assert names(actors, "Sudanese police fired tear gas") == ["Police Forces of Sudan (2019-)"]
    assert names(actors, "Chadian soldiers crossed") == ["Military Forces of Chad"]
    assert names(actors, "Ukraine's army shelled the town") == ["Military Forces of Ukraine"]


def test_description_needs_a_country(actors: ActorDictionary) -> None:
    assert names(actors, "Police dispersed protesters") == []
    assert names(actors, "Police dispersed protesters", country="SD") == [
        "Police Forces of Sudan (2019-)",
        "Protesters (Sudan)",
    ]


def test_aircraft_are_a_states_forces_only_right_after_the_state(actors) -> None:
    assert names(actors, "Russian warplanes struck Idlib") == ["Military Forces of Russia"]
    assert names(actors, "Syria's jets pounded Hama") == ["Military Forces of Syria (2000-2024)"]
    # in a Syrian report, unnamed jets may be Russian or the coalition's: no one said
    assert names(actors, "Warplanes struck Idlib", country="SY") == []


# -- user files and validation -------------------------------------------------------


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_file_adds_actors_and_aliases(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mine.yaml",
        "actors:\n"
        "- {name: Valley Defence Group, kind: militia, country: AF, aliases: [VDG]}\n"
        "- {name: Taliban, kind: rebel, country: AF, aliases: [Students of the Madrasas]}\n",
    )
    book = ActorDictionary.load(extra_paths=[path], env=False)
    assert book.canonical("VDG") == "Valley Defence Group"
    assert book.canonical("Students of the Madrasas") == "Taliban"
    assert book.canonical("Taleban") == "Taliban"


def test_environment_variable_lists_user_files(tmp_path: Path, monkeypatch) -> None:
    path = write(tmp_path, "env.yaml", "actors:\n- {name: Hill Brigade, kind: militia}\n")
    monkeypatch.setenv(ENV_VAR, str(path))
    assert ActorDictionary.load().canonical("hill brigade") == "Hill Brigade"


_DUPLICATE = (
    "actors:\n- {name: A, kind: rebel, aliases: [X]}\n- {name: B, kind: rebel, aliases: [x]}\n"
)


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("actors:\n- {name: A, kind: rebel}\n- {name: B, kind: wizard}\n", 3, "kind"),
        ("actors:\n- {name: A, kind: rebel, country: ZZ}\n", 2, "ISO 3166"),
        ("actors:\n- {name: A, kind: rebel}\n\n- {kind: rebel}\n", 4, "name"),
        ("actors:\n- {name: A, kind: rebel, aliases: B}\n", 2, "aliases"),
        ("actors:\n- {name: A, kind: rebel, colour: red}\n", 2, "unknown field"),
        (_DUPLICATE, 3, "already names"),
        ("actors:\n- {name: A, kind: [rebel\n", 3, "YAML"),
        ("people: []\n", 1, "actors"),
    ],
)
def test_malformed_entry_names_file_and_line(
    tmp_path: Path, text: str, line: int, problem: str
) -> None:
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(DataFileError) as error:
        ActorDictionary.load(extra_paths=[path], env=False)
    assert f"{path}:{line}" in str(error.value)
    assert problem in str(error.value)


def test_missing_user_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        ActorDictionary.load(extra_paths=[tmp_path / "none.yaml"], env=False)


# -- persons -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    from sitroom.nlp import load_nlp

    return load_nlp()


def people(nlp, actors: ActorDictionary, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(p.name, p.role, p.affiliation) for p in person_roles(nlp(text), actors)]


def test_role_and_affiliation_before_a_name(nlp, actors: ActorDictionary) -> None:
    text = "Taliban spokesman Qari Yousuf Ahmadi denied the report."
    assert people(nlp, actors, text) == [("Qari Yousuf Ahmadi", "spokesman", "Taliban")]


def test_apposition_with_an_actor(nlp, actors: ActorDictionary) -> None:
    text = "Antony Blinken, the U.S. secretary of state, arrived in Kyiv."
    assert people(nlp, actors, text) == [("Antony Blinken", "secretary of state", "United States")]


def test_apposition_after_a_dash_without_affiliation(nlp, actors: ActorDictionary) -> None:
    text = "Mohammad Hashim Alokozay — a senator from the province — said the base held out."
    assert people(nlp, actors, text) == [("Mohammad Hashim Alokozay", "senator", None)]


def test_role_phrase_then_comma_then_name(nlp, actors: ActorDictionary) -> None:
    text = "The governor of Helmand, Mohammad Yasin Khan, spoke to reporters."
    assert people(nlp, actors, text) == [("Mohammad Yasin Khan", "governor", None)]


def test_spokesman_for_an_actor(nlp, actors: ActorDictionary) -> None:
    text = "Mohammed Yousuf, a spokesman for the Taliban, said it was false."
    assert people(nlp, actors, text) == [("Mohammed Yousuf", "spokesman", "Taliban")]


def test_person_without_a_role_is_left_out(nlp, actors: ActorDictionary) -> None:
    assert people(nlp, actors, "John Smith went home early.") == []


# -- references ----------------------------------------------------------------------


def test_insurgents_refer_to_the_last_rebel_group(actors: ActorDictionary) -> None:
    history = [actors.get("Taliban"), actors.get("NATO"), actors.get("United States")]
    assert resolve_reference("the insurgents", history).name == "Taliban"  # type: ignore[union-attr]
    assert resolve_reference("The Islamist militants", history).name == "Taliban"  # type: ignore[union-attr]


def test_rebels_skip_state_and_igo_actors(actors: ActorDictionary) -> None:
    history = [actors.get("Islamic State"), actors.get("Arakan Army"), actors.get("United Nations")]
    assert resolve_reference("the rebels", history).name == "Arakan Army"  # type: ignore[union-attr]


def test_they_prefers_the_most_mentioned_group(actors: ActorDictionary) -> None:
    taliban, army = actors.get("Taliban"), actors.get("Military Forces of Afghanistan")
    history = [taliban, taliban, army]
    assert resolve_reference("They", history) is taliban
    assert resolve_reference("the group", [taliban, army]) is army


def test_unknown_description_or_no_fitting_actor(actors: ActorDictionary) -> None:
    assert resolve_reference("the weather", [actors.get("Taliban")]) is None
    assert resolve_reference("the insurgents", [actors.get("NATO")]) is None


def test_a_phrase_found_again_gives_the_same_actors_and_a_list_of_its_own(
    actors: ActorDictionary,
) -> None:
    phrase = "Sudanese police and the RSF"
    first = actors.find(phrase)
    first.clear()  # a caller's list: changing it changes nothing remembered
    again = actors.find(phrase)
    assert again and again == actors._find(phrase, None, False)

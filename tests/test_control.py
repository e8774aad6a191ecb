"""Control statements on sentences written for these tests, through the real pipeline: one
test per rule family of issue 16 (holders, syntax, modality, places, time, evacuations)."""

import datetime as dt

import pytest

from sitroom.record import Report

DAY = dt.date(2016, 6, 15)  # a Wednesday


def _control(pipeline, text):
    return pipeline.extract(Report("t", text, DAY, "header")).control


def _said(statements):
    return {(c.place.name, c.holder, c.status) for c in statements}


def test_a_state_army_holds_for_its_government_and_opposition_words_are_the_rebels(pipeline):
    text = (
        "Syrian troops seized the town of Palmyra after a week of fighting. "
        "Opposition fighters captured Idlib in the north of Syria."
    )
    said = _said(_control(pipeline, text))
    assert ("Tadmur", "Government of Syria (2000-2024)", "captured") in said
    assert ("Idlib", "Syrian rebels", "captured") in said


def test_taking_back_is_said_by_the_verb_not_assumed_from_the_taker(pipeline):
    said = _said(_control(pipeline, "Syrian troops retook the town of Palmyra in Syria."))
    assert said == {("Tadmur", "Government of Syria (2000-2024)", "regained")}


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of civilians left Homs in Syria on Monday.",
        "A United Nations convoy entered Aleppo in Syria on Monday.",
        "Journalist John Smith entered Homs in Syria on Monday.",
        "Three countries have taken part in the siege talks about Aleppo, Syria.",
    ],
)
def test_people_organisations_and_nouns_hold_nothing(pipeline, text):
    assert _control(pipeline, text) == []


def test_the_place_is_the_object_of_the_verb_not_a_place_elsewhere_in_the_sentence(pipeline):
    text = "Far from Raqqa, soldiers loyal to the Syrian government seized a town in the east."
    assert not [c for c in _control(pipeline, text) if c.place.name != "Syria"]


@pytest.mark.parametrize(
    "text",
    [
        "The Syrian army threatened to retake Homs in Syria.",
        "The Syrian army will withdraw from Homs in Syria next month.",
        "The Syrian army did not capture Homs in Syria.",
        "If the Syrian army enters Homs, Syria, the fighting will spread.",
    ],
)
def test_plans_threats_conditions_and_negations_make_no_statement(pipeline, text):
    assert _control(pipeline, text) == []


def test_countries_are_never_the_place(pipeline):
    text = "Turkish troops entered Syria on Monday and the Syrian army captured Iraq's border."
    assert not [c for c in _control(pipeline, text) if c.place.precision == "country"]
    assert not [c for c in _control(pipeline, text) if c.place.name in {"Syria", "Iraq"}]


def test_a_state_is_dated_only_when_the_text_says_it_holds_now(pipeline):
    background = _control(
        pipeline, "In 2014 Islamic State fighters controlled the city of Homs in Syria."
    )
    now = _control(pipeline, "Islamic State fighters still control the city of Homs in Syria.")
    assert [(c.holder, c.status, c.date) for c in background] == [
        ("Islamic State", "retained", None)
    ]
    assert [(c.holder, c.status, c.date) for c in now] == [
        ("Islamic State", "retained", DAY.isoformat())
    ]


def test_a_change_is_dated_by_the_day_its_sentence_states(pipeline):
    [capture] = _control(pipeline, "On Monday the Islamic State captured Homs in Syria.")
    assert (capture.status, capture.date) == ("captured", "2016-06-13")


def test_armed_fighters_leaving_withdraw_and_evacuated_civilians_do_not(pipeline):
    text = (
        "Rebel fighters withdrew from Homs in Syria under the deal. "
        "Thousands of residents left Homs on buses."
    )
    assert _said(_control(pipeline, text)) == {("Homs", "Syrian rebels", "withdrawn")}


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        ("A shell hit the rebel-held town of Homs in Syria.", "Syrian rebels"),
        ("The town of Homs in Syria is under Islamic State control.", "Islamic State"),
        ("Aircraft struck Aleppo, a Syrian city held by the Islamic State.", "Islamic State"),
        ("Aircraft struck the Islamic State stronghold of Homs in Syria.", "Islamic State"),
    ],
)
def test_a_place_described_by_its_holder_is_retained(pipeline, text, holder):
    assert {(h, s) for _, h, s in _said(_control(pipeline, text))} == {(holder, "retained")}


def test_a_referred_to_actor_of_another_conflict_is_no_holder(pipeline):
    text = (
        "The Taliban attacked Kunduz last year. "
        "In Syria, the militants captured Homs on Monday, the Syrian army said."
    )
    assert not [c for c in _control(pipeline, text) if c.holder == "Taliban"]


def test_an_armed_actor_driven_out_withdraws_and_the_one_driving_it_captures(pipeline):
    said = _said(
        _control(pipeline, "Syrian troops drove the Islamic State out of Palmyra in Syria.")
    )
    assert said == {
        ("Tadmur", "Islamic State", "withdrawn"),
        ("Tadmur", "Government of Syria (2000-2024)", "captured"),
    }
    passive = _said(
        _control(pipeline, "The Islamic State was expelled from Palmyra in Syria by the army.")
    )
    assert ("Tadmur", "Islamic State", "withdrawn") in passive


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of civilians were driven from Aleppo by the bombing.",
        "Government troops drove from Damascus to Homs on the highway.",
    ],
)
def test_driving_people_or_cars_out_is_no_statement(pipeline, text):
    assert _control(pipeline, text) == []


def test_fighting_between_two_named_sides_makes_each_side_contest_the_place(pipeline):
    text = "Fierce clashes between Syrian troops and rebels in Homs killed 20 people."
    assert _said(_control(pipeline, text)) == {
        ("Homs", "Government of Syria (2000-2024)", "contested"),
        ("Homs", "Syrian rebels", "contested"),
    }
    near = "Fierce clashes between Syrian troops and rebels near Homs killed 20 people."
    assert _control(pipeline, near) == []


def test_the_side_fought_against_contests_the_place_too(pipeline):
    text = "Rebels have been battling government forces for control of Aleppo in Syria."
    assert _said(_control(pipeline, text)) == {
        ("Aleppo", "Syrian rebels", "contested"),
        ("Aleppo", "Government of Syria (2000-2024)", "contested"),
    }


def test_a_relative_pronoun_stands_for_the_place_it_describes(pipeline):
    text = "Residents returned to eastern Aleppo, which fell to Syrian troops on Monday."
    said = _control(pipeline, text)
    assert _said(said) == {("Aleppo", "Government of Syria (2000-2024)", "captured")}
    assert said[0].date == "2016-06-13"


def test_government_forces_hold_for_the_government_of_the_country_the_place_is_in(pipeline):
    text = (
        "Syrian troops shelled Idlib in Syria. In Iraq, the town of Haditha and its dam "
        "remain under the control of government forces."
    )
    holders = {c.holder for c in _control(pipeline, text) if c.place.country == "IQ"}
    assert holders == {"Government of Iraq"}


def test_a_part_keeps_its_direction_and_drops_its_holder(pipeline):
    text = "The Syrian army shelled the rebel-held eastern districts of Aleppo in Syria."
    parts = {(c.part, c.holder) for c in _control(pipeline, text)}
    assert parts == {("eastern districts", "Syrian rebels")}


def test_a_name_we_cannot_place_is_not_replaced_by_the_province_it_lies_in(pipeline):
    text = "Islamic State fighters infiltrated Xqzrabad in Aleppo province on Monday."
    assert _control(pipeline, text) == []


def test_a_plural_description_is_not_the_one_place_under_discussion(pipeline):
    text = (
        "Rebels captured the town of Palmyra in Syria. "
        "Fighters left the two villages which are besieged by rebels."
    )
    assert [c.status for c in _control(pipeline, text)] == ["captured"]


def test_jihadists_with_no_name_are_never_the_army_named_before(pipeline):
    text = (
        "Syrian troops captured the town of Palmyra in Syria on Monday. "
        "The jihadists control nearly all of Idlib province."
    )
    assert [c.place.name for c in _control(pipeline, text)] == ["Tadmur"]


def test_the_part_lies_in_the_town_its_sentence_names_not_where_a_speaker_is(pipeline):
    text = (
        "Rebels captured the town of Palmyra in Syria. Fighting raged in Homs after "
        "jihadists attacked several southern neighbourhoods held by government troops. "
        "Ali Hassan, a lawmaker who is in Damascus, said the army still holds the airport."
    )
    parts = {(c.part, c.place.name) for c in _control(pipeline, text) if c.part}
    assert ("southern neighbourhoods", "Homs") in parts
    assert not [p for p in parts if p[1] == "Damascus"]


def test_fighting_to_take_a_place_contests_it_and_planning_to_does_not(pipeline):
    fought = _control(pipeline, "The SDF is now fighting to recapture the town of Tabqa in Syria.")
    assert _said(fought) == {("Al-Tabqa", "Syrian Democratic Forces", "contested")}
    assert fought[0].date == DAY.isoformat()  # "now": the day of publication
    assert _control(pipeline, "The SDF plans to recapture the town of Tabqa in Syria.") == []


def test_an_offensive_told_as_launched_contests_its_target_and_captures_nothing(pipeline):
    text = "The SDF launched an offensive to retake Manbij in Syria on Monday."
    said = _control(pipeline, text)
    assert _said(said) == {("Manbij", "Syrian Democratic Forces", "contested")}
    assert said[0].date == "2016-06-13"
    assert _control(pipeline, "The SDF plans an offensive to retake Manbij in Syria.") == []


def test_a_quarter_named_after_its_town_is_a_part_of_that_town(pipeline):
    said = _control(pipeline, "Rebels still hold the Old City of Homs in Syria.")
    assert [(c.place.name, c.part, c.holder) for c in said] == [
        ("Homs", "Old City", "Syrian rebels")
    ]


def test_a_place_split_between_two_sides_is_held_by_each(pipeline):
    text = "The city of Hasakeh in Syria is split between government forces and Kurdish fighters."
    assert _said(_control(pipeline, text)) == {
        ("Al Ḩasakah", "Government of Syria (2000-2024)", "retained"),
        ("Al Ḩasakah", "Kurdish forces", "retained"),
    }
    assert _control(pipeline, "The money was split between the two rebel groups in Homs.") == []


def test_beating_off_an_attack_on_a_place_keeps_it_on_that_day(pipeline):
    text = "Syrian troops repelled an Islamic State attack on the town of Palmyra on Monday."
    said = _control(pipeline, text + " Palmyra lies in Syria.")
    assert _said(said) == {("Tadmur", "Government of Syria (2000-2024)", "retained")}
    assert said[0].date == "2016-06-13"


def test_a_place_handed_over_is_taken_by_the_receiver_and_left_by_the_giver(pipeline):
    text = "The rebels handed over control of the town of Daraa to Syrian troops on Sunday."
    assert _said(_control(pipeline, text + " Daraa lies in Syria.")) == {
        ("Dar‘ā", "Government of Syria (2000-2024)", "captured"),  # the town, not the province
        ("Dar‘ā", "Syrian rebels", "withdrawn"),
    }
    assert _control(pipeline, "Fifty fighters surrendered to the army in Homs, Syria.") == []


def test_some_held_villages_in_a_province_do_not_make_the_province_held(pipeline):
    text = "Jihadists attacked regime-held villages in Hama province in Syria on Monday."
    assert _control(pipeline, text) == []
    text = "Jets bombed the rebel-held districts of Aleppo in Syria on Monday."
    assert [(c.part, c.holder) for c in _control(pipeline, text)] == [
        ("districts", "Syrian rebels")
    ]


def test_a_part_lies_in_the_town_its_in_phrase_names(pipeline):
    text = "Rebel-held areas in Aleppo were bombed by Syrian jets on Monday."
    assert [(c.place.name, c.part) for c in _control(pipeline, text)] == [("Aleppo", "areas")]


def test_the_town_is_never_a_province_under_discussion(pipeline):
    text = (
        "Clashes between Syrian troops and rebels in Idlib province in Syria killed 20 "
        "people. The rebels still hold the town."
    )
    assert {c.status for c in _control(pipeline, text)} == {"contested"}


def test_the_town_is_a_place_of_the_country_the_report_is_about(pipeline):
    text = (
        "Syrian troops shelled Homs and Hama in Syria on Monday, officials in Moscow said. "
        "The rebels still hold the town."
    )
    assert "Moscow" not in {c.place.name for c in _control(pipeline, text)}


def test_a_negation_after_a_semicolon_is_another_clause_s_not_the_statement_s(pipeline):
    text = (
        "The Nusra Front said on Sunday that its fighters had taken the town of Saraqib in"
        " Idlib province; the army did not comment."
    )
    statements = _control(pipeline, text)
    assert [(c.holder, c.status, c.place.name, c.claimed_by) for c in statements] == [
        ("Hayat Tahrir al-Sham", "captured", "Saraqib", "Nusra Front")
    ]


def test_a_named_region_inside_one_country_is_a_place_that_can_be_held(pipeline):
    text = "Government troops have besieged Eastern Ghouta near Damascus since 2013."
    statements = _control(pipeline, text)
    assert [(c.place.name, c.place.precision, c.status) for c in statements] == [
        ("Eastern Ghouta", "district", "besieged")
    ]
    # a region across borders is no place of control
    assert _control(pipeline, "Islamic State fighters hold ground across the Middle East.") == []


def test_the_press_name_of_a_town_beats_a_small_namesake_abroad(pipeline):
    text = (
        "Islamic State fighters entered the ancient city of Palmyra in central Syria on "
        "Monday, a monitor in Britain said. Russian jets struck Homs and Damascus."
    )
    assert {(c.place.country, c.status) for c in _control(pipeline, text)} == {("SY", "entered")}


@pytest.mark.parametrize(
    "text",
    [
        "Kurdish fighters advanced towards Raqqa in Syria, the Islamic State group's capital.",
        "Kurdish fighters said they had surrounded a stronghold of Islamic State militants "
        "in Manbij, Syria.",
    ],
)
def test_a_group_s_capital_or_stronghold_in_a_town_is_held_by_the_group(pipeline, text):
    assert ("Islamic State", "retained") in {(c.holder, c.status) for c in _control(pipeline, text)}


def test_a_state_s_capital_and_strongholds_in_a_province_say_nothing_of_control(pipeline):
    assert (
        _control(
            pipeline, "Syrian army artillery is deployed around the regime's capital, Damascus."
        )
        == []
    )
    text = "Syrian jets struck Islamic State strongholds in Raqqa province on Monday."
    assert _control(pipeline, text) == []


def test_a_share_of_a_place_is_a_statement_about_the_place(pipeline):
    text = "Hayat Tahrir al-Sham controls most of Idlib province in Syria."
    assert _said(_control(pipeline, text)) == {("Idlib", "Hayat Tahrir al-Sham", "retained")}
    text = "Islamic State holds some 60 percent of the city of Deir Ezzor in Syria."
    assert {(c.place.name, c.status) for c in _control(pipeline, text)} == {
        ("Deir ez-Zor", "retained")
    }


def test_the_share_held_is_the_part_of_the_place(pipeline):
    """CONTROL_GUIDE: a section inside the place is its part; a share is such a section."""
    [most] = _control(pipeline, "Hayat Tahrir al-Sham controls most of Idlib province in Syria.")
    assert most.part == "most" and most.place.precision == "admin1"
    text = (
        "Kurdish forces seized Manbij in Syria on Sunday. The Syrian Democratic Forces now hold"
        " approximately 40 per cent of the town."
    )
    held = [c for c in _control(pipeline, text) if c.status == "retained"]
    assert [(c.place.name, c.part) for c in held] == [("Manbij", "approximately 40 per cent")]


def test_fighting_told_in_a_where_clause_contests_the_place_it_hangs_on(pipeline):
    text = (
        "Shells fell on towns of Eastern Ghouta where rebels have been fighting Syrian "
        "government troops for years."
    )
    assert {(c.place.name, c.status) for c in _control(pipeline, text)} == {
        ("Eastern Ghouta", "contested")
    }


def test_fighting_in_some_parts_of_a_province_does_not_contest_the_province(pipeline):
    """The parser may hang the where clause on the province of "parts of X province where";
    the clause still tells of some parts, not the province."""
    text = (
        "Its fall cut the only road to parts of Hama province where the jihadists are fighting"
        " both Kurdish forces and rebel groups."
    )
    assert _control(pipeline, text) == []
    text = "Rebels and government troops are fighting in Hama province, where the army advanced."
    assert {(c.place.name, c.status) for c in _control(pipeline, text)} >= {("Hamah", "contested")}


def test_modifiers_that_share_one_head_are_two_sides_of_a_fight(pipeline):
    text = "Clashes between regime and Kurdish fighters went on in Qamishli, Syria, on Monday."
    assert {(c.holder, c.status) for c in _control(pipeline, text)} == {
        ("Government of Syria (2000-2024)", "contested"),
        ("Kurdish forces", "contested"),
    }


def test_forces_surrounding_a_place_in_a_participle_besiege_it(pipeline):
    text = "Doctors said that regime troops surrounding the town of Madaya in Syria blocked food."
    assert ("Government of Syria (2000-2024)", "besieged") in {
        (c.holder, c.status) for c in _control(pipeline, text)
    }


def test_an_armed_group_stationed_in_a_place_holds_it_and_a_deployment_does_not(pipeline):
    text = "Islamic State militants positioned in Eastern Ghouta in Syria fired mortar shells."
    assert _said(_control(pipeline, text)) == {("Eastern Ghouta", "Islamic State", "retained")}
    assert _control(pipeline, "The Syrian army deployed troops to Homs in Syria on Monday.") == []


def test_establishing_or_restoring_control_over_a_place_takes_it(pipeline):
    text = "The Syrian army established full control over the town of Palmyra in Syria."
    assert _said(_control(pipeline, text)) == {
        ("Tadmur", "Government of Syria (2000-2024)", "captured")
    }
    text = "The Syrian army restored control over the town of Palmyra in Syria."
    assert {c.status for c in _control(pipeline, text)} == {"regained"}


def test_a_force_ousted_from_the_town_of_a_name_leaves_that_town(pipeline):
    text = "Islamic State jihadists were ousted last month from their capital of Raqqa in Syria."
    assert ("Ar Raqqah", "Islamic State", "withdrawn") in _said(_control(pipeline, text))


def test_a_pronoun_in_a_clause_holds_for_the_subject_of_the_clause_above(pipeline):
    # "it" is the Islamic State group of the main clause, not the army named after it
    text = (
        "The Islamic State group is battling the Iraqi army in the last streets it still"
        " holds in the old city of Mosul in Iraq."
    )
    held = {c.holder for c in _control(pipeline, text) if c.status == "retained"}
    assert held == {"Islamic State"}


def test_a_name_before_area_is_the_place_its_holder_description_tells_of(pipeline):
    said = _said(_control(pipeline, "Jets bombed the rebel-held Eastern Ghouta area of Syria."))
    assert said == {("Eastern Ghouta", "Syrian rebels", "retained")}


def test_a_stronghold_beside_a_name_whose_comma_was_lost_is_that_place(pipeline):
    text = (
        "Government jets struck targets in the province of Raqa a stronghold of the Islamic"
        " State group in Syria."
    )
    said = _said(_control(pipeline, text))
    assert ("Ar Raqqah", "Islamic State", "retained") in said


def test_an_indefinite_speaker_is_someone_new_not_the_group_named_before(pipeline):
    text = (
        "Islamic State fighters attacked Homs in Syria. Government troops retook Homs on"
        " Monday, a monitoring group said."
    )
    assert {c.claimed_by for c in _control(pipeline, text)} == {"monitoring group"}


def test_its_forces_are_the_forces_of_the_group_the_sentence_before_is_about(pipeline):
    text = (
        "The Islamic State group has attacked Hasakeh city in Syria several times."
        " Its forces seized several districts in the south of the city."
    )
    assert {c.holder for c in _control(pipeline, text)} == {"Islamic State"}


def test_terrorist_groups_stationed_in_a_place_are_the_group_named_before(pipeline):
    text = (
        "Jaish al-Islam fighters shelled a camp near Damascus in Syria. A source said that"
        " terrorist groups positioned in the Eastern Ghouta fired six mortar shells."
    )
    said = _said(_control(pipeline, text))
    assert said == {("Eastern Ghouta", "Jaysh al-Islam", "retained")}


def test_an_advance_is_told_by_where_it_goes(pipeline):
    """CONTROL_GUIDE: forces that went into a place entered it; pushing forward inside it is
    fighting for it; an advance towards a place says nothing of who holds it."""
    said = _said(_control(pipeline, "Syrian rebels advanced into Aleppo on Tuesday."))
    assert said == {("Aleppo", "Syrian rebels", "entered")}
    text = "The Syrian Democratic Forces advanced inside Manbij in Syria on Tuesday."
    assert _said(_control(pipeline, text)) == {("Manbij", "Syrian Democratic Forces", "contested")}
    assert _control(pipeline, "Syrian rebels advanced towards Aleppo on Tuesday.") == []

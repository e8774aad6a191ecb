"""Days: datelines and day expressions resolved against the publication day."""

from __future__ import annotations

import datetime as dt

import pytest

from sitroom.timex import Day, find_dateline, find_days, locate_dateline, printed_date

TUESDAY = dt.date(2021, 8, 10)


def days_of(text: str, publication: dt.date | None = TUESDAY) -> list[tuple[str, str, str]]:
    return [(d.text, d.date.isoformat(), d.precision) for d in find_days(text, publication)]


def first(text: str, publication: dt.date | None = TUESDAY) -> Day:
    found = find_days(text, publication)
    assert found, f"no day found in {text!r}"
    return found[0]


# -- datelines -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KABUL, Afghanistan (Jan. 25, 2013)\nTroops moved in.", dt.date(2013, 1, 25)),
        ("Joint Command Operational Update, Jan. 10, 2011\nNothing new.", dt.date(2011, 1, 10)),
        ("BAGHDAD, March 3, 2004 — Gunmen attacked a convoy.", dt.date(2004, 3, 3)),
        (
            "2013-01-S-025\n\nKABUL, Afghanistan (Jan. 25, 2013)\nA patrol left.",
            dt.date(2013, 1, 25),
        ),
        ("GOMA, Congo (AP) — Rebels advanced.", None),
        ("KHARTOUM, Sudan (Nov. 1. 2021) — Crowds gathered.", dt.date(2021, 11, 1)),
        ("Sept. 4: Patrols Continue\n2010-09-CA-011\nMore patrols.", dt.date(2010, 9, 4)),
    ],
)
def test_find_dateline(text: str, expected: dt.date | None) -> None:
    assert find_dateline(text) == expected


def test_dateline_ignores_a_date_in_the_body() -> None:
    text = "WASHINGTON (AP) — The rebels took the town on March 3, 2021, officials said."
    assert find_dateline(text) is None


def test_dateline_ignores_a_date_past_the_head() -> None:
    text = "x" * 500 + "\nKABUL, Afghanistan (Jan. 25, 2013)"
    assert find_dateline(text) is None


def test_yearless_dateline_takes_the_year_of_the_release_number() -> None:
    text = "Raid\n2010-10-CA-171 For Immediate Release\nKABUL, Afghanistan (Oct. 17) - A force"
    found = locate_dateline(text)
    assert found is not None and found.date == dt.date(2010, 10, 17)
    assert text[found.start : found.end] == "Oct. 17"


def test_yearless_dateline_without_any_year_is_not_used() -> None:
    assert find_dateline("KABUL, Afghanistan (Feb. 7)\nA force went out today.") is None


def test_place_dateline_wins_over_a_title_date() -> None:
    text = "Evening Update, Jan. 5, 2011\nCommand\nKABUL, Afghanistan (Jan. 4, 2011) – Troops"
    found = locate_dateline(text)
    assert found is not None and found.date == dt.date(2011, 1, 4) and found.kind == "place"


# -- absolute days -------------------------------------------------------------------


def test_day_month_year() -> None:
    assert days_of("On 31 December 2021, armed men raided a market.") == [
        ("31 December 2021", "2021-12-31", "day")
    ]


def test_abbreviated_month_day_takes_most_recent_year() -> None:
    report = dt.date(2022, 1, 2)
    assert days_of("Talks broke down on Dec. 31 and resumed on Jan. 1.", report) == [
        ("Dec. 31", "2021-12-31", "day"),
        ("Jan. 1", "2022-01-01", "day"),
    ]


def test_month_day_and_iso() -> None:
    assert days_of("Shelling began March 7 and ended 2021-08-08.") == [
        ("March 7", "2021-03-07", "day"),
        ("2021-08-08", "2021-08-08", "day"),
    ]


def test_month_day_after_publication_goes_back_a_year() -> None:
    assert first("The siege began on Aug. 20.").date == dt.date(2020, 8, 20)


def test_leap_day_without_year_goes_back_to_a_leap_year() -> None:
    assert first("The ceasefire of Feb. 29 held.", dt.date(2021, 3, 1)).date == dt.date(2020, 2, 29)


def test_leap_day_in_a_leap_year() -> None:
    assert first("Fighting resumed on 29 February.", dt.date(2024, 3, 1)).date == dt.date(
        2024, 2, 29
    )


def test_impossible_date_is_skipped() -> None:
    assert days_of("Nothing happened on 31 April 2021 or on 29 February 2021.") == []


def test_lower_case_month_words_are_not_months() -> None:
    assert days_of("Thousands may march 7 kilometres; they may 3 times.") == []


def test_ordinal_and_of() -> None:
    assert first("It ended on the 3rd of March.").date == dt.date(2021, 3, 3)


def test_month_and_year_have_month_precision() -> None:
    assert days_of("The offensive began in May 2021.") == [("May 2021", "2021-05-01", "month")]


def test_bare_month_is_the_most_recent_such_month() -> None:
    assert days_of("Aid convoys stopped in October.") == [("October", "2020-10-01", "month")]


def test_year_alone_has_year_precision() -> None:
    assert days_of("Peace talks stalled in 2019.") == [("2019", "2019-01-01", "year")]


def test_release_number_is_not_a_day() -> None:
    assert days_of("Release 2011-01-S-050 was issued.") == []


# -- weekdays ------------------------------------------------------------------------


def test_weekday_is_most_recent_on_or_before_publication() -> None:
    assert days_of("On Sunday, they raised their flag over the square.") == [
        ("Sunday", "2021-08-08", "day")
    ]


def test_weekday_of_publication_is_the_same_day() -> None:
    assert first("The talks opened on Tuesday.").date == TUESDAY


def test_late_on_weekday() -> None:
    day = first("Late on Tuesday, fighters entered the town.")
    assert (day.text, day.date) == ("Tuesday", TUESDAY)


def test_last_weekday_is_strictly_before() -> None:
    assert first("The convoy left last Tuesday.").date == dt.date(2021, 8, 3)


def test_next_weekday_is_strictly_after() -> None:
    assert first("Envoys will meet next Tuesday.").date == dt.date(2021, 8, 17)


def test_weekday_across_a_month_boundary() -> None:
    assert first("Shelling resumed on Friday.", dt.date(2021, 3, 1)).date == dt.date(2021, 2, 26)


def test_plural_weekday_is_not_a_day() -> None:
    assert days_of("Markets close on Fridays.") == []


# -- relative expressions ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("A patrol was ambushed yesterday.", "2021-08-09", "day"),
        ("Shops reopened today.", "2021-08-10", "day"),
        ("Rockets hit the base last night.", "2021-08-09", "day"),
        ("Two men were detained overnight in the village.", "2021-08-09", "day"),
        ("The minister spoke this morning.", "2021-08-10", "day"),
        ("Three towns fell last week.", "2021-08-02", "week"),
        ("Prices rose earlier this month.", "2021-08-01", "month"),
        ("The ceasefire collapsed last month.", "2021-07-01", "month"),
        ("Elections were held last year.", "2020-01-01", "year"),
        ("The bridge was blown up two weeks ago.", "2021-07-27", "week"),
        ("The bridge was blown up 3 days ago.", "2021-08-07", "day"),
        ("It happened the day before yesterday.", "2021-08-08", "day"),
    ],
)
def test_relative_expressions(text: str, date: str, precision: str) -> None:
    day = first(text)
    assert (day.date.isoformat(), day.precision) == (date, precision)


def test_yesterday_across_a_year_boundary() -> None:
    assert first("Yesterday a truce began.", dt.date(2021, 1, 1)).date == dt.date(2020, 12, 31)


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        ("The truce ended a month ago.", dt.date(2024, 3, 31), dt.date(2024, 2, 29)),
        ("The truce ended two months ago.", dt.date(2023, 12, 31), dt.date(2023, 10, 31)),
        ("The truce ended a year ago.", dt.date(2024, 2, 29), dt.date(2023, 2, 28)),
        ("The truce ended 14 months ago.", dt.date(2021, 1, 15), dt.date(2019, 11, 15)),
    ],
)
def test_months_and_years_ago_keep_the_day_or_take_the_month_end(
    text: str, published: dt.date, date: dt.date
) -> None:
    assert first(text, published).date == date


def test_overnight_before_a_noun_is_not_a_day() -> None:
    assert days_of("An overnight raid in the valley on Monday.") == [
        ("Monday", "2021-08-09", "day")
    ]


def test_next_day_counts_from_the_last_named_day() -> None:
    found = days_of("Fighters entered the town on Sunday and left the next day.")
    assert found[-1] == ("the next day", "2021-08-09", "day")


# -- unknown publication day ---------------------------------------------------------


def test_unknown_publication_skips_relative_days() -> None:
    assert days_of("On Sunday and yesterday and last week.", None) == []


def test_unknown_publication_takes_the_year_of_an_absolute_date() -> None:
    found = days_of("On 30 December 2021 a raid; on Jan. 2 another.", None)
    assert found == [("30 December 2021", "2021-12-30", "day"), ("Jan. 2", "2021-01-02", "day")]


def test_unknown_publication_without_any_year_skips_month_days() -> None:
    assert days_of("Talks resumed on March 7.", None) == []


# -- offsets -------------------------------------------------------------------------


def test_offset_is_added_to_spans() -> None:
    text = "On Sunday, they raised their flag."
    day = find_days(text, TUESDAY, offset=100)[0]
    assert (day.start, day.end) == (103, 109)
    assert day.text == text[day.start - 100 : day.end - 100]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Strikes kill 12. Date of publication 30 September 2017 Four children ...", "2017-09-30"),
        ("Strikes kill 12 in Homs. Published July 21 2015 A boy cries ...", "2015-07-21"),
        ("Rebels launch assault. Tuesday 12 July 2016 Rebels launch ...", "2016-07-12"),
        ("Bomb kills five. 30-04-2016 Bomb kills five in Qamishli ...", "2016-04-30"),
        ("Army advances near Raqqa. 19.04.2017(updated 1200) The army ...", "2017-04-19"),
        ("Jets strike Raqa again AFP Monday 18 Aug 2014 Syrian planes ...", "2014-08-18"),
        ("Army kills 30. Sun Sep 4 2016 The army killed ...", "2016-09-04"),
        # a page's update stamp, its ", " lost, or with the hour before the date
        ("Rebels shell town | Daily News. Last updated at Mar 052016 DAMASCUS ...", "2016-03-05"),
        ("Rebels shell town. (updated 0915 06.03.2016) Get short URL ...", "2016-03-06"),
        # a date inside the body's sentences is not printed at the head
        ("The army said on Monday that the truce of July 21 2015 had failed.", None),
        # nor a US-style numeric date, which day-first reading would misread
        ("Storm hits town. 04/09/2014 A storm hit ...", None),
    ],
)
def test_printed_date(text: str, expected: str | None) -> None:
    found = printed_date(text)
    assert (found.isoformat() if found else None) == expected

"""A SPOC gets the date the referrer meant, or is told why it cannot be read (FORMS.md §2.4)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.dates import DateReading, find_dates, format_date, read_date

TODAY = date(2025, 6, 1)
FEB_3 = date(2024, 2, 3)


@pytest.mark.parametrize(
    "written",
    [
        "3/2/24",
        "03/02/2024",
        "03.02.2024",
        "3.2.24",
        "03-02-2024",
        "3 2 2024",
        "3 / 2 / 2024",
        "3rd Feb 2024",
        "3 feb 2024",
        "3 FEBRUARY 2024",
        "Tuesday 3 February 2024",
        "Tue, 3rd Feb 2024",
        "3-Feb-24",
        "3 Feb. 24",
        "3rd of February 2024",
        "the 3rd of February, 2024",
        "February 3, 2024",
        "Feb 3rd 2024",
        "feb 3 24",
        "2024-02-03",
        "2024/02/03",
        "03022024",
        "20240203",
        "3Feb2024",
    ],
)
def test_every_way_of_writing_3_february_2024(written: str) -> None:
    assert read_date(written, TODAY) == DateReading(FEB_3, None)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("3 Sept 2024", date(2024, 9, 3)),
        ("Sept 3, 2024", date(2024, 9, 3)),
        ("3 Sep 2024", date(2024, 9, 3)),
        ("1st January 2025", date(2025, 1, 1)),
        ("22nd Dec 2023", date(2023, 12, 22)),
        ("31 May 2025", date(2025, 5, 31)),
        ("Wednesday 12 March 2025", date(2025, 3, 12)),
        ("29/02/2024", date(2024, 2, 29)),
        ("01122012", date(2012, 12, 1)),
        ("19791231", date(1979, 12, 31)),
    ],
)
def test_month_names_abbreviations_and_leap_days(written: str, meant: date) -> None:
    assert read_date(written, TODAY).value == meant


@pytest.mark.parametrize(
    "written",
    [
        "12/03/2025 14:30",
        "12/03/2025 at 2pm",
        "12/03/2025 at 2 p.m.",
        "12/03/2025, 10am",
        "12/03/2025 14.30",
        "12/03/2025 at 14.30",
        "12/03/2025 1430hrs",
        "12/03/2025 14:30:00",
        "12 March 2025 09:15",
        "2025-03-12T14:30",
    ],
)
def test_a_time_after_the_date_is_ignored(written: str) -> None:
    assert read_date(written, TODAY) == DateReading(date(2025, 3, 12), None)


def test_numeric_dates_are_day_first() -> None:
    assert read_date("03/02/2024", TODAY).value == date(2024, 2, 3)
    assert read_date("12/03/2025", TODAY).value == date(2025, 3, 12)


@pytest.mark.parametrize(
    "written",
    [
        "02/13/2024",  # never swapped to US order
        "31/02/2024",
        "30/02/2024",
        "29/02/2023",
        "32/01/2024",
        "00/01/2024",
        "31 June 2024",
        "30022024",
        "1/2/345",
        "01/02/0024",
        "03/02/2024 and 31/02/2024",
        "hello",
        "see notes",
        "14 days",
        "45",
        "12345678",
        "14.30",
        "Monday",
    ],
)
def test_an_impossible_date_or_no_date_is_unreadable(written: str) -> None:
    assert read_date(written, TODAY) == DateReading(None, "date_unreadable")


@pytest.mark.parametrize(
    "written",
    [
        "Feb 2024",
        "February 2024",
        "03/02",
        "3.2",
        "3rd Feb",
        "February 3rd",
        "02/2024",
        "2024-02",
        "2024",
        "approx Feb 2024",
        "Spring 2024",
    ],
)
def test_no_day_or_no_year_is_incomplete(written: str) -> None:
    assert read_date(written, TODAY) == DateReading(None, "date_incomplete")


@pytest.mark.parametrize(
    "written",
    [
        "01/02/2024 - 05/02/2024",
        "01/02/2024 – 05/02/2024",
        "1/2/24 or 3/2/24",
        "1/2/24 to 3/2/24",
        "3/2/24 (or 4/2/24)",
        "3-5 Feb 2024",
        "3rd or 4th March 2024",
        "3/2/24 or 4/2",
        "Feb 2024 - Mar 2024",
        "03/02 or 04/02",
    ],
)
def test_two_different_dates_or_a_range_are_ambiguous(written: str) -> None:
    assert read_date(written, TODAY) == DateReading(None, "date_ambiguous")


@pytest.mark.parametrize(
    "written",
    [
        "03/02/2024 03/02/2024",
        "3rd Feb 2024 (03/02/2024)",
        "3rd Feb (03/02/2024)",
        "3/2/24, 3/2/24",
    ],
)
def test_the_same_date_written_twice_is_one_date(written: str) -> None:
    assert read_date(written, TODAY) == DateReading(FEB_3, None)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("12/03/2025 (provisional)", date(2025, 3, 12)),
        ("approx 12/03/2025", date(2025, 3, 12)),
        ("12/03/2025 TBC", date(2025, 3, 12)),
        ("Sentenced 3 Feb 2024 at Truro Crown Court", FEB_3),
        ("03/02/2024 (2 years)", FEB_3),
        ("03/02/2024 (review 2030)", FEB_3),
        ("may be 3/2/24", FEB_3),
    ],
)
def test_one_date_with_words_keeps_the_date_with_a_note(written: str, meant: date) -> None:
    assert read_date(written, TODAY) == DateReading(meant, "date_with_note")


@pytest.mark.parametrize(
    "written", ["on 3/2/24", "Tuesday 3/2/24", "(03/02/2024)", "03/02/2024.", " 3/2/24 "]
)
def test_weekdays_and_punctuation_are_no_note(written: str) -> None:
    assert read_date(written, TODAY) == DateReading(FEB_3, None)


@pytest.mark.parametrize(
    ("written", "of_birth", "meant"),
    [
        # dates of birth: 20yy unless that is after this year (2025)
        ("03/02/25", True, date(2025, 2, 3)),
        ("03/02/26", True, date(1926, 2, 3)),
        ("03/02/79", True, date(1979, 2, 3)),
        ("03/02/00", True, date(2000, 2, 3)),
        ("3-Feb-79", True, date(1979, 2, 3)),
        # other dates: 20yy unless that is after this year + 20 (2045)
        ("03/02/45", False, date(2045, 2, 3)),
        ("03/02/46", False, date(1946, 2, 3)),
        ("03/02/26", False, date(2026, 2, 3)),
        ("3 Feb 99", False, date(1999, 2, 3)),
    ],
)
def test_two_digit_years_turn_on_today(written: str, of_birth: bool, meant: date) -> None:
    assert read_date(written, TODAY, of_birth=of_birth).value == meant


def test_the_two_digit_year_pivot_moves_with_today() -> None:
    assert read_date("03/02/26", date(2026, 1, 1), of_birth=True).value == date(2026, 2, 3)
    assert read_date("03/02/26", date(2025, 12, 31), of_birth=True).value == date(1926, 2, 3)


def test_find_dates_lists_each_real_date_once_in_order() -> None:
    text = "Sentenced 3/2/24, released 5 March 2025, recalled 03/02/2024; 31/02/2024"
    assert find_dates(text, TODAY) == [FEB_3, date(2025, 3, 5)]


def test_dates_are_written_as_iso() -> None:
    assert format_date(FEB_3) == "2024-02-03"
    assert format_date(date(1979, 12, 1)) == "1979-12-01"


DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@given(DATES, st.sampled_from(["/", ".", "-", " "]))
def test_any_day_first_numeric_date_reads_back(value: date, separator: str) -> None:
    written = separator.join((str(value.day), f"{value.month:02}", str(value.year)))
    assert read_date(written, TODAY) == DateReading(value, None)


@given(DATES, st.booleans())
def test_any_date_with_its_month_named_reads_back(value: date, short: bool) -> None:
    month = MONTH_NAMES[value.month - 1]
    written = f"{value.day} {month[:3] if short else month} {value.year}"
    assert read_date(written, TODAY) == DateReading(value, None)


@given(DATES)
def test_an_iso_date_round_trips(value: date) -> None:
    assert read_date(format_date(value), TODAY) == DateReading(value, None)

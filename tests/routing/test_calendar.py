"""The working-day rule at the places it is easiest to get wrong: year ends, Easter, one-off bank
holidays, the 17:00 cut-off and both clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from routing.calendar import LONDON, WorkingCalendar


def london(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2022, 6, 3), "Platinum Jubilee of Elizabeth II"),
        (date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
        (date(2023, 5, 8), "Coronation of Charles III"),
        (date(2011, 4, 29), "Wedding of William and Catherine"),
        (date(1999, 12, 31), "Millennium Celebrations"),
    ],
)
def test_one_off_bank_holidays_are_not_working_days(calendar, day, name):
    assert not calendar.is_working_day(day)
    assert calendar.holidays[day] == name


@pytest.mark.parametrize(
    ("received", "working_days", "day0", "due"),
    [
        # the example: Friday after 17:00, over Christmas and New Year
        (london(2024, 12, 20, 17, 45), 10, date(2024, 12, 23), date(2025, 1, 9)),
        # Christmas 2021 on a weekend: the substitute days, Monday 27 and Tuesday 28, are off
        (london(2021, 12, 24, 17, 0), 0, date(2021, 12, 29), date(2021, 12, 29)),
        # New Year's Day 2022 on a Saturday: Monday 3 January is off
        (london(2021, 12, 31, 9, 0), 1, date(2021, 12, 31), date(2022, 1, 4)),
        # Easter 2024: Good Friday 29 March, Easter Monday 1 April
        (london(2024, 3, 28, 16, 59), 1, date(2024, 3, 28), date(2024, 4, 2)),
        (london(2024, 3, 28, 17, 0), 0, date(2024, 4, 2), date(2024, 4, 2)),
        # the one-off days
        (london(2022, 6, 1, 12, 0), 1, date(2022, 6, 1), date(2022, 6, 6)),
        (london(2022, 9, 16, 12, 0), 1, date(2022, 9, 16), date(2022, 9, 20)),
        (london(2023, 5, 5, 18, 0), 0, date(2023, 5, 9), date(2023, 5, 9)),
        # a weekend receipt, however early, starts on Monday
        (london(2024, 6, 8, 8, 0), 3, date(2024, 6, 10), date(2024, 6, 13)),
    ],
)
def test_day0_and_due_date(calendar, received, working_days, day0, due):
    assert calendar.deadline(received, working_days)[1:] == (day0, due)


@pytest.mark.parametrize(
    ("received_utc", "day0"),
    [
        # 16:30 UTC is 16:30 in London in winter (before the cut-off) ...
        (datetime(2025, 3, 28, 16, 30, tzinfo=UTC), date(2025, 3, 28)),
        # ... and 17:30 after the spring change on Sunday 30 March 2025 (after it)
        (datetime(2025, 3, 31, 16, 30, tzinfo=UTC), date(2025, 4, 1)),
        (datetime(2025, 3, 31, 15, 59, tzinfo=UTC), date(2025, 3, 31)),
        # the autumn change on Sunday 26 October 2025
        (datetime(2025, 10, 24, 16, 30, tzinfo=UTC), date(2025, 10, 27)),
        (datetime(2025, 10, 27, 16, 30, tzinfo=UTC), date(2025, 10, 27)),
        (datetime(2025, 10, 27, 17, 0, tzinfo=UTC), date(2025, 10, 28)),
    ],
)
def test_the_cut_off_is_london_time_on_either_side_of_a_clock_change(calendar, received_utc, day0):
    assert calendar.day0(received_utc) == day0


def test_a_time_without_an_offset_is_london_time(calendar):
    assert calendar.day0(datetime(2025, 6, 2, 16, 30)) == date(2025, 6, 2)
    assert calendar.day0(datetime(2025, 6, 2, 17, 0)) == date(2025, 6, 3)


def test_skipped_days_name_weekends_and_bank_holidays(calendar):
    skipped = calendar.skipped(date(2024, 12, 20), date(2025, 1, 9))
    assert [(s.day.isoformat(), s.reason) for s in skipped] == [
        ("2024-12-21", "Saturday"),
        ("2024-12-22", "Sunday"),
        ("2024-12-25", "Christmas Day"),
        ("2024-12-26", "Boxing Day"),
        ("2024-12-28", "Saturday"),
        ("2024-12-29", "Sunday"),
        ("2025-01-01", "New Year's Day"),
        ("2025-01-04", "Saturday"),
        ("2025-01-05", "Sunday"),
    ]


def test_counting_from_a_date_treats_it_as_a_morning_receipt(calendar):
    assert calendar.add_working_days(date(2024, 3, 29), 0) == date(2024, 4, 2)  # Good Friday
    assert calendar.add_working_days(date(2024, 3, 22), 3) == date(2024, 3, 27)
    assert calendar.previous_working_day(date(2024, 4, 1)) == date(2024, 3, 28)


def test_dates_outside_the_calendar_and_negative_counts_are_refused(calendar):
    with pytest.raises(ValueError, match="outside the calendar"):
        calendar.due_date(london(2150, 1, 5, 9, 0), 1)
    with pytest.raises(ValueError, match="counts forward"):
        calendar.due_date(london(2024, 1, 5, 9, 0), -1)
    with pytest.raises(ValueError, match="past the calendar"):
        WorkingCalendar({}, 2024, 2024).due_date(london(2024, 12, 30, 9, 0), 5)

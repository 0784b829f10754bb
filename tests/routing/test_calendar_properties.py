"""Properties of the working-day count for any receipt time, checked against a day-by-day count."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import holidays
from hypothesis import given
from hypothesis import strategies as st

from routing.calendar import LONDON, england_and_wales

CALENDAR = england_and_wales()
BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG", years=range(1996, 2099))

receipts = st.datetimes(
    min_value=datetime(1996, 1, 1), max_value=datetime(2097, 12, 31), timezones=st.just(UTC)
)
counts = st.integers(min_value=0, max_value=60)


def working(day: date) -> bool:
    return day.weekday() < 5 and day not in BANK_HOLIDAYS


def next_working(day: date) -> date:
    day += timedelta(days=1)
    while not working(day):
        day += timedelta(days=1)
    return day


def counted_by_hand(received: datetime, working_days: int) -> date:
    """The rule as a SPOC applies it with a wall calendar, one day at a time."""
    local = received.astimezone(LONDON)
    day = local.date()
    if not working(day) or local.hour >= 17:
        day = next_working(day)
    for _ in range(working_days):
        day = next_working(day)
    return day


@given(receipts, counts)
def test_a_due_date_is_never_a_weekend_or_bank_holiday(received, working_days):
    due = CALENDAR.due_date(received, working_days)
    assert due.weekday() < 5 and due not in BANK_HOLIDAYS


@given(receipts, receipts, counts)
def test_a_later_receipt_never_gives_an_earlier_due_date(first, second, working_days):
    first, second = sorted([first, second])
    assert CALENDAR.due_date(first, working_days) <= CALENDAR.due_date(second, working_days)


@given(receipts)
def test_zero_working_days_is_day0_a_working_day_not_before_receipt(received):
    day0 = CALENDAR.day0(received)
    assert CALENDAR.due_date(received, 0) == day0
    assert working(day0) and day0 >= received.astimezone(LONDON).date()


@given(receipts, counts)
def test_one_more_working_day_is_always_later(received, working_days):
    assert CALENDAR.due_date(received, working_days + 1) > CALENDAR.due_date(received, working_days)


@given(receipts, counts)
def test_the_count_agrees_with_counting_day_by_day(received, working_days):
    assert CALENDAR.due_date(received, working_days) == counted_by_hand(received, working_days)


@given(receipts, counts)
def test_skipped_days_and_working_days_fill_the_span(received, working_days):
    """From the day of receipt to the due date every day is either skipped or counted."""
    local_day = received.astimezone(LONDON).date()
    due = CALENDAR.due_date(received, working_days)
    skipped = CALENDAR.skipped(local_day, due)
    assert all(not working(s.day) for s in skipped)
    counted = (due - local_day).days + 1 - len(skipped)
    same_day_after_cut_off = working(local_day) and CALENDAR.day0(received) != local_day
    assert counted == working_days + 1 + same_day_after_cut_off

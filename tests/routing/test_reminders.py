"""The reminder plan: which working days remind, escalate, and stop."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from routing.calendar import england_and_wales
from routing.config import ReminderPlan
from routing.reminders import plan_clock, reminder_plan, reminders_due

CALENDAR = england_and_wales()
DEFAULT = ReminderPlan()
DAY0 = date(2024, 12, 23)  # the example: due 9 January 2025 after 10 working days
DUE = date(2025, 1, 9)


def test_the_default_plan_over_christmas(calendar):
    plan = reminder_plan(DAY0, DUE, DEFAULT, calendar, through=date(2025, 1, 15))
    assert [(r.on.isoformat(), r.kind, r.to_manager) for r in plan] == [
        ("2025-01-02", "progress", False),  # working day 5
        ("2025-01-07", "progress", False),  # working day 8
        ("2025-01-09", "due", False),
        ("2025-01-10", "overdue", False),
        ("2025-01-13", "overdue", False),  # Monday: never at the weekend
        ("2025-01-14", "escalation", True),  # after two overdue working days
        ("2025-01-15", "escalation", True),
    ]


def test_a_decision_stops_that_days_reminder_and_every_later_one(calendar):
    plan = reminder_plan(DAY0, DUE, DEFAULT, calendar, through=date(2025, 2, 1), decided_on=DUE)
    assert [r.kind for r in plan] == ["progress", "progress"]
    assert reminders_due(date(2025, 1, 14), DAY0, DUE, DEFAULT, calendar, decided_on=DUE) is None


def test_a_plan_holds_its_scheduled_reminders_and_the_rule_of_its_overdue_tail(calendar):
    plan = plan_clock(DAY0, DUE, DEFAULT, calendar)
    assert [(r.on.isoformat(), r.kind) for r in plan.scheduled] == [
        ("2025-01-02", "progress"),
        ("2025-01-07", "progress"),
        ("2025-01-09", "due"),
    ]
    assert (plan.overdue_from, plan.escalate_from, plan.last) == (11, 13, None)
    decided = plan_clock(DAY0, DUE, DEFAULT, calendar, decided_on=date(2025, 1, 7))
    assert [r.kind for r in decided.scheduled] == ["progress"]
    assert decided.overdue_from is None


def test_a_short_clock_has_no_progress_reminders_after_its_due_day(calendar):
    due = calendar.add_working_days(DAY0, 5)
    plan = reminder_plan(DAY0, due, DEFAULT, calendar, through=due)
    assert [(r.working_day, r.kind) for r in plan] == [(5, "due")]


def test_a_plan_without_overdue_reminders_ends_on_the_due_day(calendar):
    quiet = ReminderPlan(after_working_days=[2], overdue_every_working_day=False)
    plan = reminder_plan(DAY0, DUE, quiet, calendar, through=date(2025, 3, 1))
    assert [r.kind for r in plan] == ["progress", "due"]


def test_the_sweep_sends_nothing_on_a_bank_holiday_or_before_day0(calendar):
    assert reminders_due(date(2025, 1, 1), DAY0, DUE, DEFAULT, calendar) is None
    assert reminders_due(date(2024, 12, 20), DAY0, DUE, DEFAULT, calendar) is None


days0 = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)).map(
    lambda day: CALENDAR.add_working_days(day, 0)
)


@given(days0, st.integers(min_value=0, max_value=30), st.integers(min_value=0, max_value=60))
def test_every_reminder_is_on_a_working_day_and_the_sweep_agrees_with_the_plan(day0, n, span):
    due = CALENDAR.add_working_days(day0, n)
    through = day0 + timedelta(days=span)
    plan = {r.on: r for r in reminder_plan(day0, due, DEFAULT, CALENDAR, through=through)}
    assert all(CALENDAR.is_working_day(day) for day in plan)
    for offset in range(span + 1):
        today = day0 + timedelta(days=offset)
        assert reminders_due(today, day0, due, DEFAULT, CALENDAR) == plan.get(today)

"""The reminder plan of a running clock: on chosen working days after day 0, on the due day, then
every working day overdue, copying the area's manager once escalation starts.

Never on a weekend or bank holiday; a decision recorded on a day stops that day's reminder and
every later one. Sending them is the notifications' work; this only says which and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from routing.calendar import WorkingCalendar
from routing.config import ReminderPlan


class Reminder(NamedTuple):
    on: date
    kind: str  # "progress", "due", "overdue" or "escalation"
    working_day: int  # working days after day 0
    to_manager: bool  # escalation: the area's manager is copied in


def reminder_on(
    working_day: int, due_working_day: int, plan: ReminderPlan
) -> tuple[str, bool] | None:
    """The reminder, if any, of the `working_day`-th working day after day 0; one a day at most
    (on a day with two reasons the later stage wins: overdue over due over progress)."""
    overdue = working_day - due_working_day
    if overdue > 0:
        if not plan.overdue_every_working_day:
            return None
        escalate = overdue > plan.escalate_after_overdue_working_days
        return ("escalation", True) if escalate else ("overdue", False)
    if overdue == 0 and plan.on_due_day:
        return "due", False
    if working_day in plan.after_working_days and overdue < 0:
        return "progress", False
    return None


def reminders_due(
    today: date,
    day0: date,
    due: date,
    plan: ReminderPlan,
    calendar: WorkingCalendar,
    decided_on: date | None = None,
) -> Reminder | None:
    """What the reminder sweep sends today for one clock, if anything."""
    if (decided_on is not None and today >= decided_on) or not calendar.is_working_day(today):
        return None
    working_day = calendar.working_days_between(day0, today)
    if working_day < 0:
        return None
    found = reminder_on(working_day, calendar.working_days_between(day0, due), plan)
    if found is None:
        return None
    kind, to_manager = found
    return Reminder(today, kind, working_day, to_manager)


@dataclass(frozen=True, slots=True)
class ClockPlan:
    """One clock's reminders, described compactly: the few before and on the due day, then one
    every working day from the `overdue_from`-th working day after day 0 (the area's manager
    copied from the `escalate_from`-th), until the `last`-th; `last` None runs until a
    decision. The overdue tail never ends on its own, so it is a rule, not a list."""

    day0: date
    scheduled: tuple[Reminder, ...]
    overdue_from: int | None
    escalate_from: int | None
    last: int | None

    def through(self, day: date, calendar: WorkingCalendar) -> list[Reminder]:
        """Every reminder from day 0 to `day`, as a page listing them shows."""
        last = calendar.working_days_between(self.day0, day)
        if not calendar.is_working_day(day):
            last -= 1  # `day` counts up to the working day before it
        if self.last is not None:
            last = min(last, self.last)
        reminders = [r for r in self.scheduled if r.working_day <= last]
        if self.overdue_from is not None and self.overdue_from <= last:
            days = calendar.working_days_from(self.day0, self.overdue_from, last)
            reminders += [
                Reminder(on, "escalation", n, True)
                if self.escalate_from is not None and n >= self.escalate_from
                else Reminder(on, "overdue", n, False)
                for n, on in enumerate(days, self.overdue_from)
            ]
        return reminders


def plan_clock(
    day0: date,
    due: date,
    plan: ReminderPlan,
    calendar: WorkingCalendar,
    decided_on: date | None = None,
) -> ClockPlan:
    """The plan of one clock; a decision on `decided_on` stops that day's reminder and later."""
    last = None
    if decided_on is not None:
        last = calendar.working_days_between(day0, decided_on) - 1
    due_working_day = calendar.working_days_between(day0, due)
    scheduled = [
        Reminder(calendar.add_working_days(day0, n), "progress", n, False)
        for n in plan.after_working_days
        if n < due_working_day and (last is None or n <= last)
    ]
    if plan.on_due_day and (last is None or due_working_day <= last):
        scheduled.append(Reminder(due, "due", due_working_day, False))
    overdue_from = escalate_from = None
    if plan.overdue_every_working_day and (last is None or due_working_day < last):
        overdue_from = due_working_day + 1
        escalate_from = due_working_day + plan.escalate_after_overdue_working_days + 1
    return ClockPlan(day0, tuple(scheduled), overdue_from, escalate_from, last)


def reminder_plan(
    day0: date,
    due: date,
    plan: ReminderPlan,
    calendar: WorkingCalendar,
    through: date,
    decided_on: date | None = None,
) -> list[Reminder]:
    """Every reminder of one clock from day 0 to `through` (overdue ones never end on their
    own), less those a decision on `decided_on` stopped."""
    return plan_clock(day0, due, plan, calendar, decided_on).through(through, calendar)

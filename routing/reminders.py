"""The reminder plan of a running clock: on chosen working days after day 0, on the due day, then
every working day overdue, copying the area's manager once escalation starts.

Never on a weekend or bank holiday; a decision recorded on a day stops that day's reminder and
every later one. Sending them is the notifications' work; this only says which and when.
"""

from __future__ import annotations

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
    last = calendar.working_days_between(day0, through)
    if not calendar.is_working_day(through):
        last -= 1  # `through` counts up to the working day before it
    if decided_on is not None:
        last = min(last, calendar.working_days_between(day0, decided_on) - 1)
    due_working_day = calendar.working_days_between(day0, due)
    reminders = [
        Reminder(calendar.add_working_days(day0, working_day), "progress", working_day, False)
        for working_day in plan.after_working_days
        if working_day < due_working_day and working_day <= last
    ]
    if plan.on_due_day and due_working_day <= last:
        reminders.append(Reminder(due, "due", due_working_day, False))
    if plan.overdue_every_working_day and due_working_day < last:
        last_calm = due_working_day + plan.escalate_after_overdue_working_days
        days = calendar.working_days_from(day0, due_working_day + 1, last)
        reminders += [
            Reminder(day, "escalation", n, True)
            if n > last_calm
            else Reminder(day, "overdue", n, False)
            for n, day in enumerate(days, due_working_day + 1)
        ]
    return reminders

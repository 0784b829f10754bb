"""Deadline benchmark: due dates per second for a million (received, n) pairs, and the time to
plan the reminders of 100,000 open submissions, each against a naive day-by-day count (a weekday
test and a bank-holiday look-up per calendar day, as one would first write it) in the same run.

    make bench        (or: .venv/bin/python -m bench.deadlines [--pairs 1000000] [--open 100000])

Goal (issue 5): the reminders of 100,000 open submissions <= 1 s. Prints figures; never fails
a build.
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, date, datetime, timedelta

import holidays

from bench.timing import median_seconds
from routing.calendar import CUT_OFF_HOUR, LONDON, england_and_wales
from routing.config import ReminderPlan
from routing.reminders import plan_clock, reminder_plan, reminders_due

TODAY = date(2026, 11, 23)
BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG", years=range(2019, 2032))
Pair = tuple[datetime, int]


def pairs(count: int, seed: int = 5) -> list[Pair]:
    """Receipts at any minute of 2020-2029 (UTC, as stored), deadlines of 0 to 20 working days."""
    rng = random.Random(seed)
    start, minutes = datetime(2020, 1, 1, tzinfo=UTC), 10 * 365 * 24 * 60
    return [
        (start + timedelta(minutes=rng.randrange(minutes)), rng.randrange(21)) for _ in range(count)
    ]


def working(day: date) -> bool:
    return day.weekday() < 5 and day not in BANK_HOLIDAYS


def naive_add(day: date, working_days: int) -> date:
    for _ in range(working_days):
        day += timedelta(days=1)
        while not working(day):
            day += timedelta(days=1)
    return day


def naive_due_date(received: datetime, working_days: int) -> date:
    local = received.astimezone(LONDON)
    day = local.date()
    if not working(day) or local.hour >= CUT_OFF_HOUR:
        day = naive_add(day, 1)
    return naive_add(day, working_days)


def naive_plan(day0: date, due: date, plan: ReminderPlan, through: date) -> list[date]:
    """Walk every calendar day from day 0, counting working days as it goes."""
    reminders, day, working_day, due_reached = [], day0, 0, False
    while day <= through:
        if working(day):
            due_reached = due_reached or day == due
            if working_day in plan.after_working_days or due_reached:
                reminders.append(day)
            working_day += 1
        day += timedelta(days=1)
    return reminders


def open_submissions(count: int, seed: int = 5) -> list[tuple[date, date]]:
    """(day 0, due) of submissions received over the last 30 working days, 3- or 10-day clocks."""
    calendar, rng = england_and_wales(), random.Random(seed)
    first = calendar.add_working_days(TODAY - timedelta(days=45), 0)
    open_ = []
    for _ in range(count):
        day0 = calendar.add_working_days(first, rng.randrange(30))
        open_.append((day0, calendar.add_working_days(day0, rng.choice((3, 10)))))
    return open_


def bench_due_dates(count: int, rounds: int) -> None:
    calendar, work = england_and_wales(), pairs(count)
    sample = work[: max(1, count // 10)]
    assert [calendar.due_date(*p) for p in sample[:2000]] == [
        naive_due_date(*p) for p in sample[:2000]
    ]
    ours = count / median_seconds(lambda: [calendar.due_date(r, n) for r, n in work], rounds)
    naive = len(sample) / median_seconds(lambda: [naive_due_date(r, n) for r, n in sample], rounds)
    print(
        f"due dates: {ours:12,.0f} per second over {count:,} pairs   "
        f"naive {naive:10,.0f} per second (on {len(sample):,})   ratio {ours / naive:5.1f}x"
    )


def bench_reminders(count: int, rounds: int) -> None:
    """Today's sweep (which open submissions get a reminder today), each submission's plan
    (its scheduled reminders and the rule of its overdue tail), and the plans listed day by day
    from day 0 to today, kept in memory, as a page listing them would."""
    calendar, plan, work = england_and_wales(), ReminderPlan(), open_submissions(count)
    for day0, due in work[:2000]:
        ours = [r.on for r in reminder_plan(day0, due, plan, calendar, through=TODAY)]
        assert ours == naive_plan(day0, due, plan, TODAY)
    sweep = median_seconds(
        lambda: [reminders_due(TODAY, d0, due, plan, calendar) for d0, due in work], rounds
    )
    naive = median_seconds(
        lambda: [TODAY in naive_plan(d0, due, plan, TODAY) for d0, due in work], rounds
    )
    print(
        f"today's reminders for {count:,} open submissions: {sweep:.3f} s (goal <= 1 s)   "
        f"naive {naive:.3f} s   ratio {naive / sweep:5.1f}x"
    )
    naive = median_seconds(lambda: [naive_plan(d0, due, plan, TODAY) for d0, due in work], rounds)
    compact = median_seconds(
        lambda: [plan_clock(d0, due, plan, calendar) for d0, due in work], rounds
    )
    print(
        f"reminder plans of {count:,} open submissions (the overdue tail as a rule): "
        f"{compact:.3f} s (goal <= 1 s)   naive lists {naive:.3f} s   ratio {naive / compact:5.1f}x"
    )
    plans = median_seconds(
        lambda: [reminder_plan(d0, due, plan, calendar, through=TODAY) for d0, due in work], rounds
    )
    reminders = sum(len(reminder_plan(d0, due, plan, calendar, through=TODAY)) for d0, due in work)
    print(
        f"the same plans listed day by day to today ({reminders:,} reminders): {plans:.3f} s   "
        f"naive {naive:.3f} s   ratio {naive / plans:5.1f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1_000_000, help="(received, n) pairs")
    parser.add_argument("--open", type=int, default=100_000, help="open submissions to plan")
    parser.add_argument("--rounds", type=int, default=3, help="timed runs per figure")
    args = parser.parse_args()
    print(f"median of {args.rounds} runs each, in this process:")
    bench_due_dates(args.pairs, args.rounds)
    bench_reminders(args.open, args.rounds)


if __name__ == "__main__":
    main()

"""England and Wales working days, and the one day-count rule every deadline uses.

A message received on a working day before 17:00 Europe/London has that day as day 0; otherwise
day 0 is the next working day. A deadline of n working days falls on the n-th working day after
day 0 (so n = 0 is day 0 itself).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from functools import cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
CUT_OFF_HOUR = 17
FIRST_YEAR, LAST_YEAR = 1995, 2099
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Skipped(NamedTuple):
    """A day the count stepped over, and why a SPOC would not count it."""

    day: date
    reason: str


class Deadline(NamedTuple):
    received: datetime
    day0: date
    due: date


def london_time(moment: datetime) -> datetime:
    """Receipt as a Londoner's clock shows it; a naive time is taken to be London time already."""
    return moment.astimezone(LONDON) if moment.tzinfo is not None else moment


class WorkingCalendar:
    """Working days held as a sorted list of ordinals, so counting n of them is one index step."""

    def __init__(self, holidays_by_day: Mapping[date, str], first_year: int, last_year: int):
        self.holidays = dict(holidays_by_day)
        self.first_day = date(first_year, 1, 1)
        self.last_day = date(last_year, 12, 31)
        self._first = self.first_day.toordinal()
        span = self.last_day.toordinal() - self._first + 1
        days = (date.fromordinal(self._first + offset) for offset in range(span))
        self._working = [d.toordinal() for d in days if d.weekday() < 5 and d not in self.holidays]
        # _next[i]: position in _working of the first working day on or after first_day + i
        self._next = [0] * span
        position = len(self._working)
        for offset in range(span - 1, -1, -1):
            if position > 0 and self._working[position - 1] == self._first + offset:
                position -= 1
            self._next[offset] = position

    def _position(self, day: date | datetime) -> int:
        """Index of the first working day on or after `day`."""
        offset = day.toordinal() - self._first
        if not 0 <= offset < len(self._next):
            raise ValueError(f"{day:%Y-%m-%d} is outside the calendar ({self._span_text()})")
        return self._next[offset]

    def _day_at(self, position: int) -> date:
        if position >= len(self._working):
            raise ValueError(f"the count runs past the calendar ({self._span_text()})")
        return date.fromordinal(self._working[position])

    def _span_text(self) -> str:
        return f"{self.first_day.year} to {self.last_day.year}"

    def is_working_day(self, day: date) -> bool:
        position = self._position(day)
        return position < len(self._working) and self._working[position] == day.toordinal()

    def day0(self, received: datetime) -> date:
        """The working day the count starts from (the rule in this module's docstring)."""
        return self._day_at(self._day0_position(london_time(received)))

    def _day0_position(self, local: datetime) -> int:
        position = self._position(local)
        at_end = position == len(self._working)
        if at_end or local.hour >= CUT_OFF_HOUR or self._working[position] != local.toordinal():
            position = self._position(local + timedelta(days=1))
        return position

    def due_date(self, received: datetime, working_days: int) -> date:
        """The n-th working day after day 0: the hot path, one index step after day 0."""
        if working_days < 0:
            raise ValueError(f"a deadline counts forward: {working_days} working days")
        return self._day_at(self._day0_position(london_time(received)) + working_days)

    def deadline(self, received: datetime, working_days: int) -> Deadline:
        return Deadline(received, self.day0(received), self.due_date(received, working_days))

    def add_working_days(self, start: date, working_days: int) -> date:
        """The n-th working day after `start`, itself counted as day 0 if it is a working day
        (a date with no time, such as a patient's admission, counts as received in the morning)."""
        if working_days < 0:
            raise ValueError(f"a deadline counts forward: {working_days} working days")
        return self._day_at(self._position(start) + working_days)

    def working_days_from(self, day0: date, first: int, last: int) -> list[date]:
        """The `first`-th to the `last`-th working days after `day0`, in one slice."""
        start = self._position(day0)
        if start + last >= len(self._working):
            raise ValueError(f"the count runs past the calendar ({self._span_text()})")
        return [date.fromordinal(o) for o in self._working[start + first : start + last + 1]]

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days after `start` `end` is (0 when they are the same working day)."""
        return self._position(end) - self._position(start)

    def previous_working_day(self, day: date) -> date:
        """`day` itself when it is a working day, else the last working day before it."""
        position = self._position(day)
        if self._day_at(position) == day:
            return day
        if position == 0:
            raise ValueError(f"no working day before {day:%Y-%m-%d} in the calendar")
        return self._day_at(position - 1)

    def skipped(self, start: date, end: date) -> list[Skipped]:
        """The weekends and bank holidays from `start` to `end`, both included."""
        days = (start + timedelta(days=n) for n in range((end - start).days + 1))
        return [
            Skipped(day, self.holidays.get(day) or WEEKDAY_NAMES[day.weekday()])
            for day in days
            if not self.is_working_day(day)
        ]


@cache
def england_and_wales() -> WorkingCalendar:
    """Bank holidays of England and Wales (the holidays package, subdivision ENG, which Wales
    shares), one-off days included (2022-06-03, 2022-09-19, 2023-05-08...)."""
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    bank_holidays = holidays.country_holidays("GB", subdiv="ENG", years=years)
    return WorkingCalendar(bank_holidays, FIRST_YEAR, LAST_YEAR)

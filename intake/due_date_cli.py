"""`mappa-intake due-date`: the working-day rule on one receipt, with the days it stepped over."""

from __future__ import annotations

import json
from datetime import date, datetime

import click

from routing.calendar import CUT_OFF_HOUR, LONDON, england_and_wales, london_time


def parse_received(text: str) -> datetime:
    """ISO 8601 date and time; without an offset it is London time, as a SPOC reads a clock."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not a date and time such as '2024-12-20 17:45'", param_hint="--received"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=LONDON)


def _long(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


@click.command("due-date")
@click.option(
    "--received",
    required=True,
    help="When the message arrived: '2024-12-20 17:45' (London time) or ISO 8601 with an offset.",
)
@click.option(
    "--working-days",
    type=click.IntRange(min=0, max=250),
    default=10,
    show_default=True,
    help="The deadline in working days after day 0.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def due_date_command(received: str, working_days: int, as_json: bool) -> None:
    """When a deadline of N England and Wales working days falls, and the days it skipped."""
    calendar = england_and_wales()
    moment = london_time(parse_received(received))
    try:
        day0 = calendar.day0(moment)
        due = calendar.due_date(moment, working_days)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    skipped = calendar.skipped(moment.date(), due)
    if as_json:
        result = {
            "received": moment.isoformat(),
            "working_days": working_days,
            "day0": day0.isoformat(),
            "due": due.isoformat(),
            "skipped": [{"date": s.day.isoformat(), "reason": s.reason} for s in skipped],
        }
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    click.echo(f"received  {moment:%Y-%m-%d %H:%M %Z}: {_why_day0(moment, day0)}")
    click.echo(f"day 0     {_long(day0)}")
    days = f"{working_days} working day{'' if working_days == 1 else 's'}"
    click.echo(f"due       {_long(due)} ({days} after day 0)")
    for day, reason in skipped:
        weekend = reason == f"{day:%A}"
        click.echo(f"skipped   {_long(day)}" + ("" if weekend else f": {reason}"))


def _why_day0(moment: datetime, day0: date) -> str:
    if day0 == moment.date():
        return f"a working day before {CUT_OFF_HOUR}:00, so that day is day 0"
    if england_and_wales().is_working_day(moment.date()):
        return f"at or after {CUT_OFF_HOUR}:00, so day 0 is the next working day"
    return "not a working day, so day 0 is the next working day"

"""Each form's clocks (working-day deadlines) and its dated alerts, from receipt and the record.

MAPPA A: the decision, 10 working days (configurable per area). Form G: the SPOC forwards it
within 3 working days, and the notification itself is due 3 working days after the patient's
receipt into care where the form gives that date (a transfer's date). PDP: the SPOC screens it
within 3 working days. Tribunal and release dates raise an alert 6 months before.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from routing.calendar import WorkingCalendar, london_time
from routing.config import Deployment
from routing.months import months_before

DISCHARGE_WORDS = ("release", "discharge", "tribunal")


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Clock(Frozen):
    name: str  # mappa_a_decision, form_g_forward, form_g_notification, pdp_screening
    title: str
    working_days: int
    day0: date
    due: date
    late: bool = False
    note: str | None = None


class Alert(Frozen):
    """A reminder raised by a date on the form, on a working day ahead of it."""

    key: str
    event: date
    remind_on: date
    message: str


class Deadlines(Frozen):
    clocks: tuple[Clock, ...]
    alerts: tuple[Alert, ...] = ()
    shown: dict[str, date] = {}  # the form's own dates a SPOC sees beside the clocks


class Dates:
    """What every clock of one record shares: receipt, the calendar and the configuration."""

    def __init__(self, received: datetime, deployment: Deployment, calendar: WorkingCalendar):
        self.received, self.deployment, self.calendar = received, deployment, calendar
        self.day0 = calendar.day0(received)

    def clock(self, name: str, title: str, working_days: int) -> Clock:
        due = self.calendar.add_working_days(self.day0, working_days)
        return Clock(name=name, title=title, working_days=working_days, day0=self.day0, due=due)

    def alert(self, key: str, event: date | None, what: str, advice: str) -> Alert | None:
        """Due `pre_discharge_months` before the event (the working day before, if need be);
        at once when that is already past; none for an event before receipt."""
        if event is None or event < self.day0:
            return None
        ahead = months_before(event, self.deployment.clocks.pre_discharge_months)
        remind_on = max(self.calendar.previous_working_day(ahead), self.day0)
        message = f"{what} on {event.day} {event:%B %Y}: {advice}."
        return Alert(key=key, event=event, remind_on=remind_on, message=message)


def deadlines(
    form: str,
    record: Any,
    received: datetime,
    deployment: Deployment,
    calendar: WorkingCalendar,
    area: str | None = None,
) -> Deadlines:
    """The clocks of one typed record (routing.route.as_record); `area` from its route."""
    dates = Dates(received, deployment, calendar)
    if form == "mappa_a":
        return _mappa_a(record, dates, area)
    if form == "form_g":
        return _form_g(record, dates)
    if form == "pdp":
        clock = dates.clock(
            "pdp_screening",
            "PDP screening by the SPOC",
            deployment.clocks.pdp_screening_working_days,
        )
        return Deadlines(
            clocks=(clock,), shown=_present({"spoc.endorsed_date": record.spoc.endorsed_date})
        )
    return Deadlines(clocks=())


def _mappa_a(record: Any, dates: Dates, area: str | None) -> Deadlines:
    working_days = dates.deployment.decision_working_days(area)
    clock = dates.clock("mappa_a_decision", "MAPPA A decision", working_days)
    advice = "plan the discharge or release with the MAPPA panel"
    alerts = [
        dates.alert("order.next_tribunal", record.order.next_tribunal, "Next tribunal", advice)
    ]
    for event in record.dates or []:
        if any(word in event.label.lower() for word in DISCHARGE_WORDS):
            alerts.append(dates.alert("dates", event.date, event.label, advice))
    shown = {"referral_date": record.referral_date, "authorised_by.date": record.authorised_by.date}
    return Deadlines(clocks=(clock,), alerts=_unique(alerts), shown=_present(shown))


def _form_g(record: Any, dates: Dates) -> Deadlines:
    clocks = dates.deployment.clocks
    checklist = record.checklist
    forward = dates.clock(
        "form_g_forward", "Form G forwarded by the SPOC", clocks.form_g_forward_working_days
    )
    forwarded = checklist.spoc_forward_date if checklist else None
    if forwarded and forwarded > forward.due:
        forward = forward.model_copy(
            update={"late": True, "note": f"Forwarded on {forwarded}, after {forward.due}."}
        )
    clock_list = [forward]
    sent = record.date_sent or (checklist.date_sent_to_spoc if checklist else None)
    if record.transfer.date:
        clock_list.append(_notification(record.transfer.date, sent, dates))
    tribunals = [
        ("transfer.next_tribunal", record.transfer.next_tribunal),
        ("order.next_tribunal", record.order.next_tribunal),
    ]
    if checklist:
        tribunals.append(("checklist.order.next_tribunal", checklist.order.next_tribunal))
    advice = "consider a MAPPA A referral"
    alerts = [dates.alert(key, event, "Next tribunal", advice) for key, event in tribunals]
    shown = {
        "date_sent": record.date_sent,
        "checklist.date_sent_to_spoc": checklist.date_sent_to_spoc if checklist else None,
        "checklist.spoc_forward_date": forwarded,
        "transfer.licence_end": record.transfer.licence_end,
        "checklist.order.expiry": checklist.order.expiry if checklist else None,
    }
    return Deadlines(clocks=tuple(clock_list), alerts=_unique(alerts), shown=_present(shown))


def _notification(into_care: date, sent: date | None, dates: Dates) -> Clock:
    """Form G is due 3 working days after the patient's receipt into care (the transfer date);
    it counts as sent on its own date sent, else the day it reached the SPOC mailbox."""
    working_days = dates.deployment.clocks.form_g_notification_working_days
    day0 = dates.calendar.add_working_days(into_care, 0)
    due = dates.calendar.add_working_days(day0, working_days)
    sent_on = sent or london_time(dates.received).date()
    late = sent_on > due
    note = f"Sent {sent_on}; due {due}, {working_days} working days after receipt into care"
    note += f" on {into_care}."
    return Clock(
        name="form_g_notification",
        title="Form G notification after receipt into care",
        working_days=working_days,
        day0=day0,
        due=due,
        late=late,
        note=("Late. " if late else "") + note,
    )


def _unique(alerts: list[Alert | None]) -> tuple[Alert, ...]:
    """One alert per event date: the same tribunal written in Form G and its checklist."""
    seen: dict[date, Alert] = {}
    for alert in alerts:
        if alert is not None:
            seen.setdefault(alert.event, alert)
    return tuple(seen.values())


def _present(values: dict[str, date | None]) -> dict[str, date]:
    return {key: value for key, value in values.items() if value is not None}

"""The reminder sweep: today's reminders of every running clock, written to the outbox.

The plan is the pure `routing.reminders`; this job only finds the open submissions and writes
what is due today. The outbox key names the submission, the clock and the working day, so a
second sweep (or a second worker) on the same day finds the row there and writes nothing; a
decision closes the submission and its clock with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, load_only, sessionmaker

from intake.outbox import enqueue
from intake.schema import Message, Stage, Submission
from routing.calendar import WorkingCalendar
from routing.config import Deployment
from routing.reminders import reminders_due

SWEPT = (
    Submission.id,
    Submission.form,
    Submission.stage,
    Submission.subject_name,
    Submission.proposed_route,
    Submission.deadlines,
    Submission.clock,
    Submission.due,
    Submission.route_area,
    Submission.routed_to,
)
CLOCK_TITLES = {
    "mappa_a_decision": "MAPPA A decision",
    "form_g_forward": "Form G to the MAPPA administrator",
    "form_g_notification": "Form G notification",
    "pdp_screening": "PDP screening",
    "spoc_triage": "SPOC triage",
}


@dataclass(frozen=True)
class Sweep:
    deployment: Deployment
    calendar: WorkingCalendar
    spoc_address: str
    base_url: str

    def recipients(self, item: Submission, to_manager: bool) -> list[str]:
        """The administrators once routed, else the SPOC; the area's manager on escalation."""
        if item.stage == Stage.ROUTED and item.routed_to:
            people = list(item.routed_to)
        else:
            route = item.proposed_route or {}
            people = [route.get("spoc_mailbox") or self.spoc_address]
        area = self.deployment.areas.get(
            item.route_area or (item.proposed_route or {}).get("area") or ""
        )
        if to_manager and area is not None:
            people.append(area.manager)
        return people


def day0_of(item: Submission, received: datetime, calendar: WorkingCalendar) -> date:
    for clock in (item.deadlines or {}).get("clocks", []):
        if clock["name"] == item.clock:
            return date.fromisoformat(clock["day0"])
    return calendar.day0(received)


def sweep_reminders(sessions: sessionmaker[Session], sweep: Sweep, today: date) -> int:
    """Write today's reminders; return how many were new."""
    written = 0
    with sessions.begin() as session:
        rows = session.execute(
            select(Submission, Message.received_at)
            .options(load_only(*SWEPT))  # not the records: a sweep reads every open item
            .join(Message, Submission.message_pk == Message.id)
            .where(Submission.stage.in_(Stage.OPEN), Submission.due.is_not(None))
            .order_by(Submission.id)
        ).all()
        for item, received in rows:
            day0 = day0_of(item, received, sweep.calendar)
            reminder = reminders_due(
                today, day0, item.due, sweep.deployment.reminders, sweep.calendar
            )
            if reminder is None:
                continue
            context = {
                "reference": item.reference,
                "kind": reminder.kind,
                "clock": CLOCK_TITLES.get(item.clock or "", item.clock),
                "due": item.due,
                "working_day": reminder.working_day,
                "overdue_days": sweep.calendar.working_days_between(item.due, today),
                "form": item.form,
                "subject_name": item.subject_name,
                "stage": item.stage,
                "link": f"{sweep.base_url.rstrip('/')}/submissions/{item.id}",
            }
            written += len(
                enqueue(
                    session,
                    f"reminder:{item.id}:{item.clock}:{reminder.working_day}",
                    "reminder",
                    sweep.recipients(item, reminder.to_manager),
                    context,
                    sweep.deployment.secure_domains,
                    submission_pk=item.id,
                )
            )
    return written

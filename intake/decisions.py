"""An administrator's decision on a routed referral: checked, recorded, and told to the SPOC and
the referrer, in the caller's transaction (the decision, the stage, the audit row and the
e-mails commit together or not at all).

Accepted: at level 2 or 3, with the meeting date (not before the referral was received). Not
accepted: with the reason. More information requested: with what is asked. Recording the
decision stops the decision clock (stage DECIDED, closed_at set), so no reminder follows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from intake.audit import record_event
from intake.outbox import enqueue
from intake.schema import Decision, DecisionOutcome, Delivery, Role, Stage, Submission, User
from routing.calendar import WorkingCalendar, london_time
from routing.config import Deployment

LEVELS = (2, 3)
MAX_REASON = 5000
OUTCOME_TEXT = {
    DecisionOutcome.ACCEPTED: "Accepted",
    DecisionOutcome.NOT_ACCEPTED: "Not accepted",
    DecisionOutcome.MORE_INFORMATION: "More information requested",
}


class DecisionRefused(Exception):
    """The submission cannot take a decision now (already decided, or not routed)."""


@dataclass(frozen=True)
class DecisionInput:
    outcome: str
    level: int | None = None
    meeting_date: date | None = None
    reason: str | None = None


def read_decision(
    data: Mapping[str, Any], received_on: date
) -> tuple[DecisionInput | None, dict[str, str]]:
    """The decision a form or a JSON body asks for, or the errors to show, by field."""
    errors: dict[str, str] = {}
    outcome = str(data.get("outcome") or "").strip()
    if outcome not in DecisionOutcome.ALL:
        return None, {"outcome": "Select the decision"}
    reason = str(data.get("reason") or "").strip() or None
    if reason and len(reason) > MAX_REASON:
        errors["reason"] = f"Write at most {MAX_REASON} characters"
    if outcome == DecisionOutcome.ACCEPTED:
        level = _level(data.get("level"))
        if level is None:
            errors["level"] = "Select the level of management: 2 or 3"
        meeting, problem = _meeting_date(data.get("meeting_date"), received_on)
        if problem:
            errors["meeting_date"] = problem
        if errors:
            return None, errors
        return DecisionInput(outcome, level=level, meeting_date=meeting, reason=reason), {}
    if not reason:
        errors["reason"] = (
            "Enter the reason the referral is not accepted"
            if outcome == DecisionOutcome.NOT_ACCEPTED
            else "Enter the information the referrer must send"
        )
    return (None, errors) if errors else (DecisionInput(outcome, reason=reason), {})


def _level(value: Any) -> int | None:
    try:
        level = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return level if level in LEVELS else None


def _meeting_date(value: Any, received_on: date) -> tuple[date | None, str | None]:
    if value is None or str(value).strip() == "":
        return None, "Enter the date of the MAPPA meeting"
    if isinstance(value, date):
        meeting = value
    else:
        try:
            meeting = date.fromisoformat(str(value).strip())
        except ValueError:
            return None, "The meeting date must be a real date, for example 27 3 2027"
    if meeting < received_on:
        return None, (
            f"The meeting date must be on or after {received_on.day} {received_on:%B %Y},"
            " when the referral was received"
        )
    return meeting, None


def received_on(submission: Submission) -> date:
    """The day (Europe/London) the referral's e-mail arrived."""
    return london_time(submission.message.received_at).date()


@dataclass(frozen=True)
class Recorder:
    """What recording needs beside the submission: the deployment, its calendar, links, and
    the mailbox this service watches (whose SPOCs are told when the route names none)."""

    deployment: Deployment
    calendar: WorkingCalendar
    base_url: str
    default_mailbox: str


def spoc_mailboxes(session: Session, submission: Submission, recorder: Recorder) -> list[str]:
    """The route's SPOC mailbox, else that of the SPOC organisation it names, else the
    SPOC accounts that work the mailbox the referral arrived in."""
    route = submission.proposed_route or {}
    if route.get("spoc_mailbox"):
        return [route["spoc_mailbox"]]
    organisation = recorder.deployment.organisations.get(route.get("spoc") or "")
    if organisation:
        return [organisation.spoc]
    mailboxes = set(
        session.scalars(
            select(Delivery.mailbox).where(Delivery.message_pk == submission.message_pk)
        )
    )
    works_it = User.mailbox.in_(mailboxes)
    if recorder.default_mailbox in mailboxes:
        works_it = or_(works_it, User.mailbox.is_(None))
    return sorted(
        session.scalars(
            select(User.email).where(User.role == Role.SPOC, User.disabled.is_(False), works_it)
        )
    )


def record_decision(
    session: Session,
    submission: Submission,
    choice: DecisionInput,
    actor: str,
    recorder: Recorder,
    now: datetime,
    remote_addr: str | None = None,
) -> Decision:
    """Record the decision on a routed submission, stop its clock, audit it and tell the
    SPOC and the referrer; DecisionRefused when it is not waiting for a decision."""
    stopped = session.execute(
        update(Submission)
        .where(Submission.id == submission.id, Submission.stage == Stage.ROUTED)
        .values(stage=Stage.DECIDED, closed_at=now)
        .execution_options(synchronize_session=False)
    )
    if stopped.rowcount != 1:
        session.refresh(submission)
        if submission.stage == Stage.DECIDED:
            raise DecisionRefused("A decision has already been recorded for this referral.")
        raise DecisionRefused("This referral has not been routed for a decision.")
    session.refresh(submission)
    decided_on = london_time(now).date()
    day0 = recorder.calendar.day0(submission.message.received_at)
    decision = Decision(
        submission_pk=submission.id,
        outcome=choice.outcome,
        level=choice.level,
        meeting_date=choice.meeting_date,
        reason=choice.reason,
        decided_by=actor,
        decided_at=now,
        working_days_taken=max(0, recorder.calendar.working_days_between(day0, decided_on)),
        on_time=None if submission.due is None else decided_on <= submission.due,
    )
    session.add(decision)
    session.flush()
    record_event(
        session,
        actor,
        "decision_recorded",
        submission_pk=submission.id,
        message_pk=submission.message_pk,
        detail={
            "outcome": choice.outcome,
            "level": choice.level,
            "meeting_date": choice.meeting_date.isoformat() if choice.meeting_date else None,
            "reason": choice.reason,
            "working_days_taken": decision.working_days_taken,
            "on_time": decision.on_time,
            "stage": [Stage.ROUTED, Stage.DECIDED],
        },
        remote_addr=remote_addr,
        at=now,
    )
    _tell(session, submission, decision, recorder, now)
    return decision


def _tell(
    session: Session,
    submission: Submission,
    decision: Decision,
    recorder: Recorder,
    now: datetime,
) -> None:
    """The decision e-mail to the SPOC and the referrer, in reply to the referral's e-mail."""
    recipients = spoc_mailboxes(session, submission, recorder)
    if submission.message.sender:
        recipients.append(submission.message.sender)
    if not recipients:
        return
    enqueue(
        session,
        f"decision:{decision.id}",
        "decision",
        recipients,
        {
            "reference": submission.reference,
            "form": submission.form or "document",
            "subject_name": submission.subject_name,
            "outcome": OUTCOME_TEXT[decision.outcome],
            "accepted": decision.outcome == DecisionOutcome.ACCEPTED,
            "more_information": decision.outcome == DecisionOutcome.MORE_INFORMATION,
            "level": decision.level,
            "meeting_date": decision.meeting_date,
            "reason": decision.reason,
            "area": submission.route_area,
            "locality": submission.route_locality,
            "decided_on": london_time(now).date(),
            "link": f"{recorder.base_url.rstrip('/')}/decisions/{submission.id}",
        },
        recorder.deployment.secure_domains,
        submission_pk=submission.id,
        reply_to=submission.message.message_id,
        now=now,
    )

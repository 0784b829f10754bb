"""The dashboard's figures for one scope: items by stage and by form, the share of decisions
made in time, the overdue list, and twelve weeks of volume and timeliness.

The caller passes the scope (a condition on Submission) and today's date in Europe/London, so
each role sees its own figures and the same code serves a test's fixed day.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from intake.schema import Decision, Message, Stage, Submission
from routing.calendar import LONDON, london_time

OVERDUE_SHOWN = 100
STAGE_LABELS = {
    Stage.QUARANTINE: "Quarantine",
    Stage.TRIAGE: "Waiting for triage",
    Stage.ROUTED: "Waiting for a decision",
    Stage.RETURNED: "Returned to the referrer",
    Stage.DUPLICATE: "Duplicate or update",
    Stage.DECIDED: "Decided",
    Stage.REJECTED: "Rejected",
}


@dataclass(frozen=True)
class Overdue:
    id: int
    form: str | None
    subject_name: str | None
    stage: str
    due: date
    days_late: int


@dataclass(frozen=True)
class Week:
    start: date  # a Monday
    received: int
    on_time: int
    late: int


@dataclass(frozen=True)
class Figures:
    by_stage: list[tuple[str, int]]
    by_form: list[tuple[str | None, int]]
    decided: int  # decisions with a deadline
    on_time: int
    overdue: list[Overdue]
    overdue_total: int
    weeks: list[Week]

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.decided if self.decided else None


def london_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), LONDON).astimezone(UTC)


def figures(session: Session, scope: ColumnElement[bool], today: date, weeks: int = 12) -> Figures:
    by_stage = dict(
        session.execute(
            select(Submission.stage, func.count()).where(scope).group_by(Submission.stage)
        ).all()
    )
    by_form = session.execute(
        select(Submission.form, func.count())
        .where(scope)
        .group_by(Submission.form)
        .order_by(func.count().desc())
    ).all()
    decided, on_time = session.execute(
        select(func.count(), func.count().filter(Decision.on_time.is_(True)))
        .select_from(Decision)
        .join(Submission, Decision.submission_pk == Submission.id)
        .where(scope, Decision.on_time.is_not(None))
    ).one()
    overdue, overdue_total = overdue_items(session, scope, today)
    return Figures(
        by_stage=[(stage, by_stage[stage]) for stage in Stage.ALL if stage in by_stage],
        by_form=[(form, count) for form, count in by_form],
        decided=decided,
        on_time=on_time,
        overdue=overdue,
        overdue_total=overdue_total,
        weeks=weekly(session, scope, today, weeks),
    )


def overdue_items(
    session: Session, scope: ColumnElement[bool], today: date
) -> tuple[list[Overdue], int]:
    """Open items (a clock running) whose due date has passed, most overdue first."""
    late = (scope, Submission.stage.in_(Stage.OPEN), Submission.due < today)
    total = session.scalar(select(func.count()).select_from(Submission).where(*late)) or 0
    rows = session.execute(
        select(
            Submission.id,
            Submission.form,
            Submission.subject_name,
            Submission.stage,
            Submission.due,
        )
        .where(*late)
        .order_by(Submission.due, Submission.id)
        .limit(OVERDUE_SHOWN)
    ).all()
    return [Overdue(*row, days_late=(today - row.due).days) for row in rows], total


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly(session: Session, scope: ColumnElement[bool], today: date, weeks: int) -> list[Week]:
    """Received, decided on time and decided late, per week (Monday to Sunday, London)."""
    first = monday(today) - timedelta(weeks=weeks - 1)
    since = london_midnight(first)
    received = Counter(
        monday(london_time(at).date())
        for at in session.scalars(
            select(Message.received_at)
            .join(Submission, Submission.message_pk == Message.id)
            .where(scope, Message.received_at >= since)
        )
    )
    on_time: Counter[date] = Counter()
    late: Counter[date] = Counter()
    for at, in_time in session.execute(
        select(Decision.decided_at, Decision.on_time)
        .join(Submission, Decision.submission_pk == Submission.id)
        .where(scope, Decision.decided_at >= since)
    ):
        (on_time if in_time is not False else late)[monday(london_time(at).date())] += 1
    starts = [first + timedelta(weeks=n) for n in range(weeks)]
    return [Week(start, received[start], on_time[start], late[start]) for start in starts]

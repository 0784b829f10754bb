"""Retention: the personal data of submissions closed more than N months ago is removed.

Off unless MAPPA_RETENTION_MONTHS is set. A purge keeps each row (its id, form, stage, dates,
decisions and the audit trail that points at it) and removes what identifies anyone: the record,
its issues and provenance, the names and identifiers the queue searched, the raw e-mail and its
attachments (once every submission of that e-mail is purged). Each purge is audited; a dry run
lists what would go and changes nothing but the audit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from intake.audit import record_event
from intake.schema import Attachment, Message, RawMessage, Stage, Submission
from routing.calendar import london_time
from routing.months import months_before

ACTOR = "retention"


@dataclass
class PurgeReport:
    cutoff: datetime
    submissions: list[int] = field(default_factory=list)
    messages: list[int] = field(default_factory=list)
    dry_run: bool = False


def cutoff_for(now: datetime, months: int) -> datetime:
    """Midnight (UTC) of the same day `months` earlier in London."""
    day = months_before(london_time(now).date(), months)
    return datetime.combine(day, time(), tzinfo=UTC)


def purge(
    sessions: sessionmaker[Session], months: int, now: datetime, dry_run: bool = False
) -> PurgeReport:
    """Purge (or, on a dry run, list) what closed before the cut-off."""
    report = PurgeReport(cutoff_for(now, months), dry_run=dry_run)
    with sessions.begin() as session:
        due = list(
            session.scalars(
                select(Submission)
                .where(
                    Submission.stage.in_(Stage.CLOSED),
                    Submission.closed_at < report.cutoff,
                    Submission.purged_at.is_(None),
                )
                .order_by(Submission.id)
                .with_for_update(skip_locked=True)
            )
        )
        report.submissions = [item.id for item in due]
        report.messages = sorted(
            {item.message_pk for item in due if _all_gone(session, item.message_pk, due)}
        )
        if dry_run:
            record_event(session, ACTOR, "retention_dry_run", detail=_detail(report), at=now)
            return report
        for item in due:
            _purge_submission(session, item, now)
        for message_pk in report.messages:
            _purge_message(session, message_pk, now)
    return report


def _all_gone(session: Session, message_pk: int, due: list[Submission]) -> bool:
    """Every submission of the message is purged already or is purged now."""
    purging = {item.id for item in due}
    siblings = session.execute(
        select(Submission.id, Submission.purged_at, Submission.stage).where(
            Submission.message_pk == message_pk
        )
    ).all()
    return all(
        pk in purging or purged is not None or stage == Stage.JOINED
        for pk, purged, stage in siblings
    )


def _purge_submission(session: Session, item: Submission, now: datetime) -> None:
    for column in (
        "record",
        "issues",
        "provenance",
        "subject_name",
        "referrer",
        "search_text",
        "proposed_route",
        "damage",
    ):
        setattr(item, column, None)
    item.reason = "Personal data removed under the retention policy."
    item.purged_at = now
    record_event(
        session,
        ACTOR,
        "retention_purge",
        submission_pk=item.id,
        message_pk=item.message_pk,
        detail={"closed_at": item.closed_at.isoformat() if item.closed_at else None},
        at=now,
    )


def _purge_message(session: Session, message_pk: int, now: datetime) -> None:
    session.execute(
        update(Message)
        .where(Message.id == message_pk)
        .values(subject=None, from_header=None, to_header=None, purged_at=now)
    )
    session.execute(update(RawMessage).where(RawMessage.message_pk == message_pk).values(raw=b""))
    session.execute(
        update(Attachment)
        .where(Attachment.message_pk == message_pk)
        .values(content=b"", filename=None, safe_name="purged")
    )
    for joined in session.scalars(
        select(Submission).where(
            Submission.message_pk == message_pk, Submission.stage == Stage.JOINED
        )
    ):
        _purge_submission(session, joined, now)


def _detail(report: PurgeReport) -> dict[str, object]:
    return {
        "cutoff": report.cutoff.isoformat(),
        "submissions": report.submissions,
        "messages": report.messages,
    }

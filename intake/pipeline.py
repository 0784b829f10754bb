"""Stored message ─► attachments and submissions, in one transaction per message.

Runs after the raw bytes are committed; safe to run again after a crash, and on several
workers at once: a claimed row is skipped by the others (PostgreSQL), and the unique
(message, slot) key refuses a second set of submissions (SQLite and PostgreSQL alike).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from intake.mime import FoundAttachment, Limits, SplitResult, split_attachments
from intake.parsing import parse_document
from intake.schema import Attachment, Message, MessageStatus, Submission, SubmissionStatus

QUARANTINE_NOTE = (
    "Quarantined: the sender {sender} is not on the allowlist; a SPOC must release it."
)


def process_pending(sessions: sessionmaker[Session], limits: Limits, now: datetime) -> int:
    """Split every stored message not yet processed; return how many this call processed."""
    with sessions() as session:
        pending = list(
            session.scalars(
                select(Message.id)
                .where(Message.status == MessageStatus.STORED)
                .order_by(Message.id)
            )
        )
    return sum(process_message(sessions, message_pk, limits, now) for message_pk in pending)


def process_message(
    sessions: sessionmaker[Session], message_pk: int, limits: Limits, now: datetime
) -> bool:
    """Turn one stored message into submissions; False when another worker already has."""
    with sessions() as session:
        raw = session.scalar(
            select(Message.raw).where(
                Message.id == message_pk, Message.status == MessageStatus.STORED
            )
        )
    if raw is None:
        return False
    split = split_attachments(raw, limits)
    try:
        with sessions.begin() as session:
            message = session.scalar(
                select(Message)
                .where(
                    Message.id == message_pk,
                    Message.status == MessageStatus.STORED,
                )
                .with_for_update(skip_locked=True)
            )
            if message is None:
                return False
            _write_submissions(session, message, split, now)
    except IntegrityError:
        return False  # another worker wrote them first
    return True


def _write_submissions(
    session: Session, message: Message, split: SplitResult, now: datetime
) -> None:
    quarantined = not message.sender_trusted
    rows = [_attachment_row(found) for found in split.attachments]
    message.attachments.extend(rows)
    session.flush()
    items = _submission_items(split, rows, now)
    for item in items:
        if split.damage:
            item.reason = f"{item.reason} {split.damage}"
        item.quarantined = quarantined
        if quarantined:
            item.reason = (
                f"{QUARANTINE_NOTE.format(sender=message.sender or 'unknown')} {item.reason}"
            )
    message.submissions.extend(items)
    message.status = MessageStatus.QUARANTINED if quarantined else MessageStatus.PROCESSED
    message.processed_at = now


def _attachment_row(found: FoundAttachment) -> Attachment:
    return Attachment(
        position=found.position,
        filename=found.filename,
        safe_name=found.safe_name,
        container=found.container,
        declared_type=found.declared_type,
        content_type=found.content_type,
        size=found.size,
        sha256=found.sha256,
        content=found.data,
        could_be_form=found.could_be_form,
    )


def _submission_items(
    split: SplitResult, rows: list[Attachment], now: datetime
) -> list[Submission]:
    """One item per document that could be a form; else one item saying why there is none."""
    if split.problem:
        return [
            Submission(
                slot=0, status=SubmissionStatus.UNREADABLE, reason=split.problem, created_at=now
            )
        ]
    by_position = {found.position: found for found in split.attachments}
    items = []
    for row in rows:
        found = by_position[row.position]
        if found.problem and found.might_hide_form:
            items.append(
                Submission(
                    slot=row.position,
                    attachment=row,
                    created_at=now,
                    status=SubmissionStatus.UNREADABLE,
                    reason=found.problem,
                )
            )
        elif found.could_be_form:
            outcome = parse_document(found.data, found.safe_name, now)
            items.append(
                Submission(
                    slot=row.position,
                    attachment=row,
                    created_at=now,
                    form=outcome.form,
                    status=outcome.status,
                    reason=outcome.reason,
                )
            )
    if not items:
        items.append(
            Submission(
                slot=0,
                status=SubmissionStatus.NO_FORM,
                created_at=now,
                reason=_no_form_reason(split),
            )
        )
    return items


def _no_form_reason(split: SplitResult) -> str:
    if not split.attachments:
        return "No form attached: the message has no attachments."
    listed = "; ".join(
        f"{a.safe_name} ({a.content_type}, {a.size} bytes)"
        + (f": {a.problem}" if a.problem else "")
        for a in split.attachments
    )
    return f"No form attached: no Word or PDF document among the attachments ({listed})."

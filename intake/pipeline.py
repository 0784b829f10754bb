"""Stored messages ─► attachments and submissions, one transaction per batch of messages.

Runs after the raw bytes are committed; safe to run again after a crash, and on several
workers at once: rows are claimed with FOR UPDATE SKIP LOCKED on PostgreSQL (SQLite takes its
write lock at BEGIN IMMEDIATE), and the unique (message, slot) key refuses a second set.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Row, Select, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from intake.mime import FoundAttachment, Limits, SplitResult, split_attachments
from intake.schema import Attachment, Message, MessageStatus, Submission
from intake.triage import plan_items

log = logging.getLogger(__name__)

BATCH = 50  # messages claimed per transaction
GROUP_BYTES = 32 * 1024 * 1024  # raw bytes held in memory at once within a batch


class MessageToSplit(NamedTuple):
    id: int
    raw: bytes
    trusted: bool | None
    sender: str | None


def process_pending(
    sessions: sessionmaker[Session], limits: Limits, now: datetime, batch: int = BATCH
) -> int:
    """Split every stored message not yet processed; return how many this call processed."""
    total = 0
    while processed := _process_claimed(sessions, _pending().limit(batch), limits, now):
        total += processed
    return total


def process_message(
    sessions: sessionmaker[Session], message_pk: int, limits: Limits, now: datetime
) -> bool:
    """Turn one stored message into submissions; False when it was processed already."""
    return bool(_process_claimed(sessions, _pending().where(Message.id == message_pk), limits, now))


def _pending() -> Select[tuple[int, int]]:
    return (
        select(Message.id, Message.size)
        .where(Message.status == MessageStatus.STORED)
        .order_by(Message.id)
    )


def _process_claimed(
    sessions: sessionmaker[Session], claim: Select[tuple[int, int]], limits: Limits, now: datetime
) -> int:
    with sessions.begin() as session:
        claimed = session.execute(claim.with_for_update(skip_locked=True)).all()
        for group in _groups_by_size(claimed):
            rows = session.execute(
                select(Message.id, Message.raw, Message.sender_trusted, Message.sender).where(
                    Message.id.in_(group)
                )
            )
            messages = [MessageToSplit(*row) for row in rows]
            _write(session, [(message, _split(message, limits)) for message in messages], now)
    return len(claimed)


def _groups_by_size(claimed: Sequence[Row[tuple[int, int]]]) -> Iterator[list[int]]:
    group: list[int] = []
    size = 0
    for message_pk, message_size in claimed:
        if group and size + message_size > GROUP_BYTES:
            yield group
            group, size = [], 0
        group.append(message_pk)
        size += message_size
    if group:
        yield group


def _split(message: MessageToSplit, limits: Limits) -> SplitResult:
    """The split, or, for input that breaks a library in a way nobody foresaw, a stored reason."""
    try:
        return split_attachments(message.raw, limits)
    except Exception:
        log.exception("message %s could not be split", message.id)
        return SplitResult(
            problem="The message could not be read because of an internal error (logged):"
            " download the original to read it."
        )


def _write(
    session: Session, splits: list[tuple[MessageToSplit, SplitResult]], now: datetime
) -> None:
    """Attachments, submissions and new statuses as a few multi-row statements: this is the
    hot path of every message, so no ORM unit of work."""
    attachment_values = [
        _attachment_values(message.id, found)
        for message, split in splits
        for found in split.attachments
    ]
    attachment_ids: dict[tuple[int, int], int] = {}
    if attachment_values:
        inserted = session.execute(
            insert(Attachment).returning(Attachment.id, Attachment.message_pk, Attachment.position),
            attachment_values,
        )
        attachment_ids = {(message_pk, position): pk for pk, message_pk, position in inserted}
    session.execute(
        insert(Submission),
        [
            {
                "message_pk": message.id,
                "slot": item.position or 0,
                "attachment_pk": attachment_ids.get((message.id, item.position or 0)),
                "form": item.form,
                "status": item.status,
                "reason": item.reason,
                "quarantined": not message.trusted,
                "created_at": now,
            }
            for message, split in splits
            for item in plan_items(
                split, now, quarantined_sender=None if message.trusted else message.sender or "?"
            )
        ],
    )
    for status, trusted in ((MessageStatus.PROCESSED, True), (MessageStatus.QUARANTINED, False)):
        ids = [message.id for message, _ in splits if bool(message.trusted) is trusted]
        if ids:
            session.execute(
                update(Message).where(Message.id.in_(ids)).values(status=status, processed_at=now)
            )


def _attachment_values(message_pk: int, found: FoundAttachment) -> dict[str, object]:
    return {
        "message_pk": message_pk,
        "position": found.position,
        "filename": found.filename,
        "safe_name": found.safe_name,
        "container": found.container,
        "declared_type": found.declared_type,
        "content_type": found.content_type,
        "size": found.size,
        "sha256": found.sha256,
        "content": found.data,
        "could_be_form": found.could_be_form,
    }

"""Stored messages ─► attachments and submissions, one transaction per batch of messages.

Runs after the raw bytes are committed; safe to run again after a crash, and on several
workers at once. Messages are split outside any transaction (in isolated children), then
written only if still waiting: rows are claimed with FOR UPDATE SKIP LOCKED on PostgreSQL
(SQLite takes its write lock at BEGIN IMMEDIATE), and the unique (message, slot) key refuses
a second set of submissions.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from intake.mime import FoundAttachment, SplitResult
from intake.schema import Attachment, Message, MessageStatus, RawMessage, Stage, Submission
from intake.splitting import MimeSplitter
from intake.triage import plan_items

BATCH = 50  # messages read per transaction
GROUP_BYTES = 32 * 1024 * 1024  # raw bytes held in memory at once


class Claimed(NamedTuple):
    id: int
    trusted: bool | None
    sender: str | None


def process_pending(
    sessions: sessionmaker[Session], splitter: MimeSplitter, now: datetime, batch: int = BATCH
) -> int:
    """Split every stored message not yet processed; return how many this call processed."""
    total = 0
    while raws := _load_pending(sessions, batch):
        splits = splitter.split(list(raws.values()))
        written = write_splits(sessions, dict(zip(raws, splits, strict=True)), now)
        if not written:
            break  # another worker holds these messages and will finish them
        total += written
    return total


def _load_pending(sessions: sessionmaker[Session], batch: int) -> dict[int, bytes]:
    """The oldest stored messages' bytes, at most `batch` of them and GROUP_BYTES in all
    (always at least one, however large)."""
    with sessions.begin() as session:
        sizes = session.execute(
            select(Message.id, Message.size)
            .where(Message.status == MessageStatus.STORED)
            .order_by(Message.id)
            .limit(batch)
        ).all()
        chosen, total = [], 0
        for message_pk, size in sizes:
            if chosen and total + size > GROUP_BYTES:
                break
            chosen.append(message_pk)
            total += size
        rows = session.execute(
            select(RawMessage.message_pk, RawMessage.raw).where(RawMessage.message_pk.in_(chosen))
        )
        return dict(sorted((pk, raw) for pk, raw in rows))


def write_splits(
    sessions: sessionmaker[Session], splits: Mapping[int, SplitResult], now: datetime
) -> int:
    """Write split messages' attachments and submissions; return how many this call wrote.

    Only messages still waiting are written: one that another worker holds or has finished
    is skipped, so a message is never written twice.
    """
    if not splits:
        return 0
    with sessions.begin() as session:
        claimed = [
            Claimed(*row)
            for row in session.execute(
                select(Message.id, Message.sender_trusted, Message.sender)
                .where(Message.id.in_(list(splits)), Message.status == MessageStatus.STORED)
                .order_by(Message.id)
                .with_for_update(skip_locked=True)
            )
        ]
        if claimed:
            _write(session, [(message, splits[message.id]) for message in claimed], now)
    return len(claimed)


def _write(session: Session, splits: list[tuple[Claimed, SplitResult]], now: datetime) -> None:
    """Attachments, submissions and new statuses as a few multi-row statements: this is the
    hot path of every message, so no ORM unit of work."""
    attachment_values = [
        _attachment_values(message.id, found)
        for message, split in splits
        for found in split.attachments
    ]
    attachment_ids: dict[tuple[int, int], int] = {}
    if attachment_values:
        session.execute(insert(Attachment), attachment_values)
        inserted = session.execute(
            select(Attachment.id, Attachment.message_pk, Attachment.position).where(
                Attachment.message_pk.in_([message.id for message, _ in splits])
            )
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
                "damage": item.damage,
                "quarantined": not message.trusted,
                "stage": Stage.TRIAGE if message.trusted else Stage.QUARANTINE,
                "created_at": now,
            }
            for message, split in splits
            for item in plan_items(
                split, quarantined_sender=None if message.trusted else message.sender or "?"
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

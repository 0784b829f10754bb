"""Read models for the CLI's lists and records: plain dicts, ready for JSON."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from intake.schema import Attachment, Message, RawMessage, Submission


def attachment_view(attachment: Attachment) -> dict[str, Any]:
    return {
        "id": attachment.id,
        "position": attachment.position,
        "file_name": attachment.filename,
        "stored_name": attachment.safe_name,
        "found_in": attachment.container,
        "declared_type": attachment.declared_type,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "could_be_form": attachment.could_be_form,
    }


def message_view(message: Message) -> dict[str, Any]:
    return {
        "id": message.id,
        "message_id": message.message_id,
        "sha256": message.sha256,
        "sender": message.sender,
        "from": message.from_header,
        "to": message.to_header,
        "subject": message.subject,
        "date": message.date_header,
        "received_at": message.received_at.isoformat(),
        "size": message.size,
        "status": message.status,
        "sender_trusted": message.sender_trusted,
        "deliveries": len(message.deliveries),
        "repeat_deliveries": sum(d.is_repeat for d in message.deliveries),
        "attachments": [attachment_view(a) for a in message.attachments],
    }


def submission_view(submission: Submission) -> dict[str, Any]:
    return {
        "id": submission.id,
        "message": submission.message_pk,
        "message_id": submission.message.message_id,
        "sender": submission.message.sender,
        "subject": submission.message.subject,
        "attachment": attachment_view(submission.attachment) if submission.attachment else None,
        "form": submission.form,
        "status": submission.status,
        "reason": submission.reason,
        "quarantined": submission.quarantined,
        "created_at": submission.created_at.isoformat(),
    }


def list_messages(session: Session) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(Message)
        .order_by(Message.id)
        .options(selectinload(Message.deliveries), selectinload(Message.attachments))
    )
    return [message_view(m) for m in rows]


def list_submissions(session: Session) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(Submission)
        .order_by(Submission.id)
        .options(selectinload(Submission.message), selectinload(Submission.attachment))
    )
    return [submission_view(s) for s in rows]


def get_submission(session: Session, submission_id: int) -> dict[str, Any] | None:
    """One submission with what its document said: record, issues and where each value was."""
    submission = session.get(Submission, submission_id)
    if submission is None:
        return None
    return {
        **submission_view(submission),
        "parsed_at": submission.parsed_at.isoformat() if submission.parsed_at else None,
        "joined_into": submission.joined_into_pk,
        "record": submission.record,
        "issues": submission.issues,
        "provenance": submission.provenance,
    }


def raw_message(session: Session, message_id: int) -> bytes | None:
    return session.scalar(select(RawMessage.raw).where(RawMessage.message_pk == message_id))

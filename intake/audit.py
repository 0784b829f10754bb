"""The audit trail: one append-only row per view of personal data and per change.

Written in the caller's transaction, so a change and its audit row commit or fail together.
The database refuses UPDATE and DELETE on the table (migration 0002).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from intake.schema import AuditEvent


def record_event(
    session: Session,
    actor: str,
    action: str,
    *,
    submission_pk: int | None = None,
    message_pk: int | None = None,
    detail: dict[str, Any] | None = None,
    remote_addr: str | None = None,
    at: datetime | None = None,
) -> None:
    """Append one event; `detail` holds what changed (old → new, reason) as JSON."""
    session.execute(
        insert(AuditEvent).values(
            at=at or datetime.now(UTC),
            actor=actor,
            action=action,
            submission_pk=submission_pk,
            message_pk=message_pk,
            detail=detail or {},
            remote_addr=remote_addr,
        )
    )

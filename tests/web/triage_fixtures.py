"""Data for the triage tests: received e-mails, read back as rows, and cheap copies of a
submission for the tests that need many (pagination)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import insert, select, update

from intake.schema import AuditEvent, OutboxMessage, Submission
from intake.service import Service
from tests.web.conftest import receive
from tests.web.mail import referral_email


def received(service: Service, *kinds: str, sender: str | None = None, seed: int = 1) -> list[int]:
    """Receive one e-mail per kind (each a filled form) and return the submissions' ids."""
    extra = {"sender": sender} if sender else {}
    emails = [
        referral_email(kind, seed=seed + n, subject=f"Referral {kind} {seed + n}", **extra)[0]
        for n, kind in enumerate(kinds)
    ]
    receive(service, *emails)
    with service.sessions() as session:
        return list(session.scalars(select(Submission.id).order_by(Submission.id)))


def submission(service: Service, pk: int) -> Submission:
    with service.sessions() as session:
        found = session.get(Submission, pk)
        assert found is not None
        session.expunge(found)
        return found


def set_columns(service: Service, pk: int, **values: Any) -> None:
    with service.sessions.begin() as session:
        session.execute(update(Submission).where(Submission.id == pk).values(**values))


def copies(service: Service, pk: int, count: int, due: date | None = None) -> None:
    """`count` more submissions of the same message (as if it held more forms)."""
    with service.sessions.begin() as session:
        original = session.get(Submission, pk)
        assert original is not None
        columns = {
            c.key: getattr(original, c.key)
            for c in Submission.__table__.columns
            if c.key not in ("id", "slot", "attachment_pk")
        }
        session.execute(
            insert(Submission),
            [{**columns, "slot": 1000 + n, "due": due or original.due} for n in range(count)],
        )


def audit_events(service: Service, action: str | None = None) -> list[AuditEvent]:
    with service.sessions() as session:
        query = select(AuditEvent).order_by(AuditEvent.id)
        if action:
            query = query.where(AuditEvent.action == action)
        return list(session.scalars(query))


def outbox(service: Service) -> list[OutboxMessage]:
    with service.sessions() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))

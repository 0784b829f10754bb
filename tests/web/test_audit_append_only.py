"""The audit trail is append-only in the database itself: on SQLite and PostgreSQL an UPDATE
or a DELETE of audit_events fails, whoever sends it (migration 0002's triggers)."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DatabaseError

from intake.audit import record_event
from intake.schema import AuditEvent


def test_audit_events_can_be_added_but_not_changed_or_deleted(service):
    with service.sessions.begin() as session:
        record_event(session, "someone@mappa.test", "view", detail={"page": "test"})
    with service.engine.connect() as connection:
        for statement in (
            update(AuditEvent).values(actor="someone.else@mappa.test"),
            delete(AuditEvent),
            text("DELETE FROM audit_events WHERE actor = 'someone@mappa.test'"),
        ):
            with (
                pytest.raises(DatabaseError, match=r"(?i)append-only|audit"),
                connection.begin(),
            ):
                connection.execute(statement)
    with service.sessions() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 1
        assert session.scalar(select(AuditEvent.actor)) == "someone@mappa.test"

"""Retention: personal data of submissions closed longer ago than the retention period is
removed (the rows and the audit trail stay); a dry run changes nothing; open work is kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from intake.queries import raw_message
from intake.retention import purge
from intake.scheduler import AlreadyRunning, single_instance
from intake.schema import AuditEvent, Message, Stage, Submission
from tests.web.conftest import receive
from tests.web.mail import referral_email

NOW = datetime(2028, 6, 15, 12, 0, tzinfo=UTC)


def two_submissions(service) -> tuple[int, int]:
    receive(service, referral_email("mappa_a", seed=31)[0], referral_email("pdp", seed=32)[0])
    with service.sessions.begin() as session:
        old, recent = session.scalars(select(Submission.id).order_by(Submission.id)).all()
        session.execute(
            update(Submission)
            .where(Submission.id == old)
            .values(stage=Stage.DECIDED, closed_at=datetime(2027, 5, 1, tzinfo=UTC))
        )
        session.execute(
            update(Submission)
            .where(Submission.id == recent)
            .values(stage=Stage.DECIDED, closed_at=datetime(2028, 1, 1, tzinfo=UTC))
        )
    return old, recent


def test_a_dry_run_lists_what_would_go_and_removes_nothing(service):
    old, _ = two_submissions(service)
    report = purge(service.sessions, 12, NOW, dry_run=True)
    assert report.submissions == [old]
    with service.sessions() as session:
        assert session.get(Submission, old).record is not None
        actions = session.scalars(select(AuditEvent.action)).all()
    assert "retention_dry_run" in actions and "retention_purge" not in actions


def test_a_purge_removes_personal_data_and_keeps_the_trail(service):
    old, recent = two_submissions(service)
    report = purge(service.sessions, 12, NOW)
    assert report.submissions == [old]
    with service.sessions() as session:
        gone = session.get(Submission, old)
        kept = session.get(Submission, recent)
        assert gone.record is None and gone.subject_name is None and gone.search_text is None
        assert gone.purged_at is not None and gone.stage == Stage.DECIDED
        message = session.get(Message, gone.message_pk)
        assert raw_message(session, message.id) == b""
        assert kept.record is not None and kept.purged_at is None
        purged = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "retention_purge")
        ).all()
    assert [event.submission_pk for event in purged] == [old]
    assert purge(service.sessions, 12, NOW).submissions == []  # once only


def test_one_worker_per_sqlite_database(service):
    if not service.settings.effective_database_url.startswith("sqlite"):
        assert single_instance(service) is None  # PostgreSQL: as many as you like
        return
    held = single_instance(service)
    with pytest.raises(AlreadyRunning, match="another worker is running"):
        single_instance(service)
    held.close()

"""Notifications delivered exactly once over a real SMTP server (aiosmtpd): retries on 4xx and
time-outs, failures on 5xx, a worker killed mid-send, two workers on one PostgreSQL."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from intake.delivery import (
    OUTBOX_HEADER,
    DeliveryPolicy,
    FileTransport,
    SmtpTransport,
    deliver_pending,
)
from intake.outbox import enqueue
from intake.schema import OutboxAttempt, OutboxMessage, OutboxStatus
from intake.settings import load_settings
from tests.support.cli import cli_env, run_cli, start_cli
from tests.support.smtp import SmtpServer, start_smtp

SECURE = ["nhs.net", "*.nhs.uk"]
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
SENDER = "mappa.intake@mappa-intake.test"


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = start_smtp()
    yield server
    server.stop()


def smtp_settings(server: SmtpServer, **overrides: object):
    return load_settings(
        smtp_host="127.0.0.1",
        smtp_port=server.port,
        smtp_security="none",
        smtp_timeout_seconds=overrides.pop("timeout", 5.0),
        **overrides,
    )


def write_notifications(sessions, count: int, to: str = "referrer@trust.nhs.uk") -> list[int]:
    ids = []
    with sessions.begin() as session:
        for number in range(count):
            ids += enqueue(
                session,
                f"test:{number}",
                "acknowledgement",
                [to],
                {
                    "references": [f"MI-{number:06d}"],
                    "subject": f"Referral {number}",
                    "sender": to,
                    "received": NOW,
                    "link": "http://localhost/",
                },
                SECURE,
                reply_to=f"<original-{number}@trust.nhs.uk>",
                now=NOW,
            )
    return ids


def statuses(sessions) -> dict[int, str]:
    with sessions() as session:
        return dict(session.execute(select(OutboxMessage.id, OutboxMessage.status)).all())


def test_each_notification_reaches_the_server_once_and_threads(sessions, smtp):
    ids = write_notifications(sessions, 3)
    report = deliver_pending(sessions, SmtpTransport(smtp_settings(smtp)), SENDER, NOW)
    assert report.sent == 3
    assert smtp.recorder.counts() == {pk: 1 for pk in ids}
    first = smtp.recorder.accepted[0]
    assert first["In-Reply-To"] == "<original-0@trust.nhs.uk>"
    assert first["References"] == "<original-0@trust.nhs.uk>"
    assert "MI-000000" in first["Subject"]
    assert {part.get_content_type() for part in first.walk()} >= {"text/plain", "text/html"}
    assert set(statuses(sessions).values()) == {OutboxStatus.SENT}
    # A second run finds nothing left to send.
    assert deliver_pending(sessions, SmtpTransport(smtp_settings(smtp)), SENDER, NOW).sent == 0
    assert len(smtp.recorder.accepted) == 3


def test_a_4xx_reply_is_retried_after_a_backoff(sessions, smtp):
    [pk] = write_notifications(sessions, 1)
    smtp.recorder.replies = ["451 4.3.0 Mailbox busy, try later"]
    policy = DeliveryPolicy(max_attempts=5, retry_after=timedelta(minutes=1))
    transport = SmtpTransport(smtp_settings(smtp))
    report = deliver_pending(sessions, transport, SENDER, NOW, policy)
    assert (report.sent, report.retried) == (0, 1)
    with sessions() as session:
        row = session.get(OutboxMessage, pk)
        assert row.status == OutboxStatus.PENDING and "451" in row.last_error
        assert row.next_attempt_at == NOW + timedelta(minutes=1)
    # Not before its time; then delivered.
    assert (
        deliver_pending(sessions, transport, SENDER, NOW + timedelta(seconds=30), policy).sent == 0
    )
    assert (
        deliver_pending(sessions, transport, SENDER, NOW + timedelta(minutes=1), policy).sent == 1
    )
    with sessions() as session:
        attempts = session.scalars(select(OutboxAttempt.outcome).order_by(OutboxAttempt.id)).all()
    assert attempts == ["retry", "sent"]
    assert smtp.recorder.counts() == {pk: 1}


def test_backoff_doubles_until_the_last_attempt_fails_for_good(sessions, smtp):
    [pk] = write_notifications(sessions, 1)
    smtp.recorder.replies = ["421 4.7.0 Try again later"] * 3
    policy = DeliveryPolicy(max_attempts=3, retry_after=timedelta(minutes=1))
    transport = SmtpTransport(smtp_settings(smtp))
    moment = NOW
    waits = []
    for _ in range(3):
        deliver_pending(sessions, transport, SENDER, moment, policy)
        with sessions() as session:
            row = session.get(OutboxMessage, pk)
        waits.append(row.next_attempt_at - moment)
        moment = row.next_attempt_at
    assert waits[:2] == [timedelta(minutes=1), timedelta(minutes=2)]
    assert row.status == OutboxStatus.FAILED
    assert "gave up after 3 attempts" in row.last_error
    assert not smtp.recorder.accepted


def test_a_5xx_reply_fails_at_once_with_the_servers_words(sessions, smtp):
    [pk] = write_notifications(sessions, 1)
    smtp.recorder.replies = ["550 5.1.1 No such user here"]
    report = deliver_pending(sessions, SmtpTransport(smtp_settings(smtp)), SENDER, NOW)
    assert report.failed == 1
    with sessions() as session:
        row = session.get(OutboxMessage, pk)
    assert row.status == OutboxStatus.FAILED
    assert "550 5.1.1 No such user here" in row.last_error


def test_a_server_that_does_not_answer_in_time_is_retried(sessions, smtp):
    [pk] = write_notifications(sessions, 1)
    smtp.recorder.delay_seconds = 2.0
    transport = SmtpTransport(smtp_settings(smtp, timeout=0.5))
    report = deliver_pending(sessions, transport, SENDER, NOW)
    assert report.retried == 1
    with sessions() as session:
        row = session.get(OutboxMessage, pk)
    assert row.status == OutboxStatus.PENDING
    assert "timed out" in row.last_error.lower() or "timeout" in row.last_error.lower()


def test_a_refused_connection_is_retried(sessions):
    write_notifications(sessions, 1)
    settings = load_settings(smtp_host="127.0.0.1", smtp_port=1, smtp_security="none")
    report = deliver_pending(sessions, SmtpTransport(settings), SENDER, NOW)
    assert report.retried == 1


def test_without_smtp_each_notification_is_one_eml_file(sessions, tmp_path):
    ids = write_notifications(sessions, 2)
    folder = tmp_path / "outbox"
    assert deliver_pending(sessions, FileTransport(folder), SENDER, NOW).sent == 2
    files = sorted(folder.glob("*.eml"))
    assert [int(f.stem) for f in files] == ids
    assert f"{OUTBOX_HEADER}: {ids[0]}" in files[0].read_text()


def test_personal_data_goes_only_to_secure_domains(sessions):
    with sessions.begin() as session:
        ids = enqueue(
            session,
            "mixed",
            "acknowledgement",
            ["referrer@trust.nhs.uk", "someone@mail.example"],
            {
                "references": ["MI-000042"],
                "subject": "Referral about John Example",
                "sender": "referrer@trust.nhs.uk",
                "received": NOW,
                "link": "http://localhost/",
            },
            SECURE,
        )
    with sessions() as session:
        rows = {tuple(r.recipients): r for r in session.scalars(select(OutboxMessage))}
    assert len(ids) == 2
    assert "John Example" in rows[("referrer@trust.nhs.uk",)].text_body
    assert "John Example" not in rows[("someone@mail.example",)].text_body
    assert "MI-000042" in rows[("someone@mail.example",)].text_body


def test_writing_the_same_notification_twice_writes_it_once(sessions):
    assert len(write_notifications(sessions, 2)) == 2
    assert write_notifications(sessions, 2) == []


@pytest.mark.slow
def test_a_worker_killed_while_sending_and_restarted_sends_each_once(
    database_url, sessions, smtp, tmp_path: Path
):
    ids = write_notifications(sessions, 12)
    smtp.recorder.rcpt_delay_seconds = 0.25
    env = cli_env(
        tmp_path / "var",
        database_url=database_url,
        smtp_host="127.0.0.1",
        smtp_port=str(smtp.port),
        smtp_security="none",
        outbox_lease_seconds="1",
    )
    worker = start_cli(env, "worker", "--once")
    deadline = time.monotonic() + 60
    # Killed in the middle of the fifth message's SMTP transaction (the fourth was accepted
    # and recorded as sent before the fifth began).
    while smtp.recorder.transactions < 5 and time.monotonic() < deadline:
        assert worker.poll() is None, worker.stderr.read().decode()
        time.sleep(0.01)
    time.sleep(0.1)
    worker.send_signal(signal.SIGKILL)
    worker.wait(10)
    sent_before = len(smtp.recorder.accepted)
    assert 4 <= sent_before < 12, "the kill must land in the middle of sending"
    time.sleep(1.2)  # the dead worker's lease runs out
    smtp.recorder.rcpt_delay_seconds = 0
    done = run_cli(env, "worker", "--once", timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert smtp.recorder.counts() == {pk: 1 for pk in ids}
    assert set(statuses(sessions).values()) == {OutboxStatus.SENT}

"""Outbox benchmark: notifications per second delivered to a real SMTP server (aiosmtpd on
loopback) by the delivery job (claim, build, send, record the attempt, mark sent: each row its
own committed transaction) against a bare smtplib loop sending the same messages over one
connection, in the same run.

    make bench        (or: .venv/bin/python -m bench.outbox [--count 2000] [--database URL])

Goal (issue 7): delivery job / bare loop >= 0.5. Prints figures; never fails a build.
"""

from __future__ import annotations

import argparse
import smtplib
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete

from intake.database import make_engine, session_factory, upgrade
from intake.delivery import SmtpTransport, build_message, deliver_pending
from intake.outbox import enqueue
from intake.schema import OutboxAttempt, OutboxMessage
from intake.settings import load_settings
from tests.support.smtp import start_smtp

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
SENDER = "mappa.intake@mappa-intake.test"
SECURE = ["*.nhs.uk"]


def write_rows(sessions, count: int) -> None:
    with sessions.begin() as session:
        session.execute(delete(OutboxAttempt))
        session.execute(delete(OutboxMessage))
        for number in range(count):
            enqueue(
                session,
                f"bench:{number}",
                "acknowledgement",
                [f"referrer{number % 50}@trust.nhs.uk"],
                {
                    "references": [f"MI-{number:06d}"],
                    "subject": f"MAPPA referral {number}",
                    "sender": "referrer@trust.nhs.uk",
                    "received": NOW,
                    "link": "http://localhost:8080/",
                },
                SECURE,
                reply_to=f"<original-{number}@trust.nhs.uk>",
                now=NOW,
            )


def bare_loop(sessions, port: int) -> float:
    """The same messages over one smtplib connection, nothing recorded: the floor."""
    with sessions() as session:
        messages = [
            (build_message(row, SENDER), list(row.recipients))
            for row in session.query(OutboxMessage).order_by(OutboxMessage.id)
        ]
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as connection:
        for message, recipients in messages:
            connection.send_message(message, to_addrs=recipients)
    return time.perf_counter() - started


def delivery_job(sessions, port: int) -> float:
    settings = load_settings(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none")
    started = time.perf_counter()
    report = deliver_pending(sessions, SmtpTransport(settings), SENDER, NOW)
    elapsed = time.perf_counter() - started
    assert report.failed == 0 and report.retried == 0, report
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--database", help="a database URL (default: SQLite in a temp folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        upgrade(url)
        engine = make_engine(url)
        sessions = session_factory(engine)
        server = start_smtp()
        try:
            rounds = []
            for _ in range(3):
                write_rows(sessions, args.count)
                bare = bare_loop(sessions, server.port)
                job = delivery_job(sessions, server.port)
                rounds.append((bare, job))
        finally:
            server.stop()
            engine.dispose()
    bare, job = sorted(rounds, key=lambda r: r[1] / r[0])[1]  # the median round by ratio
    bare_rate, job_rate = args.count / bare, args.count / job
    print(f"database: {url.split(':')[0]}; {args.count} notifications per round, 3 rounds")
    print("| measure | per second |")
    print("| --- | --- |")
    print(f"| bare smtplib loop (one connection, nothing recorded) | {bare_rate:,.0f} |")
    print(f"| delivery job (claim, send, record, mark sent) | {job_rate:,.0f} |")
    print(f"ratio delivery job / bare loop: {job_rate / bare_rate:.2f} (goal >= 0.5)")


if __name__ == "__main__":
    main()

"""Time travel through a MAPPA A decision cycle of 10 working days over Christmas and New Year
2026 (bank holidays on 25 and 28 December and 1 January): each reminder on its day, the
manager copied in once overdue for long enough, none after a decision, none twice."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import select

from intake.decisions import DecisionInput, Recorder, record_decision
from intake.scheduler import Jobs
from intake.schema import DecisionOutcome, OutboxMessage, Submission
from intake.service import Service
from routing.calendar import england_and_wales
from tests.support.smtp import start_smtp
from tests.web.routed import routed_referral

LONDON = ZoneInfo("Europe/London")
RECEIVED = datetime(2026, 12, 17, 10, 0, tzinfo=LONDON)  # a Thursday, before the cut-off
# Working days after day 0 (17 Dec): 18, 21, 22, 23, 24 (5th), 29, 30, 31 (8th), 4 Jan, 5 Jan
# (10th: due); 25 and 28 Dec and 1 Jan are bank holidays, weekends are skipped.
EXPECTED = {
    date(2026, 12, 24): "progress",
    date(2026, 12, 31): "progress",
    date(2027, 1, 5): "due",
    date(2027, 1, 6): "overdue",
    date(2027, 1, 7): "overdue",
    date(2027, 1, 8): "escalation",
    date(2027, 1, 11): "escalation",
}


def reminders_by_day(service, pk: int) -> dict[date, list[OutboxMessage]]:
    with service.sessions() as session:
        rows = session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.submission_pk == pk, OutboxMessage.kind == "reminder"
            )
        ).all()
    found: dict[date, list[OutboxMessage]] = {}
    for row in rows:
        found.setdefault(row.created_at.astimezone(LONDON).date(), []).append(row)
    return found


@pytest.mark.slow
def test_reminders_fall_on_working_days_and_stop_at_the_decision(service):
    with time_machine.travel(RECEIVED, tick=True):
        decided = routed_referral(service, seed=11, locality="Plymouth")
        running = routed_referral(service, seed=12, locality="Plymouth")
    with service.sessions() as session:
        assert session.get(Submission, decided).due == date(2027, 1, 5)
    jobs = Jobs(service)
    day = RECEIVED.date()
    while day <= date(2027, 1, 11):
        with time_machine.travel(
            datetime.combine(day, datetime.min.time(), LONDON) + timedelta(hours=8)
        ):
            jobs.reminders()
            jobs.reminders()  # a second sweep the same day writes nothing more
            if day == date(2027, 1, 7):
                with service.sessions.begin() as session:
                    item = session.get(Submission, decided)
                    recorder = Recorder(
                        service.deployment, england_and_wales(), "http://x/", "maildir:/spoc"
                    )
                    choice = DecisionInput(DecisionOutcome.ACCEPTED, 2, date(2027, 1, 20))
                    record_decision(
                        session,
                        item,
                        choice,
                        "admin@mappa.test",
                        recorder,
                        datetime.now(LONDON),
                    )
        day += timedelta(days=1)

    running_days = reminders_by_day(service, running)
    assert {d: [r.subject.split(":")[0] for r in rows] for d, rows in running_days.items()} == {
        d: [
            {
                "progress": "Reminder",
                "due": "Due today",
                "overdue": "Overdue",
                "escalation": "Escalation",
            }[kind]
        ]
        for d, kind in EXPECTED.items()
    }
    manager = service.deployment.areas["Devon and Cornwall"].manager
    with service.sessions() as session:
        administrators = session.get(Submission, running).routed_to
    for d, rows in running_days.items():
        copied = [manager] if EXPECTED[d] == "escalation" else []
        assert rows[0].recipients == sorted({*administrators, *copied})

    decided_days = reminders_by_day(service, decided)
    assert sorted(decided_days) == [d for d in EXPECTED if d <= date(2027, 1, 7)]


@pytest.mark.slow
def test_two_workers_on_one_database_send_each_reminder_once(service, tmp_path):
    server = start_smtp()
    try:
        with time_machine.travel(RECEIVED, tick=True):
            routed = [routed_referral(service, seed=20 + n) for n in range(6)]
        smtp = {"smtp_host": "127.0.0.1", "smtp_port": server.port, "smtp_security": "none"}
        settings = service.settings.model_copy(update=smtp)
        workers = [Jobs(Service(settings)), Jobs(Service(settings))]
        due_day = datetime(2027, 1, 5, 9, 0, tzinfo=LONDON)
        with time_machine.travel(due_day, tick=True):
            barrier = threading.Barrier(2)

            def work(jobs: Jobs) -> None:
                barrier.wait()
                for _ in range(3):
                    jobs.reminders()
                    jobs.outbox()

            threads = [threading.Thread(target=work, args=(jobs,)) for jobs in workers]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(120)
        for jobs in workers:
            jobs.service.close()
        with service.sessions() as session:
            rows = session.scalars(
                select(OutboxMessage).where(OutboxMessage.kind == "reminder")
            ).all()
        assert sorted(row.submission_pk for row in rows) == sorted(routed)
        assert all(row.subject.startswith("Due today") for row in rows)
        with service.sessions() as session:
            everything = dict(session.execute(select(OutboxMessage.id, OutboxMessage.status)).all())
        # acknowledgements, routed notices and reminders: each reached the server exactly once
        assert server.recorder.counts() == {pk: 1 for pk in everything}
        assert set(everything.values()) == {"sent"}
    finally:
        server.stop()

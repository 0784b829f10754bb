"""The background jobs, run by APScheduler inside `serve` or alone in `worker`.

- mailbox: watch the mailbox (IMAP IDLE where offered, polling otherwise), storing, splitting,
  reading and proposing what arrives;
- reminders: today's reminders of every running clock, into the outbox;
- outbox: deliver pending notifications (SMTP, or .eml files by default);
- retention: purge closed submissions past the retention period (only when it is set).

Every job is safe on several instances against one PostgreSQL (rows are claimed with SKIP
LOCKED, outbox keys are unique). SQLite has one writer, so there a lock file keeps a second
worker from starting.
"""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from intake.delivery import DeliveryPolicy, deliver_pending, transport_for
from intake.reminding import Sweep, sweep_reminders
from intake.retention import purge
from intake.service import Service
from intake.stopping import StopSignal
from routing.calendar import england_and_wales, london_time

log = logging.getLogger(__name__)


class AlreadyRunning(Exception):
    """Another worker holds the SQLite lock."""


def now_utc() -> datetime:
    return datetime.now(UTC)


@dataclass
class Jobs:
    """The jobs of one service; `clock` is replaced in tests that travel in time."""

    service: Service
    clock: Callable[[], datetime] = now_utc

    def mailbox_pass(self) -> None:
        watcher = self.service.watcher()
        with watcher.source:
            watcher.run_pass()

    def reminders(self) -> int:
        s = self.service
        sweep = Sweep(
            s.deployment, england_and_wales(), s.settings.spoc_address, s.settings.base_url
        )
        return sweep_reminders(s.sessions, sweep, london_time(self.clock()).date())

    def outbox(self) -> int:
        s = self.service.settings
        policy = DeliveryPolicy(
            s.outbox_max_attempts,
            timedelta(seconds=s.outbox_retry_seconds),
            timedelta(seconds=s.outbox_lease_seconds),
        )
        report = deliver_pending(
            self.service.sessions, transport_for(s), s.mail_from, self.clock(), policy
        )
        return report.sent

    def retention(self) -> int:
        months = self.service.settings.retention_months
        if months is None:
            return 0
        return len(purge(self.service.sessions, months, self.clock()).submissions)

    def run_once(self) -> dict[str, int | None]:
        """Each job once, in the order a message travels; for cron and for checks."""
        self.mailbox_pass()
        return {
            "reminders": self.reminders(),
            "sent": self.outbox(),
            "purged": self.retention(),
        }


def single_instance(service: Service) -> IO[str] | None:
    """On SQLite, hold an exclusive lock for the process's life; None on PostgreSQL."""
    if not service.settings.effective_database_url.startswith("sqlite"):
        return None
    path = Path(service.settings.data_dir) / "worker.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "w")  # noqa: SIM115  held open on purpose, closed at exit
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise AlreadyRunning(
            f"another worker is running on this SQLite database (lock {path}); "
            "run one worker per SQLite file, or use PostgreSQL for several"
        ) from None
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def schedule(
    jobs: Jobs, scheduler: BackgroundScheduler | BlockingScheduler, stop: StopSignal
) -> None:
    settings = jobs.service.settings
    watcher = jobs.service.watcher()

    def watch() -> None:
        watcher.watch(stop, wait_seconds=settings.idle_seconds)

    common = {"max_instances": 1, "coalesce": True, "misfire_grace_time": 60}
    scheduler.add_job(watch, id="mailbox", name="mailbox watch", **common)
    every = (
        (jobs.outbox, "outbox", "outbox delivery", {"seconds": 10}),
        (jobs.reminders, "reminders", "reminder sweep", {"minutes": 15}),
        (jobs.retention, "retention", "retention purge", {"hours": 6}),
    )
    for job, job_id, name, interval in every:
        scheduler.add_job(
            job,
            "interval",
            id=job_id,
            name=name,
            next_run_time=datetime.now(UTC),
            **interval,
            **common,
        )

"""`mappa-intake watch` as a process: woken by IDLE, polling without it, stopped by SIGTERM."""

from __future__ import annotations

import signal
import time

import pytest
from sqlalchemy import func, select

from intake.schema import MailboxState, Message
from tests.support.cli import cli_env, imap_env, start_cli
from tests.support.imap import append, folder_uids
from tests.support.mail import form_email

pytestmark = pytest.mark.dovecot


def wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {timeout} s")


def count(sessions, table) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(table))


def watch(server, user, database_url, tmp_path, **settings):
    return start_cli(imap_env(tmp_path, server, user, database_url, **settings), "-v", "watch")


def stop(process) -> tuple[int, str]:
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=20)
    return process.returncode, err.decode()


def test_idle_wakes_the_watcher_and_sigterm_stops_it(dovecot, sessions, database_url, tmp_path):
    user = dovecot.new_user()
    # An hour between passes: only IDLE can bring the message in during this test.
    process = watch(dovecot, user, database_url, tmp_path, idle_seconds="1700", poll_seconds="3600")
    try:
        wait_until(lambda: count(sessions, MailboxState) == 1, 60, "the first pass")
        time.sleep(1)  # into IDLE
        append(dovecot, user, form_email())
        wait_until(lambda: count(sessions, Message) == 1, 30, "storing the IDLE-announced mail")
        wait_until(lambda: folder_uids(dovecot, user, "Processed"), 10, "the move")
    finally:
        returncode, err = stop(process)
    assert returncode == 0, err
    assert "stopped" in err


def test_without_idle_the_watcher_polls(older_dovecot, sessions, database_url, tmp_path):
    user = older_dovecot.new_user()
    process = watch(
        older_dovecot, user, database_url, tmp_path, idle_seconds="1700", poll_seconds="1"
    )
    try:
        wait_until(lambda: count(sessions, MailboxState) == 1, 60, "the first pass")
        append(older_dovecot, user, form_email())
        wait_until(lambda: count(sessions, Message) == 1, 30, "storing by polling")
    finally:
        returncode, err = stop(process)
    assert returncode == 0, err


def test_sigterm_during_a_lost_connection_still_stops(sessions, database_url, tmp_path):
    env_url = "imap://nobody@127.0.0.1:9/INBOX?security=plain"  # nothing listens on port 9
    env = cli_env(tmp_path, mailbox=env_url, mailbox_password="x", database_url=database_url)
    process = start_cli(env, "-v", "watch")
    time.sleep(3)
    returncode, err = stop(process)
    assert returncode == 0, err
    assert "retrying" in err

"""SIGKILL at random moments while mail arrives: every message stored exactly once, none lost."""

from __future__ import annotations

import os
import random
import threading
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from intake.queries import raw_message
from intake.schema import Message, Submission
from tests.support.cli import imap_env, run_cli, start_cli
from tests.support.imap import referrer_client
from tests.support.mail import form_email

pytestmark = [pytest.mark.dovecot, pytest.mark.slow]
MESSAGES = 300


def message_ids_in(dovecot, user, folder: str) -> list[str]:
    with referrer_client(dovecot, user) as box:
        if not box.folder.exists(folder):
            return []
        box.folder.set(folder)
        return [
            m.headers["message-id"][0]
            for m in box.fetch(headers_only=True, mark_seen=False, bulk=True)
        ]


def test_sigkill_at_random_moments_loses_nothing_and_doubles_nothing(
    dovecot, sessions, database_url, tmp_path
):
    seed = int(os.environ.get("MAPPA_CRASH_SEED", time.time()))
    rng = random.Random(seed)
    user = dovecot.new_user()
    sent = {
        f"<crash-{n}@trust.test>": form_email(
            subject=f"Form G {n}", message_id=f"<crash-{n}@trust.test>"
        )
        for n in range(MESSAGES)
    }

    def feed() -> None:
        with referrer_client(dovecot, user) as box:
            for n, raw in enumerate(sent.values()):
                box.append(raw, "INBOX")
                if n % 10 == 9:
                    time.sleep(rng.uniform(0.1, 0.6))

    env = imap_env(tmp_path, dovecot, user, database_url, idle_seconds="5", fetch_batch="7")
    feeder = threading.Thread(target=feed)
    feeder.start()
    kills = 0
    while feeder.is_alive() or kills < 12:
        watcher = start_cli(env, "watch")
        time.sleep(rng.uniform(0.1, 2.5))
        watcher.kill()
        watcher.communicate()
        kills += 1
    feeder.join()
    for _ in range(5):  # restart until the mailbox is drained
        assert run_cli(env, "fetch").returncode == 0
        if not message_ids_in(dovecot, user, "INBOX"):
            break

    with sessions() as session:
        stored = {m.message_id: m for m in session.scalars(select(Message))}
        assert len(stored) == MESSAGES, f"seed {seed}"
        assert all(raw_message(session, stored[mid].id) == raw for mid, raw in sent.items()), (
            f"seed {seed}"
        )
        assert all(m.status == "processed" for m in stored.values())
        assert session.scalar(select(func.count()).select_from(Submission)) == MESSAGES
    in_mailbox = Counter(
        message_ids_in(dovecot, user, "INBOX") + message_ids_in(dovecot, user, "Processed")
    )
    assert set(in_mailbox) == set(sent) and set(in_mailbox.values()) == {1}, f"seed {seed}"
    print(f"seed {seed}: {kills} kills, {MESSAGES} messages stored once each")


def test_two_watchers_on_one_mailbox_store_each_message_once(
    dovecot, sessions, database_url, tmp_path
):
    user = dovecot.new_user()
    sent = [form_email(subject=f"Form G {n}") for n in range(120)]
    env = imap_env(tmp_path, dovecot, user, database_url, idle_seconds="2", fetch_batch="5")
    watchers = [start_cli(env, "watch") for _ in range(2)]
    try:
        with referrer_client(dovecot, user) as box:
            for raw in sent:
                box.append(raw, "INBOX")
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            with sessions() as session:
                done = session.scalar(select(func.count()).select_from(Submission))
            if done >= len(sent) and not message_ids_in(dovecot, user, "INBOX"):
                break
            time.sleep(0.5)
    finally:
        for watcher in watchers:
            watcher.terminate()
            watcher.communicate(timeout=30)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Message)) == len(sent)
        assert session.scalar(select(func.count()).select_from(Submission)) == len(sent)
    processed = message_ids_in(dovecot, user, "Processed")
    assert len(processed) == len(set(processed)) == len(sent)

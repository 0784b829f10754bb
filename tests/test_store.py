"""Raw-first storage on SQLite and PostgreSQL: exact bytes, headers, and no doubles."""

from __future__ import annotations

import hashlib
import threading
from datetime import UTC, datetime

from alembic import command
from sqlalchemy import func, select, text

from intake.database import alembic_config, make_engine
from intake.queries import raw_message
from intake.schema import Delivery, Message
from intake.store import MailboxIdentity, known_deliveries, note_uidvalidity, store_raw_message
from tests.support.mail import UNTRUSTED, form_email

NOW = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)
INBOX = "imap://spoc@127.0.0.1:143/INBOX"


def count(sessions, table) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(table))


def test_raw_bytes_and_headers_are_stored_exactly(sessions, allowlist):
    raw = form_email(
        subject="=?utf-8?q?Form_G_=E2=80=93_J_Sm=C3=AFth?=", message_id="<abc@trust.test>"
    )
    stored = store_raw_message(sessions, MailboxIdentity(INBOX, 7, "1"), raw, allowlist, NOW)
    with sessions() as session:
        message = session.get(Message, stored.message_pk)
        assert raw_message(session, message.id) == raw
        assert message.sha256 == hashlib.sha256(raw).hexdigest()
        assert message.message_id == "<abc@trust.test>"
        assert message.sender == "referrer@trust.nhs.uk"
        assert message.subject == "Form G – J Smïth"
        assert message.to_header == "spoc@mappa-spoc.test"
        assert message.date_header == "Mon, 16 Nov 2026 09:30:00 +0000"
        assert message.received_at == NOW
        assert message.status == "stored"
        delivery = message.deliveries[0]
        assert (delivery.mailbox, delivery.uidvalidity, delivery.uid) == (INBOX, 7, "1")
    assert stored.trusted and not stored.is_repeat and stored.new_delivery


def test_the_same_delivery_twice_is_stored_once(sessions, allowlist):
    raw = form_email()
    first = store_raw_message(sessions, MailboxIdentity(INBOX, 7, "1"), raw, allowlist, NOW)
    again = store_raw_message(sessions, MailboxIdentity(INBOX, 7, "1"), raw, allowlist, NOW)
    assert again.message_pk == first.message_pk and not again.new_delivery
    assert count(sessions, Message) == 1 and count(sessions, Delivery) == 1


def test_the_same_message_under_another_uid_is_a_repeat_delivery(sessions, allowlist):
    raw = form_email(message_id="<same@trust.test>")
    first = store_raw_message(sessions, MailboxIdentity(INBOX, 7, "1"), raw, allowlist, NOW)
    repeat = store_raw_message(sessions, MailboxIdentity(INBOX, 7, "2"), raw, allowlist, NOW)
    assert repeat.message_pk == first.message_pk and repeat.is_repeat
    assert count(sessions, Message) == 1 and count(sessions, Delivery) == 2


def test_untrusted_sender_is_marked_at_storage(sessions, allowlist):
    stored = store_raw_message(
        sessions, MailboxIdentity(INBOX, 7, "1"), form_email(sender=UNTRUSTED), allowlist, NOW
    )
    assert not stored.trusted


def test_concurrent_writers_store_one_message(sessions, allowlist):
    """Two watchers racing on the same deliveries: unique keys leave one of each."""
    raws = [form_email() for _ in range(20)]
    errors: list[BaseException] = []

    def watcher() -> None:
        try:
            for uid, raw in enumerate(raws, start=1):
                store_raw_message(
                    sessions, MailboxIdentity(INBOX, 7, str(uid)), raw, allowlist, NOW
                )
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=watcher) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert count(sessions, Message) == 20 and count(sessions, Delivery) == 20


def test_known_deliveries_finds_only_this_uidvalidity(sessions, allowlist):
    store_raw_message(sessions, MailboxIdentity(INBOX, 7, "1"), form_email(), allowlist, NOW)
    assert set(known_deliveries(sessions, INBOX, 7, ["1", "2"])) == {"1"}
    assert known_deliveries(sessions, INBOX, 8, ["1"]) == {}


def test_uidvalidity_change_is_noticed(sessions):
    assert note_uidvalidity(sessions, INBOX, 7, NOW) is None
    assert note_uidvalidity(sessions, INBOX, 7, NOW) is None
    assert note_uidvalidity(sessions, INBOX, 9, NOW) == 7


def test_8_bit_headers_are_read_as_utf8_or_windows_1252(sessions, allowlist):
    utf8 = "From: Zoë <referrer@trust.nhs.uk>\r\nSubject: Référence\r\n\r\nx".encode()
    latin = "From: referrer@trust.nhs.uk\r\nSubject: Référence\r\n\r\ny".encode("cp1252")
    for uid, raw in enumerate([utf8, latin]):
        stored = store_raw_message(
            sessions, MailboxIdentity(INBOX, 7, str(uid)), raw, allowlist, NOW
        )
        with sessions() as session:
            message = session.get(Message, stored.message_pk)
            assert (message.subject, message.sender) == ("Référence", "referrer@trust.nhs.uk")
            assert raw_message(session, message.id) == raw


def test_migration_0006_moves_raw_bytes_both_ways(database_url, sessions, allowlist):
    """Raw bytes stored before the upgrade are still the exact bytes after it, and after a
    downgrade: a migration must never lose a stored e-mail."""
    raw = form_email(subject="before the migration")
    stored = store_raw_message(sessions, MailboxIdentity(INBOX, 7, "1"), raw, allowlist, NOW)
    config = alembic_config(database_url)
    command.downgrade(config, "0005")
    engine = make_engine(database_url)
    with engine.connect() as connection:
        before = text("SELECT raw FROM messages WHERE id = :id")
        assert connection.execute(before, {"id": stored.message_pk}).scalar_one() == raw
    engine.dispose()
    command.upgrade(config, "head")
    with sessions() as session:
        assert raw_message(session, stored.message_pk) == raw
        assert session.get(Message, stored.message_pk).size == len(raw)

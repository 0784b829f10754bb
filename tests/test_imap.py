"""The watcher against a real Dovecot: storage, moves, UIDVALIDITY, restarts and TLS."""

from __future__ import annotations

import ssl
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import default

import pytest
from sqlalchemy import func, select

from intake.schema import Delivery, Message, RawMessage
from intake.store import MailboxIdentity, store_raw_message
from intake.watcher import Watcher
from tests.support.imap import append, folder_uids, imap_source, referrer_client
from tests.support.mail import UNTRUSTED, form_email


def message_id(raw: bytes) -> str:
    return BytesParser(policy=default).parsebytes(raw, headersonly=True)["Message-ID"]


pytestmark = pytest.mark.dovecot


def watcher_for(source, sessions, allowlist, splitter) -> Watcher:
    return Watcher(source, sessions, allowlist, splitter, batch=2)


def stored_messages(sessions) -> list[bytes]:
    with sessions() as session:
        return list(session.scalars(select(RawMessage.raw).order_by(RawMessage.message_pk)))


def test_appended_messages_are_stored_exactly_then_moved(dovecot, sessions, allowlist, splitter):
    user = dovecot.new_user()
    trusted = [form_email(subject=f"Form G {n}") for n in range(3)]
    untrusted = form_email(sender=UNTRUSTED)
    append(dovecot, user, *trusted, untrusted)
    with imap_source(dovecot, user) as source:
        report = watcher_for(source, sessions, allowlist, splitter).run_pass()
    assert (report.stored, report.moved, report.processed) == (4, 4, 4)
    assert stored_messages(sessions) == [*trusted, untrusted]
    assert folder_uids(dovecot, user, "INBOX") == []
    assert len(folder_uids(dovecot, user, "Processed")) == 3
    assert len(folder_uids(dovecot, user, "Quarantine")) == 1


def test_a_restart_stores_only_what_is_new(dovecot, sessions, allowlist, splitter):
    user = dovecot.new_user()
    append(dovecot, user, form_email())
    with imap_source(dovecot, user) as source:
        watcher_for(source, sessions, allowlist, splitter).run_pass()
    append(dovecot, user, form_email())
    with imap_source(dovecot, user) as source:  # a new connection, as after a restart
        report = watcher_for(source, sessions, allowlist, splitter).run_pass()
        again = watcher_for(source, sessions, allowlist, splitter).run_pass()
    assert report.stored == 1 and again.stored == 0
    assert len(stored_messages(sessions)) == 2


def test_a_message_stored_before_a_crash_is_moved_not_fetched_again(
    dovecot, sessions, allowlist, splitter
):
    user = dovecot.new_user()
    raw = form_email()
    append(dovecot, user, raw)
    with imap_source(dovecot, user) as source:
        # The crash: committed, but the process died before the MOVE.
        where = MailboxIdentity(source.identity, source.uidvalidity(), "1")
        store_raw_message(sessions, where, raw, allowlist, datetime.now(UTC))
        report = watcher_for(source, sessions, allowlist, splitter).run_pass()
    assert (report.stored, report.moved, report.processed) == (0, 1, 1)
    assert folder_uids(dovecot, user, "INBOX") == []
    assert len(stored_messages(sessions)) == 1


def test_a_move_cut_short_after_the_copy_leaves_one_copy(dovecot, sessions, allowlist, splitter):
    user = dovecot.new_user()
    raw, other = form_email(), form_email()
    append(dovecot, user, raw, other)
    with referrer_client(dovecot, user) as box:
        # The crash: the server copied the message into Processed and the connection dropped
        # before it expunged the original (MOVE done as copy then expunge).
        box.folder.create("Processed")
        box.copy(["1"], "Processed")
    with imap_source(dovecot, user) as source:
        now = datetime.now(UTC)
        for uid, message in (("1", raw), ("2", other)):
            where = MailboxIdentity(source.identity, source.uidvalidity(), uid)
            store_raw_message(sessions, where, message, allowlist, now)
        report = watcher_for(source, sessions, allowlist, splitter).run_pass()
    assert report.moved == 2
    assert folder_uids(dovecot, user, "INBOX") == []
    with referrer_client(dovecot, user) as box:
        box.folder.set("Processed")
        in_processed = [m.headers["message-id"][0] for m in box.fetch(mark_seen=False)]
    assert sorted(in_processed) == sorted(message_id(raw) for raw in (raw, other))


def test_a_uidvalidity_change_makes_no_second_submission(dovecot, sessions, allowlist, splitter):
    user = dovecot.new_user()
    first, left_behind = form_email(), form_email()
    append(dovecot, user, first, left_behind)
    with imap_source(dovecot, user) as source:
        old = source.uidvalidity()
        watcher = watcher_for(source, sessions, allowlist, splitter)
        watcher.run_pass()
    # Put one message back in the INBOX and renumber the mailbox, as a server migration does.
    with referrer_client(dovecot, user) as box:
        box.folder.set("Processed")
        box.copy(box.uids("ALL")[:1], "INBOX")
    dovecot.doveadm("mailbox", "update", "-u", user, "--uid-validity", str(old + 1000), "INBOX")
    with imap_source(dovecot, user) as source:
        report = watcher_for(source, sessions, allowlist, splitter).run_pass()
    assert report.uidvalidity_changed_from == old
    assert (report.stored, report.repeats, report.moved) == (1, 1, 1)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Message)) == 2
        assert session.scalar(select(func.count()).select_from(Delivery)) == 3


@pytest.mark.parametrize("server", ["dovecot", "older_dovecot"])
def test_a_move_takes_only_the_messages_it_names(server, request):
    """A message that came in after the listing and was marked deleted at once must not be
    expunged along with the moved ones before the watcher has stored it."""
    dovecot = request.getfixturevalue(server)
    user = dovecot.new_user()
    append(dovecot, user, form_email(subject="listed"))
    with imap_source(dovecot, user) as source:
        listed = source.list_uids()
        append(dovecot, user, form_email(subject="came in later"))
        with referrer_client(dovecot, user) as box:  # a mail client marks it deleted
            box.client.uid("STORE", max(box.uids("ALL"), key=int), "+FLAGS", r"(\Deleted)")
        source.move(listed, "Processed")
    with referrer_client(dovecot, user) as box:
        assert [m.subject for m in box.fetch("ALL", mark_seen=False)] == ["came in later"]
    assert len(folder_uids(dovecot, user, "Processed")) == 1


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_tls_and_starttls_with_the_servers_certificate(
    dovecot, sessions, allowlist, splitter, security
):
    user = dovecot.new_user()
    append(dovecot, user, form_email())
    with imap_source(dovecot, user, security, ca_file=str(dovecot.ca_file)) as source:
        assert watcher_for(source, sessions, allowlist, splitter).run_pass().stored == 1


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_an_untrusted_certificate_is_refused(dovecot, security):
    user = dovecot.new_user()
    with pytest.raises(ssl.SSLCertVerificationError), imap_source(dovecot, user, security):
        pass

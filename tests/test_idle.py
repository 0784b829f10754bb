"""The wait between passes against a real Dovecot: it ends as soon as new mail is announced,
however the announcement came, and lasts its whole timeout when nothing came."""

from __future__ import annotations

import time

import pytest

from intake.stopping import StopSignal
from tests.support.imap import append, imap_source
from tests.support.mail import form_email

pytestmark = pytest.mark.dovecot

LONG_WAIT = 60.0  # what a missed announcement would cost; far more than any wake-up takes


def timed_wait(source, timeout: float) -> float:
    started = time.monotonic()
    source.wait(timeout, StopSignal())
    return time.monotonic() - started


def test_mail_announced_in_answer_to_a_later_command_of_the_pass_ends_the_wait(dovecot):
    user = dovecot.new_user()
    append(dovecot, user, form_email())
    with imap_source(dovecot, user) as source:
        listed = source.list_uids()
        append(dovecot, user, form_email())  # arrives while the pass is still busy...
        assert len(list(source.fetch(listed))) == 1  # ...and is announced in the FETCH answer
        assert timed_wait(source, LONG_WAIT) < LONG_WAIT / 2
        assert len(source.list_uids()) == 2


@pytest.mark.parametrize("security", ["plain", "tls"])
def test_mail_announced_as_idle_begins_ends_the_wait(dovecot, security):
    user = dovecot.new_user()
    ca_file = str(dovecot.ca_file) if security == "tls" else None
    with imap_source(dovecot, user, security, ca_file=ca_file) as source:
        assert source.list_uids() == []
        append(dovecot, user, form_email())  # the server tells of it right after "+ idling"
        assert timed_wait(source, LONG_WAIT) < LONG_WAIT / 2
        assert len(source.list_uids()) == 1


def test_mail_appended_during_idle_ends_the_wait(dovecot):
    user = dovecot.new_user()
    with imap_source(dovecot, user) as source:
        source.list_uids()
        source.box.idle.start()
        append(dovecot, user, form_email())
        assert source.box.idle.poll(timeout=LONG_WAIT)  # the plain IDLE path still works
        source.box.idle.stop()


def test_a_quiet_mailbox_waits_the_whole_timeout_after_a_pass_that_moved_mail(dovecot):
    user = dovecot.new_user()
    append(dovecot, user, form_email(), form_email())
    with imap_source(dovecot, user) as source:
        source.move(source.list_uids(), "Processed")  # its EXPUNGEs announce no new mail
        assert timed_wait(source, 1.0) >= 1.0

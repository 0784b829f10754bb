"""Helpers for tests that talk to the real Dovecot: a client for the test's side of the mailbox."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import contextmanager

from imap_tools import MailBoxUnencrypted

from intake.mailbox.address import parse_imap_address
from intake.mailbox.imap import ImapSource, password_login
from tests.support.dovecot import PASSWORD, Dovecot


@contextmanager
def referrer_client(dovecot: Dovecot, user: str) -> Iterator[MailBoxUnencrypted]:
    """The other side of the mailbox: how mail arrives (APPEND) and where it ends up."""
    with MailBoxUnencrypted("127.0.0.1", dovecot.port).login(user, PASSWORD) as box:
        yield box


def append(dovecot: Dovecot, user: str, *messages: bytes) -> None:
    with referrer_client(dovecot, user) as box:
        for raw in messages:
            box.append(raw, "INBOX")


def folder_uids(dovecot: Dovecot, user: str, folder: str) -> list[str]:
    with referrer_client(dovecot, user) as box:
        if not box.folder.exists(folder):
            return []
        box.folder.set(folder)
        return box.uids("ALL")


def imap_source(
    dovecot: Dovecot,
    user: str,
    security: str = "plain",
    ca_file: str | None = None,
    poll_seconds: float = 30.0,
) -> ImapSource:
    address = parse_imap_address(dovecot.url(user, security=security))
    context = ssl.create_default_context(cafile=ca_file)
    return ImapSource(
        address,
        password_login(user, PASSWORD),
        poll_seconds=poll_seconds,
        ssl_context=context,
        timeout=10,
    )

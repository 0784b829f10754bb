"""Choose the mailbox source the MAPPA_MAILBOX setting names."""

from __future__ import annotations

import ssl
from pathlib import Path

from intake.mailbox.address import parse_imap_address
from intake.mailbox.imap import ImapSource, password_login, xoauth2_login
from intake.mailbox.maildir import MaildirSource
from intake.mailbox.oauth import m365_token_provider
from intake.mailbox.source import MailboxSource
from intake.settings import Settings


def open_mailbox(settings: Settings) -> MailboxSource:
    """Build (not connect) the source MAPPA_MAILBOX names; `with source:` connects."""
    url = settings.effective_mailbox
    if url.startswith("maildir:"):
        return MaildirSource(
            Path(url.removeprefix("maildir:")),
            settle_seconds=settings.maildir_settle_seconds,
            poll_seconds=min(settings.poll_seconds, 2.0),
        )
    address = parse_imap_address(url)
    if settings.mailbox_oauth_client_id:
        token = m365_token_provider(
            settings.mailbox_oauth_tenant or "",
            settings.mailbox_oauth_client_id,
            settings.mailbox_oauth_client_secret or "",
            authority_host=settings.mailbox_oauth_authority,
        )
        login = xoauth2_login(address.user, token)
    else:
        login = password_login(address.user, settings.mailbox_password or "")
    context = ssl.create_default_context(
        cafile=str(settings.mailbox_ca_file) if settings.mailbox_ca_file else None
    )
    return ImapSource(address, login, poll_seconds=settings.poll_seconds, ssl_context=context)

"""The delivery job: pending outbox rows ─► e-mails, over SMTP or into .eml files.

Each row is claimed in a short transaction (SKIP LOCKED on PostgreSQL, so several workers share
the work) with a lease, sent outside any transaction, then marked. A worker killed mid-send
leaves its row claimed; when the lease runs out the row is sent again. The SMTP server accepts
a message only at the end of DATA, so a kill before that sends nothing; only a kill between the
end of the data and our commit of the server's "250" could send twice. Every attempt is recorded
with the server's reply; 4xx replies, refused connections and time-outs are retried with
exponential backoff, 5xx replies fail at once, and too many attempts fail for good.
"""

from __future__ import annotations

import contextlib
import logging
import os
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Protocol

from sqlalchemy import insert, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from intake.schema import OutboxAttempt, OutboxMessage, OutboxStatus
from intake.settings import Settings

log = logging.getLogger(__name__)
OUTBOX_HEADER = "X-Mappa-Outbox-Id"
MAX_BACKOFF = timedelta(hours=6)


class PermanentFailure(Exception):
    """The server refused the message for good (a 5xx reply)."""


class TemporaryFailure(Exception):
    """Worth trying again later: a 4xx reply, a refused connection, a time-out."""


class Transport(Protocol):
    def send(self, message: Message, recipients: list[str]) -> str:
        """Deliver one message; return the server's reply, or raise one of the failures."""
        ...

    def close(self) -> None: ...


def build_message(row: OutboxMessage, sender: str) -> Message:
    """The e-mail of one outbox row; its id travels in a header so that a receiving server
    (and the tests) can count deliveries. Built with the compat32 MIME classes: the modern
    header registry costs more than the SMTP exchange itself (bench/outbox.py)."""
    parts: list[MIMEText] = [MIMEText(row.text_body, "plain", "utf-8")]
    if row.html_body:
        parts.append(MIMEText(row.html_body, "html", "utf-8"))
    message: Message = (
        parts[0] if len(parts) == 1 else MIMEMultipart("alternative", _subparts=parts)
    )
    message["From"] = sender
    message["To"] = ", ".join(row.recipients)
    message["Subject"] = row.subject if row.subject.isascii() else Header(row.subject, "utf-8")
    message["Date"] = formatdate(row.created_at.timestamp(), localtime=False)
    message["Message-ID"] = make_msgid(idstring=f"outbox-{row.id}", domain=sender.split("@")[-1])
    message[OUTBOX_HEADER] = str(row.id)
    if row.in_reply_to:
        message["In-Reply-To"] = row.in_reply_to
        message["References"] = row.references or row.in_reply_to
    return message


class SmtpTransport:
    """smtplib, one connection per batch; TLS from the start, STARTTLS, or plain on loopback."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.connection: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        host, port, timeout = (
            s.smtp_host or "localhost",
            s.effective_smtp_port,
            s.smtp_timeout_seconds,
        )
        context = ssl.create_default_context()
        if s.smtp_security == "tls":
            connection: smtplib.SMTP = smtplib.SMTP_SSL(
                host, port, timeout=timeout, context=context
            )
        else:
            connection = smtplib.SMTP(host, port, timeout=timeout)
            if s.smtp_security == "starttls":
                connection.starttls(context=context)
        if s.smtp_username:
            connection.login(s.smtp_username, s.smtp_password or "")
        return connection

    def send(self, message: Message, recipients: list[str]) -> str:
        try:
            if self.connection is None:
                self.connection = self._connect()
            refused = self.connection.send_message(message, to_addrs=recipients)
        except smtplib.SMTPRecipientsRefused as exc:
            self.close()
            codes = [code for code, _ in exc.recipients.values()]
            reply = "; ".join(
                f"{r}: {c} {m.decode(errors='replace')}" for r, (c, m) in exc.recipients.items()
            )
            if all(500 <= code < 600 for code in codes):
                raise PermanentFailure(reply) from None
            raise TemporaryFailure(reply) from None
        except smtplib.SMTPResponseException as exc:
            self.close()
            reply = f"{exc.smtp_code} {exc.smtp_error.decode(errors='replace')}"
            if 500 <= exc.smtp_code < 600:
                raise PermanentFailure(reply) from None
            raise TemporaryFailure(reply) from None
        except (TimeoutError, smtplib.SMTPException, OSError) as exc:
            self.close()
            raise TemporaryFailure(f"{type(exc).__name__}: {exc}") from None
        if refused:
            return "accepted for some recipients only: " + ", ".join(sorted(refused))
        return "250 accepted"

    def close(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.connection.quit()
            self.connection = None


class FileTransport:
    """The embedded default: each e-mail written to the outbox folder as `<id>.eml`. The file
    is written under a temporary name and renamed, so a crash never leaves half a message and
    a second attempt replaces the first: one file per notification."""

    def __init__(self, folder: Path):
        self.folder = folder

    def send(self, message: Message, recipients: list[str]) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{int(message[OUTBOX_HEADER]):08d}.eml"
        partial = self.folder / f".{name}.partial"
        with open(partial, "wb") as handle:
            handle.write(message.as_bytes())
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(self.folder / name)
        return f"written to {self.folder / name}"

    def close(self) -> None:
        return None


def transport_for(settings: Settings) -> SmtpTransport | FileTransport:
    if settings.smtp_host:
        return SmtpTransport(settings)
    return FileTransport(settings.outbox_dir)


@dataclass(frozen=True)
class DeliveryPolicy:
    max_attempts: int = 8
    retry_after: timedelta = timedelta(minutes=1)
    lease: timedelta = timedelta(minutes=10)

    def backoff(self, attempts: int) -> timedelta:
        """1, 2, 4, 8 … times the first wait, never more than six hours."""
        return min(self.retry_after * 2 ** max(0, attempts - 1), MAX_BACKOFF)


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0


def claim(
    sessions: sessionmaker[Session], now: datetime, policy: DeliveryPolicy, batch: int
) -> list[OutboxMessage]:
    """Rows due now (pending, or claimed by a worker whose lease ran out), marked as ours."""
    with sessions.begin() as session:
        rows = list(
            session.scalars(
                select(OutboxMessage)
                .where(
                    or_(
                        (OutboxMessage.status == OutboxStatus.PENDING)
                        & (OutboxMessage.next_attempt_at <= now),
                        (OutboxMessage.status == OutboxStatus.SENDING)
                        & (OutboxMessage.claimed_until <= now),
                    )
                )
                .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
                .limit(batch)
                .with_for_update(skip_locked=True)
            )
        )
        for row in rows:  # loaded whole: sending needs no other query
            row.status, row.claimed_until = OutboxStatus.SENDING, now + policy.lease
            row.attempts += 1
        return rows


def deliver_pending(
    sessions: sessionmaker[Session],
    transport: Transport,
    sender: str,
    now: datetime,
    policy: DeliveryPolicy = DeliveryPolicy(),
    batch: int = 50,
) -> DeliveryReport:
    """Send what is due; return how many were sent, put back for later, or failed."""
    report = DeliveryReport()
    try:
        _deliver(sessions, transport, sender, now, policy, batch, report)
    finally:
        transport.close()
    return report


def _deliver(
    sessions: sessionmaker[Session],
    transport: Transport,
    sender: str,
    now: datetime,
    policy: DeliveryPolicy,
    batch: int,
    report: DeliveryReport,
) -> None:
    while rows := claim(sessions, now, policy, batch):
        for row in rows:
            pk, attempts = row.id, row.attempts
            try:
                reply = transport.send(build_message(row, sender), list(row.recipients))
            except PermanentFailure as exc:
                _finish(sessions, pk, now, OutboxStatus.FAILED, str(exc), "failed")
                report.failed += 1
            except TemporaryFailure as exc:
                if attempts >= policy.max_attempts:
                    _finish(
                        sessions,
                        pk,
                        now,
                        OutboxStatus.FAILED,
                        f"gave up after {attempts} attempts: {exc}",
                        "failed",
                    )
                    report.failed += 1
                else:
                    _finish(
                        sessions,
                        pk,
                        now,
                        OutboxStatus.PENDING,
                        str(exc),
                        "retry",
                        now + policy.backoff(attempts),
                    )
                    report.retried += 1
            else:
                _finish(sessions, pk, now, OutboxStatus.SENT, reply, "sent")
                report.sent += 1
        if len(rows) < batch:
            break


def _finish(
    sessions: sessionmaker[Session],
    pk: int,
    now: datetime,
    status: str,
    reply: str,
    outcome: str,
    next_attempt: datetime | None = None,
) -> None:
    values: dict[str, object] = {"status": status, "claimed_until": None, "last_error": None}
    if status == OutboxStatus.SENT:
        values["sent_at"] = now
    else:
        values["last_error"] = reply
    if next_attempt is not None:
        values["next_attempt_at"] = next_attempt
    # A Core connection, not an ORM session: this runs once per message sent.
    with sessions.kw["bind"].begin() as connection:
        connection.execute(update(OutboxMessage).where(OutboxMessage.id == pk).values(**values))
        connection.execute(
            insert(OutboxAttempt).values(outbox_pk=pk, at=now, outcome=outcome, reply=reply[:2000])
        )

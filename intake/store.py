"""Raw-first storage: a message's exact bytes are committed before anything else is done with it.

Each function here is one unit of work: it opens a session, does its job, commits, and returns
plain values. Unique keys, not locks, stop re-deliveries and concurrent watchers making doubles.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import compat32

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from intake.mime.text import clean_text, decode_words, header_block, raw_header
from intake.schema import Delivery, MailboxState, Message
from intake.senders import SenderAllowlist, sender_address


@dataclass(frozen=True)
class MailboxIdentity:
    """Where a message was handed to us: IMAP's (mailbox, UIDVALIDITY, UID), or a Maildir key."""

    mailbox: str
    uidvalidity: int
    uid: str


@dataclass(frozen=True)
class StoredMessage:
    message_pk: int
    trusted: bool
    is_repeat: bool
    new_delivery: bool
    moved_to: str | None


def store_raw_message(
    sessions: sessionmaker[Session],
    where: MailboxIdentity,
    raw: bytes,
    allowlist: SenderAllowlist,
    now: datetime,
) -> StoredMessage:
    """Commit one message's raw bytes and delivery; a second call returns what is stored."""
    batch = store_raw_messages(
        sessions, where.mailbox, where.uidvalidity, [(where.uid, raw)], allowlist, now
    )
    return batch[where.uid]


def store_raw_messages(
    sessions: sessionmaker[Session],
    mailbox: str,
    uidvalidity: int,
    fetched: Sequence[tuple[str, bytes]],
    allowlist: SenderAllowlist,
    now: datetime,
) -> dict[str, StoredMessage]:
    """Commit (uid, raw bytes) pairs and their deliveries in one transaction, by UID.

    When another watcher stored some of them at the same moment, the unique keys refuse the
    batch; it is then stored again, and the rows the other watcher wrote are found and used.
    """
    for attempt in range(3):
        try:
            return _store_batch(sessions, mailbox, uidvalidity, fetched, allowlist, now)
        except IntegrityError:
            if attempt == 2:
                raise  # another writer keeps winning the race: the next pass tries again
    raise AssertionError("unreachable")


def _store_batch(
    sessions: sessionmaker[Session],
    mailbox: str,
    uidvalidity: int,
    fetched: Sequence[tuple[str, bytes]],
    allowlist: SenderAllowlist,
    now: datetime,
) -> dict[str, StoredMessage]:
    hashes = {uid: hashlib.sha256(raw).hexdigest() for uid, raw in fetched}
    with sessions.begin() as session:
        stored = {
            delivery.uid: _stored(delivery, new_delivery=False)
            for delivery in session.scalars(
                select(Delivery).where(
                    Delivery.mailbox == mailbox,
                    Delivery.uidvalidity == uidvalidity,
                    Delivery.uid.in_(list(hashes)),
                )
            )
        }
        by_hash = {
            message.sha256: message
            for message in session.scalars(
                select(Message).where(Message.sha256.in_(set(hashes.values())))
            )
        }
        deliveries = []
        for uid, raw in fetched:
            if uid in stored:
                continue
            message = by_hash.get(hashes[uid])
            if message is None:
                message = by_hash[hashes[uid]] = _new_message(raw, hashes[uid], allowlist, now)
                session.add(message)
                is_repeat = False
            else:
                is_repeat = True
            deliveries.append(
                Delivery(
                    message=message,
                    mailbox=mailbox,
                    uidvalidity=uidvalidity,
                    uid=uid,
                    is_repeat=is_repeat,
                    delivered_at=now,
                )
            )
        session.add_all(deliveries)
        session.flush()
        stored.update({d.uid: _stored(d, new_delivery=True) for d in deliveries})
    return stored


def _stored(delivery: Delivery, new_delivery: bool) -> StoredMessage:
    return StoredMessage(
        message_pk=delivery.message_pk,
        trusted=bool(delivery.message.sender_trusted),
        is_repeat=delivery.is_repeat,
        new_delivery=new_delivery,
        moved_to=delivery.moved_to,
    )


def _new_message(raw: bytes, sha256: str, allowlist: SenderAllowlist, now: datetime) -> Message:
    headers = BytesHeaderParser(policy=compat32).parsebytes(header_block(raw))
    from_header = raw_header(headers, "From")
    sender = sender_address(clean_text(from_header))
    return Message(
        sha256=sha256,
        raw=raw,
        size=len(raw),
        received_at=now,
        message_id=clean_text(raw_header(headers, "Message-ID"), 998),
        from_header=decode_words(from_header),
        sender=sender,
        sender_trusted=allowlist.trusts(sender),
        to_header=decode_words(raw_header(headers, "To")),
        date_header=clean_text(raw_header(headers, "Date")),
        subject=decode_words(raw_header(headers, "Subject")),
    )


def known_deliveries(
    sessions: sessionmaker[Session], mailbox: str, uidvalidity: int, uids: Iterable[str]
) -> dict[str, StoredMessage]:
    """The stored deliveries among these UIDs, so that a pass fetches only what is new."""
    wanted = list(uids)
    found: dict[str, StoredMessage] = {}
    with sessions() as session:
        for start in range(0, len(wanted), 500):
            rows = session.scalars(
                select(Delivery).where(
                    Delivery.mailbox == mailbox,
                    Delivery.uidvalidity == uidvalidity,
                    Delivery.uid.in_(wanted[start : start + 500]),
                )
            )
            found.update({row.uid: _stored(row, new_delivery=False) for row in rows})
    return found


def record_moves(
    sessions: sessionmaker[Session],
    mailbox: str,
    uidvalidity: int,
    uids: Iterable[str],
    folder: str,
) -> None:
    with sessions.begin() as session:
        session.execute(
            update(Delivery)
            .where(
                Delivery.mailbox == mailbox,
                Delivery.uidvalidity == uidvalidity,
                Delivery.uid.in_(list(uids)),
            )
            .values(moved_to=folder)
        )


def note_uidvalidity(
    sessions: sessionmaker[Session], mailbox: str, uidvalidity: int, now: datetime
) -> int | None:
    """Remember the mailbox's UIDVALIDITY; return the previous one when it has changed."""
    try:
        with sessions.begin() as session:
            state = session.get(MailboxState, mailbox)
            if state is None:
                session.add(MailboxState(mailbox=mailbox, uidvalidity=uidvalidity, changed_at=now))
                return None
            if state.uidvalidity == uidvalidity:
                return None
            previous, state.uidvalidity, state.changed_at = state.uidvalidity, uidvalidity, now
            return previous
    except IntegrityError:
        return None  # another watcher recorded the same mailbox first

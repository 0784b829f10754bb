"""Raw-first storage: a message's exact bytes are committed before anything else is done with it.

Each function here is one unit of work: it opens a session, does its job, commits, and returns
plain values. Unique keys, not locks, stop re-deliveries and concurrent watchers making doubles.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import compat32

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from intake.database import DURABLE
from intake.mime.text import clean_text, decode_words, header_block, raw_header
from intake.schema import Delivery, MailboxState, Message, MessageStatus, RawMessage
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
    for _attempt in range(2):
        with contextlib.suppress(IntegrityError):
            return _store_batch(sessions, mailbox, uidvalidity, fetched, allowlist, now)
    # A third time; should another writer win yet again, the error ends this pass only.
    return _store_batch(sessions, mailbox, uidvalidity, fetched, allowlist, now)


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
        # The message is moved on the mail server right after this commit: it must hold.
        session.connection(execution_options=DURABLE)
        stored = _deliveries(session, mailbox, uidvalidity, list(hashes))
        known = {
            sha256: (message_pk, bool(trusted))
            for sha256, message_pk, trusted in session.execute(
                select(Message.sha256, Message.id, Message.sender_trusted).where(
                    Message.sha256.in_(set(hashes.values()))
                )
            )
        }
        new_messages: dict[str, dict[str, object]] = {}
        new_raws: dict[str, bytes] = {}
        for uid, raw in fetched:
            sha256 = hashes[uid]
            if uid not in stored and sha256 not in known and sha256 not in new_messages:
                new_messages[sha256] = _message_values(raw, sha256, allowlist, now)
                new_raws[sha256] = raw
        if new_messages:
            inserted = session.execute(
                insert(Message).returning(Message.sha256, Message.id, Message.sender_trusted),
                list(new_messages.values()),
            )
            known.update({sha256: (pk, bool(trusted)) for sha256, pk, trusted in inserted})
            session.execute(
                insert(RawMessage),
                [{"message_pk": known[sha256][0], "raw": raw} for sha256, raw in new_raws.items()],
            )
        deliveries = []
        for uid, _raw in fetched:
            sha256 = hashes[uid]
            if uid in stored:
                continue
            message_pk, trusted = known[sha256]
            # The first delivery of a message new in this batch is no repeat; any other is.
            is_repeat = new_messages.pop(sha256, None) is None
            stored[uid] = StoredMessage(message_pk, trusted, is_repeat, True, None)
            deliveries.append(
                {
                    "message_pk": message_pk,
                    "mailbox": mailbox,
                    "uidvalidity": uidvalidity,
                    "uid": uid,
                    "is_repeat": is_repeat,
                    "delivered_at": now,
                }
            )
        if deliveries:
            session.execute(insert(Delivery), deliveries)
    return stored


def _deliveries(
    session: Session, mailbox: str, uidvalidity: int, uids: Sequence[str]
) -> dict[str, StoredMessage]:
    """The stored deliveries among these UIDs of the mailbox."""
    found: dict[str, StoredMessage] = {}
    for start in range(0, len(uids), 500):
        rows = session.execute(
            select(
                Delivery.uid,
                Delivery.message_pk,
                Message.sender_trusted,
                Delivery.is_repeat,
                Delivery.moved_to,
            )
            .join(Message)
            .where(
                Delivery.mailbox == mailbox,
                Delivery.uidvalidity == uidvalidity,
                Delivery.uid.in_(uids[start : start + 500]),
            )
        )
        for uid, message_pk, trusted, is_repeat, moved_to in rows:
            found[uid] = StoredMessage(message_pk, bool(trusted), is_repeat, False, moved_to)
    return found


def _message_values(
    raw: bytes, sha256: str, allowlist: SenderAllowlist, now: datetime
) -> dict[str, object]:
    headers = BytesHeaderParser(policy=compat32).parsebytes(header_block(raw))
    from_header = raw_header(headers, "From")
    sender = sender_address(clean_text(from_header))
    return {
        "sha256": sha256,
        "size": len(raw),
        "received_at": now,
        "status": MessageStatus.STORED,
        "message_id": clean_text(raw_header(headers, "Message-ID"), 998),
        "from_header": decode_words(from_header),
        "sender": sender,
        "sender_trusted": allowlist.trusts(sender),
        "to_header": decode_words(raw_header(headers, "To")),
        "date_header": clean_text(raw_header(headers, "Date")),
        "subject": decode_words(raw_header(headers, "Subject")),
    }


def known_deliveries(
    sessions: sessionmaker[Session], mailbox: str, uidvalidity: int, uids: Iterable[str]
) -> dict[str, StoredMessage]:
    """The stored deliveries among these UIDs, so that a pass fetches only what is new."""
    with sessions() as session:
        return _deliveries(session, mailbox, uidvalidity, list(uids))


@contextmanager
def claim_moves(
    sessions: sessionmaker[Session],
    mailbox: str,
    uidvalidity: int,
    uids: Sequence[str],
    folder: str,
) -> Iterator[list[str]]:
    """The UIDs not yet moved, while holding the mailbox's lock: of several watchers, exactly
    one moves each message (two concurrent IMAP MOVEs of one message can copy it twice).

    The move is recorded when the block ends; if it fails, nothing is recorded and the next
    pass tries again. A message already gone from the folder is a no-op for IMAP MOVE.
    """
    with sessions.begin() as session:
        # PostgreSQL: a row lock per mailbox; SQLite: BEGIN IMMEDIATE already serialises.
        session.execute(
            select(MailboxState.mailbox).where(MailboxState.mailbox == mailbox).with_for_update()
        )
        unmoved = list(
            session.scalars(
                select(Delivery.uid).where(
                    Delivery.mailbox == mailbox,
                    Delivery.uidvalidity == uidvalidity,
                    Delivery.uid.in_(list(uids)),
                    Delivery.moved_to.is_(None),
                )
            )
        )
        yield unmoved
        if unmoved:
            session.execute(
                update(Delivery)
                .where(
                    Delivery.mailbox == mailbox,
                    Delivery.uidvalidity == uidvalidity,
                    Delivery.uid.in_(unmoved),
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

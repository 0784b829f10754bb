"""The mailbox watch: store raw, then move, then split: the order the guarantees rest on.

A crash anywhere leaves each message in the mailbox, stored, or both; the next pass recognises
stored deliveries by (mailbox, UIDVALIDITY, UID), moves them without fetching them again, and
finishes any stored message that was not yet split.
"""

from __future__ import annotations

import imaplib
import logging
import socket
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from imap_tools.errors import ImapToolsError
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from intake.documents import DocumentReader
from intake.mailbox.source import MailboxSource
from intake.pipeline import process_pending, write_splits
from intake.proposing import Proposer, propose_pending
from intake.reading import parse_pending
from intake.senders import SenderAllowlist
from intake.splitting import MimeSplitter, PendingSplits
from intake.stopping import StopRequested, StopSignal
from intake.store import (
    StoredMessage,
    claim_moves,
    known_deliveries,
    note_uidvalidity,
    store_raw_messages,
)

log = logging.getLogger(__name__)

BATCH_BYTES = 32 * 1024 * 1024  # raw bytes fetched at once (a larger message comes alone)
BATCHES_IN_FLIGHT = 2  # stored batches being split while the next is fetched: memory's bound

# Failures of the mailbox or database connection (or a database busy for longer than its
# timeout): the watch reconnects after a pause instead of stopping. Work in hand was either
# committed or rolled back, so the next pass carries on from where this one stopped.
RETRYABLE_ERRORS = (
    OSError,
    socket.timeout,
    imaplib.IMAP4.error,
    ImapToolsError,
    OperationalError,
    IntegrityError,
)


@dataclass(frozen=True)
class Folders:
    processed: str = "Processed"
    quarantine: str = "Quarantine"

    def for_message(self, stored: StoredMessage) -> str:
        return self.processed if stored.trusted else self.quarantine


@dataclass(frozen=True)
class Splitting:
    """A stored batch whose messages the children are splitting."""

    message_pks: list[int]
    pending: PendingSplits


@dataclass
class PassReport:
    listed: int = 0
    stored: int = 0
    repeats: int = 0
    moved: int = 0
    processed: int = 0
    parsed: int = 0
    proposed: int = 0
    uidvalidity_changed_from: int | None = None


def utc_now() -> datetime:
    return datetime.now(UTC)


class Watcher:
    def __init__(
        self,
        source: MailboxSource,
        sessions: sessionmaker[Session],
        allowlist: SenderAllowlist,
        splitter: MimeSplitter,
        folders: Folders = Folders(),
        batch: int = 50,
        clock: Callable[[], datetime] = utc_now,
        reader: DocumentReader | None = None,
        proposer: Proposer | None = None,
    ) -> None:
        self.source = source
        self.sessions = sessions
        self.allowlist = allowlist
        self.splitter = splitter
        self.folders = folders
        self.batch = batch
        self.clock = clock
        self.reader = reader  # None: documents are left waiting to be read
        self.proposer = proposer  # None: routes and deadlines are left to be proposed

    def run_pass(self) -> PassReport:
        """One pass over an open source: store what is new, move it, then split it."""
        report = PassReport()
        mailbox, uidvalidity = self.source.identity, self.source.uidvalidity()
        report.uidvalidity_changed_from = note_uidvalidity(
            self.sessions, mailbox, uidvalidity, self.clock()
        )
        if report.uidvalidity_changed_from is not None:
            log.warning(
                "UIDVALIDITY of %s changed from %s to %s: messages still there are"
                " matched by content",
                mailbox,
                report.uidvalidity_changed_from,
                uidvalidity,
            )
        uids = self.source.list_uids()
        report.listed = len(uids)
        known = known_deliveries(self.sessions, mailbox, uidvalidity, uids)
        self._move(known, uidvalidity, report, interrupted=True)  # stored before a crash
        new = [uid for uid in uids if uid not in known]
        splitting: deque[Splitting] = deque()
        for batch in self.source.batches(new, self.batch, BATCH_BYTES):
            fetched = [(m.uid, m.raw) for m in self.source.fetch(batch)]
            stored = store_raw_messages(
                self.sessions, mailbox, uidvalidity, fetched, self.allowlist, self.clock()
            )
            report.stored += sum(m.new_delivery for m in stored.values())
            report.repeats += sum(m.new_delivery and m.is_repeat for m in stored.values())
            self._move(stored, uidvalidity, report)
            # Split the messages first seen here in the children while the next batches are
            # fetched and stored; repeats were split when first seen.
            fresh = {
                message.message_pk: raw
                for uid, raw in fetched
                if (message := stored.get(uid)) and message.new_delivery and not message.is_repeat
            }
            if fresh:
                splitting.append(Splitting(list(fresh), self.splitter.submit(list(fresh.values()))))
            # Write what is split already; wait only when too many batches are in memory.
            while splitting and (
                len(splitting) > BATCHES_IN_FLIGHT or splitting[0].pending.ready()
            ):
                report.processed += self._write(splitting.popleft())
        while splitting:
            report.processed += self._write(splitting.popleft())
        # Stored before a crash, or by another watcher that stopped: finished here.
        report.processed += process_pending(self.sessions, self.splitter, self.clock())
        if self.reader is not None:
            report.parsed += parse_pending(self.sessions, self.reader, self.clock())
        if self.proposer is not None:
            report.proposed += propose_pending(self.sessions, self.proposer, self.clock())
        return report

    def _write(self, splitting: Splitting) -> int:
        splits = dict(zip(splitting.message_pks, splitting.pending.results(), strict=True))
        return write_splits(self.sessions, splits, self.clock())

    def _move(
        self,
        stored: dict[str, StoredMessage],
        uidvalidity: int,
        report: PassReport,
        interrupted: bool = False,
    ) -> None:
        by_folder: dict[str, list[str]] = defaultdict(list)
        for uid, message in stored.items():
            by_folder[self.folders.for_message(message)].append(uid)
        for folder, uids in by_folder.items():
            with claim_moves(
                self.sessions, self.source.identity, uidvalidity, uids, folder
            ) as unmoved:
                move = self.source.finish_moves if interrupted else self.source.move
                move(unmoved, folder)
            report.moved += len(unmoved)

    def watch(self, stop: StopSignal, wait_seconds: float, retry_seconds: float = 5.0) -> None:
        """Pass after pass until a stop signal; a lost connection is retried, never fatal."""
        while not stop.requested:
            try:
                with self.source:
                    while not stop.requested:
                        report = self.run_pass()
                        if report.stored or report.processed:
                            log.info(
                                "stored %d, moved %d, processed %d",
                                report.stored,
                                report.moved,
                                report.processed,
                            )
                        self.source.wait(wait_seconds, stop)
            except StopRequested:
                break
            except RETRYABLE_ERRORS as exc:
                log.warning(
                    "mailbox %s: %s; retrying in %.0f s", self.source.identity, exc, retry_seconds
                )
                try:
                    with stop.waiting():
                        time.sleep(retry_seconds)
                except StopRequested:
                    break

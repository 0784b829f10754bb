"""The one interface every mailbox (local Maildir, IMAP) offers to the watcher."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, Self

from intake.stopping import StopSignal


@dataclass(frozen=True)
class FetchedMessage:
    uid: str
    raw: bytes


class MailboxSource(Protocol):
    identity: str  # names the mailbox in stored deliveries; never holds a secret

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc_info: object) -> None: ...

    def uidvalidity(self) -> int: ...

    def list_uids(self) -> list[str]: ...

    def batches(self, uids: Sequence[str], count: int, max_bytes: int) -> Iterator[list[str]]:
        """The UIDs in order, in batches of at most `count` messages and `max_bytes`."""

    def fetch(self, uids: Sequence[str]) -> Iterator[FetchedMessage]: ...

    def move(self, uids: Sequence[str], folder: str) -> None:
        """Move messages out of the watched folder, creating the folder if it is missing."""

    def finish_moves(self, uids: Sequence[str], folder: str) -> None:
        """Move messages stored before a crash whose move may have been cut short."""

    def wait(self, timeout: float, stop: StopSignal) -> None:
        """Block until new mail may have arrived (IMAP IDLE), the timeout, or a stop signal."""


def batches_by_size(
    sized: Sequence[tuple[str, int]], count: int, max_bytes: int
) -> Iterator[list[str]]:
    """Group (uid, size) pairs so that a batch stays within both bounds; a message larger than
    `max_bytes` makes a batch of its own."""
    batch: list[str] = []
    total = 0
    for uid, size in sized:
        if batch and (len(batch) >= count or total + size > max_bytes):
            yield batch
            batch, total = [], 0
        batch.append(uid)
        total += size
    if batch:
        yield batch

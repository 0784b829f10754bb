"""Clean stops on SIGTERM and SIGINT: work in hand finishes, a wait is cut short."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class StopRequested(Exception):
    """Raised out of an interruptible wait when a stop signal arrives."""


class StopSignal:
    """Records SIGTERM/SIGINT; raises only inside `waiting()`, never in the middle of a commit."""

    def __init__(self) -> None:
        self.requested = False
        self._waiting = False

    def install(self) -> StopSignal:
        signal.signal(signal.SIGTERM, self._handle)
        signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, _signum: int, _frame: FrameType | None) -> None:
        self.requested = True
        if self._waiting:
            raise StopRequested

    @contextmanager
    def waiting(self) -> Iterator[None]:
        if self.requested:
            raise StopRequested
        self._waiting = True
        try:
            yield
        finally:
            self._waiting = False

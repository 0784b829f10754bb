"""Clean stops on SIGTERM and SIGINT: work in hand finishes, a wait is cut short."""

from __future__ import annotations

import signal
import threading
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
        self._event = threading.Event()  # wakes a wait in another thread (the scheduler's)

    def install(self) -> StopSignal:
        signal.signal(signal.SIGTERM, self._handle)
        signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, _signum: int, _frame: FrameType | None) -> None:
        self.stop()
        if self._waiting and threading.current_thread() is threading.main_thread():
            raise StopRequested

    def stop(self) -> None:
        """Ask every wait to end, from any thread."""
        self.requested = True
        self._event.set()

    def sleep(self, seconds: float) -> None:
        """Sleep, cut short by a stop; call it inside `waiting()`."""
        if self._event.wait(seconds):
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

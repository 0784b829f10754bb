"""Run a pure function over untrusted bytes in child processes, each call bounded in memory and
time: a hostile e-mail or document ends as a reason, never as a hung or swollen service.

The parent keeps working (fetching, storing) while children compute, so on a machine with
more than one core the isolation also buys throughput.
"""

from __future__ import annotations

import logging
import multiprocessing
import resource
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

A = TypeVar("A")
R = TypeVar("R")


@dataclass(frozen=True)
class Failure:
    """Why a call gave no result: "time", "memory" or "crash" (a bug, logged with its trace)."""

    kind: str
    detail: str = ""


def data_bytes_in_use() -> int:
    """This process's data segment now (VmData), which a forked child starts with."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmData:"):
                return int(line.split()[1]) * 1024
    return 0


def _child_setup(memory_bytes: int, prepare: Callable[[], None] | None) -> None:
    # The parent decides when to stop; a child just finishes or is terminated.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A forked child inherits the parent's heap: the budget is counted on top of it, so that a
    # large parent (the web app, a test worker) does not leave the child less than it is given.
    limit = data_bytes_in_use() + memory_bytes
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    if prepare is not None:
        prepare()


class IsolatedRunner(Generic[A, R]):
    def __init__(
        self,
        function: Callable[[A], R],
        workers: int,
        memory_bytes: int,
        seconds: float,
        prepare: Callable[[], None] | None = None,
    ) -> None:
        """`prepare` runs once in each child as it starts, before any call."""
        self.function = function
        self.prepare = prepare
        self.workers = workers
        self.memory_bytes = memory_bytes
        self.seconds = seconds
        self.generation = 0
        self._pool: Pool | None = None

    @property
    def pool(self) -> Pool:
        if self._pool is None:
            context = multiprocessing.get_context("fork")
            self._pool = context.Pool(
                self.workers, initializer=_child_setup, initargs=(self.memory_bytes, self.prepare)
            )
        return self._pool

    def submit(self, items: Sequence[A]) -> Pending[A, R]:
        """Start the calls now; `Pending.results()` collects them in order."""
        return Pending(self, items)

    def restart(self) -> None:
        """Kill every child (one is stuck); calls still pending are submitted again."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        self.generation += 1

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> IsolatedRunner[A, R]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class Pending(Generic[A, R]):
    def __init__(self, runner: IsolatedRunner[A, R], items: Sequence[A]) -> None:
        self.runner = runner
        self.items = list(items)
        self.done: dict[int, R | Failure] = {}
        self._submit()

    def _submit(self) -> None:
        self.generation = self.runner.generation
        self.calls: dict[int, AsyncResult[R]] = {
            n: self.runner.pool.apply_async(self.runner.function, (item,))
            for n, item in enumerate(self.items)
            if n not in self.done
        }

    def ready(self) -> bool:
        """Whether `results()` would return without waiting."""
        waiting = [call for n, call in self.calls.items() if n not in self.done]
        if not waiting:
            return True
        return self.generation == self.runner.generation and all(c.ready() for c in waiting)

    def results(self) -> list[R | Failure]:
        """Each item's result or Failure. Waiting in order, each call gets at least the time
        limit from the moment the call before it finished."""
        for n in range(len(self.items)):
            if n in self.done:
                continue
            if self.generation != self.runner.generation:
                self._submit()  # the pool was restarted under us: start again
            self.done[n] = self._collect(n)
        return [self.done[n] for n in range(len(self.items))]

    def _collect(self, n: int) -> R | Failure:
        try:
            return self.calls[n].get(timeout=self.runner.seconds)
        except multiprocessing.TimeoutError:
            log.warning("call %d took over %.0f s: its child was stopped", n, self.runner.seconds)
            self.runner.restart()
            return Failure("time")
        except MemoryError:
            return Failure("memory")
        except Exception as exc:  # a bug in the function or a library: keep the trace
            log.error("isolated call failed", exc_info=exc)
            return Failure("crash", f"{type(exc).__name__}: {exc}")

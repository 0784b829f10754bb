"""MIME splitting in isolated children: a message that would take too long or too much memory
to read becomes an item naming the limit, and the service carries on."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from intake.isolation import Failure, IsolatedRunner, Pending
from intake.mime import Limits, SplitResult, line_endings, split_attachments
from intake.mime.split import UNOPENED

MiB = 1024 * 1024


class MimeSplitter:
    def __init__(self, limits: Limits, workers: int, memory_bytes: int, seconds: float) -> None:
        self.runner: IsolatedRunner[bytes, SplitResult] = IsolatedRunner(
            partial(split_attachments, limits=limits),
            workers,
            memory_bytes,
            seconds,
            prepare=line_endings.install,
        )

    def submit(self, raws: Sequence[bytes]) -> PendingSplits:
        """Start splitting now; collect later, so that fetching goes on meanwhile."""
        return PendingSplits(self, self.runner.submit(raws))

    def split(self, raws: Sequence[bytes]) -> list[SplitResult]:
        return self.submit(raws).results()

    def explain(self, failure: Failure) -> SplitResult:
        if failure.kind == "time":
            problem = (
                f"Reading the message took longer than {self.runner.seconds:g} s"
                f" (MAPPA_SPLIT_SECONDS): {UNOPENED}"
            )
        elif failure.kind == "memory":
            problem = (
                f"Reading the message needed more than {self.runner.memory_bytes // MiB} MB of"
                f" memory (MAPPA_SPLIT_MEMORY_BYTES): {UNOPENED}"
            )
        else:
            problem = f"The message could not be read because of an internal error: {UNOPENED}"
        return SplitResult(problem=problem)

    def close(self) -> None:
        self.runner.close()

    def __enter__(self) -> MimeSplitter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class PendingSplits:
    def __init__(self, splitter: MimeSplitter, pending: Pending[bytes, SplitResult]) -> None:
        self.splitter = splitter
        self.pending = pending

    def ready(self) -> bool:
        return self.pending.ready()

    def results(self) -> list[SplitResult]:
        return [
            self.splitter.explain(result) if isinstance(result, Failure) else result
            for result in self.pending.results()
        ]

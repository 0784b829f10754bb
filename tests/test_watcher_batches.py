"""The watcher's batches: splitting runs behind fetching and storing, within a memory bound."""

from __future__ import annotations

import mailbox
import time
from functools import partial

from sqlalchemy import func, select

from intake.mailbox.maildir import MaildirSource
from intake.mime import Limits, SplitResult, split_attachments
from intake.schema import Submission
from intake.splitting import MimeSplitter, PendingSplits
from intake.watcher import BATCHES_IN_FLIGHT, Watcher
from tests.conftest import DEFAULT_LIMITS
from tests.support.mail import form_email


def slowly_split(raw: bytes, limits: Limits) -> SplitResult:
    time.sleep(0.3)  # children slower than the mailbox: stored batches queue up
    return split_attachments(raw, limits=limits)


class CountingSplitter(MimeSplitter):
    """The real splitter, slowed down, counting the batches held in memory at once."""

    def __init__(self) -> None:
        super().__init__(DEFAULT_LIMITS, workers=1, memory_bytes=400 << 20, seconds=10)
        self.runner.function = partial(slowly_split, limits=DEFAULT_LIMITS)
        self.held = self.most_held = 0

    def submit(self, raws) -> PendingSplits:
        self.held += 1
        self.most_held = max(self.most_held, self.held)
        pending = super().submit(raws)
        collect = pending.results

        def results() -> list[SplitResult]:
            self.held -= 1
            return collect()

        pending.results = results
        return pending


def test_a_backlog_of_batches_is_bounded_and_every_message_is_written(
    tmp_path, sessions, allowlist
):
    drop = mailbox.Maildir(tmp_path / "mailbox", create=True)
    for n in range(6):
        drop.add(form_email(subject=f"Form A {n}"))
    with CountingSplitter() as splitter, MaildirSource(tmp_path / "mailbox", 0) as source:
        report = Watcher(source, sessions, allowlist, splitter, batch=1).run_pass()
    assert (report.stored, report.processed) == (6, 6)
    assert splitter.most_held == BATCHES_IN_FLIGHT + 1
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Submission)) == 6

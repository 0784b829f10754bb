"""Intake benchmark: messages per second from Dovecot into stored submissions, against a bare
imap-tools fetch of the same messages in the same run; and APPEND-to-stored latency with IDLE.

    make bench        (or: .venv/bin/python -m bench.intake [--messages 500] [--latency 40])

Goals (issue 3): ratio >= 0.5; IDLE latency p95 <= 3 s. Prints figures; never fails a build.
"""

from __future__ import annotations

import argparse
import io
import random
import signal
import statistics
import tempfile
import time
import zipfile
from email import feedparser
from pathlib import Path

from imap_tools import MailBoxUnencrypted
from sqlalchemy import func, select

from intake.database import make_engine, session_factory, upgrade
from intake.mime import Limits, line_endings
from intake.mime.sniff import DOCX
from intake.schema import Message, Submission
from intake.senders import SenderAllowlist
from intake.settings import Settings
from intake.splitting import MimeSplitter
from intake.watcher import Watcher
from tests.support.cli import cli_env, start_cli
from tests.support.dovecot import PASSWORD, Dovecot, start_dovecot
from tests.support.imap import append, imap_source
from tests.support.mail import email_bytes, form_email, minimal_docx

LIMITS = Limits(50 << 20, 25 << 20, 100, 10)


def realistic_form_email(n: int, logo_bytes: int) -> bytes:
    """A referral e-mail whose Word form carries a Trust logo, as real ones do (40-100 KB)."""
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        with zipfile.ZipFile(io.BytesIO(minimal_docx(f"Form G {n}"))) as template:
            for member in template.infolist():
                archive.writestr(member, template.read(member))
        archive.writestr("word/media/image1.png", random.Random(n).randbytes(logo_bytes))
    attachment = ("Form G.docx", docx.getvalue(), DOCX)
    return email_bytes(subject=f"Form G {n}", attachments=[attachment])


def bare_fetch_rate(dovecot: Dovecot, user: str, count: int) -> float:
    """The baseline: imap-tools fetching and parsing every message, storing nothing."""
    started = time.perf_counter()
    with MailBoxUnencrypted("127.0.0.1", dovecot.port).login(user, PASSWORD) as box:
        fetched = sum(1 for _ in box.fetch(mark_seen=False, bulk=50))
    assert fetched == count
    return count / (time.perf_counter() - started)


def bare_fetch_rate_with_tail_search(dovecot: Dovecot, user: str, count: int) -> float:
    """For comparison only: the baseline given the line-ending search the splitting children
    use, so the reader can see how much of the margin that search is."""
    stock = feedparser.NLCRE_eol
    line_endings.install()
    try:
        return bare_fetch_rate(dovecot, user, count)
    finally:
        feedparser.NLCRE_eol = stock


def intake_rate(dovecot: Dovecot, user: str, count: int, workdir: Path) -> float:
    """One watcher pass: fetch, commit raw, move to Processed, split, write submissions."""
    url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    upgrade(url)
    sessions = session_factory(make_engine(url))
    settings = Settings()  # the service's own defaults for the split workers and limits
    splitter = MimeSplitter(
        LIMITS, settings.split_workers, settings.split_memory_bytes, settings.split_seconds
    )
    started = time.perf_counter()
    with imap_source(dovecot, user) as source, splitter:
        report = Watcher(
            source, sessions, SenderAllowlist(), splitter, batch=settings.fetch_batch
        ).run_pass()
    elapsed = time.perf_counter() - started
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Submission)) == count
    assert report.processed == count
    return count / elapsed


def idle_latencies(dovecot: Dovecot, user: str, samples: int, workdir: Path) -> list[float]:
    """Seconds from APPEND to a stored submission, with `mappa-intake watch` in IDLE."""
    url = f"sqlite:///{workdir / 'latency.sqlite3'}"
    upgrade(url)
    sessions = session_factory(make_engine(url))
    env = cli_env(
        workdir / "latency",
        mailbox=dovecot.url(user),
        mailbox_password=PASSWORD,
        database_url=url,
        idle_seconds="600",
    )
    watcher = start_cli(env, "watch")
    latencies = []
    try:
        _wait_for(lambda: _count(sessions, Message) == 0 and watcher.poll() is None, 1.0)
        time.sleep(2.0)  # past start-up and into IDLE
        for n in range(samples):
            started = time.perf_counter()
            append(dovecot, user, form_email(subject=f"latency {n}"))
            _wait_for(lambda n=n: _count(sessions, Submission) > n, 30.0)
            latencies.append(time.perf_counter() - started)
            time.sleep(0.2)
    finally:
        watcher.send_signal(signal.SIGTERM)
        watcher.wait(timeout=20)
    return latencies


def _count(sessions, table) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(table))


def _wait_for(condition, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the watcher did not store the message in time")
        time.sleep(0.01)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5, help="alternating runs; medians kept")
    parser.add_argument("--latency", type=int, default=40, help="IDLE latency samples")
    parser.add_argument(
        "--logo-bytes",
        type=int,
        default=50_000,
        help="size of the image inside each form (0 for a bare form)",
    )
    args = parser.parse_args()
    messages = [realistic_form_email(n, args.logo_bytes) for n in range(args.messages)]
    baselines, tail_searches, ours = [], [], []
    dovecot = start_dovecot()
    try:
        with tempfile.TemporaryDirectory() as workdir:
            for round_ in range(args.rounds):
                baseline_user, tail_user, intake_user = (dovecot.new_user() for _ in range(3))
                for user in (baseline_user, tail_user, intake_user):
                    append(dovecot, user, *messages)
                baselines.append(bare_fetch_rate(dovecot, baseline_user, args.messages))
                tail_searches.append(
                    bare_fetch_rate_with_tail_search(dovecot, tail_user, args.messages)
                )
                rounddir = Path(workdir) / f"round{round_}"
                rounddir.mkdir()
                ours.append(intake_rate(dovecot, intake_user, args.messages, rounddir))
            latencies = idle_latencies(dovecot, dovecot.new_user(), args.latency, Path(workdir))
    finally:
        dovecot.stop()
    baseline, intake = statistics.median(baselines), statistics.median(ours)
    tail_search = statistics.median(tail_searches)
    p50 = statistics.median(latencies)
    p95 = statistics.quantiles(latencies, n=20)[18]
    print(
        f"messages: {args.messages} of {len(messages[0]) / 1024:.0f} KB, each with one .docx;"
        f" median of {args.rounds} alternating rounds"
    )
    print(f"bare imap-tools fetch:           {baseline:8.1f} messages/s  {_spread(baselines)}")
    print(f"intake (store, move, split):     {intake:8.1f} messages/s  {_spread(ours)}")
    print(f"ratio intake / bare fetch:       {intake / baseline:8.2f}   (goal >= 0.5)")
    print(
        f"for comparison, bare fetch with the children's line-ending search:"
        f" {tail_search:.1f} messages/s {_spread(tail_searches)}, ratio {intake / tail_search:.2f}"
    )
    print(
        f"APPEND -> stored submission, IDLE ({len(latencies)} samples):"
        f" p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms   (goal p95 <= 3000 ms)"
    )


def _spread(rates: list[float]) -> str:
    return "(" + ", ".join(f"{rate:.0f}" for rate in rates) + ")"


if __name__ == "__main__":
    main()

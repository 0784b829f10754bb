"""Untrusted work in child processes: a hog of time or memory becomes a reason, not an outage."""

from __future__ import annotations

import os
import time

from intake.isolation import Failure, IsolatedRunner

MiB = 1024 * 1024


def work(item: str) -> str:
    if item == "hang":
        time.sleep(60)
    if item == "hog":
        hoard = bytearray(400 * MiB)
        return str(len(hoard))
    if item == "bug":
        raise ValueError("a library tripped")
    return item.upper()


def test_results_come_back_in_order():
    with IsolatedRunner(work, workers=2, memory_bytes=1024 * MiB, seconds=10) as runner:
        assert runner.submit(["a", "b", "c"]).results() == ["A", "B", "C"]


def test_a_call_over_the_time_limit_is_stopped_and_the_rest_still_run():
    with IsolatedRunner(work, workers=1, memory_bytes=1024 * MiB, seconds=1) as runner:
        started = time.monotonic()
        assert runner.submit(["a", "hang", "b"]).results() == ["A", Failure("time"), "B"]
        assert time.monotonic() - started < 20
        assert runner.submit(["c"]).results() == ["C"]  # the runner is still usable


def test_a_call_over_the_memory_limit_is_a_failure():
    with IsolatedRunner(work, workers=1, memory_bytes=200 * MiB, seconds=10) as runner:
        assert runner.submit(["hog", "a"]).results() == [Failure("memory"), "A"]


def test_a_crash_is_a_failure_with_its_cause():
    with IsolatedRunner(work, workers=1, memory_bytes=1024 * MiB, seconds=10) as runner:
        [failure] = runner.submit(["bug"]).results()
        assert failure == Failure("crash", "ValueError: a library tripped")


def test_batches_submitted_together_survive_a_restart():
    with IsolatedRunner(work, workers=1, memory_bytes=1024 * MiB, seconds=1) as runner:
        first = runner.submit(["hang", "a"])
        second = runner.submit(["b", "c"])
        assert first.results() == [Failure("time"), "A"]
        assert second.results() == ["B", "C"]


def allocate_150_mib(_: str) -> int:
    return len(bytearray(150 * MiB))


def test_a_large_parent_leaves_the_child_its_whole_budget():
    """A forked child starts with the parent's heap; its budget comes on top of that."""
    held = bytearray(300 * MiB)  # the parent grown large, as a busy service or test worker is
    with IsolatedRunner(allocate_150_mib, workers=1, memory_bytes=200 * MiB, seconds=10) as runner:
        assert runner.submit(["x"]).results() == [150 * MiB]
    assert len(held) == 300 * MiB


def mark_prepared() -> None:
    os.environ["MAPPA_CHILD_PREPARED"] = "yes"


def prepared(_item: str) -> str:
    return os.environ.get("MAPPA_CHILD_PREPARED", "no")


def test_each_child_is_prepared_before_its_first_call_and_the_parent_is_left_alone():
    with IsolatedRunner(
        prepared, workers=2, memory_bytes=1024 * MiB, seconds=10, prepare=mark_prepared
    ) as runner:
        assert runner.submit(["a", "b", "c", "d"]).results() == ["yes"] * 4
    assert "MAPPA_CHILD_PREPARED" not in os.environ


def when_the_gate_opens(gate: str) -> str:
    while not os.path.exists(gate):
        time.sleep(0.01)
    return "through"


def test_ready_says_whether_results_would_wait(tmp_path):
    gate = tmp_path / "gate"
    with IsolatedRunner(when_the_gate_opens, workers=1, memory_bytes=1024 * MiB, seconds=30) as r:
        pending = r.submit([str(gate)])
        time.sleep(0.2)
        assert not pending.ready()
        gate.touch()
        deadline = time.monotonic() + 20
        while not pending.ready() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert pending.ready()
        assert pending.results() == ["through"]


def test_a_batch_whose_children_were_restarted_is_not_ready_until_run_again():
    with IsolatedRunner(work, workers=1, memory_bytes=1024 * MiB, seconds=10) as runner:
        pending = runner.submit(["a"])
        runner.restart()  # as a hung call elsewhere does: this batch's calls must be run again
        assert not pending.ready()
        assert pending.results() == ["A"]
        assert pending.ready()

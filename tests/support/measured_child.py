"""Runs one measured call for tests/test_hostile_documents.py in a fresh interpreter:

    python -m tests.support.measured_child JOB

JOB is a pickle of (function, args); it is replaced by a pickle of (result, peak resident
bytes of this process and everything it started) or, if the call raised, the traceback.
"""

from __future__ import annotations

import os
import pickle
import resource
import sys
import traceback
from pathlib import Path
from threading import Event, Thread

MiB = 1024 * 1024
SAFETY_NET = 2048 * MiB  # in case a check under test fails: the machine stays usable


class PeakWatch:
    """Samples the kernel's high-water mark of resident memory (VmHWM) of a process and all
    its descendants every 20 ms: LibreOffice, killed past its cap, is never reaped by the
    child, so `wait4` alone would not see it."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.peak = 0
        self._stopped = Event()
        self._thread = Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stopped.wait(0.02):
            self.peak = max(self.peak, *map(_high_water, _descendants(self.root)))

    def stop(self) -> int:
        self._stopped.set()
        self._thread.join()
        return max(self.peak, *map(_high_water, _descendants(self.root)))


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # it has just exited
            children.setdefault(parent, []).append(int(entry.name))
    found, waiting = [root], [root]
    while waiting:
        for child in children.get(waiting.pop(), []):
            found.append(child)
            waiting.append(child)
    return found


def _high_water(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass  # it has just exited
    return 0


def main(path: str) -> None:
    function, args = pickle.loads(Path(path).read_bytes())
    resource.setrlimit(resource.RLIMIT_DATA, (SAFETY_NET, SAFETY_NET))
    watch = PeakWatch(os.getpid())
    try:
        payload = pickle.dumps((function(*args), watch.stop()))
    except BaseException:
        payload = pickle.dumps(traceback.format_exc())
    Path(path).write_bytes(payload)


if __name__ == "__main__":
    main(sys.argv[1])

"""One warm LibreOffice behind a helper process (`intake/convert_uno.py`, run by Debian's
/usr/bin/python3 because only that Python has the `uno` module): start it, ask it to convert one
file within a deadline and a memory cap, and kill its whole process group when it is stuck,
too large or no longer wanted.

The helper and soffice share a new process group, so one killpg stops soffice.bin too; the
group is only signalled while the helper is unreaped, so its id can never belong to a stranger.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import select
import signal
import subprocess
import time
from pathlib import Path

HELPER = Path(__file__).with_name("convert_uno.py")
SYSTEM_PYTHON = "/usr/bin/python3"
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
# How often LibreOffice's memory is looked at while it converts: a hostile RTF grows it by
# about 1 GB a second, so the cap is overshot by tens of MB at most.
WATCH_SECONDS = 0.02


class OfficeError(Exception):
    """LibreOffice could not be used; the message is for the log, not for a SPOC."""


class OfficeMissing(OfficeError):
    """The helper cannot run: Debian's python3 or its uno module (python3-uno) is missing."""


class OfficeTimeout(OfficeError):
    """No answer within the deadline: the process group has been killed."""


class OfficeLost(OfficeError):
    """LibreOffice or the helper stopped (crashed or killed) before answering."""


class OfficeTooLarge(OfficeError):
    """LibreOffice's memory passed the cap while converting: the process group has been killed."""


class OfficeProcess:
    """A started, connected LibreOffice; `ask` sends one request at a time (callers lock)."""

    def __init__(self, soffice: str, profile: Path, start_seconds: float) -> None:
        pipe = f"mappa-intake-{os.getpid()}-{secrets.token_hex(8)}"
        self._sockets = socket_files(pipe, profile.as_uri())
        command = [SYSTEM_PYTHON, "-I", str(HELPER), soffice, pipe, profile.as_uri()]
        try:
            self._process = subprocess.Popen(
                [*command, str(start_seconds), *map(str, self._sockets)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as exc:
            raise OfficeMissing(f"{SYSTEM_PYTHON}: {exc}") from None
        assert self._process.stdin is not None and self._process.stdout is not None
        self._stdin, self._stdout = self._process.stdin, self._process.stdout
        self._buffer = b""
        self._reaped = False
        self._ready(start_seconds)

    def _ready(self, start_seconds: float) -> None:
        try:
            reply = self._read(time.monotonic() + start_seconds + 5)
        except OfficeError as exc:
            self.stop()
            raise OfficeError(f"LibreOffice did not start: {exc}") from None
        if reply.get("ready"):
            return
        self.stop()
        if reply.get("error") == "missing":
            raise OfficeMissing(f"{SYSTEM_PYTHON} has no uno module (python3-uno)")
        raise OfficeError(f"LibreOffice did not start: {reply.get('detail')}")

    @property
    def running(self) -> bool:
        """The helper has not exited (checked without reaping it, so the group stays ours)."""
        if self._reaped:
            return False
        flags = os.WEXITED | os.WNOHANG | os.WNOWAIT
        return os.waitid(os.P_PID, self._process.pid, flags) is None

    def ask(self, request: dict, seconds: float, memory_bytes: int) -> dict:
        """The helper's reply: {"ok": true} or {"error": "unreadable" | "export", …}. The
        group is killed if its resident memory passes `memory_bytes` before the reply:
        LibreOffice has no limit of its own (an RTF of a million nested groups takes 4 GB)."""
        deadline = time.monotonic() + seconds
        try:
            self._send(json.dumps(request).encode() + b"\n")
        except OSError:
            raise OfficeLost("the helper had stopped") from None
        reply = self._read(deadline, memory_bytes)
        if reply.get("error") == "lost":
            raise OfficeLost(reply.get("detail", ""))
        return reply

    def _read(self, deadline: float, memory_bytes: int | None = None) -> dict:
        fd = self._stdout.fileno()
        members = group_members(self._process.pid) if memory_bytes else []
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                raise OfficeTimeout("no answer in time")
            if not select.select([fd], [], [], min(remaining, WATCH_SECONDS))[0]:
                if memory_bytes and resident_bytes(members) > memory_bytes:
                    self.kill()
                    raise OfficeTooLarge(f"over {memory_bytes} bytes resident")
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                raise OfficeLost("the helper stopped")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return json.loads(line)

    def stop(self, grace: float = 10.0) -> None:
        """Ask LibreOffice to close, wait up to `grace` seconds, then kill what is left."""
        if self.running:
            with contextlib.suppress(OSError):
                self._send(b'{"quit": true}\n')
            deadline = time.monotonic() + grace
            while self.running and time.monotonic() < deadline:
                time.sleep(0.05)
        self.kill()

    def _send(self, line: bytes) -> None:
        if self._reaped:
            raise OfficeLost("the helper was stopped")
        self._stdin.write(line)
        self._stdin.flush()

    def kill(self) -> None:
        """SIGKILL the helper, soffice and soffice.bin at once; reap the helper."""
        if self._reaped:
            return
        with contextlib.suppress(ProcessLookupError):  # every member had already exited
            os.killpg(self._process.pid, signal.SIGKILL)
        self._process.wait()
        self._reaped = True
        for stream in (self._stdin, self._stdout):
            with contextlib.suppress(OSError):  # a broken pipe to a helper already gone
                stream.close()
        for path in self._sockets:
            path.unlink(missing_ok=True)  # left behind when soffice was killed


def socket_files(pipe: str, profile_url: str) -> list[Path]:
    """The Unix sockets soffice makes in /tmp (LibreOffice's osl pipes, which ignore TMPDIR):
    ours for UNO, and its single-instance one named by an MD5 of the profile URL in UTF-16, each
    byte in hex without padding. A clean exit removes them; a kill leaves them behind."""
    folder = Path("/tmp" if os.access("/tmp", os.W_OK) else "/var/tmp")
    digest = hashlib.md5(profile_url.encode("utf-16-le"), usedforsecurity=False).digest()
    instance = "SingleOfficeIPC_" + "".join(f"{byte:x}" for byte in digest)
    return [folder / f"OSL_PIPE_{os.getuid()}_{name}" for name in (pipe, instance)]


def group_members(group: int) -> list[int]:
    """The processes of a process group (the helper, soffice and soffice.bin), from /proc."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # it has just exited
        # pid (comm) state ppid pgrp …, where comm may hold spaces and parentheses
        if int(stat.rpartition(")")[2].split()[2]) == group:
            members.append(int(entry.name))
    return members


def resident_bytes(pids: list[int]) -> int:
    """The resident memory of these processes together; one that has exited counts nothing."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_BYTES
    return total

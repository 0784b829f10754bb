"""A local Maildir as the SPOC mailbox: the default, so the service runs with no mail server.

Drop an .eml file into new/. The standard library's mailbox module creates the Maildir++ folders,
but has no atomic move between folders, so messages are moved with one rename each: a crash
leaves a message in exactly one place.
"""

from __future__ import annotations

import mailbox
import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Self

from intake.mailbox.source import FetchedMessage, batches_by_size
from intake.stopping import StopSignal


class MaildirSource:
    def __init__(self, root: Path, settle_seconds: float = 1.0, poll_seconds: float = 2.0) -> None:
        self.root = root.resolve()
        self.identity = f"maildir:{self.root}"
        self.settle_seconds = settle_seconds
        self.poll_seconds = poll_seconds
        self._paths: dict[str, Path] = {}

    def __enter__(self) -> Self:
        self.root.parent.mkdir(parents=True, exist_ok=True)  # a fresh data folder
        mailbox.Maildir(self.root, create=True)
        for sub in ("new", "cur", "tmp"):  # a person may have made only new/ to drop mail in
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._paths.clear()

    def uidvalidity(self) -> int:
        return 0  # Maildir file names are unique for ever: no UIDVALIDITY to track

    def list_uids(self) -> list[str]:
        """Message keys in new/ and cur/, leaving files still being written (younger than the
        settle time) for the next pass, since a plain copy into new/ is not atomic."""
        settled_before = time.time() - self.settle_seconds
        self._paths = {}
        for sub in ("new", "cur"):
            with os.scandir(self.root / sub) as entries:
                for entry in entries:
                    if entry.name.startswith(".") or not entry.is_file():
                        continue
                    if entry.stat().st_mtime > settled_before:
                        continue
                    self._paths[entry.name.split(":", 1)[0]] = Path(entry.path)
        return sorted(self._paths)

    def batches(self, uids: Sequence[str], count: int, max_bytes: int) -> Iterator[list[str]]:
        sized = []
        for uid in uids:
            try:
                sized.append((uid, self._paths[uid].stat().st_size))
            except (KeyError, FileNotFoundError):
                continue  # moved by another watcher since it was listed
        return batches_by_size(sized, count, max_bytes)

    def fetch(self, uids: Sequence[str]) -> Iterator[FetchedMessage]:
        for uid in uids:
            path = self._paths.get(uid)
            if path is None:
                continue
            try:
                yield FetchedMessage(uid=uid, raw=path.read_bytes())
            except FileNotFoundError:
                continue  # another watcher moved it: it is stored already

    def move(self, uids: Sequence[str], folder: str) -> None:
        target = self._folder(folder) / "cur"
        for uid in uids:
            path = self._paths.pop(uid, None)
            if path is None:
                continue
            name = path.name if ":" in path.name else f"{path.name}:2,S"
            try:
                os.replace(path, target / name)
            except FileNotFoundError:
                continue

    def finish_moves(self, uids: Sequence[str], folder: str) -> None:
        """A rename is atomic: a move cut short by a crash never leaves two copies."""
        self.move(uids, folder)

    def wait(self, timeout: float, stop: StopSignal) -> None:
        with stop.waiting():
            stop.sleep(min(timeout, self.poll_seconds))

    def _folder(self, name: str) -> Path:
        path = self.root / f".{name}"
        if not (path / "cur").is_dir():
            mailbox.Maildir(self.root, create=True).add_folder(name)
        return path

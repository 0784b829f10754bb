"""An IMAP mailbox through imap-tools: TLS, STARTTLS or loopback plain text; password or XOAUTH2;
IDLE where the server offers it, polling where it does not."""

from __future__ import annotations

import contextlib
import imaplib
import logging
import re
import ssl
from collections.abc import Callable, Iterator, Sequence
from typing import Self

from imap_tools import BaseMailBox, MailBox, MailBoxStartTls, MailBoxUnencrypted, MailMessage
from imap_tools.errors import ImapToolsError

from intake.mailbox.address import ImapAddress
from intake.mailbox.source import FetchedMessage, batches_by_size
from intake.stopping import StopSignal

Login = Callable[[BaseMailBox, str], None]
log = logging.getLogger(__name__)
UID_ITEM = re.compile(rb"\bUID (\d+)")
SIZE_ITEM = re.compile(rb"\bRFC822\.SIZE (\d+)")
MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>\r\n]*>)", re.IGNORECASE | re.MULTILINE)
MOVE_CHUNK = 200  # UIDs per MOVE command, well under servers' command-line limits


class RawMailMessage(MailMessage):
    """Keeps the exact bytes the server sent and skips imap-tools' parse of each message."""

    def __init__(self, fetch_data: list) -> None:
        raw, uid_data, flag_data = self._get_message_data_parts(fetch_data)
        self.raw: bytes = raw
        self._raw_uid_data = uid_data
        self._raw_flag_data = flag_data


def password_login(user: str, password: str) -> Login:
    return lambda box, folder: box.login(user, password, initial_folder=folder)


def xoauth2_login(user: str, token: Callable[[], str]) -> Login:
    return lambda box, folder: box.xoauth2(user, token(), initial_folder=folder)


class ImapSource:
    def __init__(
        self,
        address: ImapAddress,
        login: Login,
        poll_seconds: float = 30.0,
        ssl_context: ssl.SSLContext | None = None,
        timeout: float = 60.0,
    ) -> None:
        self.address = address
        self.identity = address.identity
        self._login = login
        self.poll_seconds = poll_seconds
        self._ssl_context = ssl_context or ssl.create_default_context()
        self._timeout = timeout
        self._box: BaseMailBox | None = None
        self._folders: set[str] = set()
        self._capabilities: frozenset[str] = frozenset()

    def __enter__(self) -> Self:
        box = self._connect()
        box.email_message_class = RawMailMessage
        self._login(box, self.address.folder)
        self._box = box
        self._capabilities = self._post_login_capabilities()
        # imap-tools picks MOVE by imaplib's list, which is the one from before login.
        box.client.capabilities = tuple(sorted(self._capabilities))
        return self

    def __exit__(self, *exc_info: object) -> None:
        box, self._box = self._box, None
        if box is not None:
            # A connection that is gone already has nothing to tidy.
            with contextlib.suppress(OSError, imaplib.IMAP4.error, ImapToolsError):
                box.logout()

    @property
    def box(self) -> BaseMailBox:
        if self._box is None:
            raise RuntimeError("the IMAP mailbox is not open")
        return self._box

    def _connect(self) -> BaseMailBox:
        host, port, security = self.address.host, self.address.port, self.address.security
        if security == "tls":
            return MailBox(host, port, timeout=self._timeout, ssl_context=self._ssl_context)
        if security == "starttls":
            return MailBoxStartTls(host, port, timeout=self._timeout, ssl_context=self._ssl_context)
        return MailBoxUnencrypted(host, port, timeout=self._timeout)

    def uidvalidity(self) -> int:
        return int(self.box.folder.status(self.address.folder, ["UIDVALIDITY"])["UIDVALIDITY"])

    def list_uids(self) -> list[str]:
        # New mail announced before this search is in its answer; only later news counts.
        self.box.client.untagged_responses.pop("EXISTS", None)
        return self.box.uids("ALL")

    def batches(self, uids: Sequence[str], count: int, max_bytes: int) -> Iterator[list[str]]:
        """Sized with RFC822.SIZE first, so that a run of large messages is never fetched in
        one go."""
        sizes: dict[str, int] = {}
        for start in range(0, len(uids), 500):
            chunk = ",".join(uids[start : start + 500])
            status, data = self.box.client.uid("FETCH", chunk, "(RFC822.SIZE)")
            if status != "OK":
                raise ImapToolsError(f"FETCH RFC822.SIZE failed: {data!r}")
            for line in data:
                line = line if isinstance(line, bytes) else b""
                uid, size = UID_ITEM.search(line), SIZE_ITEM.search(line)
                if uid and size:
                    sizes[uid[1].decode()] = int(size[1])
        sized = [(uid, sizes[uid]) for uid in uids if uid in sizes]
        return batches_by_size(sized, count, max_bytes)

    def fetch(self, uids: Sequence[str]) -> Iterator[FetchedMessage]:
        if not uids:
            return
        for message in self.box.fetch(uid_list=list(uids), mark_seen=False, bulk=True):
            if message.uid:
                yield FetchedMessage(uid=message.uid, raw=message.raw)

    def move(self, uids: Sequence[str], folder: str) -> None:
        if not uids:
            return
        if folder not in self._folders:
            if not self.box.folder.exists(folder):
                self.box.folder.create(folder)
            self._folders.add(folder)
        if "MOVE" in self._capabilities:
            self.box.move(list(uids), folder, chunks=MOVE_CHUNK)
            return
        # imap-tools' own fallback ends in a plain EXPUNGE, which would also erase every message
        # the SPOC had marked deleted: copy, then expunge these messages only.
        for start in range(0, len(uids), MOVE_CHUNK):
            chunk = list(uids[start : start + MOVE_CHUNK])
            self.box.copy(chunk, folder)
            self._expunge(chunk)

    def finish_moves(self, uids: Sequence[str], folder: str) -> None:
        """Moves messages whose move a crash may have cut short. A server may carry out MOVE as
        a copy then an expunge, and a dropped connection between the two leaves the message in
        both folders: an original whose exact copy (Message-ID and size) is there already is
        expunged instead of being copied a second time."""
        wanted = self._fingerprints(",".join(uids)) if uids else {}
        message_ids = {message_id for message_id, _ in wanted.values() if message_id}
        present = set(self._fingerprints_in(folder, message_ids).values())
        copied = [uid for uid, print_ in wanted.items() if print_[0] and print_ in present]
        if copied:
            self._expunge(copied)
        self.move([uid for uid in uids if uid not in copied], folder)

    def _expunge(self, uids: Sequence[str]) -> None:
        """Removes these messages and no other with UID EXPUNGE (UIDPLUS). A server without it
        has only the plain EXPUNGE, which also takes every message marked deleted."""
        uid_set = ",".join(uids)
        status, data = self.box.client.uid("STORE", uid_set, "+FLAGS.SILENT", r"(\Deleted)")
        if status == "OK":
            if "UIDPLUS" in self._capabilities:
                status, data = self.box.client.uid("EXPUNGE", uid_set)
            else:
                log.warning(
                    "%s has no UIDPLUS: EXPUNGE removes every message marked deleted", self.identity
                )
                status, data = self.box.client.expunge()
        if status != "OK":
            raise ImapToolsError(f"removing moved messages failed: {data!r}")

    def _fingerprints(self, uid_set: str) -> dict[str, tuple[bytes | None, int]]:
        """UID → (Message-ID, size) of messages in the selected folder."""
        status, data = self.box.client.uid(
            "FETCH", uid_set, "(RFC822.SIZE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])"
        )
        if status != "OK":
            raise ImapToolsError(f"FETCH of Message-IDs failed: {data!r}")
        prints = {}
        for item in data:
            if isinstance(item, tuple) and (uid := UID_ITEM.search(item[0])):
                size = SIZE_ITEM.search(item[0])
                message_id = MESSAGE_ID.search(item[1])
                prints[uid[1].decode()] = (
                    message_id[1] if message_id else None,
                    int(size[1]) if size else -1,
                )
        return prints

    def _fingerprints_in(
        self, folder: str, message_ids: set[bytes]
    ) -> dict[str, tuple[bytes | None, int]]:
        if not message_ids or not self.box.folder.exists(folder):
            return {}
        self.box.folder.set(folder, readonly=True)
        try:
            found: list[str] = []
            for message_id in message_ids:
                status, data = self.box.client.uid(
                    "SEARCH",
                    "HEADER",
                    "Message-ID",
                    '"' + message_id.decode("ascii", "replace") + '"',
                )
                if status == "OK" and data and data[0]:
                    found.extend(data[0].decode().split())
            return self._fingerprints(",".join(found)) if found else {}
        finally:
            self.box.folder.set(self.address.folder)

    def _post_login_capabilities(self) -> frozenset[str]:
        """Asked again after login: servers may offer more (IDLE, MOVE) once a user is known."""
        status, data = self.box.client.capability()
        if status != "OK" or not data or not data[0]:
            return frozenset(self.box.client.capabilities)
        return frozenset(data[0].decode("ascii", "replace").upper().split())

    @property
    def supports_idle(self) -> bool:
        return "IDLE" in self._capabilities

    def wait(self, timeout: float, stop: StopSignal) -> None:
        with stop.waiting():
            if self._announced_since_listing():
                return
            if not self.supports_idle:
                stop.sleep(min(timeout, self.poll_seconds))
                return
            with self.box.idle as idle:
                if not self._unread_response():
                    idle.poll(timeout=timeout)

    def _announced_since_listing(self) -> bool:
        """Mail that arrives while a pass is busy is announced (EXISTS) in the answer to the
        pass's next command, and IDLE will not announce it again: without this check it would
        wait for the whole timeout."""
        return bool(self.box.client.untagged_responses.get("EXISTS"))

    def _unread_response(self) -> bool:
        """Whether the server has spoken already: an EXISTS sent in the same packet as
        "+ idling" waits in the client's read buffer, where a poll of the socket cannot see it."""
        client = self.box.client
        previous = client.sock.gettimeout()
        client.sock.settimeout(0)
        try:
            return bool(client.file.peek(1))
        except OSError:  # nothing buffered and nothing on the socket (plain or TLS)
            return False
        finally:
            client.sock.settimeout(previous)

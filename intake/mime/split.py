"""Walk a raw e-mail's MIME tree, forwarded messages and Outlook containers, into attachments.

Pure: bytes in, a SplitResult out. Every limit that stops the walk is named in the result's
`problem`, in words a SPOC can act on; the raw message itself is stored elsewhere, untouched.
"""

from __future__ import annotations

import base64
import binascii
import email
import hashlib
import quopri
from dataclasses import dataclass, field
from email.message import Message
from email.policy import compat32

from intake.mime.containers import UnreadableContainer, msg_contents, tnef_contents
from intake.mime.defects import describe_defects
from intake.mime.names import safe_filename
from intake.mime.sniff import MSG, TNEF, could_be_form, extension_for, sniff_content_type
from intake.mime.text import clean_text, decode_words, raw_header

# How every reason for not opening a message ends: what the SPOC can still do.
UNOPENED = "its attachments were not opened; download the original to read it."
BODY_TYPES = frozenset({"text/plain", "text/html", "text/enriched"})


@dataclass(frozen=True)
class Limits:
    """The bounds of one message's walk; the defaults are documented in the README."""

    max_message_bytes: int
    max_attachment_bytes: int
    max_attachments: int
    max_nesting_depth: int


@dataclass
class FoundAttachment:
    position: int
    filename: str | None
    safe_name: str
    container: str | None
    declared_type: str | None
    content_type: str
    data: bytes
    problem: str | None = None

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def could_be_form(self) -> bool:
        return could_be_form(self.content_type)

    @property
    def might_hide_form(self) -> bool:
        """A form, or a container that could not be opened to see whether it holds one."""
        return self.could_be_form or self.content_type in (MSG, TNEF)


@dataclass
class SplitResult:
    attachments: list[FoundAttachment] = field(default_factory=list)
    problem: str | None = None
    defects: list[str] = field(default_factory=list)

    @property
    def damage(self) -> str | None:
        """A sentence on how the e-mail is malformed, when it is."""
        return describe_defects(self.defects)


class _LimitReached(Exception):
    pass


def split_attachments(raw: bytes, limits: Limits) -> SplitResult:
    """Every file the message carries, however deeply forwarded, or the reason it can't be read."""
    if not raw.strip():
        return SplitResult(problem="The message is empty: there is nothing to read.")
    if len(raw) > limits.max_message_bytes:
        return SplitResult(
            problem=(
                f"The message is {_size(len(raw))}, over the limit of"
                f" {_size(limits.max_message_bytes)} (MAPPA_MAX_MESSAGE_BYTES): {UNOPENED}"
            )
        )
    walker = _Walker(limits)
    try:
        message = email.message_from_bytes(raw, policy=compat32)
        walker.walk(message, depth=0, container=None)
    except _LimitReached as limit:
        return SplitResult(problem=str(limit), defects=walker.defects)
    except RecursionError:
        return SplitResult(problem=walker.too_deep(), defects=walker.defects)
    return SplitResult(attachments=walker.found, defects=walker.defects)


class _Walker:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.found: list[FoundAttachment] = []
        self.defects: list[str] = []

    def too_deep(self) -> str:
        return (
            f"The message's parts are nested more than {self.limits.max_nesting_depth} levels"
            f" deep (MAPPA_MAX_NESTING_DEPTH): {UNOPENED}"
        )

    def walk(self, part: Message, depth: int, container: str | None) -> None:
        if depth > self.limits.max_nesting_depth:
            raise _LimitReached(self.too_deep())
        self._visit(part, depth, container)
        # After the visit: decoding a leaf's payload is what finds its broken base64.
        self.defects.extend(type(defect).__name__ for defect in part.defects)

    def _visit(self, part: Message, depth: int, container: str | None) -> None:
        content_type = part.get_content_type()
        if content_type == "message/rfc822" or (
            content_type.startswith("message/") and part.is_multipart()
        ):
            self._walk_forwarded(part, depth, container)
        elif part.is_multipart():
            for sub in part.get_payload():
                if isinstance(sub, Message):
                    self.walk(sub, depth + 1, container)
        else:
            self._leaf(part, depth, container)

    def _walk_forwarded(self, part: Message, depth: int, container: str | None) -> None:
        inner = _forwarded_message(part)
        if inner is None:
            return
        subject = decode_words(inner.get("Subject"), 80) or "no subject"
        self.walk(inner, depth + 1, _inside(container, f"forwarded message “{subject}”"))

    def _leaf(self, part: Message, depth: int, container: str | None) -> None:
        filename = _filename(part)
        disposition = part.get_content_disposition()
        declared = part.get_content_type()
        if declared.startswith("multipart/"):
            return  # a multipart without a usable boundary: its defects say so
        if not filename and disposition != "attachment" and declared in BODY_TYPES:
            return  # the message's own text, not a document
        data = part.get_payload(decode=True) or b""
        self.add(filename, declared, data, depth, container)

    def add(
        self,
        filename: str | None,
        declared: str | None,
        data: bytes,
        depth: int,
        container: str | None,
    ) -> None:
        if len(self.found) >= self.limits.max_attachments:
            raise _LimitReached(
                f"The message carries more than {self.limits.max_attachments} attachments"
                f" (MAPPA_MAX_ATTACHMENTS): {UNOPENED}"
            )
        content_type = sniff_content_type(data, declared, filename)
        position = len(self.found) + 1
        found = FoundAttachment(
            position=position,
            filename=filename,
            safe_name=safe_filename(filename, position, extension_for(content_type)),
            container=container,
            declared_type=clean_text(declared, 255),
            content_type=content_type,
            data=data,
        )
        self.found.append(found)
        if len(data) > self.limits.max_attachment_bytes:
            found.problem = (
                f"“{found.safe_name}” is {_size(len(data))}, over the limit of"
                f" {_size(self.limits.max_attachment_bytes)}"
                " (MAPPA_MAX_ATTACHMENT_BYTES): it was not opened."
            )
        elif content_type in (MSG, TNEF):
            self._open_container(found, depth)

    def _open_container(self, found: FoundAttachment, depth: int) -> None:
        if depth + 1 > self.limits.max_nesting_depth:
            raise _LimitReached(self.too_deep())
        contents = msg_contents if found.content_type == MSG else tnef_contents
        where = _inside(found.container, found.safe_name)
        try:
            for name, declared, data in contents(found.data):
                self.add(name, declared, data, depth + 1, where)
        except UnreadableContainer as exc:
            found.problem = f"“{found.safe_name}” could not be opened: {exc}."


def _filename(part: Message) -> str | None:
    """The file name from Content-Disposition or Content-Type: RFC 2231, RFC 2047, or raw 8-bit."""
    name = part.get_filename()
    if name and "\ufffd" in name:
        repaired = Message()
        for header in ("Content-Type", "Content-Disposition"):
            value = raw_header(part, header)
            if value is not None:
                repaired[header] = value
        name = repaired.get_filename()
    return decode_words(name, 1000)


def _forwarded_message(part: Message) -> Message | None:
    """The message inside a message/rfc822 part; some mailers base64 it, against RFC 2046."""
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    if not isinstance(inner, Message):
        return None
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if encoding not in ("base64", "quoted-printable"):
        return inner
    encoded = inner.as_bytes()
    try:
        decoded = (
            base64.b64decode(encoded) if encoding == "base64" else quopri.decodestring(encoded)
        )
    except binascii.Error:
        return inner  # broken base64: walk what the parser saw rather than lose the part
    return email.message_from_bytes(decoded, policy=compat32)


def _inside(container: str | None, name: str) -> str:
    return f"{container} > {name}" if container else name


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"

"""Turning header values of any charset, however broken, into text a database accepts."""

from __future__ import annotations

import contextlib
from email.header import decode_header, make_header
from email.message import Message

MAX_HEADER_CHARS = 2000


def clean_text(value: str | bytes | None, limit: int = MAX_HEADER_CHARS) -> str | None:
    """Text safe to store: valid UTF-8, no NUL or other control bytes, bounded, or None if empty."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    # 8-bit headers arrive as surrogate escapes; PostgreSQL refuses NUL in text.
    value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if not value.isprintable():
        value = "".join(ch if ch.isprintable() else " " for ch in value)
    value = " ".join(value.split())[:limit]
    return value or None


def header_block(raw: bytes) -> bytes:
    """The header lines of a raw message, so that reading a few headers costs nothing per byte
    of attachment (the body of a 20 MB message is never decoded for its Subject)."""
    crlf = raw.find(b"\r\n\r\n")
    # A bare-LF blank line can only come first if it lies before the CRLF one: look no further.
    lf = raw.find(b"\n\n", 0, len(raw) if crlf < 0 else crlf)
    ends = [end for end in (crlf, lf) if end >= 0]
    return raw[: min(ends) + 2] if ends else raw


def raw_header(message: Message, name: str) -> str | None:
    """A header as sent, with 8-bit bytes read as UTF-8 (RFC 6532) or else Windows-1252,
    where the e-mail library would put replacement characters."""
    for key, value in message.raw_items():
        if key.lower() == name.lower():
            return eight_bit_text(value)
    return None


def eight_bit_text(value: str) -> str:
    try:
        raw = value.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        return value  # real text already, not bytes smuggled in surrogates
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def decode_words(value: object, limit: int = MAX_HEADER_CHARS) -> str | None:
    """Decode RFC 2047 encoded words (=?utf-8?b?…?=) in any charset Python knows; keep the rest."""
    if value is None:
        return None
    text = str(value)
    if "=?" in text:
        # An unknown charset or a broken encoded word: keep the text as written.
        with contextlib.suppress(LookupError, ValueError, UnicodeError, AssertionError):
            text = str(make_header(decode_header(text)))
    return clean_text(text, limit)

"""Turning header values of any charset, however broken, into text a database accepts."""

from __future__ import annotations

import contextlib
from email.header import decode_header, make_header

MAX_HEADER_CHARS = 2000


def clean_text(value: str | bytes | None, limit: int = MAX_HEADER_CHARS) -> str | None:
    """Text safe to store: valid UTF-8, no NUL or other control bytes, bounded, or None if empty."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    # 8-bit headers arrive as surrogate escapes; PostgreSQL refuses NUL in text.
    value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    value = "".join(ch if ch.isprintable() or ch == " " else " " for ch in value)
    value = " ".join(value.split())[:limit]
    return value or None


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

"""Safe stored names for attachments, whatever a sender put in the file name."""

from __future__ import annotations

import posixpath

from pathvalidate import sanitize_filename

MAX_NAME_BYTES = 150
MAX_EXTENSION_BYTES = 16


def safe_filename(original: str | None, position: int, extension: str | None) -> str:
    """A name with no folders, device names or control characters, at most 150 bytes of UTF-8.

    The extension is kept when the name must be shortened, so that the document still opens.
    """
    name = posixpath.basename((original or "").replace("\\", "/")).strip(" .")
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext.encode()) > MAX_EXTENSION_BYTES:
        stem, ext = name, ""
    suffix = f".{ext}" if ext else ""
    stem = stem.encode()[: MAX_NAME_BYTES - len(suffix.encode())].decode("utf-8", "ignore")
    name = sanitize_filename(stem + suffix, platform="universal", replacement_text="_")
    name = name.strip(" .")
    if not name or name.startswith("."):
        name = f"attachment-{position}{extension or ''}"
    return name

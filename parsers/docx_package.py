"""Checks on a .docx's zip before python-docx opens it, so that a hostile file ends in a reason.

A .docx is a zip of XML parts. Every limit here is checked from the zip's central directory or a
plain byte scan, before any part is parsed: a zip bomb, a password-protected file (an OLE
compound file, not a zip) or an XML part declaring entities (billion laughs, external entities)
is refused without being expanded, fetched or parsed (FORMS.md §2.5).
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from io import BytesIO
from typing import NoReturn

from parsers.problems import DocumentProblem

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Every entry of a zip's central directory starts with this signature, so counting it bounds
# how many entries zipfile would build objects for (a 25 MB file can declare 500,000, which
# takes it 300 MB and seconds to list).
ENTRY_SIGNATURE = b"PK\x01\x02"
MAX_MEMBERS = 2_000
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
RATIO_FROM_BYTES = 1024 * 1024

CORRUPT = "the Word file is damaged or incomplete: ask the referrer to send it again"
ENCRYPTED = "the Word file is password protected: ask the referrer for an unprotected copy"
EMPTY = "the Word file is empty (0 bytes): ask the referrer to send it again"
TOO_LARGE = (
    "the Word file is too large to read safely: {why}; it may be a 'zip bomb' made to "
    "exhaust the server, so ask the referrer to send the form again as a plain Word file"
)

# What zipfile raises on a damaged archive: a bad directory, a truncated or corrupt stream,
# a compression method it does not know, a local header past the end of the file.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    struct.error,
    EOFError,
    NotImplementedError,
    OSError,
    ValueError,
)

# Markup that declares entities or a DTD: never in a Word part, the door to entity expansion
# and to fetching files. Looked for in the encodings an XML parser detects by itself.
DECLARATIONS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
# How the first bytes of a part look when an XML parser would read it in an encoding the
# scan above does not cover (UCS-4, EBCDIC): refused outright.
EXOTIC_STARTS = (b"\x00\x00\x00<", b"<\x00\x00\x00", b"\x00\x00<\x00", b"\x00<\x00\x00")
EXOTIC_STARTS += (b"\x4c\x6f\xa7\x94", b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")


def check_package(data: bytes) -> None:
    """Raise `DocumentProblem` unless `data` is a zip that is safe to hand to python-docx."""
    if not data:
        raise DocumentProblem("file_empty", EMPTY)
    if data[:8] == OLE_MAGIC:
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise DocumentProblem("file_encrypted", ENCRYPTED)
        raise DocumentProblem("file_corrupt", CORRUPT)
    entries = data.count(ENTRY_SIGNATURE)
    if entries > MAX_MEMBERS:
        _too_large(f"it holds {entries:,} parts where a form has a few dozen")
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
            _check_sizes(members)
            _check_members(data, members)
    except ZIP_ERRORS as error:
        raise DocumentProblem("file_corrupt", CORRUPT) from error


def _check_sizes(members: list[zipfile.ZipInfo]) -> None:
    """The sizes the zip declares bound what reading it can produce (zipfile cuts each part at
    its declared size, and `_content` inflates no further), so they are checked before
    anything is decompressed."""
    total = 0
    for member in members:
        size = member.file_size
        if size > MAX_MEMBER_BYTES:
            _too_large(f"one of its parts would expand to {_megabytes(size)}")
        if size > RATIO_FROM_BYTES and size > MAX_RATIO * max(member.compress_size, 1):
            _too_large(
                f"one of its parts would expand {size // max(member.compress_size, 1):,} times"
            )
        total += size
    if total > MAX_TOTAL_BYTES:
        _too_large(f"its parts would expand to {_megabytes(total)}")


def _check_members(data: bytes, members: list[zipfile.ZipInfo]) -> None:
    """Every part an XML parser could read is scanned for entity declarations."""
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or "_rels/.rels" not in names:
        raise DocumentProblem("file_corrupt", CORRUPT)
    for member in members:
        if member.flag_bits & 0x1:  # a zip encrypted member: a password is needed to read it
            raise DocumentProblem("file_encrypted", ENCRYPTED)
        if member.is_dir():
            continue
        content = _content(data, member)
        if content.startswith(EXOTIC_STARTS):
            raise DocumentProblem("file_corrupt", CORRUPT)
        if _may_be_xml(content[:64]) and any(marker in content for marker in DECLARATIONS):
            raise DocumentProblem("file_corrupt", CORRUPT)


def _content(data: bytes, member: zipfile.ZipInfo) -> bytes:
    """A part's bytes, inflated no further than its declared size; a part whose stream holds
    more is refused. Asked for a whole part (as python-docx asks), zipfile inflates every
    compressed byte at once and only then cuts to the declared size: a 1 KB part could hide
    2 GB of zeros."""
    at = member.header_offset
    signature, name_length, extra_length = struct.unpack_from("<4s22xHH", data, at)
    if signature != b"PK\x03\x04":
        raise DocumentProblem("file_corrupt", CORRUPT)
    start = at + 30 + name_length + extra_length
    stream = data[start : start + member.compress_size]
    if member.compress_type == zipfile.ZIP_STORED:
        return stream[: member.file_size]
    if member.compress_type != zipfile.ZIP_DEFLATED:
        # Word writes only deflate; zipfile inflates bzip2 and LZMA with no bound at all.
        raise DocumentProblem("file_corrupt", CORRUPT)
    content = zlib.decompressobj(-zlib.MAX_WBITS).decompress(stream, member.file_size + 1)
    if len(content) > member.file_size:
        _too_large("one of its parts holds more than the size it declares")
    return content


def _may_be_xml(head: bytes) -> bool:
    """Whether an XML parser would take these first bytes as the start of a document: markup
    after an optional byte-order mark and white space, or UTF-16 (pictures are neither)."""
    if head.startswith((b"\xfe\xff", b"\xff\xfe", b"<\x00", b"\x00<")):
        return True
    rest = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    return not rest or rest.startswith(b"<")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def _too_large(why: str) -> NoReturn:
    raise DocumentProblem("parse_limit", TOO_LARGE.format(why=why))

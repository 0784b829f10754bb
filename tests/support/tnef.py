"""Builds real TNEF (winmail.dat) streams, as Outlook sends them, for the splitter's tests."""

from __future__ import annotations

import struct

SIGNATURE = 0x223E9F78
LEVEL_MESSAGE, LEVEL_ATTACHMENT = 1, 2
TNEF_VERSION, OEM_CODEPAGE = 0x9006, 0x9007
ATTACH_RENDDATA, ATTACH_TITLE, ATTACH_DATA = 0x9002, 0x8010, 0x800F
TYPE_STRING, TYPE_BYTE, TYPE_DWORD = 0x0001, 0x0006, 0x0008


def _attribute(level: int, name: int, kind: int, data: bytes) -> bytes:
    checksum = sum(data) & 0xFFFF
    return struct.pack("<BHHI", level, name, kind, len(data)) + data + struct.pack("<H", checksum)


def winmail_dat(files: list[tuple[str, bytes]]) -> bytes:
    """A winmail.dat carrying these (file name, bytes) attachments, in code page 1252."""
    out = struct.pack("<IH", SIGNATURE, 0x0001)
    out += _attribute(LEVEL_MESSAGE, TNEF_VERSION, TYPE_DWORD, struct.pack("<I", 0x00010000))
    out += _attribute(LEVEL_MESSAGE, OEM_CODEPAGE, TYPE_BYTE, struct.pack("<II", 1252, 0))
    for name, data in files:
        out += _attribute(
            LEVEL_ATTACHMENT, ATTACH_RENDDATA, TYPE_BYTE, struct.pack("<HiiI", 1, -1, 0, 0)
        )
        out += _attribute(
            LEVEL_ATTACHMENT, ATTACH_TITLE, TYPE_STRING, name.encode("cp1252") + b"\0"
        )
        out += _attribute(LEVEL_ATTACHMENT, ATTACH_DATA, TYPE_BYTE, data)
    return out

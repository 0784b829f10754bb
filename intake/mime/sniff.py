"""What a file really is, from its bytes first, because senders' Content-Types are often wrong."""

from __future__ import annotations

import io
import mimetypes
import zipfile

import filetype
import olefile

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOC = "application/msword"
ODT = "application/vnd.oasis.opendocument.text"
RTF = "application/rtf"
MSG = "application/vnd.ms-outlook"
TNEF = "application/ms-tnef"
OCTET = "application/octet-stream"

# Word and PDF documents are the only things a referrer's form can arrive as.
FORM_TYPES = frozenset({PDF, DOCX, DOC, ODT, RTF})
EXTENSIONS = {
    PDF: ".pdf",
    DOCX: ".docx",
    DOC: ".doc",
    ODT: ".odt",
    RTF: ".rtf",
    MSG: ".msg",
    TNEF: ".dat",
}

ALIASES = {
    "text/rtf": RTF,
    "application/x-rtf": RTF,
    "application/x-pdf": PDF,
    "application/vnd.ms-word": DOC,
    "application/vnd.ms-tnef": TNEF,
}

# Containers whose contents were not recognised: the name may still say what they hold.
UNSURE = frozenset({"application/zip", "application/x-ole-storage", OCTET})

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TNEF_MAGIC = b"\x78\x9f\x3e\x22"


def sniff_content_type(data: bytes, declared: str | None, filename: str | None) -> str:
    """The content type the bytes show; the declared type or the extension only when they don't."""
    found = _signature_type(data) or (filetype.guess_mime(data[:8192]) if data else None)
    if found and found not in UNSURE:
        return found
    claimed = _claimed_type(declared, filename)
    if claimed in FORM_TYPES or claimed in (MSG, TNEF):
        return claimed  # unrecognisable bytes under a document's name: the reader will say why
    return found or claimed or OCTET


def could_be_form(content_type: str) -> bool:
    return content_type in FORM_TYPES


def _claimed_type(declared: str | None, filename: str | None) -> str | None:
    if declared and declared != OCTET and "/" in declared:
        return ALIASES.get(declared, declared)
    if (filename or "").lower().endswith(".msg"):
        return MSG
    by_name = mimetypes.guess_type(filename or "", strict=False)[0]
    return ALIASES.get(by_name, by_name) if by_name else None


def extension_for(content_type: str) -> str:
    return EXTENSIONS.get(content_type) or mimetypes.guess_extension(content_type) or ""


def _signature_type(data: bytes) -> str | None:
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if head.startswith(b"{\\rtf"):
        return RTF
    if head.startswith(TNEF_MAGIC):
        return TNEF
    if head.startswith(OLE_MAGIC):
        return _ole_type(data) or "application/x-ole-storage"
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(data)
    return None


def _ole_type(data: bytes) -> str | None:
    """Outlook .msg and Word .doc share one container; their stream names tell them apart."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=True)}
    except (OSError, ValueError, IndexError, KeyError, RecursionError):
        return None
    if any(name.startswith("__substg1.0_") for name in streams):
        return MSG
    if "WordDocument" in streams:
        return DOC
    return None


def _zip_type(data: bytes) -> str | None:
    """Reads only the zip's directory, never inflates a member: safe on zip bombs."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return DOCX
            if (
                "mimetype" in names
                and archive.getinfo("mimetype").file_size < 100
                and archive.read("mimetype").strip() == ODT.encode()
            ):
                return ODT
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError):
        return None
    return "application/zip"

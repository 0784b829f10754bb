"""Form parsers: the bytes of one document → its form, record, issues and provenance.

Pure functions over values (no database, network or clock: `now` is passed in). A document that
cannot be read is a result with a file-level issue, never an exception (FORMS.md §2).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel

from parsers.assemble import assemble
from parsers.detect import detect
from parsers.document import Document
from parsers.issues import Issue
from parsers.problems import DocumentProblem

MAX_BYTES = 25 * 1024 * 1024
CONVERTED_FIRST = {"doc", "odt", "rtf"}


class ParseResult(BaseModel):
    file: str
    form: str
    record: dict[str, Any] | None
    issues: list[Issue]
    provenance: dict[str, str]


def parse(data: bytes, filename: str, now: datetime) -> ParseResult:
    """What `mappa-intake parse --json` prints for one file (FORMS.md §2.1)."""
    name = PurePath(filename.replace("\\", "/")).name
    try:
        document = read_document(data, name)
    except DocumentProblem as problem:
        return failed(name, problem.code, problem.message)
    return parse_read(document, name, now)


def parse_joined(files: list[tuple[str, bytes]], now: datetime) -> ParseResult:
    """A Form G and its checklist sent as two files, read as one document (FORMS.md §2.2):
    places in the second file are prefixed with its name."""
    first = PurePath(files[0][0]).name
    blocks = []
    for index, (name, data) in enumerate(files):
        try:
            document = read_document(data, name)
        except DocumentProblem as problem:
            return failed(first, problem.code, problem.message)
        blocks.extend((document if index == 0 else document.relabelled(f"{name}: ")).blocks)
    return parse_read(Document(blocks), first, now)


def parse_read(document: Document, name: str, now: datetime) -> ParseResult:
    detection = detect(document)
    if detection.form == "unknown":
        return failed(name, detection.code or "not_a_form", detection.message or "")
    record, issues, provenance = assemble(detection.form, document, now.date())
    if detection.mappa_i:
        issues.append(
            Issue(
                field=None,
                severity="warning",
                code="mappa_i_form",
                message="This is a national MAPPA I notification, read as a Form G.",
            )
        )
    return ParseResult(
        file=name, form=detection.form, record=record, issues=issues, provenance=provenance
    )


def failed(name: str, code: str, message: str) -> ParseResult:
    issue = Issue(field=None, severity="error", code=code, message=message)
    return ParseResult(file=name, form="unknown", record=None, issues=[issue], provenance={})


def document_type(data: bytes) -> str | None:
    """The type the bytes say, whatever the file's name says: pdf, docx, odt, doc, rtf."""
    if data.lstrip()[:5] == b"%PDF-" or b"%PDF-" in data[:1024]:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "odt" if b"application/vnd.oasis.opendocument" in data[:200] else "docx"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "encrypted" if "EncryptedPackage".encode("utf-16-le") in data else "doc"
    if data[:5] == b"{\\rtf":
        return "rtf"
    return None


def read_document(data: bytes, name: str) -> Document:
    if not data:
        raise DocumentProblem("file_empty", f"“{name}” is empty (0 bytes).")
    if len(data) > MAX_BYTES:
        raise DocumentProblem(
            "file_too_large",
            f"“{name}” is larger than {MAX_BYTES // (1024 * 1024)} MB, too large to read safely.",
        )
    kind = document_type(data)
    if kind == "pdf":
        from parsers.pdf_reader import read_pdf
        from parsers.printed_labels import starts_label

        return read_pdf(data, starts_label=starts_label)
    if kind == "docx":
        from parsers.docx_reader import read_docx

        return read_docx(data)
    if kind == "encrypted":
        raise DocumentProblem(
            "file_encrypted", "password protected: ask the referrer for an unprotected copy"
        )
    if kind in CONVERTED_FIRST:
        raise DocumentProblem(
            "file_type_unsupported",
            f"“{name}” is a .{kind} file, which must be converted to .docx before it can be read.",
        )
    raise DocumentProblem(
        "file_type_unsupported",
        f"“{name}” is not a Word (.docx, .doc, .odt, .rtf) or PDF document.",
    )

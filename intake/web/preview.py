"""The original document as a PDF the browser can show with pdf.js: a PDF as it came, a Word
document converted by LibreOffice once and kept under data_dir/previews/<sha256>.pdf, so that
a second look does not convert again. A document that cannot be converted gives a sentence
for the SPOC (and the download link stays), never an error page."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from intake.convert import ConversionError
from intake.schema import Attachment
from intake.service import Service
from parsers import document_type

WORD = ("docx", "doc", "rtf", "odt")


@dataclass(frozen=True)
class Preview:
    pdf: bytes | None
    problem: str | None = None


def can_preview(attachment: Attachment | None) -> bool:
    """Whether there is a document to show at all (the bytes decide whether it works)."""
    return attachment is not None


def cache_path(service: Service, sha256: str) -> Path:
    return Path(service.settings.data_dir) / "previews" / f"{sha256}.pdf"


def preview_pdf(service: Service, attachment: Attachment) -> Preview:
    data = attachment.content
    kind = document_type(data)
    if kind == "pdf":
        return Preview(data)
    if kind not in WORD:
        return Preview(None, "This file is not a PDF or Word document, so it cannot be shown here.")
    cached = cache_path(service, attachment.sha256)
    if cached.is_file():
        return Preview(cached.read_bytes())
    try:
        pdf = service.documents.converter.convert(data, f".{kind}", "pdf")
    except ConversionError as exc:
        return Preview(None, f"The document cannot be shown here ({exc}). Download it instead.")
    keep(cached, pdf)
    return Preview(pdf)


def keep(path: Path, data: bytes) -> None:
    """Write the cache file whole or not at all (a rename), readable by this user only."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)

"""Builders of real e-mails and documents for the tests: bytes, never mocks."""

from __future__ import annotations

import io
import uuid
import zipfile
from email.message import EmailMessage
from email.policy import SMTP

TRUSTED = "referrer@trust.nhs.uk"
UNTRUSTED = "someone@mail.example"


def minimal_docx(text: str = "MAPPA Form G") -> bytes:
    """A small but well-formed Word document (the parts Word itself requires), the same bytes
    on every call."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            _member("[Content_Types].xml"),
            (
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                'openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
                'ContentType="application/xml"/><Override PartName="/word/document.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.'
                'wordprocessingml.document.main+xml"/></Types>'
            ),
        )
        archive.writestr(
            _member("_rels/.rels"),
            (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                'officeDocument" Target="word/document.xml"/></Relationships>'
            ),
        )
        archive.writestr(
            _member("word/document.xml"),
            (
                '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
                'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
                f"{text}</w:t></w:r></w:p></w:body></w:document>"
            ),
        )
    return buffer.getvalue()


def _member(name: str) -> zipfile.ZipInfo:
    return zipfile.ZipInfo(name, date_time=(2026, 11, 16, 9, 30, 0))


def minimal_pdf(text: str = "PDP") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        + f"% {text}\n".encode()
        + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def email_bytes(
    sender: str = TRUSTED,
    subject: str = "MAPPA referral",
    attachments: list[tuple[str, bytes, str]] | None = None,
    message_id: str | None = None,
    body: str = "Please find the form attached.",
) -> bytes:
    message = EmailMessage(policy=SMTP)
    message["From"] = sender
    message["To"] = "spoc@mappa-spoc.test"
    message["Subject"] = subject
    message["Date"] = "Mon, 16 Nov 2026 09:30:00 +0000"
    message["Message-ID"] = message_id or f"<{uuid.uuid4().hex}@referrer.test>"
    message.set_content(body)
    for filename, data, content_type in attachments or []:
        maintype, subtype = content_type.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


def form_email(sender: str = TRUSTED, subject: str = "Form G", **kwargs: object) -> bytes:
    docx = (
        "Form G - J Smith.docx",
        minimal_docx(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    return email_bytes(sender=sender, subject=subject, attachments=[docx], **kwargs)  # type: ignore[arg-type]

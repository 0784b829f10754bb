"""Small Word documents written the way referrers write them: one "Label: value" per line."""

from __future__ import annotations

import io

import docx

FORM_G_LINES = (
    "MAPPA Form G – Initial Notification of MAPPA Nominal (Mental Health)",
    "Category 2: Violent Offender: Yes",
    "Family name: Trelawny",
    "First name: Jory",
    "Date of birth: 3rd Feb 1979",
    "Postcode: tr1 2ab",
)
CHECKLIST_LINES = (
    "Best Practice Guidance Check List to use alongside Form G",
    "Name of Service User: Jory Trelawny",
    "DOB: 03/02/1979",
    "Responsible Clinician: Consultant, Ward 3",
)


def word(*lines: str) -> bytes:
    """A .docx saved by python-docx with one paragraph per line."""
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

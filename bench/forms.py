"""Filled forms for the benchmarks: each form's printed labels in one table, section headings
as rows of their own, every answer written the way referrers write them."""

from __future__ import annotations

import io

import docx

from parsers.fields import Field, Kind
from parsers.forms import FORMS

TITLES = {
    "form_g": "MAPPA Form G – Initial Notification of MAPPA Nominal (Mental Health)",
    "mappa_a": "MAPPA A – Referral",
    "pdp": "Potentially Dangerous Person – Proactive Disclosure",
}
ANSWERS = {
    Kind.DATE: "3rd Feb 2019",
    Kind.YES_NO: "Yes",
    Kind.INT: "2",
    Kind.EMAIL: "duty.worker@trust.nhs.test",
    Kind.POSTCODE: "pl4 6aa",
    Kind.PNC: "08/56560Z",
    Kind.NINO: "QQ 12 34 56 C",
    Kind.CRN: "X123456",
    Kind.PRISON_NUMBER: "A1234BC",
    Kind.NAME_LIST: "Jay Kernow; J K",
    Kind.TEXT_LIST: "Probation\nHousing\nCommunity mental health team",
}


def answer(field: Field) -> str:
    if field.options:
        return field.options[0].replace("_", " ")
    return ANSWERS.get(field.kind, f"Written answer for {field.name.lower()}, two short lines.")


def filled(form: str) -> bytes:
    spec = FORMS[form].spec
    document = docx.Document()
    document.add_heading(TITLES[form], level=1)
    document.add_paragraph("Please complete every section and send to your SPOC. " * 3)
    table = document.add_table(rows=0, cols=2)
    for section in spec.sections:
        table.add_row().cells[0].text = section.headings[0]
        for field in spec.fields:
            if section.name in field.sections[:1]:
                row = table.add_row().cells
                row[0].text, row[1].text = field.labels[0], answer(field)
    for field in spec.fields:
        if not field.sections:
            row = table.add_row().cells
            row[0].text, row[1].text = field.labels[0], answer(field)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def filled_documents() -> dict[str, bytes]:
    return {
        "Form G.docx": filled("form_g"),
        "MAPPA A.docx": filled("mappa_a"),
        "PDP.docx": filled("pdp"),
    }

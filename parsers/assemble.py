"""From a document known to be one form to its record, issues and provenance."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from parsers.document import PICTURE, Document
from parsers.draft import Context, Draft
from parsers.forms import FORMS
from parsers.interpret import Interpreter
from parsers.issues import Issue, Issues
from parsers.locate import Located, Locator
from parsers.records import empty_record, record_model
from parsers.text import clean_text

SIGNATURES = ("checklist.signed", "checklist.screening.signed", "spoc.signed_by")


@cache
def locator(form: str) -> Locator:
    return Locator(FORMS[form].spec)


def assemble(
    form: str, document: Document, today: date
) -> tuple[dict[str, Any], list[Issue], dict[str, str]]:
    located = locator(form).locate(document)
    issues = Issues()
    draft = Draft()
    ctx = Context(FORMS[form].spec, located, draft, issues, Interpreter(issues, today), today)
    FORMS[form].finish(ctx)
    draft.set("extra_sections", extra_sections(located))
    if not any(value is not None for value in draft.values.values()):
        blank = Issue(
            field=None,
            severity="error",
            code="form_blank",
            message="The form has nothing filled in.",
        )
        return empty_record(form), [blank], {}
    note_signature_pictures(ctx)
    record = record_model(form).model_validate(draft.nested())
    provenance = {
        key: where
        for key, where in draft.provenance.items()
        if not key.startswith("_") and draft.values.get(key) is not None
    }
    return record.model_dump(mode="json"), issues.as_list(), provenance


def extra_sections(located: Located) -> list[dict[str, str | None]] | None:
    sections = []
    for answer in located.extras:
        text = clean_text(answer.text)
        if text:
            sections.append({"heading": clean_text(answer.heading or ""), "text": text})
    return sections or None


def note_signature_pictures(ctx: Context) -> None:
    for key in SIGNATURES:
        answer = ctx.answer(key)
        if answer is not None and PICTURE in answer.text and ctx.draft.get(key) is None:
            ctx.issues.add(
                key,
                "info",
                "signature_image",
                "The signature is a picture: check it on the original.",
            )

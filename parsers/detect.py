"""Which form a document is (FORMS.md §5): title cues first, then label cues, look-alikes out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.document import Document, Paragraph, Table
from parsers.labels import normalise

SHORT_LINE_WORDS = 14  # a title cue counts only on a short line of its own
TITLE_CUES = {
    "form_g": (
        r"mappa form g",
        r"initial notification of mappa nominal",
        r"best practice guidance check list to use alongside form g",
        r"outcome of form g screening",
        r"initial notification of mappa eligible patients",
    ),
    "mappa_a": (r"mappa\b.*\b(form a|mappa a|referral)\b", r"\b(mappa a|form a)\b.*\bmappa\b"),
    "pdp": (
        r"potentially dangerous person.*(proactive disclosure|person presenting risk)",
        r"(proactive disclosure|person presenting risk).*potentially dangerous person",
    ),
}
LABEL_CUES = {
    "form_g": (
        "disclosure to the nominee",
        "sentence type please complete a or b",
        "transfer from prison custody",
        "your trust local or health authority",
        "current status delete one",
        "contact index number",
        "additional considerations when completing form g",
    ),
    "mappa_a": (
        "category of offender",
        "conviction caution information",
        "relevant dates",
        "detained in hospital",
        "reason for referral",
        "level being referred",
        "agency unique identifier",
        "index offence",
        "previous related offences",
    ),
    "pdp": (
        "person presenting risk",
        "information provider",
        "power cited as basis of disclosure",
        "nature of risk posed",
        "tests applied to provision of information",
    ),
}
RISK_MEETING_CUES = (
    "case introduction",
    "nature of concerns",
    "summary of discussion",
    "action plan agreed",
    "conclusion of meeting",
    "g has the service user been informed of the need to hold a multi agency risk meeting",
)
LOOK_ALIKES = {
    "mappa_b_minutes": "This is a MAPPA B (meeting minutes) document, not a referral form.",
    "risk_meeting_minutes": "This is the minutes of a multi-agency risk meeting, not a referral "
    "form.",
    "several_forms": "This file holds more than one form: ask the referrer to send each form "
    "as its own file.",
    "not_a_form": "This document is not a MAPPA A, Form G or PDP form.",
}
MAPPA_I = "initial notification of mappa eligible patients"


@dataclass(frozen=True)
class Detection:
    form: str  # mappa_a, form_g, pdp or unknown
    code: str | None = None  # why it is unknown
    message: str | None = None
    mappa_i: bool = False


def detect(document: Document) -> Detection:
    lines = [normalise(text) for text in document_lines(document)]
    lines = [line for line in lines if line]
    text = " \n ".join(lines)
    short = [line for line in lines if line.count(" ") < SHORT_LINE_WORDS]
    titles = {
        form
        for form, cues in TITLE_CUES.items()
        if any(re.search(cue, line) for cue in cues for line in short)
    }
    if is_mappa_b(short, text):
        return unknown("mappa_b_minutes")
    if sum(cue in text for cue in RISK_MEETING_CUES) >= 2:
        return unknown("risk_meeting_minutes")
    if len(titles) > 1:
        return unknown("several_forms")
    if len(titles) == 1:
        form = titles.pop()
        return Detection(form, mappa_i=form == "form_g" and MAPPA_I in text)
    labelled = [form for form, cues in LABEL_CUES.items() if sum(cue in text for cue in cues) >= 3]
    if len(labelled) > 1:
        return unknown("several_forms")
    if labelled:
        return Detection(labelled[0], mappa_i=labelled[0] == "form_g" and MAPPA_I in text)
    return unknown("not_a_form")


def is_mappa_b(short: list[str], text: str) -> bool:
    if any(re.search(r"\bmappa b\b", line) for line in short):
        return True
    minutes = any(re.search(r"\b(meeting details|minutes)\b", line) for line in short)
    attendees = re.search(r"\b(present|apologies)\b", text) is not None
    return minutes and attendees and re.search(r"\bactions?\b", text) is not None


def unknown(code: str) -> Detection:
    return Detection("unknown", code, LOOK_ALIKES[code])


def document_lines(document: Document) -> list[str]:
    """Every line of text: paragraphs, and each line of each cell, nested tables included."""
    out: list[str] = []

    def table_lines(table: Table) -> None:
        for row in table.rows:
            for cell in row.cells:
                out.extend(line.text for line in cell.lines)
                for nested in cell.tables:
                    table_lines(nested)

    for block in document.blocks:
        if isinstance(block, Paragraph):
            out.append(block.line.text)
        else:
            table_lines(block)
    return out

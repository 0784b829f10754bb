"""From a raw answer to a value in FORMS.md's conventions (§2.3), with the issues it raises.

Each kind of field has one reader. A reader returns the value (None when blank, not known or
rejected) and whether anything was written at all, so that a blank field can be reported as
missing while a referrer's "N/A" is taken as an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from parsers.answers import AMBIGUOUS, UNTICKED, read_ints, read_pair, read_yes_no
from parsers.dates import read_date
from parsers.document import Line, Run
from parsers.fields import Field, Kind
from parsers.identifiers import (
    IdReading,
    read_crn,
    read_cro,
    read_nino,
    read_pnc,
    read_postcode,
    read_prison_number,
)
from parsers.issues import Issues, quote
from parsers.locate import Answer
from parsers.text import clean_text, is_not_known, split_items, split_names

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
BOXED = re.compile(r"([☒☐☑✓✔■□✗✘]|\[\s*[xX]?\s*\])\s*(yes|no|y|n)\b|\b(yes|no)\s*([☒☐☑✓✔■□])", re.I)
TICKS = set("☒☑✓✔■✗✘xX")
DATE_MESSAGES = {
    "date_unreadable": "The {name} {text} is not a date that can be read.",
    "date_incomplete": "The {name} {text} is missing its day or its year.",
    "date_ambiguous": "The {name} {text} gives more than one date.",
    "date_with_note": "The {name} {text} has words beside the date.",
}
DATE_SEVERITY = {"date_with_note": "info"}
ID_MESSAGES = {
    "pnc_invalid": "The {name} {text} is not a valid PNC number.",
    "pnc_check_letter": "The {name} {text} has the wrong check letter for a PNC number.",
    "cro_invalid": "The {name} {text} is not a valid CRO number.",
    "cro_check_letter": "The {name} {text} has the wrong check letter for a CRO number.",
    "nino_invalid": "The {name} {text} is not a valid National Insurance number.",
    "nino_suffix_missing": "The {name} {text} is missing its final letter.",
    "crn_invalid": "The {name} {text} is not a valid nDelius case reference number (CRN).",
    "prison_number_not_nomis": "The {name} {text} is not a NOMIS number; it is kept as written.",
    "postcode_invalid": "The {name} {text} is not a valid UK postcode.",
}
ID_SEVERITY = {
    "nino_suffix_missing": "warning",
    "prison_number_not_nomis": "info",
    "postcode_invalid": "warning",
}


@dataclass
class Reading:
    value: object = None
    written: bool = False  # something was written, a not-known marker included


class Interpreter:
    """Reads answers for one document, collecting issues as it goes."""

    def __init__(self, issues: Issues, today: date) -> None:
        self.issues = issues
        self.today = today

    def read(self, answer: Answer | None, field: Field) -> Reading:
        if answer is None or not answer.text.strip():
            return Reading()
        reader = getattr(self, "read_" + field.kind.name.lower(), None)
        text = clean_text(answer.text)
        if text is None and field.kind not in (Kind.YES_NO, Kind.ENUM):
            return Reading()
        if text is not None and is_not_known(text):
            return Reading(written=True)
        if reader is None:
            return Reading(text, True)
        return reader(answer, field, text)

    def read_text(self, answer: Answer, field: Field, text: str) -> Reading:
        return Reading(text, True)

    def read_text_list(self, answer: Answer, field: Field, text: str) -> Reading:
        return Reading(split_items(text) or None, True)

    def read_name_list(self, answer: Answer, field: Field, text: str) -> Reading:
        return Reading(split_names(text) or None, True)

    def read_date(self, answer: Answer, field: Field, text: str, of_birth: bool = False) -> Reading:
        reading = read_date(text, self.today, of_birth=of_birth or field.key.endswith("dob"))
        if reading.code:
            message = DATE_MESSAGES[reading.code].format(name=field.name, text=quote(text))
            self.issues.add(
                field.key, DATE_SEVERITY.get(reading.code, "error"), reading.code, message
            )
        return Reading(reading.value, True)

    def read_yes_no(self, answer: Answer, field: Field, text: str | None) -> Reading:
        choice = choose(answer.lines, ("yes", "no")) if answer.lines else None
        if choice is UNTICKED:
            return Reading()
        if choice is None:
            return Reading(None, bool(text))
        if choice is AMBIGUOUS:
            self.ambiguous(field, answer.text)
            return Reading(None, True)
        return Reading(choice == "yes", True)

    def read_enum(self, answer: Answer, field: Field, text: str | None) -> Reading:
        choice = choose(answer.lines, field.options)
        if choice is UNTICKED:
            return Reading()
        if choice is AMBIGUOUS:
            self.ambiguous(field, answer.text)
            return Reading(None, True)
        return Reading(choice, choice is not None or bool(text))

    def read_int(self, answer: Answer, field: Field, text: str) -> Reading:
        numbers = read_ints(text)
        return Reading(numbers[0] if len(numbers) == 1 else None, True)

    def read_email(self, answer: Answer, field: Field, text: str) -> Reading:
        value = re.sub(r"^mailto:", "", text.strip(), flags=re.I).strip()
        if not EMAIL.match(value):
            self.issues.add(
                field.key,
                "warning",
                "email_invalid",
                f"The {field.name} {quote(value)} is not an e-mail address.",
            )
        return Reading(value, True)

    def read_postcode(self, answer: Answer, field: Field, text: str) -> Reading:
        return self.identifier(field, read_postcode(text))

    def read_pnc(self, answer: Answer, field: Field, text: str) -> Reading:
        return self.identifier(field, read_pnc(text, self.today))

    def read_cro(self, answer: Answer, field: Field, text: str) -> Reading:
        return self.identifier(field, read_cro(text))

    def read_crn(self, answer: Answer, field: Field, text: str) -> Reading:
        return self.identifier(field, read_crn(text))

    def read_nino(self, answer: Answer, field: Field, text: str) -> Reading:
        return self.identifier(field, read_nino(text))

    def read_prison_number(self, answer: Answer, field: Field, text: str) -> Reading:
        return self.identifier(field, read_prison_number(text))

    def identifier(self, field: Field, reading: IdReading, key: str | None = None) -> Reading:
        if reading.code:
            message = ID_MESSAGES[reading.code].format(name=field.name, text=quote(reading.written))
            severity = ID_SEVERITY.get(reading.code, "error")
            self.issues.add(key or field.key, severity, reading.code, message)
        return Reading(reading.value, True)

    def ambiguous(self, field: Field, text: str) -> None:
        self.issues.add(
            field.key,
            "warning",
            "choice_ambiguous",
            f"The answer to {field.name} {quote(text)} cannot be told: "
            "please check which option the referrer meant.",
        )


def choose(lines: list[Line], options: tuple[str, ...]) -> object:
    """A one-of answer: ticked boxes beside the options, a printed pair, or typed words."""
    joined = " ".join(line.text for line in lines)
    boxed = boxed_choice(joined, options)
    if boxed is not None:
        return boxed
    if options == ("yes", "no"):
        for pair in (("yes", "no"), ("y", "n")):
            choice = read_pair(merge(lines), pair)
            if choice is not AMBIGUOUS or re.search(
                r"\b" + pair[0] + r"\s*/\s*" + pair[1], joined, re.I
            ):
                return None if choice is None else {"y": "yes", "n": "no"}.get(choice, choice)
        written = read_yes_no(joined)
        return written if written is AMBIGUOUS or written is None else ("yes" if written else "no")
    return read_pair(merge(lines), options)


def boxed_choice(text: str, options: tuple[str, ...]) -> object:
    """Separate boxes per option ("☒ Yes ☐ No"): the ticked one; both ticked is ambiguous,
    neither is blank (FORMS.md §6); None when the options have no boxes."""
    found = {}
    for m in BOXED.finditer(text):
        word = (m[2] or m[3]).lower()
        box = m[1] or m[4]
        word = {"y": "yes", "n": "no"}.get(word, word)
        if word in options:
            found[word] = box.strip("[] ") in TICKS or box in TICKS
    if len(found) < 2:
        return None
    ticked = [word for word, on in found.items() if on]
    if len(ticked) == 1:
        return ticked[0]
    return AMBIGUOUS if ticked else UNTICKED


def merge(lines: list[Line]) -> Line:
    runs: list[Run] = []
    for index, line in enumerate(lines):
        if index:
            runs.append(Run("\n"))
        runs.extend(line.runs)
    return Line(tuple(runs))

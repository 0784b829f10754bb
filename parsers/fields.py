"""How a form's fields are described: one table per form, read by one engine (FORMS.md §3).

A field names its canonical key, the labels it is printed with (then the other wordings to
accept), what kind of value it holds, whether a referrer must fill it, and the sections of the
form it may sit in, for the labels that a form prints twice ("Address:", "Postcode:").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    TEXT = "text"
    TEXT_LIST = "text list"
    NAME_LIST = "name list"
    DATE = "date"
    YES_NO = "yes/no"
    INT = "int"
    ENUM = "enum"  # one of `options`, answered as a printed pair or typed
    EMAIL = "e-mail"
    POSTCODE = "postcode"
    PNC = "pnc"
    CRO = "cro"
    CRN = "crn"
    NINO = "nino"
    PRISON_NUMBER = "prison number"
    SHARED_IDS = "shared identifiers"  # a cell that may hold several identifiers (§3.1)
    RAW = "raw"  # read by the form's own rules (tick grids, category lines, dates tables)


class Need(Enum):
    REQUIRED = "required"  # blank → error missing_required
    EXPECTED = "expected"  # blank → warning missing_expected
    OPTIONAL = "optional"


@dataclass(frozen=True)
class Field:
    key: str  # dotted canonical key, or an internal name starting with "_" (not in the record)
    labels: tuple[str, ...]  # as printed first, then the other wordings to accept
    kind: Kind = Kind.TEXT
    need: Need = Need.OPTIONAL
    sections: tuple[str, ...] = ()  # where the label counts; () = anywhere in the form
    options: tuple[str, ...] = ()  # enum values, in printed order
    title: str = ""  # the field's name for a SPOC, when the first label will not do
    under: str | None = None  # a label printed several times: the key of the label above it
    then: str | None = None  # in a table, the key of the field in the cell after the value
    strict: bool = False  # a label so common ("Date") that it counts only in its sections

    @property
    def part(self) -> str:
        """Appendix C's keys belong to the checklist part of a Form G document."""
        return "checklist" if self.key.startswith(("checklist.", "_checklist")) else ""

    @property
    def name(self) -> str:
        """The field as a SPOC knows it, for messages: the printed label without its colon."""
        return self.title or self.labels[0].rstrip(" :")


@dataclass(frozen=True)
class Section:
    name: str
    headings: tuple[str, ...]  # printed headings that open the section
    part: str = ""  # "checklist" for Appendix C; "" for the form itself
    collects: str | None = None  # unknown "label: value" pairs here are items of this key


@dataclass(frozen=True)
class FormSpec:
    """One form: its fields and sections, in printed order."""

    form: str
    fields: tuple[Field, ...]
    sections: tuple[Section, ...] = ()
    printed: tuple[str, ...] = ()  # printed guidance that is never an answer
    ignored: tuple[str, ...] = ()  # whole cells that are never answers (completing agencies)

    def field(self, key: str) -> Field:
        found = self.find(key)
        if found is None:
            raise KeyError(f"{self.form} has no field {key!r}")
        return found

    def find(self, key: str) -> Field | None:
        """The field printed for a key, or None for keys the rules compute."""
        return next((field for field in self.fields if field.key == key), None)

"""A stored record as the SPOC reads and corrects it: one row per canonical key, in the form's
printed order, with its label, value, where it was found and its issues; and the checked
change of one key's value (the record model decides what a value may be).

Pure: records, issues and provenance in, values out.
"""

from __future__ import annotations

import copy
import re
import typing
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from pydantic import ValidationError

from parsers.fields import Need
from parsers.forms import FORMS
from parsers.records import key_types, record_model

UK_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
SIMPLE = (str, int, bool, date)


@dataclass(frozen=True)
class FieldRow:
    key: str
    label: str
    value: Any
    shown: str  # the value as text, "" when blank
    provenance: str | None
    issues: list[dict[str, Any]] = field(default_factory=list)
    editable: bool = False
    required: bool = False


class EditRefused(ValueError):
    """A new value the record cannot hold; the message says what to enter instead."""


def readable(key: str) -> str:
    """ "offender.current_postcode" as "Offender: current postcode"."""
    parts = [part.replace("_", " ") for part in key.split(".")]
    head, rest = parts[0].capitalize(), " ".join(parts[1:])
    return f"{head}: {rest}" if rest else head


def labels(form: str) -> dict[str, str]:
    """Each key's name as the printed form gives it, else the key made readable."""
    named = {f.key: f.name for f in FORMS[form].spec.fields if not f.key.startswith("_")}
    return {key: named.get(key) or readable(key) for key in key_types_of(form)}


def key_types_of(form: str) -> dict[str, Any]:
    plan = FORMS[form]
    return key_types(plan.spec, plan.computed)


def required_keys(form: str) -> list[str]:
    return [f.key for f in FORMS[form].spec.fields if f.need is Need.REQUIRED]


def value_at(record: dict[str, Any] | None, key: str) -> Any:
    value: Any = record or {}
    for part in key.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def shown(value: Any) -> str:
    if value is None or value == [] or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return "\n".join(shown(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{shown(v)}" for v in value.values() if v not in (None, ""))
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return f"{value[8:10]}/{value[5:7]}/{value[0:4]}"
    return str(value)


def is_simple(kind: Any) -> bool:
    """Keys a SPOC can retype in one box: text, numbers, yes/no, dates, choices, text lists."""
    if kind in SIMPLE or typing.get_origin(kind) is Literal:
        return True
    return typing.get_origin(kind) is list and typing.get_args(kind)[0] is str


def field_rows(
    form: str,
    record: dict[str, Any] | None,
    provenance: dict[str, str] | None,
    issues: list[dict[str, Any]] | None,
) -> list[FieldRow]:
    """Every key of the form, in printed order, with what the parser said about it."""
    names, kinds, needed = labels(form), key_types_of(form), set(required_keys(form))
    by_field: dict[str, list[dict[str, Any]]] = {}
    for issue in issues or []:
        by_field.setdefault(issue.get("field") or "", []).append(issue)
    rows = []
    for key, kind in kinds.items():
        value = value_at(record, key)
        rows.append(
            FieldRow(
                key,
                names[key],
                value,
                shown(value),
                (provenance or {}).get(key),
                by_field.get(key, []),
                is_simple(kind),
                key in needed,
            )
        )
    return rows


def other_issues(form: str | None, issues: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Issues about no key of the record (the document, a missing checklist)."""
    keys = set(key_types_of(form)) if form in FORMS else set()
    return [issue for issue in issues or [] if issue.get("field") not in keys]


def edited_record(form: str, record: dict[str, Any], key: str, text: str) -> tuple[Any, Any, dict]:
    """(old value, new value, new record) with `key` set from what the SPOC typed."""
    kinds = key_types_of(form)
    if key not in kinds or not is_simple(kinds[key]):
        raise EditRefused("Choose a field that can be corrected here")
    new = typed_input(kinds[key], text)
    changed = copy.deepcopy(record)
    place = changed
    *groups, last = key.split(".")
    for part in groups:
        if not isinstance(place.get(part), dict):
            place[part] = {}
        place = place[part]
    place[last] = new
    try:
        checked = record_model(form).model_validate(changed).model_dump(mode="json")
    except ValidationError as exc:
        raise EditRefused(hint(kinds[key])) from exc
    return value_at(record, key), value_at(checked, key), checked


def typed_input(kind: Any, text: str) -> Any:
    """What the SPOC typed, as the record model expects to read it; blank is null."""
    text = text.strip()
    if not text:
        return None
    if typing.get_origin(kind) is list:
        return [line.strip() for line in text.splitlines() if line.strip()]
    if kind is date:
        found = UK_DATE.match(text)
        return f"{found[3]}-{int(found[2]):02d}-{int(found[1]):02d}" if found else text
    if kind is bool:
        answer = text.lower()
        if answer in ("yes", "y", "true"):
            return True
        if answer in ("no", "n", "false"):
            return False
    return text


def hint(kind: Any) -> str:
    if kind is date:
        return "Enter a real date, for example 27/03/2024"
    if kind is bool:
        return "Enter yes or no"
    if kind is int:
        return "Enter a whole number"
    if typing.get_origin(kind) is Literal:
        return "Enter one of: " + ", ".join(str(a) for a in typing.get_args(kind))
    return "Enter a value this field can hold"


def blank_required(form: str, record: dict[str, Any] | None) -> list[str]:
    """Required keys the record leaves blank."""
    return [key for key in required_keys(form) if shown(value_at(record, key)) == ""]

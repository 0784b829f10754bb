"""The pydantic records, built from each form's field table so keys are written once only.

A record holds exactly the canonical keys of its form (FORMS.md §2.2): every group is an object,
every value defaults to null, and no other key is accepted.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from parsers.fields import FormSpec, Kind

KIND_TYPES: dict[Kind, Any] = {
    Kind.TEXT: str,
    Kind.TEXT_LIST: list[str],
    Kind.NAME_LIST: list[str],
    Kind.DATE: date,
    Kind.YES_NO: bool,
    Kind.INT: int,
    Kind.EMAIL: str,
    Kind.POSTCODE: str,
    Kind.PNC: str,
    Kind.CRO: str,
    Kind.CRN: str,
    Kind.NINO: str,
    Kind.PRISON_NUMBER: str,
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OtherIdentifier(Strict):
    type: str | None
    value: str


class ExtraSection(Strict):
    heading: str | None
    text: str


class DatedEvent(Strict):
    label: str
    date: date | None


def key_types(spec: FormSpec, computed: dict[str, Any]) -> dict[str, Any]:
    """Every record key of a form with its type: from the fields, then the computed keys."""
    types: dict[str, Any] = {}
    for spec_field in spec.fields:
        key, kind = spec_field.key, spec_field.kind
        if key.startswith("_") or kind is Kind.RAW:
            continue
        if kind is Kind.SHARED_IDS:
            types[key] = list[OtherIdentifier]
        elif kind is Kind.ENUM:
            types[key] = Literal[spec_field.options]  # type: ignore[valid-type]
        else:
            types[key] = KIND_TYPES[kind]
    types.update(computed)
    types["extra_sections"] = list[ExtraSection]
    return types


def build_model(name: str, types: dict[str, Any], nullable_groups: frozenset[str]) -> type[Strict]:
    """A nested model from dotted keys: "offender.dob" makes a group `offender` with `dob`."""
    groups: dict[str, dict[str, Any]] = {}
    fields: dict[str, Any] = {}
    for key, kind in types.items():
        head, _, rest = key.partition(".")
        if rest:
            groups.setdefault(head, {})[rest] = kind
        else:
            fields[head] = (kind | None, None)
    for head, inner in groups.items():
        model = build_model(name + head.title().replace("_", ""), inner, frozenset())
        if head in nullable_groups:
            fields[head] = (model | None, None)
        else:
            fields[head] = (model, Field(default_factory=model))
    return create_model(name, __base__=Strict, **fields)


@cache
def record_model(form: str) -> type[Strict]:
    from parsers.forms import FORMS

    plan = FORMS[form]
    types = key_types(plan.spec, plan.computed)
    return build_model(plan.model_name, types, plan.nullable_groups)


def empty_record(form: str) -> dict[str, Any]:
    return record_model(form)().model_dump(mode="json")

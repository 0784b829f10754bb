"""The three forms: each one's field table, computed keys and own rules, in one registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from parsers.draft import Context
from parsers.fields import FormSpec
from parsers.forms import checklist, form_g, form_g_rules, mappa_a, mappa_a_rules, pdp, pdp_rules
from parsers.records import DatedEvent


@dataclass(frozen=True)
class FormPlan:
    spec: FormSpec
    computed: dict[str, Any]  # record keys the form's rules compute, with their types
    finish: Callable[[Context], None]
    model_name: str
    nullable_groups: frozenset[str] = frozenset()


OUTCOME = Literal[tuple(outcome for outcome, _ in checklist.OUTCOMES)]  # type: ignore[valid-type]
PROVIDER = Literal[(*(k for k, _ in pdp.PROVIDERS), "voluntary_sector")]  # type: ignore[valid-type]
POWER = Literal[tuple(k for k, *_ in pdp.POWERS)]  # type: ignore[valid-type]

FORMS: dict[str, FormPlan] = {
    "form_g": FormPlan(
        FormSpec(
            "form_g",
            form_g.FIELDS + checklist.FIELDS,
            form_g.SECTIONS + checklist.SECTIONS,
            printed=form_g.PRINTED + checklist.PRINTED,
        ),
        {
            "category": int,
            "sentence.type": Literal["transfer", "hospital_order"],
            "checklist.order.time_limited": bool,
            "checklist.order.expiry": date,
            "checklist.category": int,
            "checklist.screening.outcomes": list[OUTCOME],
        },
        form_g_rules.finish,
        "FormGRecord",
        frozenset({"checklist"}),
    ),
    "mappa_a": FormPlan(
        FormSpec(
            "mappa_a",
            mappa_a.FIELDS,
            mappa_a.SECTIONS,
            printed=mappa_a.PRINTED,
            ignored=mappa_a.IGNORED,
        ),
        {"level_referred": int, "category": int, "dates": list[DatedEvent]},
        mappa_a_rules.finish,
        "MappaARecord",
    ),
    "pdp": FormPlan(
        FormSpec("pdp", pdp.FIELDS, pdp.SECTIONS, printed=pdp.PRINTED),
        {
            "information_provider": list[PROVIDER],
            "information_provider_other": str,
            "offender.current_postcode": str,
            "risk.present_likelihood": bool,
            "risk.present_likelihood_details": str,
            "disclosure_powers": list[POWER],
        },
        pdp_rules.finish,
        "PdpRecord",
    ),
}

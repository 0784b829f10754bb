"""Record → proposed route: each form by its own rules (FORMS.md §7, in order of precedence).

A record that cannot be placed, or whose parts disagree, is held for the SPOC with the reason;
routing never guesses.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from routing.directory import Directory
from routing.form_g import route_form_g
from routing.mappa_a import route_mappa_a
from routing.pdp import route_pdp
from routing.route import Route, as_record

RULES = {"mappa_a": route_mappa_a, "form_g": route_form_g, "pdp": route_pdp}


def route_record(
    form: str, record: dict[str, Any] | BaseModel, sender: str | None, directory: Directory
) -> Route:
    """The proposed route of one parsed record; `sender` is the e-mail's From address."""
    rules = RULES.get(form)
    if rules is None or record is None:
        return Route(
            form=form, routed=False, reason="Not a MAPPA A, Form G or PDP: nothing to route."
        )
    return rules(as_record(form, record), sender, directory)

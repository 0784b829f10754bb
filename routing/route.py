"""A proposed route, and the steps every form's rules share: reading the record, placing a
postcode, choosing the SPOC."""

from __future__ import annotations

from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict

from parsers.records import record_model
from routing.directory import Directory, Place
from routing.postcodes import prefixes


class Route(BaseModel):
    model_config = ConfigDict(frozen=True)

    form: str
    routed: bool  # False: held for the SPOC, who reads `reason` and `conflicts`
    area: str | None = None
    locality: str | None = None
    recipients: tuple[str, ...] = ()  # where the form goes once the SPOC accepts it
    spoc: str | None = None  # the organisation whose SPOC screens it
    spoc_mailbox: str | None = None
    reason: str
    conflicts: tuple[str, ...] = ()


def as_record(form: str, record: dict[str, Any] | BaseModel) -> Any:
    """The parsers' typed record, from a stored JSON record or the model itself."""
    if isinstance(record, BaseModel):
        return record
    return record_model(form).model_validate(record)


def place_text(place: Place) -> str:
    return f"{place.locality} ({place.area})"


def choose_spoc(
    directory: Directory, sender: str | None, *names: str | None
) -> tuple[str | None, str]:
    """The organisation whose SPOC screens the record: the sender's, else one named on the form."""
    by_sender = directory.organisation_of_sender(sender)
    if by_sender:
        return by_sender, f"SPOC: {by_sender} (the sender's organisation)."
    for name in names:
        org = directory.organisation_named(name) if name else None
        if org:
            return org, f"SPOC: {org} (named on the form as '{name}')."
    return None, "SPOC: not recognised from the sender or the form; the receiving SPOC decides."


def place_postcode(directory: Directory, postcode: str, what: str) -> tuple[Place | None, str]:
    """The locality of a postcode, with the sentence a SPOC reads either way."""
    place = directory.place_of_postcode(postcode)
    if place:
        return place, f"The {what} {postcode} lies in {place_text(place)}."
    if not prefixes(postcode):
        return None, f"The {what} {postcode!r} is not a postcode."
    return None, f"The {what} {postcode} lies in no locality this service routes for."


class Decision(NamedTuple):
    """What a form's rules found: `recipient` None means held for the SPOC."""

    said: list[str]
    area: str | None = None
    place: Place | None = None
    recipient: str | None = None
    conflicts: tuple[str, ...] = ()


def build_route(
    form: str, decision: Decision, spoc: tuple[str | None, str], directory: Directory
) -> Route:
    organisation, spoc_said = spoc
    return Route(
        form=form,
        routed=decision.recipient is not None,
        area=decision.area or (decision.place.area if decision.place else None),
        locality=decision.place.locality if decision.place else None,
        recipients=(decision.recipient,) if decision.recipient else (),
        spoc=organisation,
        spoc_mailbox=directory.deployment.organisations[organisation].spoc
        if organisation
        else None,
        reason=" ".join([*decision.said, spoc_said]),
        conflicts=decision.conflicts,
    )

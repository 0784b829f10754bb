"""Form G: the offender's postcode, then the notifier's postcode (the hospital or team), then a
hospital the form names, then the notifier's Trust if it serves one locality. The notification
goes to that locality's MAPPA administrator."""

from __future__ import annotations

from typing import Any

from routing.directory import Directory, Place
from routing.route import Decision, Route, build_route, choose_spoc, place_postcode, place_text

IN_HOSPITAL = "The patient is in hospital: the current address may be the hospital's."


def route_form_g(record: Any, sender: str | None, directory: Directory) -> Route:
    spoc = choose_spoc(directory, sender, record.notifier.organisation)
    decision = decide(record, directory)
    if record.current_status == "hospital":
        decision = decision._replace(said=[*decision.said, IN_HOSPITAL])
    return build_route("form_g", decision, spoc, directory)


def decide(record: Any, directory: Directory) -> Decision:
    offender, notifier = record.offender, record.notifier
    for postcode, what in (
        (offender.current_postcode, "offender's postcode"),
        (notifier.postcode, "notifier's postcode"),
    ):
        if postcode:
            place, said = place_postcode(directory, postcode, what)
            return _to_locality([said], place, directory)
    hospital = directory.hospital_in(
        notifier.organisation, notifier.address, offender.current_address
    )
    if hospital:
        name, place = hospital
        return _to_locality([f"No postcode; {name} is in {place_text(place)}."], place, directory)
    return _by_trust(notifier.organisation, directory)


def _by_trust(organisation: str | None, directory: Directory) -> Decision:
    said = ["The form gives no postcode and names no known hospital."]
    org_name = directory.organisation_named(organisation) if organisation else None
    if org_name is None:
        return Decision(said)
    org = directory.deployment.organisations[org_name]
    if org.locality is None:
        said.append(f"{org_name} serves several localities of {org.area}.")
        return Decision(said, org.area)
    place = Place(org.area, org.locality)
    said.append(f"{org_name} serves {org.locality} ({org.area}).")
    return _to_locality(said, place, directory)


def _to_locality(said: list[str], place: Place | None, directory: Directory) -> Decision:
    if place is None:
        return Decision(said)
    locality = directory.deployment.areas[place.area].localities[place.locality]
    said.append(f"To the {place.locality} MAPPA administrator.")
    return Decision(said, place.area, place, locality.administrator)

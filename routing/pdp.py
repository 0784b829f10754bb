"""PDP: one destination, the police public protection unit, after screening by the SPOC of the
sender's organisation or of the one information provider ticked. The person's locality is shown
for information only."""

from __future__ import annotations

from typing import Any

from routing.directory import Directory
from routing.route import Decision, Route, build_route, choose_spoc, place_postcode


def route_pdp(record: Any, sender: str | None, directory: Directory) -> Route:
    destination = directory.deployment.pdp
    said = [f"Every PDP goes to the {destination.name}."]
    place = None
    if record.offender.current_postcode:
        place, where = place_postcode(
            directory, record.offender.current_postcode, "person's postcode"
        )
        said.append(where.removesuffix(".") + " (for information only).")
    spoc = choose_spoc(directory, sender)
    if spoc[0] is None:
        spoc = _provider_spoc(record.information_provider or [], directory) or spoc
    return build_route("pdp", Decision(said, None, place, destination.mailbox), spoc, directory)


def _provider_spoc(providers: list[str], directory: Directory) -> tuple[str, str] | None:
    """The SPOC of the one information provider ticked (several ticked: the SPOC decides)."""
    if len(providers) != 1:
        return None
    organisation = directory.organisation_of_provider(providers[0])
    if organisation is None:
        return None
    return organisation, f"SPOC: {organisation} (the information provider ticked)."

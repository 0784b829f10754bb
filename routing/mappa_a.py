"""MAPPA A: the area named on the form; level 3 to the area's level 3 administrator, level 2 to
the locality of the proposed release (or discharge) postcode, else the current postcode, else,
with no fixed abode, the locality of closest links."""

from __future__ import annotations

from typing import Any, NamedTuple

from routing.directory import Directory, Place
from routing.postcodes import prefixes
from routing.route import Decision, Route, build_route, choose_spoc, place_postcode, place_text


class Whereabouts(NamedTuple):
    place: Place | None
    said: str  # the sentence a SPOC reads
    given: bool  # the form gave something to place the offender by


def route_mappa_a(record: Any, sender: str | None, directory: Directory) -> Route:
    spoc = choose_spoc(directory, sender, record.referrer.agency)
    return build_route("mappa_a", decide(record, directory), spoc, directory)


def decide(record: Any, directory: Directory) -> Decision:
    named = record.mappa_area
    area = directory.area_named(named) if named else None
    named_place = directory.place_named(named) if named and area is None else None
    if named_place:  # referrers often write their locality ("Plymouth") as the area
        area = named_place.area
    elif named and area is None:
        return Decision([f"The form names the MAPPA area '{named}', which is not configured here."])
    where = locate(record.offender, directory)
    place = where.place
    if area and place and place.area != area:
        conflict = f"The form names {area}, but the offender is placed in {place_text(place)}."
        return Decision([conflict, where.said], conflicts=(conflict,))
    if named_place:
        said = [f"MAPPA area {area}: the form names its locality {named_place.locality}."]
    else:
        said = [f"MAPPA area {area} (named on the form)." if area else "No MAPPA area on the form."]
    said.append(where.said)
    area = area or (place.area if place else None)
    if area is None or (where.given and place is None):
        return Decision(said, area, place)
    if record.level_referred == 3:
        said.append("Level 3: to the area's level 3 administrator.")
        return Decision(said, area, place, directory.deployment.areas[area].level3_administrator)
    if record.level_referred != 2:
        return Decision([*said, "The level being referred to (2 or 3) is not given."], area, place)
    if place is None:
        return Decision([*said, "Level 2 needs the locality."], area, place)
    said.append(f"Level 2: to the {place.locality} MAPPA administrator.")
    locality = directory.deployment.areas[area].localities[place.locality]
    return Decision(said, area, place, locality.administrator)


def locate(offender: Any, directory: Directory) -> Whereabouts:
    """Where the offender will be: the first of FORMS.md §7's keys that the form gives."""
    if offender.proposed_release_postcode:
        postcode = offender.proposed_release_postcode
        return Whereabouts(*place_postcode(directory, postcode, "proposed release postcode"), True)
    if offender.current_postcode:
        postcode = offender.current_postcode
        return Whereabouts(*place_postcode(directory, postcode, "current postcode"), True)
    if offender.nfa and offender.closest_link_area:
        return closest_links(offender.closest_link_area, directory)
    if offender.nfa:
        return Whereabouts(None, "No fixed abode, and no area of closest links is given.", True)
    return Whereabouts(None, "The form gives no release or current postcode.", False)


def closest_links(text: str, directory: Directory) -> Whereabouts:
    if prefixes(text):
        place, said = place_postcode(directory, text, "postcode of closest links")
        return Whereabouts(place, f"No fixed abode. {said}", True)
    place = directory.place_named(text)
    if place:
        return Whereabouts(place, f"No fixed abode; closest links with {place_text(place)}.", True)
    return Whereabouts(
        None, f"No fixed abode; the area of closest links, '{text}', is not one locality.", True
    )

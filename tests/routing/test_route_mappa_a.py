"""MAPPA A routing: every rule of precedence, and every disagreement held for the SPOC."""

from __future__ import annotations

import pytest

from routing.router import route_record


def mappa_a(area="Devon and Cornwall", level=2, agency=None, **offender):
    return {
        "mappa_area": area,
        "level_referred": level,
        "referrer": {"agency": agency},
        "offender": offender,
    }


def test_level_2_goes_to_the_locality_of_the_proposed_release_postcode(directory):
    record = mappa_a(current_postcode="TR1 3XQ", proposed_release_postcode="PL4 7LD")
    route = route_record("mappa_a", record, None, directory)
    assert route.routed and route.recipients == ("plymouth@dc.justice.test",)
    assert (route.area, route.locality) == ("Devon and Cornwall", "Plymouth")
    assert "proposed release postcode PL4 7LD lies in Plymouth" in route.reason


def test_without_a_release_postcode_the_current_postcode_decides(directory):
    route = route_record("mappa_a", mappa_a(current_postcode="TR1 3XQ"), None, directory)
    assert route.recipients == ("west-cornwall@dc.justice.test",)
    assert "current postcode TR1 3XQ" in route.reason


@pytest.mark.parametrize(
    ("closest", "administrator"),
    [("Caradon", "east-cornwall@dc.justice.test"), ("tr18 4aa", "west-cornwall@dc.justice.test")],
)
def test_no_fixed_abode_goes_to_the_locality_of_closest_links(directory, closest, administrator):
    route = route_record("mappa_a", mappa_a(nfa=True, closest_link_area=closest), None, directory)
    assert route.routed and route.recipients == (administrator,)
    assert route.reason.startswith(
        "MAPPA area Devon and Cornwall (named on the form). No fixed abode"
    )


@pytest.mark.parametrize(
    ("closest", "why"),
    [
        (None, "No fixed abode, and no area of closest links is given."),
        ("Devon", "No fixed abode; the area of closest links, 'Devon', is not one locality."),
    ],
)
def test_no_fixed_abode_without_a_known_locality_is_held(directory, closest, why):
    route = route_record("mappa_a", mappa_a(nfa=True, closest_link_area=closest), None, directory)
    assert not route.routed and route.recipients == ()
    assert why in route.reason


def test_level_3_goes_to_the_areas_level_3_administrator_wherever_the_offender_lives(directory):
    with_postcode = route_record(
        "mappa_a", mappa_a(level=3, current_postcode="TR1 3XQ"), None, directory
    )
    without = route_record("mappa_a", mappa_a(level=3), None, directory)
    for route in (with_postcode, without):
        assert route.routed and route.recipients == ("level3@dc.police.test",)
        assert "Level 3: to the area's level 3 administrator." in route.reason
    assert with_postcode.locality == "West Cornwall" and without.locality is None


@pytest.mark.parametrize("written", ["D&C", "Devon & Cornwall MAPPA", "devon and cornwall area"])
def test_the_area_may_be_written_as_an_alias_or_with_filler_words(directory, written):
    route = route_record(
        "mappa_a", mappa_a(area=written, current_postcode="PL1 2EJ"), None, directory
    )
    assert route.area == "Devon and Cornwall" and route.routed


def test_an_area_that_disagrees_with_the_postcode_is_a_conflict_for_the_spoc(directory):
    route = route_record(
        "mappa_a", mappa_a(area="Dorset", current_postcode="PL4 7LD"), None, directory
    )
    assert not route.routed and route.recipients == ()
    assert (route.area, route.locality) == (None, None)  # never a guess between the two
    assert route.conflicts == (
        "The form names Dorset, but the offender is placed in Plymouth (Devon and Cornwall).",
    )


def test_an_area_this_service_does_not_serve_is_held(directory):
    route = route_record(
        "mappa_a", mappa_a(area="Cheshire", current_postcode="PL4 7LD"), None, directory
    )
    assert not route.routed
    assert "The form names the MAPPA area 'Cheshire', which is not configured here." in route.reason


def test_a_release_postcode_outside_every_locality_is_held_not_routed_by_the_current_one(directory):
    record = mappa_a(current_postcode="PL4 7LD", proposed_release_postcode="M1 1AE")
    route = route_record("mappa_a", record, None, directory)
    assert not route.routed
    assert (
        "The proposed release postcode M1 1AE lies in no locality this service routes for."
        in route.reason
    )


@pytest.mark.parametrize(
    ("postcode", "locality"),
    [("PL18 9AB", "East Cornwall"), ("PL18 6AB", "South Devon"), ("PL15 7AB", "East Cornwall")],
)
def test_postcodes_match_the_most_specific_prefix(directory, postcode, locality):
    # config: sector "PL18 9" in East Cornwall, district "PL18" in South Devon, "PL1" in Plymouth
    route = route_record("mappa_a", mappa_a(current_postcode=postcode), None, directory)
    assert route.locality == locality


def test_a_missing_level_is_held_with_the_locality_found(directory):
    route = route_record(
        "mappa_a", mappa_a(level=None, current_postcode="PL4 7LD"), None, directory
    )
    assert not route.routed and route.locality == "Plymouth"
    assert "The level being referred to (2 or 3) is not given." in route.reason


def test_without_a_named_area_the_postcode_places_it(directory):
    route = route_record(
        "mappa_a", mappa_a(area=None, current_postcode="BH15 1AA"), None, directory
    )
    assert route.routed and route.area == "Dorset"
    assert route.recipients == ("bcp@dorset.justice.test",)
    assert route.reason.startswith("No MAPPA area on the form.")


def test_level_2_without_any_postcode_is_held(directory):
    route = route_record("mappa_a", mappa_a(), None, directory)
    assert not route.routed and route.area == "Devon and Cornwall"
    assert (
        "The form gives no release or current postcode. Level 2 needs the locality." in route.reason
    )


def test_the_senders_organisation_picks_the_spoc_before_the_referring_agency(directory):
    record = mappa_a(agency="DPT", current_postcode="PL4 7LD")
    by_sender = route_record("mappa_a", record, "nurse@ward.livewell.nhs.test", directory)
    assert (by_sender.spoc, by_sender.spoc_mailbox) == (
        "Livewell Southwest",
        "spoc@livewell.nhs.test",
    )
    by_agency = route_record("mappa_a", record, "someone@elsewhere.test", directory)
    assert by_agency.spoc == "Devon Partnership NHS Trust"
    assert "named on the form as 'DPT'" in by_agency.reason
    nobody = route_record("mappa_a", mappa_a(current_postcode="PL4 7LD"), None, directory)
    assert nobody.spoc is None and "the receiving SPOC decides" in nobody.reason


def test_a_record_that_is_not_a_form_is_not_routed(directory):
    route = route_record("unknown", None, None, directory)
    assert not route.routed and route.reason == "Not a MAPPA A, Form G or PDP: nothing to route."


def test_a_locality_written_as_the_area_names_its_area(directory):
    route = route_record(
        "mappa_a", mappa_a(area="Caradon", proposed_release_postcode="PL15 7AB"), None, directory
    )
    assert route.routed and route.area == "Devon and Cornwall"
    assert route.locality == "East Cornwall"
    assert "the form names its locality East Cornwall" in route.reason

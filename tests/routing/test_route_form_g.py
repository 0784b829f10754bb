"""Form G routing: the offender's postcode, the notifier's, a hospital, then the Trust."""

from __future__ import annotations

from routing.router import route_record


def form_g(offender_postcode=None, status=None, **notifier):
    return {
        "current_status": status,
        "offender": {"current_postcode": offender_postcode},
        "notifier": notifier,
    }


def test_the_offenders_postcode_decides_before_the_notifiers(directory):
    route = route_record("form_g", form_g("TR1 3XQ", postcode="PL4 7LD"), None, directory)
    assert route.routed and route.recipients == ("west-cornwall@dc.justice.test",)
    assert route.reason.startswith("The offender's postcode TR1 3XQ lies in West Cornwall")


def test_without_the_offenders_postcode_the_notifiers_postcode_decides(directory):
    route = route_record("form_g", form_g(postcode="BH1 1AA"), None, directory)
    assert route.recipients == ("bcp@dorset.justice.test",)
    assert route.area == "Dorset"


def test_an_offenders_postcode_outside_every_locality_is_held(directory):
    route = route_record("form_g", form_g("M1 1AE", postcode="PL4 7LD"), None, directory)
    assert not route.routed
    assert (
        "The offender's postcode M1 1AE lies in no locality this service routes for."
        in route.reason
    )


def test_a_named_hospital_places_a_form_without_postcodes(directory):
    record = form_g(address="Langdon Hospital\nDawlish", organisation="DPT")
    route = route_record("form_g", record, None, directory)
    assert route.routed and route.recipients == ("south-devon@dc.justice.test",)
    assert "Langdon Hospital is in South Devon (Devon and Cornwall)" in route.reason


def test_a_trust_that_serves_one_locality_places_it(directory):
    route = route_record("form_g", form_g(organisation="Livewell Southwest"), None, directory)
    assert route.routed and route.recipients == ("plymouth@dc.justice.test",)
    assert "Livewell Southwest serves Plymouth (Devon and Cornwall)." in route.reason


def test_a_trust_that_serves_several_localities_is_held_with_its_area(directory):
    route = route_record(
        "form_g", form_g(organisation="Devon Partnership NHS Trust"), None, directory
    )
    assert not route.routed and route.area == "Devon and Cornwall" and route.locality is None
    assert "serves several localities of Devon and Cornwall" in route.reason
    assert route.spoc == "Devon Partnership NHS Trust"


def test_a_form_with_nothing_to_place_it_by_is_held(directory):
    route = route_record("form_g", form_g(), None, directory)
    assert not route.routed
    assert "The form gives no postcode and names no known hospital." in route.reason


def test_an_in_patients_address_is_flagged_as_possibly_the_hospitals(directory):
    route = route_record("form_g", form_g("PL4 7LD", status="hospital"), None, directory)
    assert route.routed
    assert "The patient is in hospital: the current address may be the hospital's." in route.reason

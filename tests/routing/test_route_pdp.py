"""PDP routing: always the police public protection unit; its SPOC by sender or provider."""

from __future__ import annotations

from routing.router import route_record


def pdp(providers=None, postcode=None):
    return {"information_provider": providers, "offender": {"current_postcode": postcode}}


def test_every_pdp_goes_to_the_public_protection_unit(directory):
    route = route_record("pdp", pdp(postcode="BH15 1AA"), "x@dpt.nhs.test", directory)
    assert route.routed and route.recipients == ("ppu@dc.police.test",)
    assert route.spoc == "Devon Partnership NHS Trust"
    # the person's locality is shown, but it does not change the destination
    assert route.locality == "Bournemouth and Poole"
    assert "(for information only)" in route.reason


def test_the_one_information_provider_ticked_picks_the_spoc_when_the_sender_does_not(directory):
    route = route_record("pdp", pdp(["plymouth_pct"]), "someone@council.test", directory)
    assert (route.spoc, route.spoc_mailbox) == ("Livewell Southwest", "spoc@livewell.nhs.test")
    assert "the information provider ticked" in route.reason


def test_several_providers_leave_the_spoc_to_decide(directory):
    route = route_record(
        "pdp", pdp(["plymouth_pct", "devon_partnership_nhs_trust"]), None, directory
    )
    assert route.routed and route.spoc is None

"""A received form arrives in the queue with its subject, referrer, proposed route and due date."""

from __future__ import annotations

from sqlalchemy import select

from intake.schema import Stage, Submission
from tests.web.conftest import receive
from tests.web.mail import referral_email


def test_a_received_mappa_a_is_proposed_with_its_decision_deadline(service):
    raw, truth = referral_email("mappa_a", seed=3)
    receive(service, raw)
    with service.sessions() as session:
        item = session.scalars(select(Submission)).one()
    assert item.form == "mappa_a"
    assert item.stage == Stage.TRIAGE
    assert truth["offender.family_name"] in item.subject_name
    assert item.clock == "mappa_a_decision"
    assert item.due is not None and item.proposed_route["form"] == "mappa_a"
    assert truth["offender.family_name"].lower() in item.search_text


def test_an_untrusted_sender_lands_in_quarantine(service):
    raw, _ = referral_email("pdp", seed=4, sender="someone@mail.example")
    receive(service, raw)
    with service.sessions() as session:
        item = session.scalars(select(Submission)).one()
    assert item.stage == Stage.QUARANTINE
    assert item.quarantined

"""A received form arrives in the queue with its subject, referrer, proposed route and due date."""

from __future__ import annotations

from sqlalchemy import select

from intake.schema import OutboxMessage, Stage, Submission
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


def outbox_rows(service):
    with service.sessions() as session:
        return session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def test_a_trusted_referrer_is_acknowledged_once_with_the_reference(service):
    raw, _ = referral_email("form_g", seed=5)
    receive(service, raw)
    receive(service, raw)  # delivered again: a repeat, not a second acknowledgement
    with service.sessions() as session:
        item = session.scalars(select(Submission)).one()
        message_id = item.message.message_id
    [ack] = outbox_rows(service)
    assert ack.kind == "acknowledgement"
    assert ack.recipients == ["referrer@devon-partnership.nhs.uk"]
    assert item.reference in ack.subject
    assert ack.in_reply_to == message_id


def test_an_untrusted_sender_is_not_answered_and_the_spoc_is_told(service):
    raw, truth = referral_email("mappa_a", seed=6, sender="someone@mail.example")
    receive(service, raw)
    [notice] = outbox_rows(service)
    assert notice.kind == "quarantine_notice"
    assert notice.recipients == [service.settings.spoc_address]
    # the SPOC's address is not on a secure domain: no names, only the reference and a link
    assert truth["offender.family_name"] not in notice.text_body
    assert "/queue/quarantine" in notice.text_body

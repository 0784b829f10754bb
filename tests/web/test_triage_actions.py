"""The SPOC's actions as service functions (no Flask): the stage each needs, the route's
recipients, and one transaction for the change, its audit row and its e-mail."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from intake import triage_actions as actions
from intake.schema import AuditEvent, OutboxMessage, Stage, reference_of
from intake.triage_actions import ActionRefused, Actor, RouteChoice
from tests.web.conftest import AREA
from tests.web.triage_fixtures import received, set_columns, submission

SPOC = Actor("spoc@mappa.test", "192.0.2.1")
LINK = "https://mappa.example/submissions/1"


def test_a_quarantined_item_cannot_be_routed_until_released(service):
    (pk,) = received(service, "form_g", sender="someone@mail.example")
    choice = RouteChoice(AREA, "Plymouth", "test")
    with service.sessions.begin() as session:
        item = actions.load(session, pk)
        with pytest.raises(ActionRefused, match="cannot be routed: it is in quarantine"):
            actions.accept_and_route(session, item, SPOC, choice, service.deployment, LINK)
        actions.release(session, item, SPOC)
        actions.accept_and_route(session, item, SPOC, choice, service.deployment, LINK)
        with pytest.raises(ActionRefused, match="already routed"):
            actions.accept_and_route(session, item, SPOC, choice, service.deployment, LINK)
        with pytest.raises(ActionRefused, match="cannot be released"):
            actions.release(session, item, SPOC)
    assert submission(service, pk).stage == Stage.ROUTED


def test_the_route_its_audit_row_and_its_notice_commit_together_or_not_at_all(service):
    (pk,) = received(service, "form_g")
    proposed = submission(service, pk).proposed_route
    choice = RouteChoice(proposed["area"], proposed["locality"])
    with pytest.raises(RuntimeError), service.sessions.begin() as session:
        item = actions.load(session, pk)
        actions.accept_and_route(session, item, SPOC, choice, service.deployment, LINK)
        raise RuntimeError("the transaction fails after the change")
    with service.sessions() as session:
        assert (
            session.scalar(
                select(func.count(OutboxMessage.id)).where(OutboxMessage.kind == "routed_notice")
            )
            == 0
        )
        assert (
            session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "route"))
            == 0
        )
    assert submission(service, pk).stage == Stage.TRIAGE


def test_level_3_and_no_locality_go_to_the_level_3_administrator(service):
    (pk,) = received(service, "mappa_a")
    area = service.deployment.areas[AREA]
    with service.sessions.begin() as session:
        item = actions.load(session, pk)
        item.record = {**item.record, "level_referred": 3}
        assert actions.recipients_for(item, RouteChoice(AREA, "Plymouth"), service.deployment) == [
            area.level3_administrator
        ]
        item.record = {**item.record, "level_referred": 2}
        assert actions.recipients_for(item, RouteChoice(AREA, "Plymouth"), service.deployment) == [
            area.localities["Plymouth"].administrator
        ]
        assert actions.recipients_for(item, RouteChoice(AREA, None), service.deployment) == [
            area.level3_administrator
        ]


def test_an_unknown_area_or_locality_is_refused(service):
    (pk,) = received(service, "form_g")
    with service.sessions.begin() as session:
        item = actions.load(session, pk)
        for choice, said in (
            (RouteChoice("Atlantis", None, "x"), "Choose an area"),
            (RouteChoice(AREA, "Atlantis", "x"), "not a locality of"),
        ):
            with pytest.raises(ActionRefused, match=said):
                actions.accept_and_route(session, item, SPOC, choice, service.deployment, LINK)


def test_a_correction_must_fit_the_field_and_have_a_reason(service):
    (pk,) = received(service, "mappa_a")
    with service.sessions.begin() as session:
        item = actions.load(session, pk)
        proposer = service.proposer
        with pytest.raises(ActionRefused, match="reason"):
            actions.edit_field(session, item, SPOC, "category", "2", "", proposer)
        with pytest.raises(ActionRefused, match="Enter a whole number"):
            actions.edit_field(session, item, SPOC, "category", "two", "typo", proposer)
        with pytest.raises(ActionRefused, match="Choose a field"):
            actions.edit_field(session, item, SPOC, "no.such_key", "x", "typo", proposer)
        new = "3" if item.record["category"] != 3 else "1"
        actions.edit_field(session, item, SPOC, "category", new, "typo", proposer)
        assert item.record["category"] == int(new)
        actions.edit_field(session, item, SPOC, "offender.aliases", "One\nTwo", "typo", proposer)
        assert item.record["offender"]["aliases"] == ["One", "Two"]
        assert "one" in item.search_text


def test_a_closed_item_cannot_be_corrected_returned_or_marked(service):
    earlier, pk = received(service, "form_g", "pdp")
    set_columns(service, pk, stage=Stage.DECIDED)
    with service.sessions.begin() as session:
        item = actions.load(session, pk)
        with pytest.raises(ActionRefused, match="already decided"):
            actions.edit_field(session, item, SPOC, "ids.pnc", "x", "r", service.proposer)
        with pytest.raises(ActionRefused, match="already decided"):
            actions.return_to_referrer(session, item, SPOC, "s", "b", [], service.deployment)
        with pytest.raises(ActionRefused, match="already decided"):
            actions.mark_duplicate(session, item, SPOC, earlier, actions.DUPLICATE)


def test_the_return_subject_is_one_line_and_only_a_secure_address_gets_the_text(service):
    secure, plain = received(service, "pdp", "pdp", sender="referrer@trust.nhs.test")
    set_columns(service, secure, stage=Stage.TRIAGE)
    set_columns(service, plain, stage=Stage.TRIAGE)
    with service.sessions.begin() as session:
        item = actions.load(session, secure)
        body = "Please add the date of birth."
        subject = "Re: one\nBcc: x@evil.example"
        actions.return_to_referrer(session, item, SPOC, subject, body, [], service.deployment)
    with service.sessions() as session:
        row = session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "return_to_referrer")
        ).one()
    assert row.subject == "Re: one Bcc: x@evil.example"
    assert "Please add the date of birth." in row.text_body
    with service.sessions.begin() as session:
        item = actions.load(session, plain)
        item.message.sender = "referrer@mail.example"
        actions.return_to_referrer(
            session,
            item,
            SPOC,
            "Re: x",
            "Secret: date of birth 01/02/1990",
            ["Date of birth"],
            service.deployment,
        )
    with service.sessions() as session:
        row = session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.kind == "return_to_referrer", OutboxMessage.submission_pk == plain
            )
        ).one()
    assert "01/02/1990" not in row.text_body and "Date of birth" in row.text_body
    assert f"reference {reference_of(plain)}" in row.text_body

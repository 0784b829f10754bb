"""Administrators decide routed referrals: each outcome with its checks, the clock stops, the
SPOC and the referrer are told in reply to the referral, and everything is audited."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from intake.schema import AuditEvent, Decision, OutboxMessage, Stage, Submission
from routing.calendar import england_and_wales, london_time
from tests.web.conftest import AREA, csrf_token, sign_in
from tests.web.routed import routed_referral

PLYMOUTH = "Plymouth"


@pytest.fixture
def administrator(client, make_account):
    account = make_account("administrator", area=AREA, locality=PLYMOUTH)
    sign_in(client, account)
    return account


def decide(client, pk, **fields):
    data = {"csrf_token": csrf_token(client, f"/decisions/{pk}"), **fields}
    return client.post(f"/decisions/{pk}", data=data)


def meeting(day: date) -> dict[str, str]:
    return {
        "meeting_date-day": str(day.day),
        "meeting_date-month": str(day.month),
        "meeting_date-year": str(day.year),
    }


def stored(service, pk):
    with service.sessions() as session:
        submission = session.get(Submission, pk)
        decisions = session.scalars(select(Decision).where(Decision.submission_pk == pk)).all()
        outbox = session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.submission_pk == pk, OutboxMessage.kind == "decision"
            )
        ).all()
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.submission_pk == pk).order_by(AuditEvent.id)
        ).all()
        message_id, sender = submission.message.message_id, submission.message.sender
        session.expunge_all()
    return submission, decisions, outbox, events, message_id, sender


def test_administrator_sees_the_routed_referral_and_accepts_it_at_level_3(
    service, client, administrator, make_account
):
    spoc = make_account("spoc")  # works the service's own mailbox, where the referral arrived
    pk = routed_referral(service, seed=11)
    listing = client.get("/decisions").get_data(as_text=True)
    assert f"/decisions/{pk}" in listing
    page = client.get(f"/decisions/{pk}")
    assert page.status_code == 200 and "Record the decision" in page.get_data(as_text=True)
    next_month = date.today() + timedelta(days=30)
    response = decide(client, pk, outcome="accepted", level="3", **meeting(next_month))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]

    submission, decisions, outbox, events, message_id, sender = stored(service, pk)
    assert submission.stage == Stage.DECIDED and submission.closed_at is not None
    (decision,) = decisions
    assert (decision.outcome, decision.level, decision.meeting_date) == ("accepted", 3, next_month)
    assert decision.decided_by == administrator.email
    assert decision.working_days_taken == 0  # received and decided today
    assert decision.on_time is True
    assert outbox, "the SPOC and the referrer are told"
    recipients = {r for row in outbox for r in row.recipients}
    assert sender in recipients and spoc.email in recipients
    assert all(row.in_reply_to == message_id for row in outbox)
    # neither address is on a secure domain: the reference and a link, no personal data
    assert all(submission.subject_name not in row.text_body + row.html_body for row in outbox)
    assert all(submission.reference in row.subject for row in outbox)
    assert all(row.key.startswith(f"decision:{decision.id}:") for row in outbox)
    actions = [e.action for e in events]
    assert "view" in actions and "decision_recorded" in actions
    recorded = next(e for e in events if e.action == "decision_recorded")
    assert recorded.detail["outcome"] == "accepted" and recorded.detail["level"] == 3

    again = decide(client, pk, outcome="not_accepted", reason="Changed my mind")
    assert again.status_code == 200
    assert "already been recorded" in again.get_data(as_text=True)
    assert len(stored(service, pk)[1]) == 1


def test_working_days_and_lateness_count_from_day_0(service, client, administrator):
    received = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)  # a Thursday
    pk = routed_referral(service, seed=12, received_at=received, due=date(2026, 10, 15))
    assert (
        decide(client, pk, outcome="not_accepted", reason="Not MAPPA eligible").status_code == 302
    )
    _, (decision,), *_ = stored(service, pk)
    calendar = england_and_wales()
    expected = calendar.working_days_between(
        calendar.day0(received), london_time(decision.decided_at).date()
    )
    assert decision.working_days_taken == expected > 10
    assert decision.on_time is False
    assert decision.reason == "Not MAPPA eligible"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({}, "outcome", "Select the decision"),
        ({"outcome": "accepted"}, "level", "Select the level"),
        ({"outcome": "accepted", "level": "3"}, "meeting_date", "Enter the date"),
        ({"outcome": "accepted", "level": "1", **meeting(date(2030, 1, 1))}, "level", "2 or 3"),
        (
            {
                "outcome": "accepted",
                "level": "2",
                "meeting_date-day": "31",
                "meeting_date-month": "2",
                "meeting_date-year": "2030",
            },
            "meeting_date",
            "real date",
        ),
        (
            {"outcome": "accepted", "level": "2", **meeting(date(2001, 1, 1))},
            "meeting_date",
            "on or after",
        ),
        ({"outcome": "not_accepted", "reason": "  "}, "reason", "Enter the reason"),
        ({"outcome": "more_information"}, "information", "Enter the information"),
    ],
)
def test_a_decision_needs_its_details(service, client, administrator, fields, field, message):
    pk = routed_referral(service, seed=13)
    response = decide(client, pk, **fields)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert (
        message in page
        and f'href="#{field if field != "meeting_date" else "meeting_date-day"}"' in page
    )
    submission, decisions, outbox, *_ = stored(service, pk)
    assert submission.stage == Stage.ROUTED and not decisions
    assert not outbox


def test_more_information_is_recorded_with_what_is_asked(service, client, administrator):
    pk = routed_referral(service, seed=14)
    response = decide(
        client, pk, outcome="more_information", information="The risk assessment, please"
    )
    assert response.status_code == 302
    submission, (decision,), outbox, *_ = stored(service, pk)
    assert decision.outcome == "more_information"
    assert decision.reason == "The risk assessment, please"
    assert submission.stage == Stage.DECIDED
    texts = " ".join(row.text_body for row in outbox)
    assert "More information requested" in texts


def test_administrator_of_another_locality_gets_404(service, client, make_account):
    pk = routed_referral(service, seed=15, locality=PLYMOUTH)
    other = make_account("administrator", area=AREA, locality="North Devon")
    sign_in(client, other)
    assert client.get(f"/decisions/{pk}").status_code == 404
    token = csrf_token(client, "/decisions")
    response = client.post(f"/decisions/{pk}", data={"csrf_token": token, "outcome": "x"})
    assert response.status_code == 404
    assert f"/decisions/{pk}" not in client.get("/decisions").get_data(as_text=True)


def test_area_administrator_and_auditor_see_it_only_the_administrator_decides(
    service, app, make_account
):
    pk = routed_referral(service, seed=16, locality=PLYMOUTH)
    area_admin = app.test_client()
    sign_in(area_admin, make_account("administrator", area=AREA))
    assert area_admin.get(f"/decisions/{pk}").status_code == 200
    auditor = app.test_client()
    sign_in(auditor, make_account("auditor"))
    page = auditor.get(f"/decisions/{pk}")
    assert page.status_code == 200 and "Record the decision" not in page.get_data(as_text=True)
    token = csrf_token(auditor, "/decisions")
    assert auditor.post(f"/decisions/{pk}", data={"csrf_token": token}).status_code == 403
    spoc = app.test_client()
    sign_in(spoc, make_account("spoc"))
    assert spoc.get("/decisions").status_code == 403
    dorset = app.test_client()
    sign_in(dorset, make_account("administrator", area="Dorset"))
    assert dorset.get(f"/decisions/{pk}").status_code == 404


def test_overdue_referrals_come_first(service, client, administrator):
    later = routed_referral(service, seed=17, due=date.today() + timedelta(days=20))
    overdue = routed_referral(service, seed=18, due=date.today() - timedelta(days=3))
    page = client.get("/decisions").get_data(as_text=True)
    assert page.index(f"/decisions/{overdue}") < page.index(f"/decisions/{later}")
    assert "Overdue" in page

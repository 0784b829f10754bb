"""Referrals received through the real pipeline and routed by the SPOC's own action (the
decision pages start where the triage pages end)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, update

from intake.schema import Message, Submission
from intake.service import Service
from intake.triage_actions import Actor, RouteChoice, accept_and_route, load
from tests.web.conftest import AREA, receive
from tests.web.mail import referral_email


def routed_referral(
    service: Service,
    seed: int = 1,
    locality: str | None = "Plymouth",
    area: str = AREA,
    due: date | None = None,
    kind: str = "mappa_a",
    received_at: datetime | None = None,
) -> int:
    """Receive a referral e-mail and route it to `area`/`locality`; return its id. `due` and
    `received_at` move its clock (as if it had arrived earlier)."""
    raw, _ = referral_email(kind, seed=seed, subject=f"MAPPA referral {seed} {kind}")
    receive(service, raw)
    with service.sessions.begin() as session:
        pk = session.scalars(
            select(Submission.id).where(Submission.form == kind).order_by(Submission.id.desc())
        ).first()
        assert pk is not None
        item = load(session, pk)
        choice = RouteChoice(area, locality, reason="routed by the tests")
        accept_and_route(
            session, item, Actor("spoc@mappa.test"), choice, service.deployment, "http://x/"
        )
        if due is not None:
            item.due = due
        if received_at is not None:
            session.execute(
                update(Message).where(Message.id == item.message_pk).values(received_at=received_at)
            )
    return pk


def decided(service: Service, pk: int, outcome: str = "not_accepted") -> None:
    """Record an administrator's decision through the same function the pages use."""
    from datetime import UTC

    from intake.decisions import DecisionInput, Recorder, record_decision
    from routing.calendar import england_and_wales

    settings = service.settings
    recorder = Recorder(
        service.deployment, england_and_wales(), settings.base_url, settings.effective_mailbox
    )
    with service.sessions.begin() as session:
        item = session.get(Submission, pk)
        assert item is not None
        choice = DecisionInput(outcome, reason="Not eligible")
        record_decision(session, item, choice, "admin@mappa.test", recorder, datetime.now(UTC))

"""The main pages of each role, over a small but real set of referrals, for the accessibility
check and the screenshots."""

from __future__ import annotations

from typing import NamedTuple

from flask import Flask, url_for
from sqlalchemy import select

from intake.schema import Stage, Submission
from intake.service import Service
from tests.web.conftest import AREA, receive
from tests.web.mail import referral_email
from tests.web.routed import routed_referral

UNTRUSTED = "someone@mail.example"
LOCALITY = "West Cornwall"


class Referrals(NamedTuple):
    triage: int  # a Form G waiting for the SPOC
    quarantined: int  # from a sender not on the allowlist
    routed: int  # routed to West Cornwall, waiting for the administrator


def referrals(service: Service) -> Referrals:
    receive(
        service,
        referral_email("form_g_with_checklist", 1, subject="Form G and checklist")[0],
        referral_email("mappa_a", 4, subject="MAPPA A")[0],
        referral_email("pdp", 2, subject="PDP")[0],
        referral_email("form_g", 5, sender=UNTRUSTED, subject="Form G from a webmail")[0],
    )
    with service.sessions() as session:
        triage = session.scalar(
            select(Submission.id).where(
                Submission.stage == Stage.TRIAGE, Submission.form == "form_g"
            )
        )
        quarantined = session.scalar(
            select(Submission.id).where(Submission.stage == Stage.QUARANTINE)
        )
    routed = routed_referral(service, seed=7, locality=LOCALITY, area=AREA, kind="form_g")
    assert triage and quarantined
    return Referrals(triage, quarantined, routed)


class Visit(NamedTuple):
    name: str  # the screenshot's file name
    endpoint: str
    arguments: dict[str, object]
    status: int = 200


def role_pages(made: Referrals) -> dict[str, list[Visit]]:
    t, q, r = made.triage, made.quarantined, made.routed
    return {
        "spoc": [
            Visit("queue", "queue.index", {}),
            Visit("queue-filtered", "queue.index", {"form": "form_g", "q": "no such name"}),
            Visit("quarantine", "queue.quarantine", {}),
            Visit("quarantine-reject", "queue.reject", {"pk": q}),
            Visit("submission", "submission.show", {"pk": t}),
            Visit("submission-edit-field", "submission.edit_field", {"pk": t}),
            Visit("submission-route", "submission.route", {"pk": t}),
            Visit("submission-return", "submission.return_to_referrer", {"pk": t}),
            Visit("submission-duplicate", "submission.duplicate", {"pk": t}),
            Visit("submission-quarantined", "submission.show", {"pk": q}),
            Visit("outbox", "outbox.index", {}),
            Visit("dashboard-spoc", "dashboard.index", {}),
            Visit("change-password-page", "auth.change_password", {}),
            Visit("error-404", "submission.show", {"pk": 999_999}, 404),
            Visit("error-403", "users.index", {}, 403),
        ],
        "administrator": [
            Visit("decisions", "decisions.index", {}),
            Visit("decisions-decided", "decisions.index", {"show": "decided"}),
            Visit("decision", "decisions.show", {"pk": r}),
            Visit("dashboard", "dashboard.index", {}),
        ],
        "auditor": [
            Visit("auditor-submissions", "queue.index", {}),
            Visit("audit", "audit.index", {}),
            Visit("audit-filtered", "audit.index", {"action": "view"}),
            Visit("auditor-submission", "submission.show", {"pk": t}),
            Visit("dashboard-auditor", "dashboard.index", {}),
        ],
        "sysadmin": [
            Visit("users", "users.index", {}),
            Visit("configuration", "users.configuration", {}),
            Visit("users-new", "users.add", {}),
        ],
    }


def path_of(app: Flask, visit: Visit) -> str:
    with app.test_request_context():
        return url_for(visit.endpoint, **visit.arguments)

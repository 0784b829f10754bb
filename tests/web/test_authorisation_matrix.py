"""Every URL of the app × every role → the status the role rules of issue 6 ask for.

The rules are read from `app.url_map`, so a page added without an entry in EXPECTED fails
here until someone decides who may use it. SPOC: the submissions of their mailbox, every
triage action. Administrator: only what is routed to their area or locality (404 for the rest,
as if it did not exist), decisions. Auditor: everything read-only, the audit and the exports.
Sysadmin: users and configuration, no personal data. Anonymous: signed out (pages redirect to
the login, the API answers 401). A role not allowed on a page: 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from intake.schema import Stage, Submission, User
from intake.service import Service
from tests.web.conftest import AREA, csrf_token, receive, sign_in
from tests.web.mail import referral_email
from tests.web.routed import routed_referral

ROLES = ("spoc", "admin", "admin_other_locality", "admin_other_area", "auditor", "sysadmin", "anon")
SIGNED_IN = ROLES[:-1]
LOCALITY, OTHER_LOCALITY = "West Cornwall", "Plymouth"
OTHER_AREA = "Dorset"
OK = "ok"  # a POST the role may make: anything but 401, 403 or 404 (the body is empty)


@dataclass
class World:
    """The referrals and accounts the matrix is checked against."""

    triage: int  # a Form G waiting for the SPOC (not routed: no administrator sees it)
    quarantined: int
    routed: int  # routed to West Cornwall
    attachment: int  # the triage submission's document
    routed_attachment: int
    victim: int  # an account the sysadmin's POSTs act on
    clients: dict[str, FlaskClient] = field(default_factory=dict)


def everyone(status: object) -> dict[str, object]:
    return dict.fromkeys(ROLES, status)


def only(allowed: tuple[str, ...], status: object = 200, anon: object = 302) -> dict:
    """`status` for the allowed roles, 403 for the other signed-in ones."""
    return {role: status if role in allowed else 403 for role in SIGNED_IN} | {"anon": anon}


def api(allowed: tuple[str, ...], status: object = 200) -> dict:
    return only(allowed, status, anon=401)


SPOC, AUDITOR, SYSADMIN = ("spoc",), ("auditor",), ("sysadmin",)
ADMINS = ("admin", "admin_other_locality", "admin_other_area")
READERS = ("spoc", *ADMINS, "auditor")


def scoped(expected: dict, **out_of_scope: object) -> dict:
    """The same as `expected`, with 404 for the roles that may not see this submission."""
    return expected | out_of_scope


NOT_ROUTED = {"admin": 404, "admin_other_locality": 404, "admin_other_area": 404}
ELSEWHERE = {"admin_other_locality": 404, "admin_other_area": 404}


@dataclass(frozen=True)
class Case:
    url: Callable[[World], str]
    expected: dict[str, object]


# (endpoint, method) → the cases checked; every rule of the app must be here.
EXPECTED: dict[tuple[str, str], list[Case]] = {
    # Public, or for every account
    ("health.healthz", "GET"): [Case(lambda w: "/healthz", everyone(200))],
    ("health.readyz", "GET"): [Case(lambda w: "/readyz", everyone(200))],
    ("static", "GET"): [Case(lambda w: "/static/app.css", everyone(200))],
    ("govuk_assets", "GET"): [Case(lambda w: "/assets/images/favicon.svg", everyone(200))],
    ("auth.login", "GET"): [Case(lambda w: "/login", everyone(200))],
    ("auth.login", "POST"): [Case(lambda w: "/login", everyone(200))],  # wrong e-mail: refused
    ("home", "GET"): [Case(lambda w: "/", everyone(302))],
    ("auth.change_password", "GET"): [Case(lambda w: "/account/password", only(SIGNED_IN))],
    ("auth.change_password", "POST"): [Case(lambda w: "/account/password", only(SIGNED_IN))],
    ("auth.logout", "POST"): [Case(lambda w: "/logout", everyone(302))],
    # The triage queue and quarantine
    ("queue.index", "GET"): [Case(lambda w: "/queue", only(("spoc", "auditor")))],
    ("queue.quarantine", "GET"): [Case(lambda w: "/queue/quarantine", only(("spoc", "auditor")))],
    ("queue.reject", "GET"): [
        Case(lambda w: f"/queue/quarantine/{w.quarantined}/reject", only(SPOC))
    ],
    ("queue.reject", "POST"): [
        Case(lambda w: f"/queue/quarantine/{w.quarantined}/reject", only(SPOC, OK))
    ],
    ("queue.release", "POST"): [
        Case(lambda w: f"/queue/quarantine/{w.quarantined}/release", only(SPOC, OK))
    ],
    # A submission: read by those who may see it, acted on by the SPOC
    ("submission.show", "GET"): [
        Case(lambda w: f"/submissions/{w.triage}", scoped(only(READERS), **NOT_ROUTED)),
        Case(lambda w: f"/submissions/{w.routed}", scoped(only(READERS), **ELSEWHERE)),
        Case(lambda w: f"/submissions/{w.quarantined}", scoped(only(READERS), **NOT_ROUTED)),
        Case(lambda w: "/submissions/999999", scoped(only(READERS), **dict.fromkeys(READERS, 404))),
    ],
    ("submission.document", "GET"): [
        Case(lambda w: f"/submissions/{w.routed}/document.pdf", scoped(only(READERS), **ELSEWHERE))
    ],
    ("submission.raw_email", "GET"): [
        Case(lambda w: f"/submissions/{w.triage}/message.eml", scoped(only(READERS), **NOT_ROUTED)),
        Case(lambda w: f"/submissions/{w.routed}/message.eml", scoped(only(READERS), **ELSEWHERE)),
    ],
    ("submission.attachment", "GET"): [
        Case(
            lambda w: f"/submissions/{w.triage}/attachments/{w.attachment}",
            scoped(only(READERS), **NOT_ROUTED),
        ),
        Case(
            lambda w: f"/submissions/{w.routed}/attachments/{w.routed_attachment}",
            scoped(only(READERS), **ELSEWHERE),
        ),
        # Another submission's attachment through this one's URL: never.
        Case(
            lambda w: f"/submissions/{w.routed}/attachments/{w.attachment}",
            scoped(only(READERS), **ELSEWHERE, spoc=404, admin=404, auditor=404),
        ),
    ],
    **{
        (f"submission.{action}", method): [
            Case(lambda w, a=path: f"/submissions/{w.triage}/{a}", only(SPOC, status))
        ]
        for action, path in (
            ("edit_field", "edit"),
            ("route", "route"),
            ("return_to_referrer", "return"),
            ("duplicate", "duplicate"),
        )
        for method, status in (("GET", 200), ("POST", OK))
    },
    # Decisions
    ("decisions.index", "GET"): [Case(lambda w: "/decisions", only((*ADMINS, "auditor")))],
    ("decisions.show", "GET"): [
        Case(lambda w: f"/decisions/{w.routed}", scoped(only((*ADMINS, "auditor")), **ELSEWHERE)),
        Case(lambda w: f"/decisions/{w.triage}", scoped(only((*ADMINS, "auditor")), **NOT_ROUTED)),
    ],
    ("decisions.show", "POST"): [
        Case(lambda w: f"/decisions/{w.routed}", scoped(only(("admin",), OK), **ELSEWHERE))
    ],
    # Everyone's view of the work, the auditor's records
    ("dashboard.index", "GET"): [Case(lambda w: "/dashboard", only(READERS))],
    ("outbox.index", "GET"): [Case(lambda w: "/outbox", only(("spoc", "auditor")))],
    ("audit.index", "GET"): [Case(lambda w: "/audit", only(AUDITOR))],
    ("exports.audit_csv", "GET"): [Case(lambda w: "/audit/export.csv", only(AUDITOR))],
    ("exports.queue_csv", "GET"): [Case(lambda w: "/queue/export.csv", only(AUDITOR))],
    # The sysadmin's pages: accounts and configuration, no personal data
    ("users.index", "GET"): [Case(lambda w: "/users", only(SYSADMIN))],
    ("users.configuration", "GET"): [Case(lambda w: "/configuration", only(SYSADMIN))],
    ("users.add", "GET"): [Case(lambda w: "/users/new", only(SYSADMIN))],
    ("users.add", "POST"): [Case(lambda w: "/users/new", only(SYSADMIN, OK))],
    ("users.disable", "POST"): [Case(lambda w: f"/users/{w.victim}/disable", only(SYSADMIN, OK))],
    ("users.reset_password", "POST"): [
        Case(lambda w: f"/users/{w.victim}/reset-password", only(SYSADMIN, OK))
    ],
    ("users.token", "POST"): [Case(lambda w: f"/users/{w.victim}/token", only(SYSADMIN, OK))],
    # The JSON API: the same rules, 401 without an account
    ("api.submissions", "GET"): [Case(lambda w: "/api/v1/submissions", api(READERS))],
    ("api.decisions", "GET"): [Case(lambda w: "/api/v1/decisions", api(READERS))],
    ("api.submission", "GET"): [
        Case(lambda w: f"/api/v1/submissions/{w.triage}", scoped(api(READERS), **NOT_ROUTED)),
        Case(lambda w: f"/api/v1/submissions/{w.routed}", scoped(api(READERS), **ELSEWHERE)),
    ],
    ("api.decide", "POST"): [
        Case(
            lambda w: f"/api/v1/submissions/{w.routed}/decision",
            scoped(api(("admin",), OK), **ELSEWHERE),
        )
    ],
}


def app_rules(app: Flask) -> set[tuple[str, str]]:
    return {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


def test_every_rule_of_the_app_has_expectations(app: Flask):
    rules = app_rules(app)
    missing = sorted(rules - EXPECTED.keys())
    stale = sorted(EXPECTED.keys() - rules)
    assert not missing, f"rules with no expected statuses (add them to EXPECTED): {missing}"
    assert not stale, f"expectations for rules the app no longer has: {stale}"


def world(service: Service, app: Flask, make_account) -> World:
    receive(
        service,
        referral_email("form_g", 1, subject="Form G for triage")[0],
        referral_email("form_g", 5, sender="someone@mail.example", subject="Untrusted")[0],
    )
    routed = routed_referral(service, seed=7, locality=LOCALITY, kind="form_g")
    with service.sessions() as session:
        triage, attachment = session.execute(
            select(Submission.id, Submission.attachment_pk).where(Submission.stage == Stage.TRIAGE)
        ).one()
        quarantined = session.scalar(
            select(Submission.id).where(Submission.stage == Stage.QUARANTINE)
        )
        routed_attachment = session.scalar(
            select(Submission.attachment_pk).where(Submission.id == routed)
        )
    accounts = {
        "spoc": make_account("spoc"),
        "admin": make_account("administrator", area=AREA, locality=LOCALITY),
        "admin_other_locality": make_account("administrator", area=AREA, locality=OTHER_LOCALITY),
        "admin_other_area": make_account("administrator", area=OTHER_AREA),
        "auditor": make_account("auditor"),
        "sysadmin": make_account("sysadmin"),
    }
    victim = make_account("spoc", email="victim@mappa.test")
    with service.sessions() as session:
        victim_pk = session.scalar(select(User.id).where(User.email == victim.email))
    made = World(triage, quarantined, routed, attachment, routed_attachment, victim_pk)
    for role in ROLES:
        made.clients[role] = app.test_client()
        if role in accounts:
            sign_in(made.clients[role], accounts[role])
    return made


def request(client: FlaskClient, method: str, url: str, role: str) -> int:
    if method == "GET":
        return client.get(url).status_code
    token = csrf_token(client, "/login" if role == "anon" else "/account/password")
    headers = {"X-CSRFToken": token}
    if url.startswith("/api/"):
        return client.post(url, json={}, headers=headers).status_code
    if url == "/login":
        data = {"email": "nobody@mappa.test", "password": "x" * 12, "csrf_token": token}
        return client.post(url, data=data).status_code
    return client.post(url, data={"csrf_token": token}, headers=headers).status_code


def matches(expected: object, status: int) -> bool:
    if expected == OK:
        return status not in (401, 403, 404, 405)
    return status == expected


@pytest.mark.slow
def test_every_role_gets_the_expected_status_on_every_url(service, app, make_account):
    made = world(service, app, make_account)
    # GETs first, then the POSTs (which may change what they act on), logging out last.
    order = sorted(EXPECTED, key=lambda key: (key[1] != "GET", key[0] == "auth.logout", key))
    wrong = []
    for endpoint, method in order:
        for case in EXPECTED[(endpoint, method)]:
            url = case.url(made)
            for role in ROLES:
                status = request(made.clients[role], method, url, role)
                if not matches(case.expected[role], status):
                    wrong.append(
                        f"{method} {url} as {role}: {status}, expected {case.expected[role]}"
                    )
    assert not wrong, f"{len(wrong)} wrong:\n" + "\n".join(wrong)

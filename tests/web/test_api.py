"""The JSON API keeps the pages' permissions: a session (with the CSRF token in a header for
a POST) or a service account's Bearer token; JSON errors 401, 403, 404, 409 and 422."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from intake.accounts import issue_api_token
from intake.schema import AuditEvent, Decision
from tests.web.conftest import AREA, sign_in
from tests.web.routed import routed_referral


def page_token(client) -> str:
    page = client.get("/decisions").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def service_token(service, make_account, role, **scope) -> str:
    account = make_account(role, email=f"robot.{role}@mappa.test", **scope)
    with service.sessions.begin() as session:
        return issue_api_token(session, account.email, "tests")


def test_administrator_lists_reads_and_decides_through_the_session(service, client, make_account):
    pk = routed_referral(service, seed=41)
    sign_in(client, make_account("administrator", area=AREA, locality="Plymouth"))

    listing = client.get("/api/v1/submissions").get_json()
    assert [item["id"] for item in listing["items"]] == [pk]
    assert listing["items"][0]["stage"] == "routed" and listing["has_next"] is False
    assert client.get("/api/v1/submissions?stage=decided").get_json()["items"] == []

    detail = client.get(f"/api/v1/submissions/{pk}").get_json()
    assert detail["form"] == "mappa_a" and detail["record"]["offender"]
    assert detail["route"]["locality"] == "Plymouth" and detail["decisions"] == []
    assert "issues" in detail and "provenance" in detail and "deadlines" in detail

    body = {"outcome": "accepted", "level": 2, "meeting_date": str(date.today() + timedelta(7))}
    refused = client.post(f"/api/v1/submissions/{pk}/decision", json=body)
    assert refused.status_code == 400  # no CSRF token in the header
    token = page_token(client)
    made = client.post(
        f"/api/v1/submissions/{pk}/decision", json=body, headers={"X-CSRFToken": token}
    )
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["outcome"] == "accepted" and made.get_json()["level"] == 2
    again = client.post(
        f"/api/v1/submissions/{pk}/decision",
        json={"outcome": "not_accepted", "reason": "no"},
        headers={"X-CSRFToken": token},
    )
    assert again.status_code == 409 and "already" in again.get_json()["error"]

    decisions = client.get("/api/v1/decisions").get_json()["items"]
    assert [(d["submission"], d["outcome"]) for d in decisions] == [(pk, "accepted")]
    with service.sessions() as session:
        views = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "view", AuditEvent.submission_pk == pk)
        ).all()
    assert any(event.detail.get("api") == "submission" for event in views)


def test_a_service_account_uses_its_bearer_token(service, app, make_account):
    pk = routed_referral(service, seed=42)
    client = app.test_client()
    token = service_token(service, make_account, "administrator", area=AREA)
    headers = {"Authorization": f"Bearer {token}"}
    assert [
        i["id"] for i in client.get("/api/v1/submissions", headers=headers).get_json()["items"]
    ] == [pk]
    invalid = client.post(
        f"/api/v1/submissions/{pk}/decision", json={"outcome": "maybe"}, headers=headers
    )
    assert invalid.status_code == 422 and "outcome" in invalid.get_json()["errors"]
    no_date = client.post(
        f"/api/v1/submissions/{pk}/decision",
        json={"outcome": "accepted", "level": 3},
        headers=headers,
    )
    assert no_date.status_code == 422 and "meeting_date" in no_date.get_json()["errors"]
    assert (
        client.post(f"/api/v1/submissions/{pk}/decision", data="x", headers=headers).status_code
        == 422
    )
    made = client.post(
        f"/api/v1/submissions/{pk}/decision",
        json={"outcome": "more_information", "reason": "The risk assessment"},
        headers=headers,
    )
    assert made.status_code == 201
    with service.sessions() as session:
        decision = session.scalars(select(Decision)).one()
    assert decision.decided_by == "robot.administrator@mappa.test"
    bad = client.get("/api/v1/submissions", headers={"Authorization": "Bearer not-a-token"})
    assert bad.status_code == 401 and bad.get_json()["code"] == 401


def test_api_errors_are_json_with_the_right_status(service, app, make_account):
    pk = routed_referral(service, seed=43, locality="Plymouth")
    anonymous = app.test_client()
    response = anonymous.get("/api/v1/submissions")
    assert response.status_code == 401 and response.is_json

    north = app.test_client()
    sign_in(north, make_account("administrator", area=AREA, locality="North Devon"))
    assert north.get("/api/v1/submissions").get_json()["items"] == []
    missing = north.get(f"/api/v1/submissions/{pk}")
    assert missing.status_code == 404 and missing.is_json
    token = page_token(north)
    out_of_scope = north.post(
        f"/api/v1/submissions/{pk}/decision",
        json={"outcome": "not_accepted", "reason": "x"},
        headers={"X-CSRFToken": token},
    )
    assert out_of_scope.status_code == 404
    assert north.get("/api/v1/submissions?per_page=1000").status_code == 422
    assert north.get("/api/v1/submissions?stage=nonsense").status_code == 422

    auditor = app.test_client()
    auditor_token = service_token(service, make_account, "auditor")
    headers = {"Authorization": f"Bearer {auditor_token}"}
    assert auditor.get(f"/api/v1/submissions/{pk}", headers=headers).status_code == 200
    forbidden = auditor.post(
        f"/api/v1/submissions/{pk}/decision", json={"outcome": "x"}, headers=headers
    )
    assert forbidden.status_code == 403 and forbidden.is_json


@pytest.mark.parametrize(
    "path", ["/api/v1/submissions", "/api/v1/decisions", "/api/v1/submissions/1"]
)
def test_sysadmin_reads_no_submission_data(service, app, make_account, path):
    client = app.test_client()
    sign_in(client, make_account("sysadmin"))
    response = client.get(path)
    assert response.status_code == 403 and response.is_json

"""The sysadmin's pages: add, disable and reset accounts, issue API tokens (each secret shown
once), read the configuration without secrets, and never see submission data."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import AREA, Account, csrf_token, sign_in


@pytest.fixture
def sysadmin(client, make_account):
    account = make_account("sysadmin")
    sign_in(client, account)
    return account


def shown_secret(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)[:1000]
    assert "no-store" in response.headers["Cache-Control"]
    found = re.search(
        r'<code class="app-secret" id="secret">([^<]+)</code>', response.get_data(as_text=True)
    )
    assert found
    return found.group(1)


def user_id(client, email: str) -> int:
    page = client.get("/users").get_data(as_text=True)
    row = page[page.index(email) :]
    return int(re.search(r"/users/(\d+)/", row).group(1))


def add(client, **fields):
    return client.post(
        "/users/new", data={"csrf_token": csrf_token(client, "/users/new"), **fields}
    )


def test_a_new_administrator_signs_in_with_the_one_time_password_and_must_change_it(
    app, client, sysadmin
):
    response = add(
        client,
        name="Plymouth Admin",
        email="Plymouth.Admin@mappa.test",
        role="administrator",
        scope=f"{AREA}::Plymouth",
    )
    password = shown_secret(response)
    listing = client.get("/users").get_data(as_text=True)
    assert "plymouth.admin@mappa.test" in listing and "Plymouth" in listing
    assert password not in listing

    newcomer = app.test_client()
    sign_in(newcomer, Account("plymouth.admin@mappa.test", password, "administrator"))
    first = newcomer.get("/decisions")
    assert first.status_code == 302 and "/account/password" in first.headers["Location"]
    changed = newcomer.post(
        "/account/password",
        data={
            "csrf_token": csrf_token(newcomer, "/account/password"),
            "password": "a-brand-new-long-password",
            "confirm": "a-brand-new-long-password",
        },
    )
    assert changed.status_code == 302
    assert newcomer.get("/decisions").status_code == 200


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "x@mappa.test", "role": "auditor"}, "Enter the person&#39;s name"),
        ({"name": "X", "email": "not-an-address", "role": "auditor"}, "Enter an e-mail address"),
        ({"name": "X", "email": "x@mappa.test"}, "Select the role"),
        ({"name": "X", "email": "x@mappa.test", "role": "administrator"}, "Select the area"),
        (
            {"name": "X", "email": "sysadmin.all.all@mappa.test", "role": "auditor"},
            "already an account",
        ),
    ],
)
def test_adding_a_user_checks_the_details(client, sysadmin, fields, message):
    response = add(client, **fields)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page and "There is a problem" in page


def test_disable_and_reset_password(app, client, sysadmin, make_account):
    spoc = make_account("spoc")
    theirs = app.test_client()
    sign_in(theirs, spoc)
    pk = user_id(client, spoc.email)

    reset = client.post(
        f"/users/{pk}/reset-password", data={"csrf_token": csrf_token(client, "/users")}
    )
    password = shown_secret(reset)
    assert theirs.get("/dashboard").status_code == 302  # their session ended
    again = app.test_client()
    sign_in(again, Account(spoc.email, password, "spoc"))
    assert "/account/password" in again.get("/dashboard").headers["Location"]

    disabled = client.post(
        f"/users/{pk}/disable", data={"csrf_token": csrf_token(client, "/users")}
    )
    assert disabled.status_code == 302
    assert "Disabled" in client.get("/users").get_data(as_text=True)
    assert again.get("/dashboard").status_code == 302
    refused = app.test_client().post(
        "/login",
        data={
            "email": spoc.email,
            "password": password,
            "csrf_token": csrf_token(app.test_client()),
        },
    )
    assert refused.status_code != 302

    own = user_id(client, sysadmin.email)
    client.post(f"/users/{own}/disable", data={"csrf_token": csrf_token(client, "/users")})
    assert client.get("/users").status_code == 200  # not disabled: still signed in


def test_an_api_token_is_shown_once_and_works(app, client, sysadmin, make_account):
    robot = make_account("auditor", email="robot@mappa.test")
    pk = user_id(client, robot.email)
    token = shown_secret(
        client.post(f"/users/{pk}/token", data={"csrf_token": csrf_token(client, "/users")})
    )
    assert token not in client.get("/users").get_data(as_text=True)
    api = app.test_client()
    response = api.get("/api/v1/submissions", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and response.get_json()["items"] == []


def test_the_configuration_page_shows_deployment_data_without_secrets(client, sysadmin):
    page = client.get("/users").get_data(as_text=True)
    assert "Add a user" in page
    page = client.get("/configuration").get_data(as_text=True)
    for expected in (
        "Devon and Cornwall",
        "West Cornwall",
        "mappa.plymouth@devon-cornwall.probation.justice.test",
        "mappa.spoc@devon-partnership.nhs.test",
        "*.nhs.uk",  # the sender allowlist
        "cjsm.net",
        "Mappa a decision working days",
        "MAPPA_BASE_URL",
        "MAPPA_SESSION_IDLE_MINUTES",
    ):
        assert expected in page, expected
    assert "tests-only-secret" not in page
    assert "MAPPA_SECRET_KEY" not in page and "PASSWORD" not in page and "CLIENT_SECRET" not in page


@pytest.mark.parametrize(
    "path",
    [
        "/queue",
        "/decisions",
        "/dashboard",
        "/audit",
        "/outbox",
        "/queue/export.csv",
        "/api/v1/submissions",
        "/api/v1/decisions",
    ],
)
def test_sysadmin_sees_no_submission_data(client, sysadmin, path):
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("role", ["spoc", "administrator", "auditor"])
def test_only_the_sysadmin_manages_users(client, make_account, role):
    sign_in(client, make_account(role, area=AREA if role == "administrator" else None))
    for path in ("/users", "/users/new", "/configuration"):
        assert client.get(path).status_code == 403, path
    token = csrf_token(client, "/dashboard")
    assert client.post("/users/1/reset-password", data={"csrf_token": token}).status_code == 403

"""The web app's defences, through its own test client on SQLite and PostgreSQL: CSRF on every
POST, lock-out after failed logins, the idle timeout, disabled accounts, security headers and
cookie flags, and no open redirect after signing in."""

from __future__ import annotations

import time
from urllib.parse import urljoin, urlsplit

import pytest
from flask import Flask
from sqlalchemy import select
from werkzeug.routing import Rule
from werkzeug.routing.converters import NumberConverter

from intake.accounts import disable_user
from intake.schema import User
from intake.service import Service
from intake.settings import load_settings
from intake.web import create_app
from tests.web.conftest import csrf_token, sign_in


def example_url(rule: Rule) -> str:
    """The rule's URL with an id (that need not exist) for each argument."""
    values = {
        name: 1 if isinstance(converter, NumberConverter) else "x"
        for name, converter in rule._converters.items()
    }
    return rule.build(values, append_unknown=False)[1]


def post_rules(app: Flask) -> list[str]:
    """Every URL that takes a POST."""
    return sorted(example_url(rule) for rule in app.url_map.iter_rules() if "POST" in rule.methods)


def test_every_post_endpoint_refuses_a_form_without_csrf_token(app, client, make_account):
    sign_in(client, make_account("spoc"))
    urls = post_rules(app)
    assert "/login" in urls and "/logout" in urls and len(urls) > 5

    refused = {url: client.post(url, data={"reason": "x"}).status_code for url in urls}

    assert refused == dict.fromkeys(urls, 400)
    assert client.get("/").status_code == 302  # still signed in: the refusals changed nothing


def test_a_wrong_csrf_token_is_refused_too(client, make_account):
    sign_in(client, make_account("spoc"))
    response = client.post("/account/password", data={"csrf_token": "forged", "password": "x"})
    assert response.status_code == 400


def test_anonymous_login_without_csrf_token_is_refused(client, make_account):
    account = make_account("spoc")
    response = client.post("/login", data={"email": account.email, "password": account.password})
    assert response.status_code == 400


def test_the_account_is_locked_after_the_configured_failures(service, client, make_account):
    account = make_account("spoc")
    failures = service.settings.login_max_failures
    for _ in range(failures):
        page = client.post(
            "/login",
            data={
                "email": account.email,
                "password": "wrong-password!",
                "csrf_token": csrf_token(client),
            },
        )
        assert page.status_code == 200
        assert "Enter a correct e-mail address and password" in page.get_data(as_text=True)

    locked = client.post(
        "/login",
        data={
            "email": account.email,
            "password": account.password,
            "csrf_token": csrf_token(client),
        },
    )

    assert locked.status_code == 200
    assert "Too many failed attempts" in locked.get_data(as_text=True)
    assert client.get("/queue").status_code == 302  # not signed in


def test_an_idle_session_is_sent_back_to_sign_in(service, client, make_account):
    sign_in(client, make_account("spoc"))
    assert client.get("/queue").status_code == 200
    idle = service.settings.session_idle_minutes * 60
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - idle - 5

    response = client.get("/queue")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/queue")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "signed out after a period of inactivity" in page
    assert client.get("/queue").status_code == 302  # the session really ended


def test_a_session_just_inside_the_idle_limit_goes_on(service, client, make_account):
    sign_in(client, make_account("spoc"))
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - service.settings.session_idle_minutes * 60 + 30
    assert client.get("/queue").status_code == 200


def test_disabling_an_account_ends_its_session(service, client, make_account):
    account = make_account("spoc")
    sign_in(client, account)
    assert client.get("/queue").status_code == 200

    with service.sessions.begin() as session:
        disable_user(session, account.email, "tests")

    response = client.get("/queue")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    again = client.post(
        "/login",
        data={
            "email": account.email,
            "password": account.password,
            "csrf_token": csrf_token(client),
        },
    )
    assert "Enter a correct e-mail address and password" in again.get_data(as_text=True)


def test_a_password_reset_elsewhere_ends_the_session(service, client, make_account):
    account = make_account("spoc")
    sign_in(client, account)
    with service.sessions.begin() as session:
        user = session.scalar(select(User).where(User.email == account.email))
        user.session_version += 1
    assert client.get("/queue").status_code == 302


@pytest.mark.parametrize("path", ["/login", "/queue", "/missing-page"])
def test_pages_carry_the_security_headers(client, make_account, path):
    sign_in(client, make_account("spoc"))
    response = client.get(path)

    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "style-src 'self'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


def test_each_response_gets_its_own_script_nonce(client):
    first = client.get("/login").headers["Content-Security-Policy"]
    second = client.get("/login").headers["Content-Security-Policy"]
    assert first != second


def session_cookie(response) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("mappa_session=")]
    assert cookies, response.headers
    return cookies[-1]


def test_the_session_cookie_is_http_only_and_same_site(client, make_account):
    account = make_account("spoc")
    response = client.post(
        "/login",
        data={
            "email": account.email,
            "password": account.password,
            "csrf_token": csrf_token(client),
        },
    )
    cookie = session_cookie(response)
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # MAPPA_SECURE_COOKIES is off by default (plain http locally)


def test_the_session_cookie_is_secure_when_configured(service: Service, make_account):
    settings = load_settings(**{**service.settings.model_dump(), "secure_cookies": True})
    secure = Service(settings)
    try:
        client = create_app(secure, TESTING=True).test_client()
        account = make_account("spoc")
        token = csrf_token(client)
        response = client.post(
            "/login",
            data={"email": account.email, "password": account.password, "csrf_token": token},
        )
        cookie = session_cookie(response)
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    finally:
        secure.close()


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "javascript:alert(1)",
        "http:/evil.example",
        " //evil.example",
    ],
)
def test_login_never_redirects_off_site(client, make_account, target):
    account = make_account("spoc")
    response = client.post(
        "/login",
        query_string={"next": target},
        data={
            "email": account.email,
            "password": account.password,
            "csrf_token": csrf_token(client),
        },
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    # A browser reads "\\" as "/": a path only, on this site, never "//host" in any spelling.
    browser_view = urlsplit(urljoin("http://mappa.test/", location.replace("\\", "/")))
    assert browser_view.netloc == "mappa.test", location
    assert location.startswith("/") and not location.startswith(("//", "/\\"))


def test_login_returns_to_the_page_asked_for(client, make_account):
    account = make_account("spoc")
    response = client.post(
        "/login?next=/queue/quarantine",
        data={
            "email": account.email,
            "password": account.password,
            "csrf_token": csrf_token(client),
        },
    )
    assert response.headers["Location"] == "/queue/quarantine"

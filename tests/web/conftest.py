"""Web fixtures: the real app over a migrated database (SQLite and PostgreSQL), accounts of
each role, signing in through the login form, and e-mails received through the real pipeline
(Maildir ─► store ─► split ─► parse ─► propose)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from intake.accounts import Scope, add_user, change_password, find_user
from intake.service import Service
from intake.settings import load_settings
from intake.web import create_app

CONFIG = Path(__file__).resolve().parents[2] / "config"
PASSWORD = "correct-horse-battery-staple"
AREA = "Devon and Cornwall"


@dataclass(frozen=True)
class Account:
    email: str
    password: str
    role: str


@pytest.fixture
def service(database_url: str, tmp_path: Path) -> Iterator[Service]:
    settings = load_settings(
        data_dir=tmp_path / "var",
        database_url=database_url,
        config_dir=CONFIG,
        secret_key="tests-only-secret",
        maildir_settle_seconds=0,
    )
    (tmp_path / "var" / "mailbox").mkdir(parents=True)
    service = Service(settings)
    yield service
    service.close()


@pytest.fixture
def app(service: Service) -> Flask:
    return create_app(service, TESTING=True)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def make_account(service: Service) -> Callable[..., Account]:
    """An enabled account with a chosen password, as if its owner had already signed in once."""

    def make(
        role: str,
        email: str | None = None,
        area: str | None = None,
        locality: str | None = None,
        mailbox: str | None = None,
    ) -> Account:
        email = email or f"{role}.{area or 'all'}.{locality or 'all'}@mappa.test".replace(" ", "-")
        with service.sessions.begin() as session:
            add_user(session, email, role.title(), role, Scope(area, locality, mailbox), "tests")
            change_password(session, find_user(session, email), PASSWORD)
        return Account(email.lower(), PASSWORD, role)

    return make


def csrf_token(client: FlaskClient, path: str = "/login") -> str:
    page = client.get(path).get_data(as_text=True)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def sign_in(client: FlaskClient, account: Account) -> None:
    response = client.post(
        "/login",
        data={
            "email": account.email,
            "password": account.password,
            "csrf_token": csrf_token(client),
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


def receive(service: Service, *emails: bytes) -> None:
    """Deliver e-mails to the local Maildir and run one pass of the real watcher."""
    new = Path(service.settings.data_dir) / "mailbox" / "new"
    new.mkdir(parents=True, exist_ok=True)
    for number, raw in enumerate(emails):
        (new / f"{number}.{abs(hash(raw))}.test.eml").write_bytes(raw)
    watcher = service.watcher()
    with watcher.source:
        watcher.run_pass()

"""What every page's template can use: the navigation of the signed-in role, error lists."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import NamedTuple

from flask import Flask, current_app, url_for
from flask_login import current_user

from intake.schema import Role, reference_of
from routing.calendar import london_time


class NavItem(NamedTuple):
    href: str
    text: str


# (endpoint, text) per role; an endpoint not registered is left out.
NAVIGATION = {
    Role.SPOC: [
        ("queue.index", "Triage queue"),
        ("queue.quarantine", "Quarantine"),
        ("outbox.index", "Outgoing e-mail"),
        ("dashboard.index", "Dashboard"),
    ],
    Role.ADMINISTRATOR: [
        ("decisions.index", "Referrals to decide"),
        ("dashboard.index", "Dashboard"),
    ],
    Role.AUDITOR: [
        ("queue.index", "Submissions"),
        ("audit.index", "Audit log"),
        ("outbox.index", "Outgoing e-mail"),
        ("dashboard.index", "Dashboard"),
    ],
    Role.SYSADMIN: [
        ("users.index", "Users"),
        ("users.configuration", "Configuration"),
    ],
}


def navigation() -> list[NavItem]:
    endpoints = current_app.view_functions
    return [
        NavItem(url_for(endpoint), text)
        for endpoint, text in NAVIGATION.get(current_user.role, [])
        if endpoint in endpoints
    ]


def london_today() -> date:
    """Today as the deadlines count it: the date in England, whatever the server's zone."""
    return london_time(datetime.now(UTC)).date()


def error_list(errors: dict[str, str]) -> list[dict[str, str]]:
    """A {field id: message} dict as GOV.UK's error summary wants it."""
    return [{"text": message, "href": f"#{field}"} for field, message in errors.items()]


def configure(app: Flask) -> None:
    app.jinja_env.globals["navigation"] = navigation
    app.jinja_env.filters["error_list"] = error_list
    app.jinja_env.filters["reference"] = reference_of

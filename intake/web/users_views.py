"""The sysadmin's pages: accounts (add, disable, reset a password, issue an API token; each
secret shown once, never stored) and a read-only view of the deployment's configuration.
Sysadmins see no submission data."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.engine import make_url
from werkzeug.wrappers import Response

from intake.accounts import AccountError, Scope, add_user, disable_user, issue_api_token
from intake.accounts import reset_password as reset_user_password
from intake.schema import Role, User
from intake.settings import Settings
from intake.web.access import roles_required
from intake.web.database import db, service, writing

blueprint = Blueprint("users", __name__)
SECRET_NAMES = re.compile(r"password|secret|token|key", re.IGNORECASE)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ROLE_NAMES = {
    Role.SPOC: "SPOC",
    Role.ADMINISTRATOR: "MAPPA administrator",
    Role.AUDITOR: "Auditor",
    Role.SYSADMIN: "System administrator",
}


def scopes() -> list[tuple[str, str]]:
    """(value, text) of each area and each locality, for an administrator's scope."""
    found = []
    for area_name, area in service().deployment.areas.items():
        found.append((area_name, f"{area_name} (the whole area, level 3)"))
        found.extend((f"{area_name}::{name}", f"{area_name}: {name}") for name in area.localities)
    return found


@blueprint.get("/users")
@roles_required(Role.SYSADMIN)
def index() -> str:
    users = db().scalars(select(User).order_by(User.disabled, User.role, User.email)).all()
    return render_template("users/index.html", users=users, role_names=ROLE_NAMES)


@blueprint.route("/users/new", methods=["GET", "POST"])
@roles_required(Role.SYSADMIN)
def add() -> str:
    errors: dict[str, str] = {}
    form = request.form
    if request.method == "POST":
        name, email, role = (form.get(k, "").strip() for k in ("name", "email", "role"))
        if not name:
            errors["name"] = "Enter the person's name"
        if not EMAIL.match(email):
            errors["email"] = "Enter an e-mail address, like name@example.org"
        if role not in Role.ALL:
            errors["role"] = "Select the role"
        scope = Scope()
        if role == Role.ADMINISTRATOR:
            chosen = form.get("scope", "")
            if chosen not in dict(scopes()):
                errors["scope"] = "Select the area or locality the administrator decides for"
            area, _, locality = chosen.partition("::")
            scope = Scope(area=area or None, locality=locality or None)
        elif role == Role.SPOC:
            scope = Scope(mailbox=form.get("mailbox", "").strip() or None)
        if not errors:
            try:
                with writing() as session:
                    password = add_user(session, email, name, role, scope, current_user.email)
            except AccountError as exc:
                errors["email"] = str(exc).capitalize()
            else:
                return shown_once(email, "one-time password", password)
    return render_template(
        "users/add.html",
        errors=errors,
        values=form,
        scopes=scopes(),
        role_names=ROLE_NAMES,
        default_mailbox=service().settings.effective_mailbox,
    )


def shown_once(email: str, what: str, secret: str) -> str:
    """A secret on a page of its own, once; the response is never cached (no-store)."""
    return render_template("users/secret.html", email=email, what=what, secret=secret)


def account(pk: int) -> User:
    user = db().get(User, pk)
    if user is None:
        abort(404)
    return user


@blueprint.post("/users/<int:pk>/disable")
@roles_required(Role.SYSADMIN)
def disable(pk: int) -> Response:
    email = account(pk).email
    if pk == current_user.id:
        flash("You cannot disable your own account.", "error")
        return redirect(url_for("users.index"))
    with writing() as session:
        disable_user(session, email, current_user.email)
    flash(f"{email} is disabled and signed out everywhere.")
    return redirect(url_for("users.index"))


@blueprint.post("/users/<int:pk>/reset-password")
@roles_required(Role.SYSADMIN)
def reset_password(pk: int) -> str:
    email = account(pk).email
    with writing() as session:
        password = reset_user_password(session, email, current_user.email)
    return shown_once(email, "one-time password", password)


@blueprint.post("/users/<int:pk>/token")
@roles_required(Role.SYSADMIN)
def token(pk: int) -> str:
    email = account(pk).email
    with writing() as session:
        issued = issue_api_token(session, email, current_user.email)
    return shown_once(email, "API token", issued)


def without_password(url: str) -> str:
    """A database or mailbox URL with any password masked."""
    if url.startswith(("sqlite", "postgresql")):
        return make_url(url).render_as_string(hide_password=True)
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def public_settings(settings: Settings) -> list[tuple[str, str]]:
    """The settings a sysadmin may read: never passwords, keys, tokens or OAuth secrets."""
    shown: list[tuple[str, str]] = []
    for name in type(settings).model_fields:
        if SECRET_NAMES.search(name):
            continue
        value: Any = getattr(settings, name)
        if name == "database_url":
            value = without_password(settings.effective_database_url)
        elif name == "mailbox":
            value = without_password(settings.effective_mailbox)
        shown.append((f"MAPPA_{name.upper()}", "" if value is None else str(value)))
    return shown


@blueprint.get("/configuration")
@roles_required(Role.SYSADMIN)
def configuration() -> str:
    deployment = service().deployment
    return render_template(
        "users/configuration.html",
        deployment=deployment,
        allowlist=service().allowlist.allow,
        settings=public_settings(service().settings),
        config_dir=service().settings.config_dir,
    )

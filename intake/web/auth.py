"""Signing in and out: Flask-Login sessions, an idle timeout, lock-out after failed attempts,
a new password at first login, and Bearer tokens for service accounts on the API.

Every request but the few public ones needs a signed-in, enabled account; a POST needs a CSRF
token unless it carries a service account's token.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import LoginManager, current_user, login_user, logout_user
from werkzeug.wrappers import Response

from intake.accounts import (
    MIN_PASSWORD_LENGTH,
    AccountError,
    change_password,
    check_login,
    user_of_token,
)
from intake.schema import User
from intake.web.database import db, service, writing
from intake.web.security import csrf

blueprint = Blueprint("auth", __name__)
login_manager = LoginManager()
PUBLIC_ENDPOINTS = {"auth.login", "health.healthz", "health.readyz", "static", "govuk_assets"}


class SignedIn:
    """The account of one request, as Flask-Login wants it; its id carries the session
    version, so a password reset or a disabled account ends every session at once."""

    is_authenticated = True
    is_active = True
    is_anonymous = False

    def __init__(self, user: User):
        self.user = user

    def get_id(self) -> str:
        return f"{self.user.id}:{self.user.session_version}"

    def __getattr__(self, name: str) -> Any:
        return getattr(self.user, name)


@login_manager.user_loader
def load_user(user_id: str) -> SignedIn | None:
    pk, _, version = user_id.partition(":")
    user = db().get(User, int(pk)) if pk.isdigit() else None
    if user is None or user.disabled or str(user.session_version) != version:
        return None
    return SignedIn(user)


@login_manager.request_loader
def load_from_token(req: Any) -> SignedIn | None:
    """A service account on the API: `Authorization: Bearer TOKEN`."""
    header = req.headers.get("Authorization", "")
    if not header.startswith("Bearer ") or not req.path.startswith("/api/"):
        return None
    user = user_of_token(db(), header.removeprefix("Bearer ").strip())
    if user is None:
        return None
    g.token_auth = True
    return SignedIn(user)


def remote_addr() -> str | None:
    return request.remote_addr


def require_login() -> Response | None:
    """Runs before every view: public pages pass, the rest need an account and CSRF."""
    if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
        return None
    if not current_user.is_authenticated:
        if request.path.startswith("/api/"):
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if not g.get("token_auth"):
        idle = timedelta(minutes=service().settings.session_idle_minutes).total_seconds()
        last = session.get("seen", 0)
        if last and time.time() - last > idle:
            logout_user()
            session.clear()
            flash("You were signed out after a period of inactivity.", "info")
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        session["seen"] = int(time.time())
        session.permanent = True
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            csrf.protect()
        if current_user.must_change_password and request.endpoint not in (
            "auth.change_password",
            "auth.logout",
        ):
            return redirect(url_for("auth.change_password"))
    elif request.method not in ("GET", "HEAD", "OPTIONS") and not request.path.startswith("/api/"):
        abort(403)
    return None


def configure(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
    app.before_request(require_login)


def safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("home")


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> Response | str:
    error = None
    if request.method == "POST":
        csrf.protect()
        settings = service().settings
        with writing() as session_db:
            result = check_login(
                session_db,
                request.form.get("email", ""),
                request.form.get("password", ""),
                datetime.now(UTC),
                settings.login_max_failures,
                timedelta(minutes=settings.login_lockout_minutes),
                remote_addr(),
            )
        if result.user is not None:
            session.clear()  # a fresh session: no fixation
            login_user(SignedIn(result.user))
            session["seen"] = int(time.time())
            return redirect(safe_next(request.args.get("next")))
        error = result.reason
    return render_template("login.html", error=error, email=request.form.get("email", ""))


@blueprint.post("/logout")
def logout() -> Response:
    logout_user()
    session.clear()
    flash("You have signed out.")
    return redirect(url_for("auth.login"))


@blueprint.route("/account/password", methods=["GET", "POST"], endpoint="change_password")
def change_password_view() -> Response | str:
    errors: dict[str, str] = {}
    if request.method == "POST":
        new, again = request.form.get("password", ""), request.form.get("confirm", "")
        if new != again:
            errors["confirm"] = "The two passwords do not match."
        else:
            try:
                with writing() as session_db:
                    change_password(session_db, session_db.get(User, current_user.id), new)
            except AccountError as exc:
                errors["password"] = str(exc).capitalize() + "."
        if not errors:
            flash("Your password has been changed.")
            return redirect(url_for("home"))
    return render_template("change_password.html", errors=errors, min_length=MIN_PASSWORD_LENGTH)

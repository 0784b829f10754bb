"""The first page after signing in (each role's own starting point), and the error pages."""

from __future__ import annotations

from flask import Flask, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from intake.schema import Role

STARTS = {
    Role.SPOC: "queue.index",
    Role.ADMINISTRATOR: "decisions.index",
    Role.AUDITOR: "queue.index",
    Role.SYSADMIN: "users.index",
}
TITLES = {
    400: "There is a problem with the request",
    401: "Sign in to continue",
    403: "You do not have access to this page",
    404: "Page not found",
    405: "This action is not allowed here",
    413: "The request is too large",
}


def home() -> Response:
    return redirect(url_for(STARTS.get(current_user.role, "auth.login")))


def render_error(error: HTTPException) -> tuple[str | Response, int]:
    code = error.code or 500
    title = TITLES.get(code, "Sorry, there is a problem with the service")
    if request.path.startswith("/api/"):
        return jsonify(error=title, code=code), code
    return render_template("error.html", title=title, code=code), code


def configure(app: Flask) -> None:
    app.add_url_rule("/", endpoint="home", view_func=home)
    for code in TITLES:
        app.register_error_handler(code, render_error)

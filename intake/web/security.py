"""Cookies, CSRF and the response headers every page carries.

A Content-Security-Policy with a per-request nonce: only our own scripts run, nothing is
framed, forms post only to us. The signing key comes from MAPPA_SECRET_KEY or is made once
and kept (mode 0600) in the data folder, so sessions survive a restart without a default key.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

from flask import Flask, Response, g
from flask_wtf.csrf import CSRFProtect

from intake.settings import Settings

csrf = CSRFProtect()


def secret_key(settings: Settings) -> str:
    if settings.secret_key:
        return settings.secret_key
    path = Path(settings.data_dir) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "worker-src 'self' blob:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def add_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = policy(csp_nonce())
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if not response.headers.get("Cache-Control"):
        response.headers["Cache-Control"] = "no-store"  # personal data stays out of caches
    return response


def configure(app: Flask, settings: Settings) -> None:
    app.config.update(
        SECRET_KEY=secret_key(settings),
        SESSION_COOKIE_NAME="mappa_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SECURE=settings.secure_cookies,
        PERMANENT_SESSION_LIFETIME=timedelta(minutes=settings.session_idle_minutes),
        WTF_CSRF_CHECK_DEFAULT=False,  # checked in auth.before_request, API tokens excepted
        WTF_CSRF_TIME_LIMIT=None,  # the session's own idle timeout bounds the token
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
    )
    csrf.init_app(app)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.after_request(add_headers)

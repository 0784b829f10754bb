"""Liveness and readiness for a load balancer or an orchestrator: no login, no personal data."""

from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from intake.service import SchemaNotReady
from intake.web.database import db, service

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz() -> Response:
    """The process answers."""
    return jsonify(status="ok")


@blueprint.get("/readyz")
def readyz() -> tuple[Response, int]:
    """The database answers and is migrated to this version of the code."""
    try:
        db().execute(text("SELECT 1"))
        service().require_schema()
    except (SQLAlchemyError, SchemaNotReady) as exc:
        return jsonify(status="not ready", reason=str(exc).splitlines()[0]), 503
    return jsonify(status="ready"), 200

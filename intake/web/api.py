"""The JSON API, /api/v1, with the pages' permissions: a signed-in session (a POST then needs
the CSRF token in the X-CSRFToken header) or a service account's `Authorization: Bearer`.

Errors are JSON: 401 without an account, 403 for a role that may not, 404 for what is out of
scope (or absent), 409 for a decision already recorded, 422 for input that does not hold.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from flask import Blueprint, abort, jsonify, request
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from intake.decisions import DecisionRefused, read_decision, received_on, record_decision
from intake.schema import Decision, Message, Role, Stage, Submission
from intake.web.access import roles_required, viewed_submission, visible_submission, visible_to
from intake.web.database import db, writing
from intake.web.decisions import recorder

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")
READERS = (Role.SPOC, Role.ADMINISTRATOR, Role.AUDITOR)
MAX_PER_PAGE = 200


def problem(status: int, message: str, **extra: Any) -> tuple[Response, int]:
    return jsonify(error=message, code=status, **extra), status


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def paging() -> tuple[int, int]:
    page = request.args.get("page", 1, type=int)
    per_page = request.args.get("per_page", 50, type=int)
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        response, response.status_code = problem(
            422, f"page must be 1 or more, per_page from 1 to {MAX_PER_PAGE}"
        )
        abort(response)
    return page, per_page


def summary(item: Submission, received_at: datetime) -> dict[str, Any]:
    return {
        "id": item.id,
        "reference": item.reference,
        "form": item.form,
        "stage": item.stage,
        "status": item.status,
        "subject_name": item.subject_name,
        "referrer": item.referrer,
        "received_at": iso(received_at),
        "due": iso(item.due),
        "clock": item.clock,
        "route_area": item.route_area,
        "route_locality": item.route_locality,
        "issue_count": len(item.issues or []),
        "url": f"/api/v1/submissions/{item.id}",
    }


def decision_json(decision: Decision) -> dict[str, Any]:
    return {
        "id": decision.id,
        "submission": decision.submission_pk,
        "outcome": decision.outcome,
        "level": decision.level,
        "meeting_date": iso(decision.meeting_date),
        "reason": decision.reason,
        "decided_by": decision.decided_by,
        "decided_at": iso(decision.decided_at),
        "working_days_taken": decision.working_days_taken,
        "on_time": decision.on_time,
    }


@blueprint.get("/submissions")
@roles_required(*READERS)
def submissions() -> Response | tuple[Response, int]:
    page, per_page = paging()
    conditions = [visible_to(current_user.user)]
    stage, form = request.args.get("stage"), request.args.get("form")
    if stage:
        if stage not in Stage.ALL:
            return problem(422, f"stage must be one of {', '.join(Stage.ALL)}")
        conditions.append(Submission.stage == stage)
    if form:
        conditions.append(Submission.form == form)
    rows = (
        db()
        .execute(
            select(Submission, Message.received_at)
            .join(Message, Submission.message_pk == Message.id)
            .where(*conditions)
            .order_by(Submission.due.asc().nulls_last(), Submission.id)
            .offset((page - 1) * per_page)
            .limit(per_page + 1)
        )
        .all()
    )
    items = [summary(item, received_at) for item, received_at in rows[:per_page]]
    return jsonify(items=items, page=page, per_page=per_page, has_next=len(rows) > per_page)


@blueprint.get("/submissions/<int:pk>")
@roles_required(*READERS)
def submission(pk: int) -> Response:
    item = viewed_submission(pk, api="submission")
    message = item.message
    return jsonify(
        {
            **summary(item, message.received_at),
            "record": item.record,
            "issues": item.issues or [],
            "provenance": item.provenance or {},
            "proposed_route": item.proposed_route,
            "route": {
                "area": item.route_area,
                "locality": item.route_locality,
                "routed_to": item.routed_to or [],
                "routed_at": iso(item.routed_at),
            },
            "deadlines": item.deadlines,
            "closed_at": iso(item.closed_at),
            "message": {
                "sender": message.sender,
                "subject": message.subject,
                "message_id": message.message_id,
                "received_at": iso(message.received_at),
            },
            "attachment": item.attachment.safe_name if item.attachment else None,
            "decisions": [decision_json(d) for d in item.decisions],
        }
    )


@blueprint.get("/decisions")
@roles_required(*READERS)
def decisions() -> Response:
    page, per_page = paging()
    rows = (
        db()
        .scalars(
            select(Decision)
            .join(Submission, Decision.submission_pk == Submission.id)
            .where(visible_to(current_user.user))
            .order_by(Decision.decided_at.desc(), Decision.id.desc())
            .offset((page - 1) * per_page)
            .limit(per_page + 1)
        )
        .all()
    )
    return jsonify(
        items=[decision_json(d) for d in rows[:per_page]],
        page=page,
        per_page=per_page,
        has_next=len(rows) > per_page,
    )


@blueprint.post("/submissions/<int:pk>/decision")
@roles_required(Role.ADMINISTRATOR)
def decide(pk: int) -> tuple[Response, int]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return problem(422, "send a JSON object: {outcome, level, meeting_date, reason}")
    with writing() as session:
        item = visible_submission(session, current_user.user, pk)
        choice, errors = read_decision(body, received_on(item))
        if choice is None:
            return problem(422, "the decision is not complete", errors=errors)
        try:
            decision = record_decision(
                session,
                item,
                choice,
                current_user.email,
                recorder(),
                datetime.now(UTC),
                request.remote_addr,
            )
        except DecisionRefused as refused:
            return problem(409, str(refused))
        made = decision_json(decision)
    return jsonify(made), 201

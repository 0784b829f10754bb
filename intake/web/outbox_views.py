"""Outgoing e-mail for the SPOC: the notifications about the submissions of their mailbox,
with their delivery state; permanent failures first and highlighted, so that someone acts."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user
from sqlalchemy import case, select

from intake.schema import OutboxMessage, OutboxStatus, Role, Submission, reference_of
from intake.web.access import roles_required, visible_to
from intake.web.database import db
from routing.calendar import london_time

blueprint = Blueprint("outbox", __name__)
PER_PAGE = 50


@blueprint.get("/outbox")
@roles_required(Role.SPOC, Role.AUDITOR)  # the auditor reads, as everywhere
def index() -> str:
    page = max(1, request.args.get("page", 1, type=int))
    status = request.args.get("status", "")
    conditions = [visible_to(current_user.user)]
    if status in (OutboxStatus.PENDING, OutboxStatus.SENT, OutboxStatus.FAILED):
        conditions.append(OutboxMessage.status == status)
    failed_first = case((OutboxMessage.status == OutboxStatus.FAILED, 0), else_=1)
    rows = (
        db()
        .scalars(
            select(OutboxMessage)
            .join(Submission, OutboxMessage.submission_pk == Submission.id)
            .where(*conditions)
            .order_by(failed_first, OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
            .offset((page - 1) * PER_PAGE)
            .limit(PER_PAGE + 1)
        )
        .all()
    )
    return render_template(
        "outbox/index.html",
        rows=rows[:PER_PAGE],
        has_next=len(rows) > PER_PAGE,
        page=page,
        status=status,
        reference=reference_of,
        london_time=london_time,
        config_endpoints=current_app.view_functions,
    )

"""The audit log for the auditor: every view and change, newest first, with filters (actor,
action, submission, dates) and pages; the same filters drive its CSV export."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from flask import Blueprint, render_template, request
from sqlalchemy import ColumnElement, func, select

from intake.dashboard_figures import london_midnight
from intake.schema import AuditEvent, Role, reference_of
from intake.web.access import roles_required
from intake.web.database import db
from routing.calendar import london_time

blueprint = Blueprint("audit", __name__)
PER_PAGE = 50
REFERENCE = re.compile(r"^\s*(?:MI-)?0*(\d{1,9})\s*$", re.IGNORECASE)


@dataclass
class AuditFilters:
    actor: str = ""
    action: str = ""
    submission: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    errors: dict[str, str] = field(default_factory=dict)

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.actor:
            found.append(func.lower(AuditEvent.actor).contains(self.actor.lower(), autoescape=True))
        if self.action:
            found.append(AuditEvent.action == self.action)
        if self.submission is not None:
            found.append(AuditEvent.submission_pk == self.submission)
        if self.date_from:
            found.append(AuditEvent.at >= london_midnight(self.date_from))
        if self.date_to:
            found.append(AuditEvent.at < london_midnight(self.date_to + timedelta(days=1)))
        return found

    def query_args(self) -> dict[str, str]:
        """The filters as the page's query string (for its pages and its CSV link)."""
        args = {
            "actor": self.actor,
            "action": self.action,
            "submission": reference_of(self.submission) if self.submission is not None else "",
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
        }
        return {key: value for key, value in args.items() if value}


def read_filters(args: Any) -> AuditFilters:
    """The filters a query string asks for; a bad one is reported and left out."""
    filters = AuditFilters(
        actor=args.get("actor", "").strip()[:255], action=args.get("action", "").strip()[:50]
    )
    submission = args.get("submission", "").strip()
    if submission:
        matched = REFERENCE.match(submission)
        if matched:
            filters.submission = int(matched.group(1))
        else:
            filters.errors["submission"] = (
                "Enter a submission reference, like MI-000123, or its number"
            )
    for key, attribute in (("from", "date_from"), ("to", "date_to")):
        text = args.get(key, "").strip()
        if text:
            try:
                setattr(filters, attribute, date.fromisoformat(text))
            except ValueError:
                filters.errors[key] = "Enter a real date, like 2026-11-23"
    if filters.date_from and filters.date_to and filters.date_to < filters.date_from:
        filters.errors["to"] = "The end date must be on or after the start date"
        filters.date_to = None
    return filters


@blueprint.get("/audit")
@roles_required(Role.AUDITOR)
def index() -> str:
    filters = read_filters(request.args)
    page = max(1, request.args.get("page", 1, type=int))
    events = (
        db()
        .scalars(
            select(AuditEvent)
            .where(*filters.conditions())
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
            .offset((page - 1) * PER_PAGE)
            .limit(PER_PAGE + 1)
        )
        .all()
    )
    actions = db().scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)).all()
    return render_template(
        "audit/index.html",
        events=events[:PER_PAGE],
        has_next=len(events) > PER_PAGE,
        page=page,
        filters=filters,
        actions=actions,
        london_time=london_time,
        reference=reference_of,
    )

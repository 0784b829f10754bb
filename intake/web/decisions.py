"""The administrators' pages: the referrals routed to their area or locality, nearest deadline
first, and the decision on one of them (accepted at level 2 or 3 with the meeting date, not
accepted with the reason, or more information requested). Auditors read them, read-only."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from intake.decisions import (
    OUTCOME_TEXT,
    DecisionRefused,
    Recorder,
    read_decision,
    received_on,
    record_decision,
)
from intake.reading import FORM_NAMES
from intake.record_fields import labels, shown, value_at
from intake.schema import DecisionOutcome, Message, Role, Stage, Submission, reference_of
from intake.web.access import roles_required, viewed_submission, visible_submission, visible_to
from intake.web.database import db, service, writing
from intake.web.pages import london_today
from routing.calendar import england_and_wales, london_time

blueprint = Blueprint("decisions", __name__)
READERS = (Role.ADMINISTRATOR, Role.AUDITOR)
PER_PAGE = 50
# The fields an administrator decides on, per form (the full record is on the SPOC's page).
KEY_FIELDS = {
    "mappa_a": [
        "offender.first_name",
        "offender.family_name",
        "offender.dob",
        "ids.pnc",
        "category",
        "level_referred",
        "mappa_area",
        "offender.current_postcode",
        "offender.proposed_release_postcode",
        "reason_for_referral",
        "referrer.name",
        "referrer.agency",
        "referrer.email",
    ],
    "form_g": [
        "offender.first_name",
        "offender.family_name",
        "offender.dob",
        "ids.nino",
        "category",
        "current_status",
        "order.type",
        "order.next_tribunal",
        "notifier.name",
        "notifier.organisation",
        "notifier.email",
    ],
    "pdp": [
        "offender.full_name",
        "offender.dob",
        "offender.current_postcode",
        "information_provider",
        "risk.nature",
        "risk.who",
        "spoc.signed_by",
    ],
}


class Row(NamedTuple):
    id: int
    form: str | None
    subject_name: str | None
    referrer: str | None
    received: date
    area: str | None
    locality: str | None
    due: date | None
    stage: str
    overdue: bool


@blueprint.get("/decisions")
@roles_required(*READERS)
def index() -> str:
    decided = request.args.get("show") == "decided"
    page = max(1, request.args.get("page", 1, type=int))
    query = (
        select(
            Submission.id,
            Submission.form,
            Submission.subject_name,
            Submission.referrer,
            Message.received_at,
            Submission.route_area,
            Submission.route_locality,
            Submission.due,
            Submission.stage,
        )
        .join(Message, Submission.message_pk == Message.id)
        .where(visible_to(current_user.user))
    )
    if decided:
        query = query.where(Submission.stage == Stage.DECIDED).order_by(
            Submission.closed_at.desc(), Submission.id.desc()
        )
    else:
        query = query.where(Submission.stage == Stage.ROUTED).order_by(
            Submission.due.asc().nulls_last(), Submission.id
        )
    found = db().execute(query.offset((page - 1) * PER_PAGE).limit(PER_PAGE + 1)).all()
    now = london_today()
    rows = [
        Row(
            *r[:4],
            london_time(r.received_at).date(),
            *r[5:],
            overdue=r.stage == Stage.ROUTED and r.due is not None and r.due < now,
        )
        for r in found[:PER_PAGE]
    ]
    return render_template(
        "decisions/index.html",
        rows=rows,
        decided=decided,
        page=page,
        has_next=len(found) > PER_PAGE,
        form_names=FORM_NAMES,
        reference=reference_of,
    )


def key_fields(submission: Submission) -> list[tuple[str, str]]:
    """(label, value) of the fields an administrator decides on."""
    if submission.form not in KEY_FIELDS:
        return []
    named = labels(submission.form)
    return [
        (named.get(key, key), shown(value_at(submission.record, key)) or "Not given")
        for key in KEY_FIELDS[submission.form]
    ]


def meeting_date_text(form: Any) -> str:
    """The GOV.UK date input's three boxes as an ISO date, "" when empty, "?" when no date."""
    parts = [form.get(f"meeting_date-{p}", "").strip() for p in ("day", "month", "year")]
    if not any(parts):
        return ""
    try:
        day, month, year = (int(p) for p in parts)
        return date(year, month, day).isoformat() if year >= 1000 else "?"
    except ValueError:
        return "?"


@blueprint.route("/decisions/<int:pk>", methods=["GET", "POST"])
@roles_required(*READERS)
def show(pk: int) -> str | Response:
    errors: dict[str, str] = {}
    if request.method == "POST":
        visible_submission(db(), current_user.user, pk)
        if current_user.role != Role.ADMINISTRATOR:
            abort(403)
        errors = decide(pk, request.form)
        if not errors:
            flash("The decision has been recorded and the SPOC and the referrer told.")
            return redirect(url_for("decisions.show", pk=pk))
        submission = visible_submission(db(), current_user.user, pk)
    else:
        submission = viewed_submission(pk, page="decision")
    return render_template(
        "decisions/show.html",
        submission=submission,
        fields=key_fields(submission),
        route=submission.proposed_route or {},
        clocks=[
            (clock["title"], date.fromisoformat(clock["due"]))
            for clock in (submission.deadlines or {}).get("clocks", [])
        ],
        received=london_time(submission.message.received_at),
        overdue=submission.stage == Stage.ROUTED
        and bool(submission.due)
        and submission.due < london_today(),
        may_decide=current_user.role == Role.ADMINISTRATOR and submission.stage == Stage.ROUTED,
        errors=errors,
        values=request.form,
        outcomes=OUTCOME_TEXT,
        form_names=FORM_NAMES,
    )


def decide(pk: int, form: Any) -> dict[str, str]:
    """Record the decision the page's form asks for; the errors by field id, if any."""
    outcome = form.get("outcome", "")
    data = {
        "outcome": outcome,
        "level": form.get("level"),
        "meeting_date": meeting_date_text(form),
        "reason": form.get(
            "information" if outcome == DecisionOutcome.MORE_INFORMATION else "reason"
        ),
    }
    with writing() as session:
        submission = visible_submission(session, current_user.user, pk)
        choice, errors = read_decision(data, received_on(submission))
        if choice is None:
            if outcome == DecisionOutcome.MORE_INFORMATION and "reason" in errors:
                errors["information"] = errors.pop("reason")
            return errors
        try:
            record_decision(
                session,
                submission,
                choice,
                current_user.email,
                recorder(),
                datetime.now(UTC),
                request.remote_addr,
            )
        except DecisionRefused as refused:
            return {"outcome": str(refused)}
    return {}


def recorder() -> Recorder:
    settings = service().settings
    return Recorder(
        service().deployment, england_and_wales(), settings.base_url, settings.effective_mailbox
    )

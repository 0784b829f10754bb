"""The SPOC's triage queue and the quarantine tab; the auditor sees both read-only."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from intake import triage_actions
from intake.reading import FORM_NAMES
from intake.record_fields import shown
from intake.schema import Role, Stage
from intake.triage_actions import ActionRefused
from intake.triage_queue import ALL_STAGES, QueueFilter, queue_page
from intake.web.access import actor, roles_required, visible_submission, visible_to
from intake.web.database import db, service, writing
from intake.web.pages import london_today
from routing.calendar import london_time as to_london

blueprint = Blueprint("queue", __name__)
STAGE_LABELS = {
    Stage.QUARANTINE: "Quarantine",
    Stage.TRIAGE: "Triage",
    Stage.ROUTED: "Routed",
    Stage.RETURNED: "Returned",
    Stage.DUPLICATE: "Duplicate",
    Stage.DECIDED: "Decided",
    Stage.REJECTED: "Rejected",
}


@blueprint.app_template_filter("london_time")
def london_time(moment: datetime | None) -> str:
    """A stored UTC moment as the SPOC's clock shows it."""
    return to_london(moment).strftime("%d/%m/%Y %H:%M") if moment else ""


@blueprint.app_template_filter("uk_date")
def uk_date(value: object) -> str:
    """An ISO date (as stored in JSON) as 27/03/2024."""
    return shown(value)


def read_filters(default_stage: str) -> QueueFilter:
    """The filters in the query string; a value that is not one of the choices is ignored."""
    args = request.args
    stage = args.get("stage", default_stage)
    form = args.get("form") or None
    area = args.get("area") or None
    return QueueFilter(
        stage=stage if stage in (*STAGE_LABELS, ALL_STAGES) else default_stage,
        form=form if form in FORM_NAMES else None,
        area=area if area in service().deployment.areas else None,
        overdue=args.get("overdue") == "1",
        search=args.get("q", "")[:200],
    )


def page_number() -> int:
    text = request.args.get("page", "1")
    return int(text) if text.isdigit() and 0 < int(text) < 100_000 else 1


def pagination(endpoint: str, page: int, pages: int) -> dict[str, Any] | None:
    """GOV.UK pagination: the first, last and neighbouring pages, with ellipses between."""
    if pages <= 1:
        return None
    args = {k: v for k, v in request.args.items() if k != "page"}

    def href(number: int) -> str:
        return url_for(endpoint, **args, page=number)

    items: list[dict[str, Any]] = []
    for number in range(1, pages + 1):
        if number in (1, pages) or abs(number - page) <= 1:
            items.append({"number": number, "href": href(number), "current": number == page})
        elif items and not items[-1].get("ellipsis"):
            items.append({"ellipsis": True})
    shown: dict[str, Any] = {"items": items}
    if page > 1:
        shown["previous"] = {"href": href(page - 1)}
    if page < pages:
        shown["next"] = {"href": href(page + 1)}
    return shown


def listing(template: str, endpoint: str, default_stage: str, **extra: Any) -> str:
    filters = read_filters(default_stage)
    today = london_today()
    found = queue_page(db(), visible_to(current_user.user), filters, today, page_number())
    return render_template(
        template,
        title=extra.pop("title"),
        found=found,
        filters=filters,
        today=today,
        pagination=pagination(endpoint, found.page, found.pages),
        stages=STAGE_LABELS,
        forms=FORM_NAMES,
        areas=list(service().deployment.areas),
        can_act=current_user.role == Role.SPOC,
        **extra,
    )


@blueprint.get("/queue")
@roles_required(Role.SPOC, Role.AUDITOR)
def index() -> str:
    return listing("queue/index.html", "queue.index", Stage.TRIAGE, title="Triage queue")


@blueprint.get("/queue/quarantine")
@roles_required(Role.SPOC, Role.AUDITOR)
def quarantine() -> str:
    return listing(
        "queue/quarantine.html",
        "queue.quarantine",
        Stage.QUARANTINE,
        title="Quarantine",
        errors=None,
    )


@blueprint.post("/queue/quarantine/<int:pk>/release")
@roles_required(Role.SPOC)
def release(pk: int) -> Response:
    visible_submission(db(), current_user.user, pk)
    try:
        with writing() as session:
            triage_actions.release(session, triage_actions.load(session, pk), actor())
    except ActionRefused as refused:
        flash(str(refused), "error")
        return redirect(url_for("queue.quarantine"))
    flash(f"Submission {pk} released into the triage queue.")
    return redirect(url_for("queue.quarantine"))


@blueprint.route("/queue/quarantine/<int:pk>/reject", methods=["GET", "POST"])
@roles_required(Role.SPOC)
def reject(pk: int) -> Response | str | tuple[str, int]:
    item = visible_submission(db(), current_user.user, pk)
    errors: dict[str, str] = {}
    reason = request.form.get("reason", "")
    if request.method == "POST":
        if not reason.strip():
            errors["reason"] = "Enter the reason for rejecting it"
        else:
            try:
                with writing() as session:
                    loaded = triage_actions.load(session, pk)
                    triage_actions.reject(session, loaded, actor(), reason)
            except ActionRefused as refused:
                errors["reason"] = str(refused)
            else:
                flash(f"Submission {pk} rejected.")
                return redirect(url_for("queue.quarantine"))
    page = render_template(
        "queue/reject.html",
        title="Reject a quarantined e-mail",
        item=item,
        reason=reason,
        errors=errors,
    )
    return (page, 400) if errors else page

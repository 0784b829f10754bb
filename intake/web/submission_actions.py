"""The SPOC's actions on a submission page: correct a field, accept and route, return to the
referrer, mark as a duplicate of or an update to an earlier submission. Each form is checked
here for what the SPOC must fill in; the change itself is intake.triage_actions, in one
write transaction with its audit row and its e-mail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from intake import triage_actions as actions
from intake.reading import FORM_NAMES
from intake.record_fields import blank_required, field_rows, labels, readable, shown
from intake.schema import Role, Submission
from intake.triage_actions import ActionRefused, RouteChoice
from intake.web.access import actor, roles_required, visible_submission, visible_to
from intake.web.database import db, service, writing
from routing.domains import address_matches

Page = str | Response | tuple[str, int]


def page(template: str, errors: dict[str, str], **context: Any) -> Page:
    shown_page = render_template(template, errors=errors, **context)
    return (shown_page, 400) if errors else shown_page


def done(pk: int, message: str) -> Response:
    flash(message)
    return redirect(url_for("submission.show", pk=pk))


def run(errors: dict[str, str], field: str, change: Callable[[Any], Any]) -> bool:
    """Make the change in one write transaction; a refusal becomes the error of `field`."""
    try:
        with writing() as session:
            change(session)
    except ActionRefused as refused:
        errors[field] = str(refused)
        return False
    return True


@roles_required(Role.SPOC)
def edit_field(pk: int) -> Page:
    item = visible_submission(db(), current_user.user, pk)
    rows = (
        [
            row
            for row in field_rows(item.form, item.record, item.provenance, item.issues)
            if row.editable
        ]
        if item.form and item.record is not None
        else []
    )
    keys = {row.key: row for row in rows}
    key = (request.form if request.method == "POST" else request.args).get("key", "")
    form = request.form
    value = form.get("value", shown(keys[key].value) if key in keys else "")
    reason = form.get("reason", "")
    errors: dict[str, str] = {}
    if request.method == "POST":
        if key not in keys:
            errors["key"] = "Choose the field to correct"
        if not reason.strip():
            errors["reason"] = "Enter the reason for the change"
        if not errors and run(
            errors,
            "value",
            lambda session: actions.edit_field(
                session,
                actions.load(session, pk),
                actor(),
                key,
                value,
                reason,
                service().proposer,
            ),
        ):
            return done(pk, f"{keys[key].label} corrected.")
    return page(
        "submission/edit_field.html",
        errors,
        title="Correct a field",
        item=item,
        rows=rows,
        key=key,
        value=value,
        reason=reason,
    )


@roles_required(Role.SPOC)
def route(pk: int) -> Page:
    item = visible_submission(db(), current_user.user, pk)
    proposed = item.proposed_route or {}
    deployment = service().deployment
    area = request.form.get("area", proposed.get("area") or "")
    locality = request.form.get("locality", proposed.get("locality") or "")
    reason = request.form.get("reason", "")
    errors: dict[str, str] = {}
    if request.method == "POST":
        if area not in deployment.areas:
            errors["area"] = "Choose the area"
        elif locality and locality not in deployment.areas[area].localities:
            errors["locality"] = f"Choose a locality of {area}, or none"
        differs = (proposed.get("area"), proposed.get("locality")) != (area, locality or None)
        if differs and not reason.strip():
            errors["reason"] = "Enter the reason for routing it differently from the proposal"
        choice = RouteChoice(area, locality or None, reason)
        link = url_for("submission.show", pk=pk, _external=True)
        if not errors and run(
            errors,
            "area",
            lambda session: actions.accept_and_route(
                session, actions.load(session, pk), actor(), choice, deployment, link
            ),
        ):
            return done(pk, f"Submission {pk} routed to {locality or area}.")
    return page(
        "submission/route.html",
        errors,
        title="Accept and route",
        item=item,
        route=proposed,
        areas=deployment.areas,
        area=area,
        locality=locality,
        reason=reason,
    )


def problems(item: Submission) -> tuple[list[str], list[str]]:
    """(field names, lines for the e-mail): the errors the parser found and the required
    fields left blank."""
    if not item.form or item.record is None:
        return [], [f"- {item.reason}"]
    names = labels(item.form)
    fields: list[str] = []
    lines: list[str] = []
    for issue in item.issues or []:
        if issue.get("severity") == "error":
            name = names.get(issue.get("field") or "") or readable(issue.get("field") or "form")
            fields.append(name)
            lines.append(f"- {name}: {issue.get('message')}")
    for key in blank_required(item.form, item.record):
        if names[key] not in fields:
            fields.append(names[key])
            lines.append(f"- {names[key]}: not filled in")
    return fields, lines


def draft(item: Submission) -> tuple[str, str]:
    message = item.message
    _, lines = problems(item)
    received = message.received_at.strftime("%d/%m/%Y")
    what = FORM_NAMES.get(item.form or "", "referral")
    body = "\n".join(
        [
            "Hello,",
            "",
            f"Thank you for the {what} you sent on {received} (our reference {item.id}).",
            "We cannot take it forward yet, because of the following:",
            "",
            *(lines or ["- (list what is missing or wrong)"]),
            "",
            "Please send the corrected form in reply to this e-mail.",
            "",
            "MAPPA single point of contact",
        ]
    )
    return f"Re: {message.subject or 'your MAPPA referral'}", body


@roles_required(Role.SPOC)
def return_to_referrer(pk: int) -> Page:
    item = visible_submission(db(), current_user.user, pk)
    fields, _ = problems(item)
    subject, body = draft(item)
    subject = request.form.get("subject", subject)
    body = request.form.get("body", body)
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not subject.strip():
            errors["subject"] = "Enter the subject"
        if not body.strip():
            errors["body"] = "Enter the message to the referrer"
        if not errors and run(
            errors,
            "body",
            lambda session: actions.return_to_referrer(
                session,
                actions.load(session, pk),
                actor(),
                subject,
                body,
                fields,
                service().deployment,
            ),
        ):
            return done(pk, f"Submission {pk} returned to the referrer.")
    return page(
        "submission/return.html",
        errors,
        title="Return to the referrer",
        item=item,
        subject=subject,
        body=body,
        fields=fields,
        secure=address_matches(item.message.sender or "", service().deployment.secure_domains),
    )


@roles_required(Role.SPOC)
def duplicate(pk: int) -> Page:
    item = visible_submission(db(), current_user.user, pk)
    earlier = request.form.get("earlier", "").strip()
    kind = request.form.get("kind", "")
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not earlier.isdigit():
            errors["earlier"] = "Enter the reference number of the earlier submission"
        if kind not in (actions.DUPLICATE, actions.UPDATE):
            errors["kind"] = "Choose whether it is a duplicate or an update"
        scope = visible_to(current_user.user)
        if not errors and run(
            errors,
            "earlier",
            lambda session: actions.mark_duplicate(
                session, actions.load(session, pk), actor(), int(earlier), kind, scope
            ),
        ):
            said = "a duplicate of" if kind == actions.DUPLICATE else "an update to"
            return done(pk, f"Submission {pk} marked as {said} submission {earlier}.")
    return page(
        "submission/duplicate.html",
        errors,
        title="Mark as a duplicate or an update",
        item=item,
        earlier=earlier,
        kind=kind,
    )


def register(blueprint: Blueprint) -> None:
    methods = ["GET", "POST"]
    for rule, view in (
        ("edit", edit_field),
        ("route", route),
        ("return", return_to_referrer),
        ("duplicate", duplicate),
    ):
        blueprint.add_url_rule(f"/submissions/<int:pk>/{rule}", view_func=view, methods=methods)

"""One submission: the original document beside the fields read from it, the proposed route
and deadlines, the e-mail it came in, and the downloads. Every view and download is audited;
the SPOC's actions are in submission_actions."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, Response, abort, render_template, send_file
from flask_login import current_user
from sqlalchemy import select

from intake.queries import raw_message
from intake.reading import FORM_NAMES
from intake.record_fields import field_rows, other_issues
from intake.schema import Attachment, Role, Stage, Submission
from intake.web import submission_actions
from intake.web.access import (
    audited,
    roles_required,
    viewed_submission,
    visible_submission,
    visible_to,
)
from intake.web.database import db, service
from intake.web.preview import preview_pdf
from intake.web.queue import STAGE_LABELS
from parsers import document_type

blueprint = Blueprint("submission", __name__)
READERS = (Role.SPOC, Role.ADMINISTRATOR, Role.AUDITOR)
DOWNLOAD_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
}


def related(item: Submission) -> tuple[Submission | None, list[Submission]]:
    """The earlier submission this one repeats or updates, and those that repeat or update it
    (only those the user may see)."""
    scope = visible_to(current_user.user)
    earlier = None
    if item.duplicate_of_pk:
        earlier = db().scalar(
            select(Submission).where(Submission.id == item.duplicate_of_pk, scope)
        )
    later = (
        db()
        .scalars(
            select(Submission)
            .where(Submission.duplicate_of_pk == item.id, scope)
            .order_by(Submission.id)
        )
        .all()
    )
    return earlier, list(later)


@blueprint.get("/submissions/<int:pk>")
@roles_required(*READERS)
def show(pk: int) -> str:
    item = viewed_submission(pk)
    earlier, later = related(item)
    return render_template(
        "submission/show.html",
        title=f"Submission {item.id}",
        item=item,
        message=item.message,
        attachments=item.message.attachments,
        rows=field_rows(item.form, item.record, item.provenance, item.issues)
        if item.form and item.record is not None
        else [],
        general_issues=other_issues(item.form, item.issues),
        route=item.proposed_route,
        deadlines=item.deadlines,
        earlier=earlier,
        later=later,
        form_name=FORM_NAMES.get(item.form or "", "No form"),
        stages=STAGE_LABELS,
        is_spoc=current_user.role == Role.SPOC,
        in_triage=item.stage == Stage.TRIAGE,
        editable=item.stage in (Stage.QUARANTINE, Stage.TRIAGE),
    )


@blueprint.get("/submissions/<int:pk>/document.pdf")
@roles_required(*READERS)
def document(pk: int) -> Response | tuple[str, int, dict[str, str]]:
    item = visible_submission(db(), current_user.user, pk)
    plain = {"Content-Type": "text/plain; charset=utf-8"}
    if item.attachment is None:
        return "This submission has no document.", 404, plain
    audited(item, "view", part="document", attachment=item.attachment.safe_name)
    found = db().get(Attachment, item.attachment_pk)
    assert found is not None
    shown = preview_pdf(service(), found)
    if shown.pdf is None:
        return shown.problem or "The document cannot be shown.", 422, plain
    response = send_file(
        BytesIO(shown.pdf), mimetype="application/pdf", download_name="preview.pdf"
    )
    response.headers["Content-Disposition"] = "inline; filename=preview.pdf"
    return response


@blueprint.get("/submissions/<int:pk>/message.eml")
@roles_required(*READERS)
def raw_email(pk: int) -> Response:
    item = visible_submission(db(), current_user.user, pk)
    audited(item, "download", part="message")
    raw = raw_message(db(), item.message_pk)
    return send_file(
        BytesIO(raw or b""),
        mimetype="message/rfc822",
        as_attachment=True,
        download_name=f"message-{item.message_pk}.eml",
    )


@blueprint.get("/submissions/<int:pk>/attachments/<int:attachment_pk>")
@roles_required(*READERS)
def attachment(pk: int, attachment_pk: int) -> Response:
    item = visible_submission(db(), current_user.user, pk)
    found = db().scalar(
        select(Attachment).where(
            Attachment.id == attachment_pk, Attachment.message_pk == item.message_pk
        )
    )
    if found is None:
        abort(404)
    audited(item, "download", part="attachment", attachment=found.safe_name)
    data = db().scalar(select(Attachment.content).where(Attachment.id == attachment_pk)) or b""
    kind = document_type(data) or ""
    if kind == "docx" and not found.safe_name.lower().endswith(".docx"):
        kind = ""  # any zip file starts the same way
    mimetype = DOWNLOAD_TYPES.get(kind, "application/octet-stream")
    return send_file(
        BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=found.safe_name
    )


submission_actions.register(blueprint)

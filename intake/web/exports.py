"""CSV exports for the auditor: the audit log (with the audit page's filters) and the
submissions. Each export is itself audited; a cell that a spreadsheet would run as a formula
(starting with =, +, -, @, a tab or a carriage return) is prefixed with a quote."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

from flask import Blueprint, Response, request, stream_with_context
from flask_login import current_user
from sqlalchemy import Select, and_, func, select

from intake.audit import record_event
from intake.schema import AuditEvent, Decision, Message, Role, Submission, reference_of
from intake.web.access import roles_required, visible_to
from intake.web.audit_views import read_filters
from intake.web.database import db, writing
from routing.calendar import london_time

blueprint = Blueprint("exports", __name__)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BATCH = 1000
AUDIT_COLUMNS = ["id", "at", "actor", "action", "submission", "message", "detail", "remote_addr"]
QUEUE_COLUMNS = [
    "reference",
    "id",
    "form",
    "subject",
    "referrer",
    "received",
    "due",
    "stage",
    "status",
    "issues",
    "route_area",
    "route_locality",
    "decision",
    "level",
    "meeting_date",
    "decided_at",
    "on_time",
]


def cell(value: Any) -> str:
    """One CSV cell as text, defused when a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, datetime):
        text = london_time(value).isoformat(timespec="seconds")
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(value) for value in row])
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def download(name: str, lines: Iterator[str]) -> Response:
    response = Response(stream_with_context(lines), mimetype="text/csv")
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    return response


def audited_export(what: str, rows: int, filters: dict[str, str]) -> None:
    with writing() as session:
        record_event(
            session,
            current_user.email,
            "export",
            detail={"export": what, "rows": rows, "filters": filters},
            remote_addr=request.remote_addr,
        )


def streamed(query: Select[Any]) -> Iterator[Any]:
    yield from db().execute(query.execution_options(yield_per=BATCH))


@blueprint.get("/audit/export.csv")
@roles_required(Role.AUDITOR)
def audit_csv() -> Response:
    filters = read_filters(request.args)
    conditions = filters.conditions()
    count = db().scalar(select(func.count()).select_from(AuditEvent).where(*conditions)) or 0
    audited_export("audit", count, filters.query_args())
    query = (
        select(
            AuditEvent.id,
            AuditEvent.at,
            AuditEvent.actor,
            AuditEvent.action,
            AuditEvent.submission_pk,
            AuditEvent.message_pk,
            AuditEvent.detail,
            AuditEvent.remote_addr,
        )
        .where(*conditions)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    return download("audit", csv_lines(AUDIT_COLUMNS, streamed(query)))


@blueprint.get("/queue/export.csv")
@roles_required(Role.AUDITOR)
def queue_csv() -> Response:
    scope = [visible_to(current_user.user)]
    filters = {key: request.args[key] for key in ("stage", "form") if request.args.get(key)}
    if "stage" in filters:
        scope.append(Submission.stage == filters["stage"])
    if "form" in filters:
        scope.append(Submission.form == filters["form"])
    count = db().scalar(select(func.count()).select_from(Submission).where(*scope)) or 0
    audited_export("queue", count, filters)
    query = (
        select(
            Submission.id,
            Submission.form,
            Submission.subject_name,
            Submission.referrer,
            Message.received_at,
            Submission.due,
            Submission.stage,
            Submission.status,
            Submission.issues,
            Submission.route_area,
            Submission.route_locality,
            Decision.outcome,
            Decision.level,
            Decision.meeting_date,
            Decision.decided_at,
            Decision.on_time,
        )
        .join(Message, Submission.message_pk == Message.id)
        .outerjoin(Decision, and_(Decision.submission_pk == Submission.id))
        .where(*scope)
        .order_by(Submission.id)
    )
    rows = (
        (reference_of(r.id), r.id, *r[1:8], len(r.issues or []), *r[9:]) for r in streamed(query)
    )
    return download("submissions", csv_lines(QUEUE_COLUMNS, rows))

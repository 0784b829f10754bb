"""The SPOC's queue as a query: the items a user may see, filtered, searched, ordered by
deadline (overdue first, no deadline last) and cut into pages. No Flask: the web page, the
JSON API and the CSV export list the same rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from math import ceil
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from intake.schema import Message, Stage, Submission

PER_PAGE = 25
ALL_STAGES = "all"
RUNNING = (Stage.QUARANTINE, Stage.TRIAGE, Stage.ROUTED)  # a deadline can pass


@dataclass(frozen=True)
class QueueFilter:
    stage: str = Stage.TRIAGE  # one of Stage.ALL, or "all"
    form: str | None = None
    area: str | None = None
    overdue: bool = False
    search: str = ""


@dataclass(frozen=True)
class QueueRow:
    id: int
    form: str | None
    status: str
    stage: str
    subject_name: str | None
    referrer: str | None
    sender: str | None
    received_at: datetime
    due: date | None
    overdue: bool
    errors: int
    warnings: int
    area: str | None
    locality: str | None


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    total: int
    page: int
    pages: int


def like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def conditions(filters: QueueFilter, today: date) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if filters.stage != ALL_STAGES:
        found.append(Submission.stage == filters.stage)
    if filters.form:
        found.append(Submission.form == filters.form)
    if filters.area:
        proposed_area = Submission.proposed_route["area"].as_string()
        found.append(
            or_(
                Submission.route_area == filters.area,
                and_(Submission.route_area.is_(None), proposed_area == filters.area),
            )
        )
    if filters.overdue:
        found.append(and_(Submission.due < today, Submission.stage.in_(RUNNING)))
    words = filters.search.strip().lower()
    if words:
        found.append(
            or_(
                *(
                    Submission.search_text.like(like_pattern(text), escape="\\")
                    for text in {words, "".join(words.split())}
                )
            )
        )
    return found


def queue_page(
    session: Session,
    scope: ColumnElement[bool],
    filters: QueueFilter,
    today: date,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> QueuePage:
    where = [scope, *conditions(filters, today)]
    total = session.scalar(select(func.count(Submission.id)).where(*where)) or 0
    pages = max(1, ceil(total / per_page))
    page = min(max(1, page), pages)
    rows = session.execute(
        select(Submission, Message.sender, Message.received_at)
        .join(Message, Submission.message_pk == Message.id)
        .where(*where)
        .order_by(Submission.due.asc().nulls_last(), Message.received_at, Submission.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return QueuePage([row_of(item, s, r, today) for item, s, r in rows], total, page, pages)


def row_of(item: Submission, sender: str | None, received: datetime, today: date) -> QueueRow:
    issues: list[dict[str, Any]] = item.issues or []
    route = item.proposed_route or {}
    return QueueRow(
        id=item.id,
        form=item.form,
        status=item.status,
        stage=item.stage,
        subject_name=item.subject_name,
        referrer=item.referrer,
        sender=sender,
        received_at=received,
        due=item.due,
        overdue=item.due is not None and item.due < today and item.stage in RUNNING,
        errors=sum(1 for issue in issues if issue.get("severity") == "error"),
        warnings=sum(1 for issue in issues if issue.get("severity") == "warning"),
        area=item.route_area or route.get("area"),
        locality=item.route_locality or route.get("locality"),
    )

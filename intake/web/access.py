"""Who may see and do what: the role checks and the scope of each role, in one place.

SPOC: the submissions of their mailbox. Administrator: what is routed to their area (all of it
for an area administrator, one locality for a locality's). Auditor: everything, read-only, and
the audit log. Sysadmin: users and configuration, no personal data. A submission outside a
user's scope is answered 404, the same as one that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, request
from flask_login import current_user
from sqlalchemy import ColumnElement, and_, exists, false, select
from sqlalchemy.orm import Session

from intake.audit import record_event
from intake.schema import Delivery, Role, Stage, Submission, User
from intake.triage_actions import Actor
from intake.web.database import db, service, writing

View = TypeVar("View", bound=Callable[..., Any])


def roles_required(*roles: str) -> Callable[[View], View]:
    """Refuse (403) a signed-in user whose role is not one of `roles`."""

    def decorate(view: View) -> View:
        @wraps(view)
        def checked(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return checked  # type: ignore[return-value]

    return decorate


def spoc_mailbox(user: User) -> str:
    """The mailbox a SPOC works: their own setting, else the one this service watches."""
    return user.mailbox or service().settings.effective_mailbox


def visible_to(user: User) -> ColumnElement[bool]:
    """The condition on Submission that a user's scope allows."""
    if user.role == Role.AUDITOR:
        return Submission.stage != Stage.JOINED
    if user.role == Role.SPOC:
        in_mailbox = exists(
            select(Delivery.id).where(
                Delivery.message_pk == Submission.message_pk,
                Delivery.mailbox == spoc_mailbox(user),
            )
        )
        return and_(Submission.stage != Stage.JOINED, in_mailbox)
    if user.role == Role.ADMINISTRATOR and user.area:
        routed = and_(
            Submission.stage.in_((Stage.ROUTED, Stage.DECIDED)),
            Submission.route_area == user.area,
        )
        if user.locality:
            return and_(routed, Submission.route_locality == user.locality)
        return routed
    return false()


def visible_submission(session: Session, user: User, pk: int) -> Submission:
    """The submission if the user may see it; 404 otherwise (never say it exists)."""
    found = session.scalar(select(Submission).where(Submission.id == pk, visible_to(user)))
    if found is None:
        abort(404)
    return found


def audited(item: Submission, action: str, **detail: object) -> None:
    """Record that the signed-in user saw or took a submission's personal data."""
    with writing() as session:
        record_event(
            session,
            current_user.email,
            action,
            submission_pk=item.id,
            message_pk=item.message_pk,
            detail=dict(detail),
            remote_addr=request.remote_addr,
        )


def viewed_submission(pk: int, **detail: object) -> Submission:
    """The submission the user may see (else 404), its view audited first."""
    audited(visible_submission(db(), current_user.user, pk), "view", **detail)
    return visible_submission(db(), current_user.user, pk)


def actor() -> Actor:
    """The signed-in user as the triage actions record them."""
    return Actor(current_user.email, request.remote_addr)

"""What a SPOC does to a submission: release or reject a quarantined one, correct a field,
accept and route it, return it to the referrer, mark it a duplicate of (or an update to) an
earlier one.

Each function takes the caller's session (one transaction: the change, its audit row and its
e-mail commit together), checks the submission's stage first and refuses with a sentence the
SPOC can act on. No Flask here: the web UI, the JSON API and the CLI share these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session

from intake.audit import record_event
from intake.outbox import enqueue
from intake.proposing import Proposer
from intake.reading import FORM_NAMES
from intake.record_fields import EditRefused, edited_record
from intake.schema import Message, Stage, Submission
from routing.config import Deployment

STAGE_NAMES = {
    Stage.QUARANTINE: "in quarantine",
    Stage.TRIAGE: "waiting for triage",
    Stage.ROUTED: "already routed",
    Stage.RETURNED: "already returned to the referrer",
    Stage.DUPLICATE: "already marked as a duplicate",
    Stage.DECIDED: "already decided",
    Stage.REJECTED: "already rejected",
    Stage.JOINED: "part of another submission",
}
DUPLICATE, UPDATE = "duplicate", "update"


class ActionRefused(Exception):
    """The change cannot be made in the submission's present state; the message says why."""


@dataclass(frozen=True)
class Actor:
    email: str
    remote_addr: str | None = None


@dataclass(frozen=True)
class RouteChoice:
    area: str
    locality: str | None
    reason: str = ""


def load(session: Session, pk: int, scope: ColumnElement[bool] | None = None) -> Submission:
    found = session.scalar(
        select(Submission).where(Submission.id == pk, true() if scope is None else scope)
    )
    if found is None:
        raise ActionRefused(f"Submission {pk} does not exist.")
    return found


def require_stage(item: Submission, *stages: str, doing: str) -> None:
    if item.stage not in stages:
        state = STAGE_NAMES.get(item.stage, item.stage)
        raise ActionRefused(f"Submission {item.id} cannot be {doing}: it is {state}.")


def audit(session: Session, actor: Actor, action: str, item: Submission, **detail: Any) -> None:
    record_event(
        session,
        actor.email,
        action,
        submission_pk=item.id,
        message_pk=item.message_pk,
        detail=detail,
        remote_addr=actor.remote_addr,
    )


def release(session: Session, item: Submission, actor: Actor) -> None:
    """The SPOC's deliberate act: a quarantined item joins the triage queue (nothing is sent)."""
    require_stage(item, Stage.QUARANTINE, doing="released")
    item.stage = Stage.TRIAGE
    audit(session, actor, "release", item, stage={"old": Stage.QUARANTINE, "new": Stage.TRIAGE})


def reject(
    session: Session, item: Submission, actor: Actor, reason: str, now: datetime | None = None
) -> None:
    require_stage(item, Stage.QUARANTINE, doing="rejected")
    if not reason.strip():
        raise ActionRefused("Enter the reason for rejecting it.")
    item.stage, item.closed_at = Stage.REJECTED, now or datetime.now(UTC)
    audit(
        session,
        actor,
        "reject",
        item,
        stage={"old": Stage.QUARANTINE, "new": Stage.REJECTED},
        reason=reason.strip(),
    )


def edit_field(
    session: Session,
    item: Submission,
    actor: Actor,
    key: str,
    text: str,
    reason: str,
    proposer: Proposer,
) -> None:
    """Correct one value of the record; the queue's columns and the proposal follow it."""
    require_stage(item, Stage.QUARANTINE, Stage.TRIAGE, doing="corrected")
    if not item.form or item.record is None:
        raise ActionRefused("This item has no form read from it, so there is nothing to correct.")
    if not reason.strip():
        raise ActionRefused("Enter the reason for the change.")
    try:
        old, new, record = edited_record(item.form, item.record, key, text)
    except EditRefused as exc:
        raise ActionRefused(str(exc)) from exc
    if old == new:
        raise ActionRefused("The new value is the same as the old one.")
    item.record = record
    message = session.get(Message, item.message_pk)
    assert message is not None
    columns = proposer.columns(item.form, record, message.sender, message.received_at)
    for name, value in columns.items():
        setattr(item, name, value)
    audit(session, actor, "edit_field", item, field=key, old=old, new=new, reason=reason.strip())


def recipients_for(item: Submission, choice: RouteChoice, deployment: Deployment) -> list[str]:
    """The proposal's recipients when the SPOC keeps it; else the chosen locality's
    administrator, or the area's level 3 administrator (a level 3 referral, or no locality)."""
    proposed = item.proposed_route or {}
    same = (proposed.get("area"), proposed.get("locality")) == (choice.area, choice.locality)
    if same and proposed.get("recipients"):
        return list(proposed["recipients"])
    area = deployment.areas[choice.area]
    level3 = item.form == "mappa_a" and (item.record or {}).get("level_referred") == 3
    if choice.locality and not level3:
        return [area.localities[choice.locality].administrator]
    return [area.level3_administrator]


def check_choice(item: Submission, choice: RouteChoice, deployment: Deployment) -> None:
    if choice.area not in deployment.areas:
        raise ActionRefused("Choose an area this service routes for.")
    if choice.locality and choice.locality not in deployment.areas[choice.area].localities:
        raise ActionRefused(f"{choice.locality} is not a locality of {choice.area}.")
    proposed = item.proposed_route or {}
    differs = (proposed.get("area"), proposed.get("locality")) != (choice.area, choice.locality)
    if differs and not choice.reason.strip():
        raise ActionRefused("Enter the reason for routing it differently from the proposal.")


def accept_and_route(
    session: Session,
    item: Submission,
    actor: Actor,
    choice: RouteChoice,
    deployment: Deployment,
    link: str,
    now: datetime | None = None,
) -> list[str]:
    """Route to the administrators and write their notice; the decision clock of a MAPPA A
    keeps counting from receipt (`due` is not moved). Returns the recipients."""
    require_stage(item, Stage.TRIAGE, doing="routed")
    check_choice(item, choice, deployment)
    now = now or datetime.now(UTC)
    recipients = recipients_for(item, choice, deployment)
    item.stage, item.route_area, item.route_locality = Stage.ROUTED, choice.area, choice.locality
    item.routed_to, item.routed_at = recipients, now
    proposed = item.proposed_route or {}
    audit(
        session,
        actor,
        "route",
        item,
        stage={"old": Stage.TRIAGE, "new": Stage.ROUTED},
        area=choice.area,
        locality=choice.locality,
        recipients=recipients,
        proposed={"area": proposed.get("area"), "locality": proposed.get("locality")},
        reason=choice.reason.strip() or None,
    )
    context = {
        "reference": item.reference,
        "form": FORM_NAMES.get(item.form or "", "Referral"),
        "subject_name": item.subject_name,
        "referrer": item.referrer,
        "area": choice.area,
        "locality": choice.locality,
        "due": item.due,
        "link": link,
        "routed_by": actor.email,
    }
    enqueue(
        session,
        f"routed:{item.id}",
        "routed_notice",
        recipients,
        context,
        deployment.secure_domains,
        submission_pk=item.id,
        now=now,
    )
    return recipients


def return_to_referrer(
    session: Session,
    item: Submission,
    actor: Actor,
    subject: str,
    body: str,
    fields: list[str],
    deployment: Deployment,
    now: datetime | None = None,
) -> str:
    """Close the item and write the SPOC's e-mail to the sender, threaded under the original.
    Returns the recipient."""
    require_stage(item, Stage.TRIAGE, doing="returned")
    message = session.get(Message, item.message_pk)
    assert message is not None
    if not message.sender:
        raise ActionRefused("The e-mail has no sender address to return it to.")
    subject = " ".join(subject.split())  # one header line, whatever was posted
    if not subject or not body.strip():
        raise ActionRefused("Enter the subject and the message to the referrer.")
    now = now or datetime.now(UTC)
    item.stage, item.closed_at = Stage.RETURNED, now
    audit(
        session,
        actor,
        "return_to_referrer",
        item,
        stage={"old": Stage.TRIAGE, "new": Stage.RETURNED},
        to=message.sender,
        fields=fields,
    )
    context = {
        "reference": item.reference,
        "subject": subject,
        "body": body.strip(),
        "fields": fields,
        "received": message.received_at,
        "original_subject": message.subject,
    }
    enqueue(
        session,
        f"returned:{item.id}",
        "return_to_referrer",
        [message.sender],
        context,
        deployment.secure_domains,
        submission_pk=item.id,
        reply_to=message.message_id,
        now=now,
    )
    return message.sender


def mark_duplicate(
    session: Session,
    item: Submission,
    actor: Actor,
    earlier_pk: int,
    kind: str,
    scope: ColumnElement[bool] | None = None,
    now: datetime | None = None,
) -> None:
    """Close the item as a repeat of, or an update to (a Form G about leave or a transfer), an
    earlier submission the same user can see; it stays linked and listed on the earlier one."""
    require_stage(item, Stage.TRIAGE, doing="marked as a duplicate")
    if kind not in (DUPLICATE, UPDATE):
        raise ActionRefused("Choose whether it is a duplicate or an update.")
    if earlier_pk == item.id:
        raise ActionRefused("A submission cannot be a duplicate of itself.")
    earlier = session.scalar(
        select(Submission).where(
            Submission.id == earlier_pk,
            Submission.stage != Stage.JOINED,
            true() if scope is None else scope,
        )
    )
    if earlier is None:
        raise ActionRefused(f"There is no submission {earlier_pk} you can see.")
    this_message = session.get(Message, item.message_pk)
    that_message = session.get(Message, earlier.message_pk)
    assert this_message is not None and that_message is not None
    if (that_message.received_at, earlier.id) >= (this_message.received_at, item.id):
        raise ActionRefused(f"Submission {earlier_pk} was not received before this one.")
    item.stage, item.closed_at = Stage.DUPLICATE, now or datetime.now(UTC)
    item.duplicate_of_pk, item.duplicate_kind = earlier.id, kind
    audit(
        session,
        actor,
        "mark_duplicate",
        item,
        stage={"old": Stage.TRIAGE, "new": Stage.DUPLICATE},
        duplicate_of=earlier.id,
        kind=kind,
    )

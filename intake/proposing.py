"""Read submissions ─► what the SPOC's queue shows: who it is about, who sent it, the proposed
route and why, and the deadline that orders the queue.

Runs after the parse stage, on every submission read but not yet proposed. Routing and the
clocks are the pure `routing` package; this module only gathers their inputs from the stored
rows and writes their answers back, so a change of config/ is picked up by proposing again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from intake.outbox import enqueue
from intake.schema import Message, Stage, Submission, SubmissionStatus
from routing.calendar import WorkingCalendar
from routing.clocks import deadlines
from routing.config import Deployment
from routing.directory import Directory
from routing.route import as_record
from routing.router import route_record

BATCH = 200
TRIAGE_CLOCK = "spoc_triage"  # an item that is no form still waits for the SPOC


@dataclass(frozen=True)
class Proposer:
    """Everything the proposal needs that does not come from the submission itself."""

    directory: Directory
    deployment: Deployment
    calendar: WorkingCalendar
    spoc_address: str  # MAPPA_SPOC_ADDRESS: told of quarantined mail
    base_url: str  # MAPPA_BASE_URL: links in e-mails

    def columns(
        self,
        form: str | None,
        record: dict[str, Any] | None,
        sender: str | None,
        received: datetime,
    ) -> dict[str, Any]:
        """The queue's columns for one submission."""
        if form and record:
            typed = as_record(form, record)
            route = route_record(form, typed, sender, self.directory)
            clocks = deadlines(form, typed, received, self.deployment, self.calendar, route.area)
            main = clocks.clocks[0] if clocks.clocks else None
            return {
                "subject_name": subject_name(form, record),
                "referrer": referrer(form, record) or sender,
                "search_text": search_text(form, record),
                "proposed_route": route.model_dump(mode="json"),
                "deadlines": clocks.model_dump(mode="json"),
                "clock": main.name if main else None,
                "due": main.due if main else None,
            }
        working_days = self.deployment.clocks.form_g_forward_working_days
        return {
            "referrer": sender,
            "proposed_route": None,
            "deadlines": None,
            "clock": TRIAGE_CLOCK,
            "due": self.calendar.due_date(received, working_days),
        }


def subject_name(form: str, record: dict[str, Any]) -> str | None:
    """The person the form is about, as a SPOC would say it: "First Family"."""
    offender = record.get("offender") or {}
    if offender.get("full_name"):
        return offender["full_name"]
    parts = [offender.get("first_name"), offender.get("family_name")]
    named = " ".join(p for p in parts if p)
    if named:
        return named
    checklist = record.get("checklist") or {}
    return (checklist.get("offender") or {}).get("full_name")


def referrer(form: str, record: dict[str, Any]) -> str | None:
    """Who filled the form in, and for which organisation."""
    person = record.get("referrer") if form == "mappa_a" else record.get("notifier")
    if not person:
        return None
    name, organisation = person.get("name"), person.get("agency") or person.get("organisation")
    return ", ".join(p for p in (name, organisation) if p) or None


def search_text(form: str, record: dict[str, Any]) -> str:
    """Lower-case names and identifiers, with and without spaces, for the queue's search."""
    offender = record.get("offender") or {}
    words: list[str] = []
    for key in ("full_name", "first_name", "middle_name", "family_name"):
        if offender.get(key):
            words.append(offender[key])
    for key in ("aliases", "nicknames"):
        words.extend(offender.get(key) or [])
    words.extend(_flatten((record.get("ids") or {}).values()))
    named = subject_name(form, record)
    if named:
        words.append(named)
    text = " | ".join(words).lower()
    return f"{text} | {text.replace(' ', '')}"


def _flatten(values: Any) -> list[str]:
    """Every text inside identifiers: canonical values, as written, and other ids' items."""
    found: list[str] = []
    for value in values:
        if isinstance(value, dict):
            found.extend(_flatten(value.values()))
        elif isinstance(value, list):
            found.extend(_flatten(value))
        elif isinstance(value, str) and value:
            found.append(value)
    return found


def notify_receipt(session: Session, proposer: Proposer, message_pk: int) -> None:
    """The referrer's acknowledgement with the references (trusted senders only), or, for an
    untrusted sender, the SPOC's notice that something waits in quarantine. Written with the
    proposal, so each is written once: the outbox key names the message."""
    message = session.get(Message, message_pk)
    assert message is not None
    items = [s for s in message.submissions if s.stage != Stage.JOINED]
    context = {
        "references": [s.reference for s in items],
        "subject": message.subject or "(no subject)",
        "sender": message.sender or "(unknown sender)",
        "received": message.received_at,
        "link": f"{proposer.base_url.rstrip('/')}/queue/quarantine",
    }
    if message.sender_trusted and message.sender:
        key, kind, to = f"ack:{message_pk}", "acknowledgement", [message.sender]
    else:
        key, kind, to = f"quarantine:{message_pk}", "quarantine_notice", [proposer.spoc_address]
    enqueue(
        session,
        key,
        kind,
        to,
        context,
        proposer.deployment.secure_domains,
        submission_pk=items[0].id if items else None,
        reply_to=message.message_id if kind == "acknowledgement" else None,
    )


def propose_pending(sessions: sessionmaker[Session], proposer: Proposer, now: datetime) -> int:
    """Propose every read submission not yet proposed; return how many."""
    total = 0
    while True:
        with sessions.begin() as session:
            rows = session.execute(
                select(
                    Submission.id,
                    Submission.form,
                    Submission.record,
                    Message.sender,
                    Message.received_at,
                    Submission.message_pk,
                )
                .join(Message, Submission.message_pk == Message.id)
                .where(
                    Submission.proposed_at.is_(None),
                    Submission.status.not_in(
                        [SubmissionStatus.NOT_PARSED, SubmissionStatus.JOINED]
                    ),
                )
                .order_by(Submission.id)
                .limit(BATCH)
                .with_for_update(skip_locked=True, of=Submission)
            ).all()
            if not rows:
                return total
            session.execute(
                update(Submission),
                [
                    {"id": pk, "proposed_at": now, **proposer.columns(form, record, sender, at)}
                    for pk, form, record, sender, at, _ in rows
                ],
            )
            for message_pk in sorted({row.message_pk for row in rows}):
                notify_receipt(session, proposer, message_pk)
            total += len(rows)

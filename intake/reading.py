"""Submissions waiting to be read ─► records: the parse stage after the split.

Like the split, it reads outside any transaction (documents are parsed in isolated children)
and writes only rows still waiting, claimed with FOR UPDATE SKIP LOCKED, so a crash or a second
worker never reads a submission twice. A Form G and its Appendix C checklist sent as two
attachments of one e-mail become one record on the Form G's submission.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session, sessionmaker

from intake.documents import DocumentReader
from intake.schema import Attachment, Message, Stage, Submission, SubmissionStatus
from intake.triage import with_notes
from parsers import ParseResult

BATCH = 20  # submissions read per round
FORM_NAMES = {"form_g": "Form G", "mappa_a": "MAPPA A", "pdp": "PDP"}
UNREADABLE_CODES = {
    "file_unreadable",
    "file_empty",
    "file_type_unsupported",
    "file_corrupt",
    "file_encrypted",
    "file_scanned",
    "file_too_large",
    "parse_limit",
}


@dataclass(frozen=True)
class Waiting:
    submission_pk: int
    message_pk: int
    name: str
    data: bytes
    sender: str | None
    quarantined: bool
    damage: str | None

    def noted(self, reason: str) -> str:
        """The document's reason with the quarantine and the e-mail's damage around it."""
        return with_notes(reason, (self.sender or "?") if self.quarantined else None, self.damage)


def select_documents() -> Select:
    """Submissions with their document and what the reason must say about their e-mail."""
    return (
        select(
            Submission.id,
            Submission.message_pk,
            Attachment.safe_name,
            Attachment.content,
            Message.sender,
            Submission.quarantined,
            Submission.damage,
        )
        .join(Attachment, Submission.attachment_pk == Attachment.id)
        .join(Message, Submission.message_pk == Message.id)
        .order_by(Submission.id)
    )


def parse_pending(
    sessions: sessionmaker[Session], reader: DocumentReader, now: datetime, batch: int = BATCH
) -> int:
    """Read every submission waiting for its document to be parsed; return how many."""
    total = 0
    while waiting := load_waiting(sessions, batch):
        written = write_parsed(sessions, read_documents(reader, waiting, now), now)
        if not written:
            break  # another worker holds these and will finish them
        total += written
    return total


def load_waiting(sessions: sessionmaker[Session], batch: int) -> list[Waiting]:
    """The oldest waiting submissions, whole messages at a time (a Form G and its checklist
    must be read together)."""
    with sessions() as session:
        messages = list(
            session.scalars(
                select(Submission.message_pk)
                .where(Submission.status == SubmissionStatus.NOT_PARSED)
                .group_by(Submission.message_pk)
                .order_by(Submission.message_pk)
                .limit(batch)
            )
        )
        rows = session.execute(
            select_documents().where(
                Submission.message_pk.in_(messages),
                Submission.status == SubmissionStatus.NOT_PARSED,
            )
        )
        return [Waiting(*row) for row in rows]


def read_documents(
    reader: DocumentReader, waiting: list[Waiting], now: datetime
) -> dict[int, dict[str, Any]]:
    """Each submission's new column values, checklists joined to their Form G."""
    results = reader.parse_many([(w.name, w.data) for w in waiting], now)
    by_message: dict[int, list[tuple[Waiting, ParseResult]]] = defaultdict(list)
    for item, result in zip(waiting, results, strict=True):
        by_message[item.message_pk].append((item, result))
    values: dict[int, dict[str, Any]] = {}
    for parsed in by_message.values():
        values.update({item.submission_pk: columns(result) for item, result in parsed})
        form_g = next((p for p in parsed if alone(p[1]) == "form_g"), None)
        checklist = next((p for p in parsed if alone(p[1]) == "checklist"), None)
        if form_g and checklist:
            joined = reader.parse_joined(
                [(form_g[0].name, form_g[0].data), (checklist[0].name, checklist[0].data)], now
            )
            values[form_g[0].submission_pk] = columns(joined)
            values[checklist[0].submission_pk].update(
                status=SubmissionStatus.JOINED,
                stage=Stage.JOINED,
                joined_into_pk=form_g[0].submission_pk,
                reason=f"This Appendix C checklist was read together with its Form G "
                f"“{form_g[0].name}” (submission {form_g[0].submission_pk}).",
            )
    for item in waiting:
        values[item.submission_pk]["reason"] = item.noted(values[item.submission_pk]["reason"])
    return values


def alone(result: ParseResult) -> str | None:
    """ "form_g" for a Form G without its checklist, "checklist" for a checklist alone."""
    if result.form != "form_g" or result.record is None:
        return None
    codes = {issue.code for issue in result.issues}
    if "form_g_missing" in codes:
        return "checklist"
    return "form_g" if result.record.get("checklist") is None else None


def columns(result: ParseResult) -> dict[str, Any]:
    """A parse result as the submission's status, reason and stored record."""
    issues = [issue.model_dump() for issue in result.issues]
    if result.form == "unknown":
        code = result.issues[0].code if result.issues else "not_a_form"
        status = (
            SubmissionStatus.UNREADABLE if code in UNREADABLE_CODES else SubmissionStatus.NOT_A_FORM
        )
        reason = result.issues[0].message if result.issues else "Not a recognised form."
    else:
        status, reason = SubmissionStatus.PARSED, summary(result)
    return {
        "form": None if result.form == "unknown" else result.form,
        "status": status,
        "reason": reason,
        "record": result.record,
        "issues": issues,
        "provenance": result.provenance,
        "joined_into_pk": None,
    }


def summary(result: ParseResult) -> str:
    errors = sum(issue.severity == "error" for issue in result.issues)
    warnings = sum(issue.severity == "warning" for issue in result.issues)
    counted = f"{errors} error{'s' * (errors != 1)} and {warnings} warning{'s' * (warnings != 1)}"
    first = next((issue.message for issue in result.issues if issue.severity == "error"), None)
    then = f" First: {first}" if first else ""
    return f"{FORM_NAMES[result.form]} read: {counted} to check.{then}"


def write_parsed(
    sessions: sessionmaker[Session], values: dict[int, dict[str, Any]], now: datetime
) -> int:
    """Writes the results of submissions still waiting; another worker's are skipped."""
    if not values:
        return 0
    with sessions.begin() as session:
        claimed = list(
            session.scalars(
                select(Submission.id)
                .where(
                    Submission.id.in_(list(values)),
                    Submission.status == SubmissionStatus.NOT_PARSED,
                )
                .with_for_update(skip_locked=True)
            )
        )
        if claimed:
            session.execute(
                update(Submission),
                [{"id": pk, "parsed_at": now, **values[pk]} for pk in claimed],
            )
    return len(claimed)

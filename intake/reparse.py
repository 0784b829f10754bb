"""Reading a stored message's documents again (after a parser fix), recorded in the audit.

The raw message never changes; each submission's record, issues and provenance are replaced
in one transaction with one audit event per submission saying what changed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from intake.audit import record_event
from intake.documents import DocumentReader
from intake.reading import Waiting, read_documents, select_documents
from intake.schema import Submission

COMPARED = ("form", "status", "reason", "record", "issues", "provenance")


def reparse_message(
    sessions: sessionmaker[Session],
    reader: DocumentReader,
    message_pk: int,
    actor: str,
    now: datetime,
) -> list[dict[str, Any]]:
    """Parse every document of one message again; return one change summary per submission."""
    with sessions() as session:
        rows = session.execute(select_documents().where(Submission.message_pk == message_pk))
        waiting = [Waiting(*row) for row in rows]
    values = read_documents(reader, waiting, now)
    summaries = []
    with sessions.begin() as session:
        for item in waiting:
            submission = session.get(Submission, item.submission_pk, with_for_update=True)
            before = {name: getattr(submission, name) for name in COMPARED}
            after = {name: values[item.submission_pk].get(name) for name in COMPARED}
            changed = sorted(name for name in COMPARED if before[name] != after[name])
            session.execute(
                update(Submission)
                .where(Submission.id == item.submission_pk)
                .values(parsed_at=now, **values[item.submission_pk])
            )
            detail = {
                "file": item.name,
                "changed": changed,
                "before": {"form": before["form"], "status": before["status"]},
                "after": {"form": after["form"], "status": after["status"]},
            }
            record_event(
                session,
                actor,
                "reparse",
                message_pk=message_pk,
                submission_pk=item.submission_pk,
                detail=detail,
                at=now,
            )
            summaries.append({"submission": item.submission_pk, **detail})
    return summaries

"""Notifications written to the outbox in the caller's transaction: the change and the e-mail
it causes commit together or not at all, and a unique key makes a second copy impossible.

Each kind has a text and an HTML template under templates/email/ (`KIND.txt`, `KIND.html`).
Personal data goes only to recipients on the secure-domain list (config/secure_domains.toml);
the others get a message of their own with the reference and a link (`secure` is False in the
template). Delivery (SMTP, or .eml files by default) is the delivery job's work.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from intake.schema import OutboxMessage, OutboxStatus
from routing.domains import address_matches

EMAIL_TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "email"


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(EMAIL_TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(kind: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """(subject, text, html) of one notification; the subject is the text's first line."""
    text = environment().get_template(f"{kind}.txt").render(context)
    subject, _, body = text.partition("\n")
    html = environment().get_template(f"{kind}.html").render(context)
    return subject.removeprefix("Subject:").strip(), body.lstrip("\n"), html


def enqueue(
    session: Session,
    key: str,
    kind: str,
    recipients: Sequence[str],
    context: dict[str, Any],
    secure_domains: list[str],
    submission_pk: int | None = None,
    reply_to: str | None = None,
    now: datetime | None = None,
) -> list[int]:
    """Write the notification once per kind of recipient (secure, or link only); return the
    new rows' ids. A key already written is skipped: asking twice sends once."""
    now = now or datetime.now(UTC)
    secure = [r for r in recipients if address_matches(r, secure_domains)]
    others = [r for r in recipients if not address_matches(r, secure_domains)]
    ids = []
    for group, is_secure, suffix in ((secure, True, "secure"), (others, False, "link")):
        row_key = f"{key}:{suffix}"
        if not group or session.scalar(
            select(OutboxMessage.id).where(OutboxMessage.key == row_key)
        ):
            continue
        subject, text, html = render(kind, {**context, "secure": is_secure})
        new = session.execute(
            _insert(session)
            .values(
                key=row_key,
                kind=kind,
                submission_pk=submission_pk,
                recipients=sorted(set(group)),
                subject=subject,
                text_body=text,
                html_body=html,
                in_reply_to=reply_to,
                references=reply_to,
                status=OutboxStatus.PENDING,
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
            # another worker wrote the same key a moment ago: its row stands
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(OutboxMessage.id)
        ).scalar_one_or_none()
        if new is not None:
            ids.append(new)
    return ids


def _insert(session: Session):  # type: ignore[no-untyped-def]
    """INSERT with ON CONFLICT, in the dialect of the session's database."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql_insert(OutboxMessage)
    return sqlite_insert(OutboxMessage)

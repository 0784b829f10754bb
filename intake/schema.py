"""SQLAlchemy tables: stored raw messages, their deliveries, attachments and submissions.

A message is stored once per content (sha256); each time a mailbox hands it to us is a delivery,
identified by (mailbox, uidvalidity, uid). Submissions are keyed by (message, slot) so that
processing the same message twice can never make a second one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import JSON


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on both databases; SQLite would otherwise hand back naive ones."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware one")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    pass


class MessageStatus:
    STORED = "stored"  # raw bytes committed, not split yet
    PROCESSED = "processed"  # split into attachments and submissions
    QUARANTINED = "quarantined"  # processed, but the sender is not on the allowlist


class Message(Base):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    message_id: Mapped[str | None] = mapped_column(Text, index=True)
    size: Mapped[int] = mapped_column(Integer)
    from_header: Mapped[str | None] = mapped_column(Text)
    sender: Mapped[str | None] = mapped_column(Text)
    to_header: Mapped[str | None] = mapped_column(Text)
    date_header: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(20), index=True, default=MessageStatus.STORED)
    sender_trusted: Mapped[bool | None] = mapped_column(Boolean)
    processed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    purged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # raw bytes removed

    deliveries: Mapped[list[Delivery]] = relationship(
        back_populates="message", order_by="Delivery.id"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="message", order_by="Attachment.position"
    )
    submissions: Mapped[list[Submission]] = relationship(
        back_populates="message", order_by="Submission.slot"
    )


class RawMessage(Base):
    """A message's exact bytes, in a row of their own that is written once: SQLite rewrites a
    whole row, blob and all, for every change of a message's status."""

    __tablename__ = "raw_messages"

    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id"), primary_key=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary)


class Delivery(Base):
    """One hand-over of a message by a mailbox; a second one of the same content is a repeat."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("mailbox", "uidvalidity", "uid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    mailbox: Mapped[str] = mapped_column(String(500))
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    uid: Mapped[str] = mapped_column(String(255))
    is_repeat: Mapped[bool] = mapped_column(Boolean, default=False)
    delivered_at: Mapped[datetime] = mapped_column(UtcDateTime)
    moved_to: Mapped[str | None] = mapped_column(String(255))

    message: Mapped[Message] = relationship(back_populates="deliveries")


class MailboxState(Base):
    """The last UIDVALIDITY seen per mailbox, so that a change is noticed and logged."""

    __tablename__ = "mailbox_states"

    mailbox: Mapped[str] = mapped_column(String(500), primary_key=True)
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Attachment(Base):
    __tablename__ = "attachments"
    __table_args__ = (UniqueConstraint("message_pk", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str | None] = mapped_column(Text)
    safe_name: Mapped[str] = mapped_column(String(255))
    container: Mapped[str | None] = mapped_column(Text)
    declared_type: Mapped[str | None] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    could_be_form: Mapped[bool] = mapped_column(Boolean)

    message: Mapped[Message] = relationship(back_populates="attachments")


class SubmissionStatus:
    NOT_PARSED = "not_parsed"  # a document that could be a form, waiting for the parser
    NO_FORM = "no_form"  # the message carries nothing that could be a form
    UNREADABLE = "unreadable"  # over a limit or malformed: a person must look at the original
    PARSED = "parsed"  # read into a record (its issues say what a person must check)
    NOT_A_FORM = "not_a_form"  # a readable document that is none of the three forms
    JOINED = "joined"  # an Appendix C checklist read into its Form G's submission


class Stage:
    """Where a submission is in the SPOC's and the administrators' work (status says how it
    was read; stage says what people have done with it)."""

    QUARANTINE = "quarantine"  # untrusted sender: a SPOC releases or rejects it
    TRIAGE = "triage"  # waiting for the SPOC
    ROUTED = "routed"  # accepted and sent to the area administrator; the decision clock runs
    RETURNED = "returned"  # sent back to the referrer for missing or invalid fields
    DUPLICATE = "duplicate"  # a repeat of, or an update to, an earlier submission
    DECIDED = "decided"  # the administrator recorded a decision: the clock stopped
    REJECTED = "rejected"  # a quarantined e-mail the SPOC rejected, with a reason
    JOINED = "joined"  # a checklist read into its Form G's submission: not an item of its own

    OPEN = (TRIAGE, ROUTED)  # a clock is running
    CLOSED = (RETURNED, DUPLICATE, DECIDED, REJECTED)
    ALL = (QUARANTINE, TRIAGE, ROUTED, RETURNED, DUPLICATE, DECIDED, REJECTED)


class Submission(Base):
    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("message_pk", "slot"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    slot: Mapped[int] = mapped_column(Integer)  # 0 for the message itself, else attachment position
    attachment_pk: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"))
    form: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), index=True)
    reason: Mapped[str] = mapped_column(Text)
    damage: Mapped[str | None] = mapped_column(Text)  # the e-mail's own damage, kept in reason
    quarantined: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    record: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    issues: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    provenance: Mapped[dict[str, str] | None] = mapped_column(JSON)
    parsed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    joined_into_pk: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"))

    # The SPOC's queue: set when the submission is read (intake.proposing), changed by people.
    stage: Mapped[str] = mapped_column(String(20), index=True, default=Stage.TRIAGE)
    subject_name: Mapped[str | None] = mapped_column(Text)
    referrer: Mapped[str | None] = mapped_column(Text)
    search_text: Mapped[str | None] = mapped_column(Text)  # lower-case name and identifiers
    proposed_route: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    deadlines: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    clock: Mapped[str | None] = mapped_column(String(40))  # the clock `due` belongs to
    due: Mapped[date | None] = mapped_column(Date, index=True)
    proposed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    route_area: Mapped[str | None] = mapped_column(String(200), index=True)
    route_locality: Mapped[str | None] = mapped_column(String(200), index=True)
    routed_to: Mapped[list[str] | None] = mapped_column(JSON)
    routed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    duplicate_of_pk: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"))
    duplicate_kind: Mapped[str | None] = mapped_column(String(20))  # "duplicate" or "update"
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    purged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # personal data removed

    message: Mapped[Message] = relationship(back_populates="submissions")
    attachment: Mapped[Attachment | None] = relationship()
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="submission", order_by="Decision.id"
    )

    @property
    def reference(self) -> str:
        return reference_of(self.id)


def reference_of(submission_pk: int) -> str:
    """The reference a referrer quotes, in e-mails and on the phone."""
    return f"MI-{submission_pk:06d}"


class Role:
    SPOC = "spoc"  # the submissions of their mailbox
    ADMINISTRATOR = "administrator"  # what is routed to their area or locality
    AUDITOR = "auditor"  # read-only, plus the audit log
    SYSADMIN = "sysadmin"  # users and the configuration
    ALL = (SPOC, ADMINISTRATOR, AUDITOR, SYSADMIN)


class User(Base):
    """A person (or a service account, with an API token) who signs in to the web UI."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    area: Mapped[str | None] = mapped_column(String(200))  # administrators
    locality: Mapped[str | None] = mapped_column(String(200))  # administrators of one locality
    mailbox: Mapped[str | None] = mapped_column(String(500))  # SPOCs; None: the service's own
    password_hash: Mapped[str | None] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    api_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class DecisionOutcome:
    ACCEPTED = "accepted"  # at level 2 or 3, with the meeting date
    NOT_ACCEPTED = "not_accepted"  # with the reason
    MORE_INFORMATION = "more_information"  # what is asked of the referrer
    ALL = (ACCEPTED, NOT_ACCEPTED, MORE_INFORMATION)


class Decision(Base):
    """An administrator's decision on a routed submission; it stops the decision clock."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_pk: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    level: Mapped[int | None] = mapped_column(Integer)
    meeting_date: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(320))
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime)
    working_days_taken: Mapped[int | None] = mapped_column(Integer)
    on_time: Mapped[bool | None] = mapped_column(Boolean)

    submission: Mapped[Submission] = relationship(back_populates="decisions")


class OutboxStatus:
    PENDING = "pending"
    SENDING = "sending"  # claimed by a worker until `claimed_until`; after that, sent again
    SENT = "sent"
    FAILED = "failed"  # permanently: shown to the SPOC


class OutboxMessage(Base):
    """A notification, written in the same transaction as the change that causes it; `key`
    makes the same notification impossible to write twice."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    submission_pk: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"), index=True)
    recipients: Mapped[list[str]] = mapped_column(JSON)
    subject: Mapped[str] = mapped_column(Text)
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str | None] = mapped_column(Text)
    in_reply_to: Mapped[str | None] = mapped_column(Text)
    references: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), index=True, default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)


class OutboxAttempt(Base):
    """One try at delivering an outbox row, with the server's reply."""

    __tablename__ = "outbox_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    outbox_pk: Mapped[int] = mapped_column(ForeignKey("outbox.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    outcome: Mapped[str] = mapped_column(String(20))  # sent, retry, failed
    reply: Mapped[str] = mapped_column(Text)


class AuditEvent(Base):
    """Who did what to which submission, when: append-only, the database refuses changes."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(50), index=True)
    message_pk: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), index=True)
    submission_pk: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    remote_addr: Mapped[str | None] = mapped_column(String(64))

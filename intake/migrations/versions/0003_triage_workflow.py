"""the triage workflow: stages and deadlines on submissions, users, decisions, the outbox

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 11:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

MOMENT = sa.DateTime(timezone=True)
SUBMISSION_COLUMNS = [
    sa.Column("stage", sa.String(20), nullable=False, server_default="triage"),
    sa.Column("subject_name", sa.Text()),
    sa.Column("referrer", sa.Text()),
    sa.Column("search_text", sa.Text()),
    sa.Column("proposed_route", sa.JSON()),
    sa.Column("deadlines", sa.JSON()),
    sa.Column("clock", sa.String(40)),
    sa.Column("due", sa.Date()),
    sa.Column("proposed_at", MOMENT),
    sa.Column("route_area", sa.String(200)),
    sa.Column("route_locality", sa.String(200)),
    sa.Column("routed_to", sa.JSON()),
    sa.Column("routed_at", MOMENT),
    sa.Column("duplicate_of_pk", sa.Integer()),
    sa.Column("closed_at", MOMENT),
]
SUBMISSION_INDEXES = ("stage", "due", "route_area", "route_locality", "closed_at")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(320), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("area", sa.String(200)),
        sa.Column("locality", sa.String(200)),
        sa.Column("mailbox", sa.String(500)),
        sa.Column("password_hash", sa.String(255)),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("api_token_hash", sa.String(64), unique=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", MOMENT),
        sa.Column("session_version", sa.Integer(), nullable=False),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("last_login_at", MOMENT),
    )
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("submission_pk", sa.Integer(), sa.ForeignKey("submissions.id"), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("level", sa.Integer()),
        sa.Column("meeting_date", sa.Date()),
        sa.Column("reason", sa.Text()),
        sa.Column("decided_by", sa.String(320), nullable=False),
        sa.Column("decided_at", MOMENT, nullable=False),
        sa.Column("working_days_taken", sa.Integer()),
        sa.Column("on_time", sa.Boolean()),
    )
    op.create_index("ix_decisions_submission_pk", "decisions", ["submission_pk"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(200), nullable=False, unique=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("submission_pk", sa.Integer(), sa.ForeignKey("submissions.id")),
        sa.Column("recipients", sa.JSON(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("text_body", sa.Text(), nullable=False),
        sa.Column("html_body", sa.Text()),
        sa.Column("in_reply_to", sa.Text()),
        sa.Column("references", sa.Text()),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", MOMENT, nullable=False),
        sa.Column("last_error", sa.Text()),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("sent_at", MOMENT),
    )
    for column in ("kind", "status", "next_attempt_at", "submission_pk"):
        op.create_index(f"ix_outbox_{column}", "outbox", [column])
    # A plain ADD COLUMN: a batch copy of the table would drop its append-only triggers.
    op.add_column("audit_events", sa.Column("remote_addr", sa.String(64)))
    with op.batch_alter_table("submissions") as batch:
        for column in SUBMISSION_COLUMNS:
            batch.add_column(column)
        batch.create_foreign_key(
            "fk_submissions_duplicate_of", "submissions", ["duplicate_of_pk"], ["id"]
        )
    for column in SUBMISSION_INDEXES:
        op.create_index(f"ix_submissions_{column}", "submissions", [column])
    op.execute("UPDATE submissions SET stage = 'quarantine' WHERE quarantined")
    op.execute("UPDATE submissions SET stage = 'joined' WHERE status = 'joined'")


def downgrade() -> None:
    for column in SUBMISSION_INDEXES:
        op.drop_index(f"ix_submissions_{column}", "submissions")
    with op.batch_alter_table("submissions") as batch:
        batch.drop_constraint("fk_submissions_duplicate_of", type_="foreignkey")
        for column in reversed(SUBMISSION_COLUMNS):
            batch.drop_column(column.name)
    op.drop_column("audit_events", "remote_addr")
    op.drop_table("outbox")
    op.drop_table("decisions")
    op.drop_table("users")

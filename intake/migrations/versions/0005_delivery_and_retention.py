"""outbox delivery (claims, attempts) and retention (purged personal data)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 11:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("outbox", sa.Column("claimed_until", MOMENT))
    op.create_table(
        "outbox_attempts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("outbox_pk", sa.Integer(), sa.ForeignKey("outbox.id"), nullable=False),
        sa.Column("at", MOMENT, nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("reply", sa.Text(), nullable=False),
    )
    op.create_index("ix_outbox_attempts_outbox_pk", "outbox_attempts", ["outbox_pk"])
    op.add_column("submissions", sa.Column("purged_at", MOMENT))
    op.add_column("messages", sa.Column("purged_at", MOMENT))


def downgrade() -> None:
    op.drop_column("messages", "purged_at")
    op.drop_column("submissions", "purged_at")
    op.drop_table("outbox_attempts")
    op.drop_column("outbox", "claimed_until")

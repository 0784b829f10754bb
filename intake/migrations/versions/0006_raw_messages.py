"""raw bytes in a table of their own, written once (messages' statuses change without them)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 16:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "raw_messages",
        sa.Column("message_pk", sa.Integer(), sa.ForeignKey("messages.id"), primary_key=True),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
    )
    op.execute("INSERT INTO raw_messages (message_pk, raw) SELECT id, raw FROM messages")
    op.drop_column("messages", "raw")


def downgrade() -> None:
    op.add_column("messages", sa.Column("raw", sa.LargeBinary()))
    op.execute(
        "UPDATE messages SET raw ="
        " (SELECT raw FROM raw_messages WHERE raw_messages.message_pk = messages.id)"
    )
    op.drop_table("raw_messages")

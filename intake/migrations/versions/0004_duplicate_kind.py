"""a duplicate, or an update to an earlier submission (a Form G about leave or a transfer)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 11:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("duplicate_kind", sa.String(20)))


def downgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.drop_column("duplicate_kind")

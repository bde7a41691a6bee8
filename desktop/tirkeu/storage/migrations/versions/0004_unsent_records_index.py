"""an index for the count of unsent records by status

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 23:10:00

The transfer indicator counts the records changed since the last bundle, by
status; at a million records a scan of the status index alone took seconds.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_act_records_status_change_seq", "act_records", ["status", "change_seq"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_act_records_status_change_seq", table_name="act_records")

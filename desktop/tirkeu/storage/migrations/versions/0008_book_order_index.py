"""the registration date index carries the act record's year and number

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 02:00:00

The act record book lists a period's records in number order.  Its first read
takes the period's ids in that order; with the date index alone SQLite read
each record's whole row (the application JSON comes first) for its year and
number, 5 s for ten years at 100,000 records, and held the database's shared
lock all that time (rollback-journal mode), so a registration saved meanwhile
waited.  With year and number in the index the read touches index pages only.
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_act_records_record_date", table_name="act_records")
    op.create_index(
        "ix_act_records_record_date_number",
        "act_records",
        ["record_date", "year", "number"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_act_records_record_date_number", table_name="act_records")
    op.create_index("ix_act_records_record_date", "act_records", ["record_date"], unique=False)

"""indexes for the journal's combined filters

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 01:00:00

A name search narrowed by a status took seconds at a million records: SQLite
read every record of the status (most records have a certificate issued) to
find the few of the name.  Each combination the journal offers now has an index
that starts with its equality and ends with what it still filters on, so a page
reads index entries only (issue 11); ``storage.records`` names the index each
query walks.  The Kazakh-order index of 0006 gains the birth date for the same
reason.
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The same text as storage.records.KAZAKH_ORDER: SQLite uses an expression
# index only for the very same expression.
KAZAKH_ORDER = "substr(search_name, instr(search_name, char(1)) + 1)"


def upgrade() -> None:
    op.create_index("ix_act_records_number", "act_records", ["number"], unique=False)
    op.create_index(
        "ix_act_records_status_birth_date",
        "act_records",
        ["status", "child_birth_date", "search_name"],
        unique=False,
    )
    op.create_index(
        "ix_act_records_status_search_name",
        "act_records",
        ["status", "search_name", "child_birth_date"],
        unique=False,
    )
    op.execute(
        "CREATE INDEX ix_act_records_status_kazakh_order ON act_records"
        f" (status, {KAZAKH_ORDER}, search_name, child_birth_date)"
    )
    op.execute("DROP INDEX ix_act_records_kazakh_order")
    op.execute(
        "CREATE INDEX ix_act_records_kazakh_order ON act_records"
        f" ({KAZAKH_ORDER}, search_name, child_birth_date)"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_act_records_kazakh_order")
    op.execute(
        f"CREATE INDEX ix_act_records_kazakh_order ON act_records ({KAZAKH_ORDER}, search_name)"
    )
    op.execute("DROP INDEX ix_act_records_status_kazakh_order")
    op.drop_index("ix_act_records_status_search_name", table_name="act_records")
    op.drop_index("ix_act_records_status_birth_date", table_name="act_records")
    op.drop_index("ix_act_records_number", table_name="act_records")

"""an index on the Kazakh-order part of the search key

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 23:50:00

A name search that matches tens of thousands of records at a million lists its
first page by walking this index in Kazakh order instead of sorting every match
(issue 11: a name search under 30 ms); see ``storage.records.KAZAKH_ORDER``.
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The same text as storage.records.KAZAKH_ORDER: SQLite uses an expression
# index only for the very same expression.
KAZAKH_ORDER = "substr(search_name, instr(search_name, char(1)) + 1)"


def upgrade() -> None:
    op.execute(
        f"CREATE INDEX ix_act_records_kazakh_order ON act_records ({KAZAKH_ORDER}, search_name)"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_act_records_kazakh_order")

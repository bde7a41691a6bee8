"""the journal's name search lists names in Kazakh alphabetical order

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 10:00:00

The stored search key of a child's name gains a second part, its Kazakh order
(``tirkeu.storage.records.search_key``), so a name search lists Ә after А and
І after Ы.  Every row's key is recomputed from the name columns by one UPDATE
that SQLite streams through the table, so memory stays flat at a million rows;
the index on the key is dropped meanwhile and built once at the end, which is
faster than updating it row by row.
"""

from __future__ import annotations

from collections.abc import Callable

from alembic import op

from tirkeu.domain.names import normalize_for_search
from tirkeu.storage.records import search_key

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEX = "ix_act_records_search_name"


def _recompute(key: Callable[[str], str]) -> None:
    """Set every record's ``search_name`` to ``key`` of the child's full name."""

    def name_key(*parts: str | None) -> str:
        return key(" ".join(p for p in parts if p))

    op.drop_index(INDEX, table_name="act_records")
    # One statement calling the key function from inside SQLite streams the
    # table once, with no rows fetched into Python nor parameters bound per row.
    dbapi = op.get_bind().connection.dbapi_connection
    assert dbapi is not None
    dbapi.create_function("tirkeu_name_key", 3, name_key, deterministic=True)
    op.execute(
        "UPDATE act_records SET search_name ="
        " tirkeu_name_key(child_surname, child_given_name, child_patronymic)"
    )
    op.create_index(INDEX, "act_records", ["search_name"], unique=False)


def upgrade() -> None:
    _recompute(search_key)


def downgrade() -> None:
    _recompute(normalize_for_search)

"""The hash-chained audit log: each entry seals the one before it.

An edited or deleted row breaks the chain at that point, which
:func:`verify_chain` reports.  Entries are written in the same transaction as
the change they describe, so a change without its entry cannot be committed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tirkeu.storage.models import AuditRow

GENESIS = "0" * 64


def _digest(prev_hash: str, row: AuditRow) -> str:
    body = json.dumps(
        [
            row.at.isoformat(),
            row.user_id,
            row.action,
            row.entity,
            row.entity_id,
            row.before,
            row.after,
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def append(
    session: Session,
    *,
    user_id: int | None,
    action: str,
    entity: str,
    entity_id: str | int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> AuditRow:
    last = session.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(1)).first()
    prev = last.hash if last else GENESIS
    row = AuditRow(
        at=(at or dt.datetime.now()).replace(microsecond=0),
        user_id=user_id,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        before=before,
        after=after,
        prev_hash=prev,
    )
    row.hash = _digest(prev, row)
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True)
class ChainReport:
    entries: int
    broken_at: int | None  # id of the first entry that does not fit its chain

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify_chain(session: Session) -> ChainReport:
    prev = GENESIS
    count = 0
    for row in session.scalars(select(AuditRow).order_by(AuditRow.id)).yield_per(1000):
        if row.prev_hash != prev or _digest(prev, row) != row.hash:
            return ChainReport(count, row.id)
        prev = row.hash
        count += 1
    return ChainReport(count, None)

"""The hash-chained audit log: each entry seals the one before it.

An edited or deleted row breaks the chain at that point, which
:func:`verify_chain` reports.  Removing the newest entries leaves a shorter
chain that still holds, so the head (newest id, hash and the number of entries)
is also kept in the settings table, updated in the same transaction, and
compared.  Entries are written in the same transaction as the change they
describe, so a change without its entry cannot be committed.  Entries never
hold personal data (names, IINs): :func:`append` refuses such keys and values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tirkeu.storage.models import AuditRow, SettingRow

GENESIS = "0" * 64
HEAD_KEY = "audit_head"

# Keys and values that would carry a person's name or IIN into the log.
PERSONAL_KEYS = frozenset(
    {
        "name",
        "full_name",
        "surname",
        "given_name",
        "patronymic",
        "iin",
        "child",
        "child_iin",
        "mother",
        "mother_iin",
        "mother_name",
        "father",
        "father_iin",
        "father_name",
        "applicant",
        "birth_date",
        "address",
    }
)
_IIN_VALUE = re.compile(r"\d{12}")


def _check_impersonal(part: dict[str, Any] | None) -> None:
    """Refuse personal data in an entry: the log is read by every administrator."""
    if not part:
        return
    for key, value in part.items():
        if key.lower() in PERSONAL_KEYS:
            raise ValueError(f"audit entries hold no personal data: key {key!r}")
        if isinstance(value, dict):
            _check_impersonal(value)
        elif isinstance(value, str) and _IIN_VALUE.fullmatch(value.strip()):
            raise ValueError(f"audit entries hold no IINs: key {key!r}")


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
    _check_impersonal(before)
    _check_impersonal(after)
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
    head = session.get(SettingRow, HEAD_KEY)
    count = int(head.value.get("count", 0)) + 1 if head else 1
    value = {"id": row.id, "hash": row.hash, "count": count}
    if head is None:
        session.add(SettingRow(key=HEAD_KEY, value=value))
    else:
        head.value = value
    session.flush()
    return row


@dataclass(frozen=True)
class ChainReport:
    entries: int
    broken_at: int | None  # id of the first entry that does not fit its chain
    # The chain holds but ends before the recorded head: newest entries removed.
    truncated: bool = False
    expected_entries: int | None = None

    @property
    def ok(self) -> bool:
        return self.broken_at is None and not self.truncated


def verify_chain(session: Session) -> ChainReport:
    prev = GENESIS
    count = 0
    last_id: int | None = None
    for row in session.scalars(select(AuditRow).order_by(AuditRow.id)).yield_per(1000):
        if row.prev_hash != prev or _digest(prev, row) != row.hash:
            return ChainReport(count, row.id)
        prev = row.hash
        last_id = row.id
        count += 1
    head = session.get(SettingRow, HEAD_KEY)
    if head is None:
        return ChainReport(count, None, truncated=count > 0, expected_entries=None)
    expected = int(head.value.get("count", -1))
    moved = head.value.get("hash") != prev or head.value.get("id") != last_id
    if expected != count or (count > 0 and moved):
        return ChainReport(count, None, truncated=True, expected_entries=expected)
    return ChainReport(count, None)


@dataclass(frozen=True)
class AuditQuery:
    """Filters of the audit view; ``None`` means any."""

    user_id: int | None = None
    action: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def search(
    session: Session, query: AuditQuery, offset: int = 0, limit: int = 500
) -> list[AuditRow]:
    """Entries matching ``query``, newest first."""
    stmt = select(AuditRow)
    if query.user_id is not None:
        stmt = stmt.where(AuditRow.user_id == query.user_id)
    if query.action:
        stmt = stmt.where(AuditRow.action == query.action)
    if query.date_from:
        stmt = stmt.where(AuditRow.at >= dt.datetime.combine(query.date_from, dt.time()))
    if query.date_to:
        end = dt.datetime.combine(query.date_to + dt.timedelta(days=1), dt.time())
        stmt = stmt.where(AuditRow.at < end)
    stmt = stmt.order_by(AuditRow.id.desc()).offset(offset).limit(limit)
    return list(session.scalars(stmt))

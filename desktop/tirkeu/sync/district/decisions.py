"""Deciding on every record of a bundle at once: accepted, possible duplicate or rejected.

The checks that need no database (readable, numbered, the rules engine) run
once per record.  What the decisions need from the database (the records sent
before, the possible duplicates, the IINs held, the serial counters) is read
for the whole bundle in a few queries, and the outcomes are written with one
bulk insert and one bulk update, in the caller's transaction.  The outcomes are
those of deciding the records one after another: a record sees the ones before
it in the same bundle as it sees those of earlier bundles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from tirkeu.sync.ack import Outcome, Reason, RecordResult
from tirkeu.sync.district import checks
from tirkeu.sync.district.checks import Checked, ChildFacts
from tirkeu.sync.district.iin import (
    IinAllocator,
    IinExhausted,
    chunks,
    held_iins,
    iin_prefix,
    save_counters,
    stored_counters,
)
from tirkeu.sync.district.models import ReceivedBundle, ReceivedRecord
from tirkeu.sync.district.parallel import check_items

_REJECTED = Outcome.REJECTED.value


@dataclass
class _Stored:
    """A record's row as the database holds it, or as it will be written."""

    id: int | None
    local_id: int
    number: int | None
    payload: dict[str, Any]
    status: str
    reasons: list[dict[str, Any]]
    iin: str | None
    child_key: str

    def values(self, bundle_id: int, office: str) -> dict[str, Any]:
        return {
            **({"id": self.id} if self.id is not None else {}),
            "bundle_id": bundle_id,
            "office_code": office,
            "local_id": self.local_id,
            "number": self.number,
            "payload": self.payload,
            "status": self.status,
            "reasons": self.reasons,
            "iin": self.iin,
            "child_key": self.child_key,
        }


@dataclass(frozen=True)
class _Earlier:
    """A record not rejected that a later one may duplicate."""

    office: str
    local_id: int
    number: int | None
    mother: dict[str, Any] | None


@dataclass
class _Pass:
    """One pass over the bundle in order: the rows to write and the answers."""

    allocator: IinAllocator
    rows: dict[int, _Stored] = field(default_factory=dict)  # local id → row to write
    results: list[RecordResult] = field(default_factory=list)
    assigned: list[str] = field(default_factory=list)  # IINs given from the counters


def record_result(
    local_id: int, number: int | None, status: str, reasons: list[dict[str, Any]], iin: str | None
) -> RecordResult:
    """The answer for a record as stored (the same for a first import and a replay)."""
    return RecordResult(
        local_id, number, Outcome(status), tuple(Reason.from_json(r) for r in reasons), iin
    )


def take_records(
    session: Session, bundle: ReceivedBundle, items: Sequence[dict[str, Any]], today: dt.date
) -> list[RecordResult]:
    """Decide on ``items`` (``local_id`` checked already) and store the decisions.

    A record answered before keeps its answer; a rejected one is decided again.
    """
    office = bundle.office_code
    stored = _stored_rows(session, office, [item["local_id"] for item in items])
    to_check = [i for i, item in enumerate(items) if not _answered(stored.get(item["local_id"]))]
    checked: list[Checked | None] = [None] * len(items)
    for i, check in zip(to_check, check_items([items[i] for i in to_check], today), strict=True):
        checked[i] = check
    candidates = [c for c in checked if c is not None and c.child is not None and not c.reasons]
    earlier = _possible_duplicates(session, {c.key for c in candidates})
    children = [c.child for c in candidates if c.child is not None]
    held = held_iins(session, [child.iin for child in children if child.iin])
    counters = stored_counters(session, _prefixes(children))
    clashes: set[str] = set()
    while True:
        allocator = IinAllocator(counters, held | clashes)
        done = _decide_all(office, items, checked, stored, earlier, allocator)
        new_clashes = held_iins(session, done.assigned)
        if not new_clashes:
            break
        clashes |= new_clashes  # held by a record the counters never gave: decide again
    rows = [row.values(bundle.id, office) for row in done.rows.values()]
    if inserts := [r for r in rows if "id" not in r]:
        # Core on the table, not the ORM: one executemany without per-row ORM bookkeeping.
        session.execute(insert(cast(Table, ReceivedRecord.__table__)), inserts)
    if updates := [r for r in rows if "id" in r]:
        session.execute(update(ReceivedRecord), updates)
    save_counters(session, counters, done.allocator.last)
    return done.results


def _decide_all(
    office: str,
    items: Sequence[dict[str, Any]],
    checked: Sequence[Checked | None],
    stored: dict[int, _Stored],
    earlier: dict[str, list[_Earlier]],
    allocator: IinAllocator,
) -> _Pass:
    """Every record in order, each seeing the decisions before it (no database)."""
    done = _Pass(allocator)
    current = dict(stored)
    seen = {key: list(others) for key, others in earlier.items()}
    for item, check in zip(items, checked, strict=True):
        local_id = item["local_id"]
        row = current.get(local_id)
        if row is not None and row.status != _REJECTED:  # sent again: the same answer
            done.results.append(
                record_result(local_id, row.number, row.status, row.reasons, row.iin)
            )
            continue
        assert check is not None  # only records answered before were not checked
        outcome, iin, reasons = Outcome.REJECTED, None, check.reasons
        mother = item["application"].get("mother") if check.child is not None else None
        if check.child is not None and not reasons:
            outcome, iin, reasons = _decide(
                office, local_id, check, mother, seen.get(check.key, []), done
            )
        number = item.get("number") if isinstance(item.get("number"), int) else None
        row = _Stored(
            row.id if row is not None else None,
            local_id,
            number,
            item,
            outcome.value,
            [r.to_json() for r in reasons],
            iin,
            check.key,
        )
        current[local_id] = done.rows[local_id] = row
        if outcome is not Outcome.REJECTED:
            seen.setdefault(check.key, []).append(_Earlier(office, local_id, number, mother))
        # the answer record_result would read back from the row, without reading it back
        done.results.append(RecordResult(local_id, number, outcome, tuple(reasons), iin))
    return done


def _decide(
    office: str,
    local_id: int,
    check: Checked,
    mother: dict[str, Any] | None,
    others: list[_Earlier],
    done: _Pass,
) -> tuple[Outcome, str | None, list[Reason]]:
    """Accepted with an IIN, a possible duplicate, or rejected for a taken IIN."""
    for other in others:
        if (other.office, other.local_id) == (office, local_id):
            continue
        if checks.same_mother(mother, other.mother):
            why = checks.reason(
                "district.duplicate", checks.DUPLICATE, number=other.number, office=other.office
            )
            return Outcome.DUPLICATE, None, [why]
    child = check.child
    assert child is not None
    taken = done.allocator.taken
    if child.iin:
        if child.iin in taken:
            return (
                Outcome.REJECTED,
                None,
                [checks.reason("district.iin", checks.IIN_TAKEN, iin=child.iin)],
            )
        taken.add(child.iin)
        return Outcome.ACCEPTED, child.iin, []
    if not child.alive or child.birth_date is None:
        return Outcome.ACCEPTED, None, []
    try:
        iin = done.allocator.assign(child.birth_date, child.sex)
    except IinExhausted:
        return Outcome.ACCEPTED, None, []
    done.assigned.append(iin)
    return Outcome.ACCEPTED, iin, []


def _answered(row: _Stored | None) -> bool:
    return row is not None and row.status != _REJECTED


def _stored_rows(session: Session, office: str, local_ids: list[int]) -> dict[int, _Stored]:
    """The rows of this office's records that came before, by local id."""
    found: dict[int, _Stored] = {}
    for chunk in chunks(local_ids):
        for row in session.scalars(
            select(ReceivedRecord).where(
                ReceivedRecord.office_code == office, ReceivedRecord.local_id.in_(chunk)
            )
        ):
            found[row.local_id] = _Stored(
                row.id,
                row.local_id,
                row.number,
                row.payload,
                row.status,
                list(row.reasons),
                row.iin,
                row.child_key,
            )
    return found


def _possible_duplicates(session: Session, keys: set[str]) -> dict[str, list[_Earlier]]:
    """Records not rejected with one of ``keys`` (child's names and birth date), oldest first."""
    rows: list[tuple[int, str, str, int, int | None, dict[str, Any]]] = []
    for chunk in chunks(keys):
        rows.extend(
            session.execute(
                select(
                    ReceivedRecord.id,
                    ReceivedRecord.child_key,
                    ReceivedRecord.office_code,
                    ReceivedRecord.local_id,
                    ReceivedRecord.number,
                    ReceivedRecord.payload,
                ).where(ReceivedRecord.child_key.in_(chunk), ReceivedRecord.status != _REJECTED)
            ).all()
        )
    found: dict[str, list[_Earlier]] = {}
    for _id, key, office, local_id, number, payload in sorted(rows, key=lambda r: r[0]):
        mother = payload.get("application", {}).get("mother")
        found.setdefault(key, []).append(_Earlier(office, local_id, number, mother))
    return found


def _prefixes(children: Iterable[ChildFacts]) -> set[str]:
    """The IIN prefixes the counters may be asked for."""
    prefixes = set()
    for child in children:
        if not child.iin and child.alive and child.birth_date is not None:
            try:
                prefixes.add(iin_prefix(child.birth_date, child.sex))
            except IinExhausted:
                continue
    return prefixes

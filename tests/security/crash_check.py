"""What must hold in the data folder after any kill: the crash harness's checker.

Every acknowledged save is there in the state it was acknowledged in (or a
later one), nothing is half written, the audit chain holds, the blanks
reconcile, and the bundle files agree with the bundle rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tirkeu.services.auth import Actor
from tirkeu.services.stock import StockService
from tirkeu.services.transfer import outbox_dir
from tirkeu.services.workspace import Workspace
from tirkeu.storage.audit import verify_chain
from tirkeu.storage.models import (
    ActRecordRow,
    AuditRow,
    BlankRow,
    BundleRow,
    CertificateRow,
    NumberSequenceRow,
    PrintJobRow,
)
from tirkeu.sync.bundle import bundle_hash
from tirkeu.sync.transport import list_bundles

# The states a registered record may have moved on to.
REGISTERED_OR_LATER = frozenset({"registered", "certificate_issued", "transferred", "confirmed"})


@dataclass
class Acked:
    """The saves the children were told succeeded."""

    drafts: set[int] = field(default_factory=set)
    registered: dict[int, int] = field(default_factory=dict)  # record id → number
    printed: dict[int, int] = field(default_factory=dict)  # certificate id → blank id
    spoiled: set[int] = field(default_factory=set)  # blank ids
    exports: dict[int, str] = field(default_factory=dict)  # sequence → sha256
    replaced: dict[int, bool] = field(default_factory=dict)  # certificate id → handed in
    first_certificate: int = 0  # certificates below this id came with the demo world

    def add(self, line: dict[str, Any]) -> None:
        op = line["a"]
        if op == "draft":
            self.drafts.add(line["id"])
        elif op == "register":
            self.registered[line["id"]] = line["number"]
        elif op == "print":
            self.printed[line["certificate"]] = line["blank"]
        elif op == "repeat":
            self.printed[line["certificate"]] = line["blank"]
            self.replaced[line["replaces"]] = line["surrendered"]
        elif op == "spoil":
            self.spoiled.add(line["blank"])
        elif op == "export":
            self.exports[line["seq"]] = line["sha"]

    def to_json(self) -> dict[str, Any]:
        return {
            "drafts": sorted(self.drafts),
            "registered": sorted(self.registered.items()),
            "printed": sorted(self.printed.items()),
            "spoiled": sorted(self.spoiled),
            "exports": sorted(self.exports.items()),
            "replaced": sorted(self.replaced.items()),
            "first_certificate": self.first_certificate,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Acked:
        return cls(
            set(data["drafts"]),
            dict(data["registered"]),
            dict(data["printed"]),
            set(data["spoiled"]),
            dict(data["exports"]),
            dict(data["replaced"]),
            data["first_certificate"],
        )

    def total(self) -> int:
        return (
            len(self.drafts)
            + len(self.registered)
            + len(self.printed)
            + len(self.spoiled)
            + len(self.exports)
            + len(self.replaced)
        )


def check_folder(ws: Workspace, usb: Path, acked: Acked, actor: Actor) -> list[str]:
    """Everything that is wrong with the folder now; empty when it survived."""
    problems: list[str] = []
    con = ws.db.connect()
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()
    if integrity != "ok":
        problems.append(f"integrity_check: {integrity}")
    with ws.db.session() as s:
        report = verify_chain(s)
        if not report.ok:
            problems.append(f"audit chain: {report}")
        problems += _records(s, acked)
        problems += _blanks(s, acked)
        problems += _bundles(s, ws, usb, acked)
    stock = StockService(ws, actor).report()
    if not stock.balanced:
        problems.append(f"stock does not reconcile: {stock}")
    return problems


def _logged(s: Session, action: str) -> set[int]:
    """The entities an audit action was written for."""
    ids = s.scalars(select(AuditRow.entity_id).where(AuditRow.action == action))
    return {int(i) for i in ids if i is not None}


def _records(s: Session, acked: Acked) -> list[str]:
    problems = []
    rows = {
        r.id: r
        for r in s.execute(
            select(
                ActRecordRow.id, ActRecordRow.status, ActRecordRow.number, ActRecordRow.record_date
            )
        )
    }
    lost = sorted(i for i in acked.drafts | set(acked.registered) if i not in rows)
    problems += [f"acknowledged record {i} missing" for i in lost]
    logged = _logged(s, "record.register")
    problems += [
        f"record {i} registered without its audit entry"
        for i in acked.registered
        if i not in logged
    ]
    for rid, number in acked.registered.items():
        row = rows.get(rid)
        if row is not None and (row.status not in REGISTERED_OR_LATER or row.number != number):
            problems.append(
                f"record {rid} acknowledged as number {number}: {row.status} {row.number}"
            )
    half = [r.id for r in rows.values() if (r.number is None) != (r.status in ("draft", "refused"))]
    problems += [f"record {i} half registered (its number and status disagree)" for i in half]
    by_year: dict[int, list[int]] = {}
    for r in rows.values():
        if r.number is not None and r.record_date is not None:
            by_year.setdefault(r.record_date.year, []).append(r.number)
    following = dict(s.execute(select(NumberSequenceRow.year, NumberSequenceRow.next_number)).all())
    for year, numbers in by_year.items():
        doubled = [n for n, c in Counter(numbers).items() if c > 1]
        problems += [f"act record number {n} of {year} used twice" for n in doubled]
        gaps = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        problems += [f"act record number {n} of {year} skipped" for n in gaps]
        if following.get(year) != max(numbers) + 1:
            problems.append(
                f"the next number of {year} is {following.get(year)}, not {max(numbers) + 1}"
            )
    return problems


def _blanks(s: Session, acked: Acked) -> list[str]:
    problems = []
    blanks = {b.id: b for b in s.execute(select(BlankRow.id, BlankRow.status, BlankRow.record_id))}
    certs = list(
        s.execute(
            select(
                CertificateRow.id,
                CertificateRow.record_id,
                CertificateRow.blank_id,
                CertificateRow.valid,
            )
        )
    )
    jobs = {
        j.certificate_id: j.blank_id
        for j in s.execute(select(PrintJobRow.certificate_id, PrintJobRow.blank_id))
    }
    on_blank = {c.blank_id for c in certs if c.blank_id is not None}
    valid = {c.id: c.valid for c in certs}
    logged = _logged(s, "certificate.certificate") | _logged(s, "certificate.repeat_certificate")
    problems += [
        f"certificate {c} printed without its audit entry" for c in acked.printed if c not in logged
    ]
    for cid, bid in acked.printed.items():
        status = blanks[bid].status if bid in blanks else None
        if bid in acked.spoiled:
            want: tuple[str, ...] = ("spoiled",)
        elif acked.replaced.get(cid):
            want = ("surrendered",)
        else:
            want = ("issued", "spoiled", "surrendered")
        if status not in want:
            problems.append(f"printed certificate {cid}: its blank {bid} is {status}")
        if jobs.get(cid) != bid:
            problems.append(f"printed certificate {cid}: no print job on blank {bid}")
        if cid in acked.replaced and valid.get(cid):
            problems.append(f"certificate {cid} replaced by a repeat one, still valid")
    for c in certs:
        if c.blank_id is None:
            continue
        status = blanks[c.blank_id].status
        if status == "in_stock":
            problems.append(f"certificate {c.id} printed on blank {c.blank_id} still in stock")
        if c.id >= acked.first_certificate and jobs.get(c.id) != c.blank_id:
            problems.append(f"certificate {c.id} on blank {c.blank_id} has no print job")
        if c.valid and status != "issued":
            problems.append(f"valid certificate {c.id} on a blank that is {status}")
    # A lost blank: used for a record with nothing saying what was printed on it.
    lost = [
        b.id
        for b in blanks.values()
        if (b.status == "issued" or b.record_id is not None) and b.id not in on_blank
    ]
    problems += [f"blank {b} lost: used, without a certificate" for b in lost]
    stocked = [
        b.id
        for b in blanks.values()
        if b.status == "in_stock" and (b.record_id is not None or b.id in on_blank)
    ]
    problems += [f"blank {b} in stock yet used" for b in stocked]
    status = dict(s.execute(select(ActRecordRow.id, ActRecordRow.status)).all())
    with_valid = {c.record_id for c in certs if c.valid and c.blank_id is not None}
    unissued = sorted(r for r in with_valid if status[r] == "registered")
    problems += [f"record {r} has a valid certificate, still only registered" for r in unissued]
    issued = {r for r, st in status.items() if st == "certificate_issued"}
    problems += [f"record {r} certificate_issued without one" for r in sorted(issued - with_valid)]
    return problems


def _bundles(s: Session, ws: Workspace, usb: Path, acked: Acked) -> list[str]:
    """Every committed bundle is archived; the stick holds no bundle the office did not commit."""
    problems = []
    rows = list(s.scalars(select(BundleRow).order_by(BundleRow.seq)))
    if [r.seq for r in rows] != list(range(1, len(rows) + 1)):
        problems.append(f"bundle sequences with gaps: {[r.seq for r in rows]}")
    outbox = outbox_dir(ws)
    for row in rows:
        # The archived copy is written before the commit; the copy on the stick
        # after it, so a kill in between leaves it to a resend.
        for folder in (outbox, usb):
            path = folder / row.file_name
            if not path.is_file():
                if folder == outbox:
                    problems.append(f"bundle {row.seq} committed, {path} missing")
            elif bundle_hash(path.read_bytes()) != row.sha256:
                problems.append(f"bundle {row.seq}: {path} is not the committed bundle")
    names = {r.file_name: r.sha256 for r in rows}
    complete = list_bundles(usb)
    whole = {p.name for p in complete}
    for path in complete:
        if path.name not in names:
            problems.append(
                f"bundle file {path.name} where the district picks it up, never committed"
            )
        elif bundle_hash(path.read_bytes()) != names[path.name]:
            problems.append(f"bundle file {path.name} differs from the committed bundle")
    stray = (
        [p.name for p in usb.iterdir() if not p.name.startswith(".") and p.name not in whole]
        if usb.is_dir()
        else []
    )
    if stray:
        problems.append(f"files the district would see that are not bundles: {stray}")
    by_seq = {r.seq: r.sha256 for r in rows}
    for seq, sha in acked.exports.items():
        if by_seq.get(seq) != sha:
            problems.append(f"acknowledged bundle {seq} missing or changed: {by_seq.get(seq)}")
    return problems + _sent_records(s, rows, acked)


def _sent_records(s: Session, rows: list[BundleRow], acked: Acked) -> list[str]:
    """Each transferred record went in a bundle; each other one waits for the next."""
    problems = []
    exported: set[int] = set()
    entries = s.scalars(select(AuditRow.after).where(AuditRow.action == "transfer.export"))
    for after in entries:
        exported.update(after["records"])
    exports = s.scalar(select(func.count()).where(AuditRow.action == "transfer.export"))
    if exports != len(rows):
        problems.append(f"{len(rows)} bundle rows but {exports} export entries in the audit log")
    transferred = set(
        s.scalars(select(ActRecordRow.id).where(ActRecordRow.status == "transferred"))
    )
    problems += [f"record {r} transferred in no bundle" for r in sorted(transferred - exported)]
    since = rows[-1].through_change if rows else 0
    waiting = dict(
        s.execute(
            select(ActRecordRow.id, ActRecordRow.change_seq).where(
                ActRecordRow.id.in_(sorted(set(acked.registered) - exported))
            )
        ).all()
    )
    behind = sorted(i for i, seq in waiting.items() if seq <= since)
    problems += [f"record {r} is in no bundle and the next export would skip it" for r in behind]
    return problems


def unpublished(ws: Workspace, usb: Path) -> list[int]:
    """Bundles committed but killed before their copy reached the stick: resent by hand."""
    with ws.db.session() as s:
        rows = s.execute(select(BundleRow.seq, BundleRow.file_name).order_by(BundleRow.seq))
        return [seq for seq, name in rows if not (usb / name).is_file()]


def leftovers(ws: Workspace, usb: Path) -> dict[str, int]:
    """What kills left that nobody reads: hidden temporaries, uncommitted archive copies,
    and bundles recorded but not on the stick (the transfer window offers to resend them)."""
    with ws.db.session() as s:
        names = set(s.scalars(select(BundleRow.file_name)))
    outbox = outbox_dir(ws)
    return {
        "unpublished_bundles": len(unpublished(ws, usb)),
        "hidden_temporaries": sum(
            1
            for folder in (usb, outbox)
            if folder.is_dir()
            for p in folder.iterdir()
            if p.name.startswith(".")
        ),
        "outbox_uncommitted": sum(1 for p in list_bundles(outbox) if p.name not in names),
    }

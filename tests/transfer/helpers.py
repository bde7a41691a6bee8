"""Acknowledgements made by hand with the demo district's key, and database snapshots."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from tests.conftest import TODAY
from tirkeu.domain.application import Scenario
from tirkeu.domain.rules import check
from tirkeu.services.demo import sample_application
from tirkeu.services.records import RecordService
from tirkeu.services.workspace import Workspace
from tirkeu.storage.models import ActRecordRow, Base
from tirkeu.storage.records import RecordRepository
from tirkeu.sync import pki
from tirkeu.sync.ack import CalendarDay, RecordResult, ack_extra, ack_parts
from tirkeu.sync.bundle import Kind, file_name, write_bundle
from tirkeu.sync.signing import RsaSigner


def hand_made_ack(
    world: Path,
    office: str,
    sequence: int,
    bundle_sha256: str,
    results: Iterable[RecordResult],
    calendar: Iterable[CalendarDay] = (),
    missing: list[int] | None = None,
) -> Path:
    """An ack signed by the demo district, as the district would write it."""
    password = b"demo"
    district = pki.load_pkcs12(world / "district" / "keys" / "district.p12", password)
    office_cert = pki.load_pkcs12(world / "akimat" / "keys" / "office.p12", password).certificate
    data = write_bundle(
        ack_parts(results, calendar),
        kind=Kind.ACK,
        office=office,
        sequence=sequence,
        created_at=dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC),
        signer=RsaSigner(district),
        recipient=office_cert,
        extra=ack_extra(file_name(Kind.RECORDS, office, sequence), bundle_sha256, missing or []),
    )
    path = world / "hand-acks" / file_name(Kind.ACK, office, sequence)
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


def snapshot(ws: Workspace) -> list[tuple[str, list[Any]]]:
    """Every row of every table: equal snapshots mean an unchanged database."""
    with ws.db.engine.connect() as conn:
        return [
            (table.name, sorted(map(repr, conn.execute(select(table)).all())))
            for table in Base.metadata.sorted_tables
        ]


def spoil_one_record(ws: Workspace) -> int:
    """Give one registered record a birth date after its registration: the district rejects it."""
    with ws.db.session() as s:
        record_id = s.scalars(
            select(ActRecordRow.id)
            .where(ActRecordRow.status.in_(["registered", "certificate_issued"]))
            .order_by(ActRecordRow.id)
            .limit(1)
        ).one()
        repo = RecordRepository(s)
        record = repo.get(record_id)
        assert record is not None and record.record_date is not None
        record.application.child.birth_date = record.record_date + dt.timedelta(days=30)
        assert any(f.severity == "error" for f in check(record.application, record.record_date))
        repo.save(record)
    return record_id


def register_new(ws: Workspace, seed: int = 7) -> int:
    """A new application registered by the demo registrar today: one more record to send."""
    svc = RecordService(ws, ws.sign_in("registrar", "demo"))
    app = sample_application(Scenario.MARRIED, TODAY - dt.timedelta(days=1), TODAY, seed=seed)
    draft = svc.save_draft(app)
    assert draft.id is not None
    warnings = [f.rule for f in svc.findings(app) if f.severity == "warning"]
    registered = svc.register(draft.id, acknowledged=warnings)
    assert registered.id is not None
    return registered.id

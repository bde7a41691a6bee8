"""The export builds payloads from row columns and stored JSON: the same objects as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event, select

from tirkeu.domain.record import RecordStatus
from tirkeu.services.transfer import SENDABLE, TransferService
from tirkeu.services.workspace import Workspace
from tirkeu.storage.models import ActRecordRow, UserRow
from tirkeu.storage.records import to_record
from tirkeu.sync.bundle import open_bundle
from tirkeu.sync.district.registry import District
from tirkeu.sync.payload import record_to_payload

PASSWORD = "demo"


def _expected(ws: Workspace) -> dict[str, list[dict[str, Any]]]:
    """What the export sent when it went through ``to_record`` and ``record_to_payload``."""
    with ws.db.session() as s:
        names = {uid: name for uid, name in s.execute(select(UserRow.id, UserRow.full_name))}
        rows = s.scalars(
            select(ActRecordRow)
            .where(ActRecordRow.status.in_([st.value for st in SENDABLE]))
            .order_by(ActRecordRow.id)
        ).all()
        payloads = [
            record_to_payload(to_record(r, names.get(r.registrar_id) if r.registrar_id else None))
            for r in rows
        ]
    refused = RecordStatus.REFUSED.value
    return {
        "records.json": [p for p in payloads if p["status"] != refused],
        "refusals.json": [p for p in payloads if p["status"] == refused],
    }


def test_the_exported_payloads_are_those_of_the_domain_records(
    ws: Workspace, transfer: TransferService, district: District, tmp_path: Path
) -> None:
    expected = _expected(ws)
    assert expected["records.json"] and expected["refusals.json"]
    assert any(p["registrar"] for p in expected["records.json"])
    result = transfer.export_next(tmp_path, PASSWORD)
    assert result is not None
    opened = open_bundle(result.path.read_bytes(), district.keys, district.trust_roots)
    for part, payloads in expected.items():
        assert opened.parts[part] == payloads
        assert opened.manifest.parts[part].count == len(payloads)


def test_the_unsent_count_reads_only_the_status_index(
    ws: Workspace, transfer: TransferService
) -> None:
    """The status bar's count is answered from (status, change_seq), never the rows."""
    seen: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, params: Any, *_args: Any) -> None:
        if "count(" in statement and "act_records" in statement:
            seen.append((statement, params))

    engine = ws.db.engine
    event.listen(engine, "before_cursor_execute", keep)
    try:
        transfer.status()
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    ((statement, params),) = seen
    with engine.connect() as conn:
        plan = " ".join(
            str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params)
        )
    assert "COVERING INDEX ix_act_records_status_change_seq" in plan, plan

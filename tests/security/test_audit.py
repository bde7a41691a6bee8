"""The audit chain: a changed row, a removed last row, no personal data in it."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import TODAY
from tests.unlocked import unlocked
from tirkeu.services.accounts import AuditLogService
from tirkeu.services.errors import PermissionDenied
from tirkeu.services.workspace import Workspace
from tirkeu.storage import audit
from tirkeu.storage.audit import AuditQuery, verify_chain
from tirkeu.storage.models import ActRecordRow, AuditRow

ROOT = Path(__file__).resolve().parents[2]


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tirkeu.cli.main", "--lang", "en", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "desktop"), "TIRKEU_PASSWORD": "demo", "HOME": str(data)},
        check=False,
    )


def _sql(data: Path, statement: str) -> None:
    with unlocked(data) as ws:
        con = ws.db.connect()
        with con:
            con.execute(statement)
        con.close()


def test_a_changed_row_breaks_the_chain(demo_world: Path) -> None:
    data = demo_world / "akimat"
    _sql(data, "UPDATE audit_log SET action = 'record.draft' WHERE id = 5")
    with unlocked(data) as ws, ws.db.session() as s:
        report = verify_chain(s)
    assert not report.ok and report.broken_at == 5
    result = _cli(data, "--user", "admin", "audit", "verify")
    assert result.returncode == 1
    assert "broken at entry 5" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_removed_last_row_is_detected(demo_world: Path) -> None:
    data = demo_world / "akimat"
    assert _cli(data, "--user", "admin", "audit", "verify").returncode == 0
    _sql(data, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    with unlocked(data) as ws, ws.db.session() as s:
        report = verify_chain(s)
        total = len(list(s.scalars(select(AuditRow.id))))
    assert report.broken_at is None and report.truncated and not report.ok
    assert report.expected_entries == total + 1
    result = _cli(data, "--user", "admin", "audit", "verify")
    assert result.returncode == 1
    assert "newest entries were removed" in result.stderr


def test_a_new_entry_after_a_removal_does_not_hide_it(demo_world: Path) -> None:
    data = demo_world / "akimat"
    _sql(data, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    with unlocked(data) as ws:
        ws.sign_in("admin", "demo")
        with ws.db.session() as s:
            audit.append(s, user_id=1, action="test.after", entity="x", entity_id=1)
        with ws.db.session() as s:
            assert verify_chain(s).truncated


def test_all_rows_removed_is_detected(demo_world: Path) -> None:
    data = demo_world / "akimat"
    _sql(data, "DELETE FROM audit_log")
    with unlocked(data) as ws, ws.db.session() as s:
        assert not verify_chain(s).ok


def test_audit_entries_refuse_names_and_iins(office: Workspace) -> None:
    with office.db.session() as s:
        with pytest.raises(ValueError):
            audit.append(s, user_id=1, action="x", entity="x", entity_id=1, after={"surname": "A"})
        with pytest.raises(ValueError):
            audit.append(
                s, user_id=1, action="x", entity="x", entity_id=1, before={"x": "010203500017"}
            )
        with pytest.raises(ValueError):
            audit.append(
                s, user_id=1, action="x", entity="x", entity_id=1, after={"m": {"iin": "1"}}
            )


def test_the_demo_worlds_audit_log_holds_no_names_or_iins(demo_world: Path) -> None:
    with unlocked(demo_world / "akimat") as ws, ws.db.session() as s:
        texts = [str((r.before, r.after, r.entity_id)) for r in s.scalars(select(AuditRow)).all()]
        people = s.execute(
            select(ActRecordRow.child_surname, ActRecordRow.child_iin, ActRecordRow.mother_iin)
        ).all()
    assert texts
    secrets = {v for row in people for v in row if v and len(v) > 2}
    joined = "\n".join(texts)
    assert not re.search(r"\b\d{12}\b", joined)
    assert not [v for v in secrets if v in joined]


def test_nothing_writes_a_log_file() -> None:
    """Logs go nowhere on disk, so no log file can hold a name or an IIN."""
    pattern = re.compile(r"FileHandler|basicConfig\([^)]*filename|RotatingFileHandler")
    offenders = [
        str(p)
        for p in (ROOT / "desktop" / "tirkeu").rglob("*.py")
        if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_audit_view_filters_and_is_not_for_registrars(office: Workspace) -> None:
    with pytest.raises(PermissionDenied):
        AuditLogService(office, office.sign_in("reg", "secret2")).entries(AuditQuery())
    svc = AuditLogService(office, office.sign_in("head", "secret2"))
    everything = svc.entries(AuditQuery())
    assert [e.action for e in everything][-1] == "office.create"
    assert {e.action for e in svc.entries(AuditQuery(action="user.create"))} == {"user.create"}
    by_admin = svc.entries(AuditQuery(user_id=1))
    assert by_admin and all(e.username == "admin" for e in by_admin)
    assert svc.entries(AuditQuery(date_from=dt.date(2100, 1, 1))) == []
    today = svc.entries(AuditQuery(date_from=TODAY, date_to=TODAY))
    assert "office.create" in {e.action for e in today}
    assert len(today) < len(everything)
    assert "user.create" in svc.actions()
    assert svc.verify().ok
